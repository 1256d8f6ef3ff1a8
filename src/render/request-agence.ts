// The hand-off to a collection agency: one line per invoice, in CSV and JSON, with the
// debtor's identity and contact, the amounts, the dates and every action taken, so the
// agency starts where relance stopped. Amounts as `1234.50`, dates as `YYYY-MM-DD`, as in
// every relance export; the dossier's request section says what the files hold.

import { formatIsoDay } from '../domain/dates.js';
import type { Day } from '../domain/dates.js';
import { formatCents } from '../domain/money.js';
import { csvLine } from './csv.js';
import type { Dossier, Exhibit } from './dossier-document.js';
import { amountFields, creditorFields, debtorFields, exhibitList, invoiceLines, noticeSentence, postalAddress, signature, type RequestDocument } from './request-document.js';

export const AGENCY_COLUMNS = [
  'invoice', 'issue_date', 'due_date', 'amount', 'paid', 'balance', 'interest', 'flat_fee', 'total', 'provisional',
  'debtor', 'debtor_siren', 'debtor_address', 'debtor_postcode', 'debtor_city', 'debtor_country', 'contact', 'email', 'phone',
  'notice_date', 'notice_posted', 'notice_tracking', 'notice_received', 'disputed_since', 'actions',
] as const;
export type AgencyLine = Record<(typeof AGENCY_COLUMNS)[number], string | null>;

export const AGENCY_FILES = { csv: 'agence.csv', json: 'agence.json' } as const;

const iso = (d: Day | null): string | null => (d === null ? null : formatIsoDay(d));

export function agencyLines(dossier: Dossier): AgencyLine[] {
  const { debtor, notice } = dossier;
  return dossier.decompte.invoices.map((d) => {
    const actions = dossier.actions
      .filter((a) => a.invoice === d.invoice.number)
      .sort((a, b) => a.date - b.date)
      .map((a) => `${formatIsoDay(a.date)} ${a.what}${a.detail ? `: ${a.detail}` : ''}`);
    return {
      invoice: d.invoice.number,
      issue_date: iso(d.invoice.issueDate),
      due_date: formatIsoDay(d.invoice.dueDate),
      amount: formatCents(d.invoice.amount),
      paid: formatCents(d.paid),
      balance: formatCents(d.balance),
      interest: formatCents(d.interest),
      flat_fee: formatCents(d.flatFee),
      total: formatCents(d.total),
      provisional: d.provisional ? 'yes' : 'no',
      debtor: debtor.name,
      debtor_siren: debtor.siren,
      debtor_address: debtor.addressLines.join(', '),
      debtor_postcode: debtor.postcode,
      debtor_city: debtor.city,
      debtor_country: debtor.country,
      contact: debtor.contact,
      email: debtor.email,
      phone: debtor.phone,
      notice_date: iso(notice?.date ?? null),
      notice_posted: iso(notice?.postedOn ?? null),
      notice_tracking: notice?.tracking ?? null,
      notice_received: iso(notice?.receivedOn ?? null),
      disputed_since: iso(dossier.disputedSince),
      actions: actions.join('; '),
    };
  });
}

/** `agence.csv`: a header line, then one line per invoice (actions joined by `; `). */
export function agencyCsv(dossier: Dossier): string {
  return csvLine([...AGENCY_COLUMNS]) + agencyLines(dossier).map((line) => csvLine(AGENCY_COLUMNS.map((c) => line[c]))).join('');
}

/** `agence.json`: the creditor, the date, and the same lines, actions as a list. */
export function agencyJson(dossier: Dossier): string {
  const { creditor } = dossier;
  const invoices = agencyLines(dossier).map((line) => ({
    ...line,
    actions: dossier.actions
      .filter((a) => a.invoice === line.invoice)
      .sort((a, b) => a.date - b.date)
      .map((a) => ({ date: formatIsoDay(a.date), what: a.what, detail: a.detail })),
  }));
  const json = {
    as_of: formatIsoDay(dossier.decompte.asOf),
    creditor: { name: creditor.name, siren: creditor.siren, address: creditor.addressLines.join(', '), email: creditor.email, phone: creditor.phone },
    debtor_address: postalAddress(dossier.debtor),
    invoices,
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

export function agencyRequest(dossier: Dossier, exhibits: readonly Exhibit[]): RequestDocument {
  const notice = noticeSentence(dossier.notice);
  return {
    step: 'agence',
    title: 'Transmission d’un dossier de recouvrement',
    blocks: [
      { kind: 'paragraph', text: 'Nous vous confions le recouvrement de la créance ci-dessous. Le détail de chaque facture et de chaque démarche effectuée figure dans les fichiers joints.' },
      { kind: 'heading', text: 'Créancier' },
      creditorFields(dossier.creditor),
      { kind: 'heading', text: 'Débiteur' },
      debtorFields(dossier.debtor),
      { kind: 'heading', text: 'Montant de la créance' },
      amountFields(dossier.decompte),
      { kind: 'heading', text: 'Factures' },
      invoiceLines(dossier),
      ...(notice === null ? [] : [{ kind: 'paragraph' as const, text: notice }]),
      { kind: 'heading', text: 'Démarches effectuées' },
      { kind: 'list', items: dossier.actions.length === 0 ? ['Aucune démarche enregistrée.'] : [...dossier.actions].sort((a, b) => a.date - b.date).map((a) => `${formatIsoDay(a.date)} – facture ${a.invoice} – ${a.what}${a.detail ? ` : ${a.detail}` : ''}`) },
      { kind: 'heading', text: 'Fichiers joints' },
      { kind: 'list', items: [`${AGENCY_FILES.csv} et ${AGENCY_FILES.json} : une ligne par facture (débiteur, contact, montants, dates, démarches)`] },
      { kind: 'heading', text: 'Pièces' },
      exhibitList(exhibits),
      ...signature(dossier.creditor, dossier.today),
    ],
  };
}
