// Whether a letter can be posted to an invoice's client: its postal address as the envelope
// window needs it (postal-address.ts). `send` skips a letter step that lacks it, with the
// fix, and `check` says it beforehand; both ask here.

import type { Invoice } from './invoice.js';
import type { PostalAddress } from './postal-address.js';
import { windowLines } from './postal-address.js';

/** The client as the envelope window shows it; empty parts are what `windowLines` names as missing. */
export function debtorAddress(invoice: Pick<Invoice, 'client' | 'contactName' | 'clientAddress'>): PostalAddress {
  const a = invoice.clientAddress;
  return { name: invoice.client, contact: invoice.contactName, addressLines: a?.lines ?? [], postcode: a?.postcode ?? '', city: a?.city ?? '', country: a?.country ?? null };
}

export const ADDRESS_FIX = 'add the client’s address: an Adresse column in the invoice file, or address in the client directory (clients: in relance.yaml)';

/** Why a letter for `step` cannot be addressed to this invoice's client, each with its fix; empty when it can. */
export function letterAddressProblems(invoice: Pick<Invoice, 'number' | 'client' | 'contactName' | 'clientAddress'>, step: string, when = 'due now'): { field: string; message: string; hint: string }[] {
  const due = `the letter step "${step}" of invoice ${invoice.number} is ${when}`;
  if (invoice.clientAddress === null || invoice.clientAddress.lines.length === 0 && invoice.clientAddress.postcode === '' && invoice.clientAddress.city === '') {
    return [{ field: 'client_address', message: `${due} but ${invoice.client} has no postal address`, hint: ADDRESS_FIX }];
  }
  return windowLines(debtorAddress(invoice)).problems.map((p) => ({ field: 'client_address', message: `${due}: ${p.message}`, hint: p.hint }));
}
