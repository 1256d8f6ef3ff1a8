// An escalation dossier from what relance knows of a claim: the invoices (the files'
// view), the journal (reminders sent, the letter and its proof, calls, promises,
// disputes), the archive's messages and the printed letter, read by the command and
// passed here as bytes. Pure: it chooses and names, it reads nothing.

import type { Claim } from '../domain/claim.js';
import { claimDecompte } from '../domain/claim-decompte.js';
import type { Creditor } from '../domain/creditor.js';
import type { Day } from '../domain/dates.js';
import { formatIsoDay, parseIsoDay } from '../domain/dates.js';
import type { History } from '../domain/history.js';
import { emptyHistory } from '../domain/history.js';
import type { Invoice } from '../domain/invoice.js';
import type { JournalEntry } from '../domain/journal-entry.js';
import { debtorAddress } from '../domain/letter-address.js';
import type { NextStep } from '../domain/next-step.js';
import { suggestedStep } from '../domain/next-step.js';
import type { Dossier, DossierAction, DossierFile, DossierNote, DossierReminder } from './dossier-document.js';
import { dossierFacts } from './next-step-request.js';
import { letterCreditor } from './letter-parties.js';

export interface ClaimRecords {
  invoices: readonly Invoice[];
  claims: ReadonlyMap<string, Claim>;
  histories: ReadonlyMap<string, History>;
  /** The journal's lines about these invoices, in file order. */
  entries: readonly JournalEntry[];
  /** The archived message of each Message-ID found, as it went out. */
  messages: ReadonlyMap<string, Uint8Array>;
  /** Each invoice's PDF, by number, when the file names one and it could be read. */
  invoiceFiles: ReadonlyMap<string, DossierFile>;
  /** The printed formal notice (`.relance/letters/…pdf`), when there is one. */
  letter: DossierFile | null;
  creditor: Creditor;
  creditorOutsideMetropole: boolean;
  today: Day;
  /** `--for`; null: the step the claim suggests. */
  step: NextStep | null;
}

export function dossierOfClaim(r: ClaimRecords): { dossier: Dossier; uncomputed: [] } | { dossier: null; uncomputed: string[] } {
  const { invoices, today } = r;
  const first = invoices[0]!;
  const { decompte, uncomputed } = claimDecompte(invoices, r.claims, r.histories, today);
  if (decompte === null) return { dossier: null, uncomputed };
  const history = (n: string): History => r.histories.get(n) ?? emptyHistory(n);

  const reminders: DossierReminder[] = [];
  const seen = new Set<string>();
  for (const invoice of invoices) {
    for (const p of history(invoice.number).previous) {
      if (p.messageId === null || seen.has(p.messageId)) continue;
      const bytes = r.messages.get(p.messageId);
      if (bytes === undefined) continue;
      seen.add(p.messageId);
      reminders.push({ invoice: invoice.number, step: p.step, sentOn: p.date, message: { name: `${formatIsoDay(p.date)}-${p.step}-${invoice.number}.eml`, bytes } });
    }
  }

  // The formal notice: the journal's record (with its proof), else the file's notice_date.
  const proof = invoices.map((i) => history(i.number).notice).find((n) => n !== null) ?? null;
  const fileNotice = invoices.map((i) => i.noticeDate).find((d) => d !== null) ?? null;
  const notice =
    proof !== null
      ? { date: proof.postedOn, postedOn: proof.postedOn, tracking: proof.tracking, receivedOn: proof.receivedOn, letter: r.letter }
      : fileNotice !== null
        ? { date: fileNotice, postedOn: null, tracking: null, receivedOn: null, letter: r.letter }
        : null;

  const notes: DossierNote[] = [];
  const actions: DossierAction[] = [];
  for (const e of r.entries) {
    const date = parseIsoDay(e.date);
    if (date === null) continue;
    if (e.type === 'record' && (e.event === 'call' || e.event === 'promise')) {
      notes.push({ invoice: e.invoice, date, kind: e.event, text: e.note, until: e.until === null ? null : parseIsoDay(e.until) });
    }
    const action = actionOf(e);
    if (action !== null) actions.push({ invoice: e.invoice, date, ...action });
  }

  const disputed = invoices.map((i) => history(i.number).disputedSince ?? (r.claims.get(i.number)?.status === 'disputed' ? today : null)).find((d) => d !== null) ?? null;
  const insolvent = invoices.find((i) => i.insolvencyDate !== null) ?? null;
  const dossier: Dossier = {
    today,
    reference: invoices.length === 1 ? first.number : first.client,
    creditor: letterCreditor(r.creditor),
    debtor: { ...debtorAddress(first), regime: first.clientType, siren: null, email: first.emails[0] ?? null, phone: null },
    decompte,
    invoices: invoices.map((i) => ({ number: i.number, issueDate: i.issueDate, dueDate: i.dueDate, amount: i.amount, file: r.invoiceFiles.get(i.number) ?? null })),
    reminders,
    notice,
    notes,
    actions,
    disputedSince: disputed,
    contractual: true,
    nextStep: 'injonction',
    addressee: null,
    insolvency: insolvent === null ? null : { proceeding: null, judgment: insolvent.insolvencyDate!, bodacc: insolvent.bodaccDate, court: null },
    creditorOutsideMetropole: r.creditorOutsideMetropole,
  };
  return { dossier: { ...dossier, nextStep: r.step ?? suggestedStep(dossierFacts(dossier)) }, uncomputed: [] };
}

/** A journal line as the agency reads it: `relance-1 (e-mail)`, `call`, `letter`…; null for what did not happen (an intent, a failure). */
function actionOf(e: JournalEntry): { what: string; detail: string | null } | null {
  if (e.type === 'sent') return { what: `${e.step} (e-mail)`, detail: e.to?.join(', ') ?? e.subject };
  if (e.type === 'issued') return { what: `${e.step} (${e.channel ?? 'to-do'})`, detail: null };
  if (e.type !== 'record' || e.event === null || e.event === 'not-sent' || e.event === 'retry') return null;
  const proof = [e.tracking === undefined ? null : `LRAR ${e.tracking}`, e.received === undefined ? null : `reçue le ${e.received}`].filter((x) => x !== null).join(', ');
  const detail = [e.note, e.until === null ? null : `until ${e.until}`, e.amount === undefined ? null : `${e.amount} paid`, proof === '' ? null : proof].filter((x) => x !== null).join('; ');
  return { what: e.step !== null && (e.event === 'letter' || e.event === 'call') ? `${e.step} (${e.event})` : e.event, detail: detail === '' ? null : detail };
}
