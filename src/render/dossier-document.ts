// What an escalation dossier holds, before any layout: the parties, the décompte as of
// today, the invoices (with their PDF when the file names one), every reminder sent (the
// archived message's bytes), the formal notice and its posting and receipt, the call and
// promise notes, every action for the agency hand-off, and the next step asked for. The
// exhibits (pièces) are numbered here once, for the bordereau, the PDF and the requests.

import type { ClientType } from '../domain/invoice.js';
import type { Cents } from '../domain/money.js';
import type { Day } from '../domain/dates.js';
import type { Decompte } from '../domain/decompte.js';
import type { NextStep } from '../domain/next-step.js';
import type { PostalAddress } from '../domain/postal-address.js';
import type { LetterCreditor } from './letter-document.js';
import { longDate } from './notice-wording.js';

export interface DossierFile {
  /** The original file's name, kept in the ZIP. */
  name: string;
  bytes: Uint8Array;
}

export interface DossierDebtor extends PostalAddress {
  regime: ClientType;
  siren: string | null;
  email: string | null;
  phone: string | null;
}

export interface DossierInvoice {
  number: string;
  issueDate: Day | null;
  dueDate: Day;
  amount: Cents;
  /** The invoice PDF, merged as is. */
  file: DossierFile | null;
}

export interface DossierReminder {
  invoice: string;
  step: string;
  sentOn: Day;
  /** The message as it went out (.eml). */
  message: DossierFile;
}

export interface DossierNotice {
  /** The letter's own date. */
  date: Day;
  postedOn: Day | null;
  tracking: string | null;
  receivedOn: Day | null;
  /** The letter as printed (`.relance/letters/…pdf`), merged as is. */
  letter: DossierFile | null;
}

export interface DossierNote {
  invoice: string;
  date: Day;
  kind: 'call' | 'promise';
  text: string | null;
  /** A promise's date. */
  until: Day | null;
}

/** Anything done on an invoice, for the agency: reminders, letters, calls, promises, disputes, pauses. */
export interface DossierAction {
  invoice: string;
  date: Day;
  /** `relance-1 (e-mail)`, `call`, `promise`, `letter`… */
  what: string;
  detail: string | null;
}

/** Who receives the request: the commissaire de justice, the mandataire; null leaves a line to fill in. */
export interface Addressee {
  name: string;
  addressLines: readonly string[];
}

export interface DossierInsolvency {
  /** `redressement judiciaire`, `liquidation judiciaire`, `sauvegarde`. */
  proceeding: string | null;
  judgment: Day;
  bodacc: Day | null;
  court: string | null;
}

export interface Dossier {
  today: Day;
  /** Names the dossier's files: the invoice number, or the client for several. */
  reference: string;
  creditor: LetterCreditor;
  debtor: DossierDebtor;
  decompte: Decompte;
  invoices: readonly DossierInvoice[];
  reminders: readonly DossierReminder[];
  notice: DossierNotice | null;
  notes: readonly DossierNote[];
  actions: readonly DossierAction[];
  /** A dispute recorded and not resolved. */
  disputedSince: Day | null;
  /** The invoices arise from a contract (goods, services): the small-claims procedure takes only those. */
  contractual: boolean;
  nextStep: NextStep;
  addressee: Addressee | null;
  insolvency: DossierInsolvency | null;
  creditorOutsideMetropole: boolean;
}

export const STEP_TITLES: Readonly<Record<NextStep, string>> = {
  'petites-creances': 'Procédure simplifiée de recouvrement des petites créances',
  injonction: 'Requête en injonction de payer',
  agence: 'Transmission à une société de recouvrement',
  declaration: 'Déclaration de créance',
};

export type ExhibitSource =
  | { kind: 'decompte' }
  | { kind: 'invoice'; invoice: DossierInvoice; file: DossierFile }
  | { kind: 'reminder'; reminder: DossierReminder }
  | { kind: 'notice'; notice: DossierNotice }
  | { kind: 'notes'; notes: readonly DossierNote[] };

export interface Exhibit {
  number: number;
  title: string;
  source: ExhibitSource;
}

/** The pièces in the order they are bound: décompte, invoices, reminders, formal notice, notes. */
export function exhibitsOf(dossier: Dossier): Exhibit[] {
  const sources: { title: string; source: ExhibitSource }[] = [{ title: `Décompte des sommes dues au ${longDate(dossier.decompte.asOf)}`, source: { kind: 'decompte' } }];
  for (const invoice of dossier.invoices) {
    if (invoice.file === null) continue;
    const issued = invoice.issueDate === null ? '' : ` du ${longDate(invoice.issueDate)}`;
    sources.push({ title: `Facture ${invoice.number}${issued}`, source: { kind: 'invoice', invoice, file: invoice.file } });
  }
  const reminders = [...dossier.reminders].sort((a, b) => a.sentOn - b.sentOn);
  for (const reminder of reminders) {
    sources.push({ title: `Relance du ${longDate(reminder.sentOn)} par courriel (facture ${reminder.invoice})`, source: { kind: 'reminder', reminder } });
  }
  const notice = dossier.notice;
  if (notice !== null) {
    const receipt = notice.receivedOn === null ? '' : `, reçue le ${longDate(notice.receivedOn)}`;
    const tracking = notice.tracking === null ? '' : ` n° ${notice.tracking}`;
    sources.push({ title: `Mise en demeure du ${longDate(notice.date)}, lettre recommandée${tracking}${receipt}`, source: { kind: 'notice', notice } });
  }
  if (dossier.notes.length > 0) {
    sources.push({ title: `Notes d’appels et de promesses de paiement (${dossier.notes.length})`, source: { kind: 'notes', notes: [...dossier.notes].sort((a, b) => a.date - b.date) } });
  }
  return sources.map((s, i) => ({ number: i + 1, ...s }));
}
