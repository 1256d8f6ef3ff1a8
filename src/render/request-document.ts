// The request for the next step as structured text: headings, paragraphs, label–value
// fields (what a form asks, to copy into it) and lists. Built by pure functions, laid out
// by the dossier PDF, and readable as plain text. The parts every request shares are here:
// the parties, the amounts, the interest periods, the formal notice, the exhibits, the
// signature.

import type { Decompte } from '../domain/decompte.js';
import type { NextStep } from '../domain/next-step.js';
import { formatEurosFr } from '../domain/money.js';
import type { Day } from '../domain/dates.js';
import type { Dossier, DossierDebtor, DossierNotice, Exhibit } from './dossier-document.js';
import type { LetterCreditor } from './letter-document.js';
import { REGISTERED_MENTION, frenchPercent, longDate, shortDate } from './notice-wording.js';

export type RequestBlock =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'fields'; rows: readonly (readonly [label: string, value: string])[] }
  | { kind: 'list'; items: readonly string[] };

export interface RequestDocument {
  step: NextStep;
  title: string;
  blocks: RequestBlock[];
}

/** The request as plain text: headings underlined, fields as `label : value`, list items dashed. */
export function requestText(request: RequestDocument): string {
  const out: string[] = [request.title, '='.repeat([...request.title].length), ''];
  for (const block of request.blocks) {
    if (block.kind === 'heading') out.push(block.text, '-'.repeat([...block.text].length));
    else if (block.kind === 'paragraph') out.push(block.text);
    else if (block.kind === 'fields') for (const [label, value] of block.rows) out.push(`${label} : ${value}`);
    else for (const item of block.items) out.push(`- ${item}`);
    out.push('');
  }
  return out.join('\n');
}

const present = (rows: readonly (readonly [string, string | null | undefined])[]): [string, string][] =>
  rows.filter((r): r is [string, string] => typeof r[1] === 'string' && r[1].trim() !== '');

export function creditorFields(creditor: LetterCreditor): RequestBlock {
  const legal = creditor.legal;
  const form = legal?.form && legal.capital ? `${legal.form} au capital de ${legal.capital}` : legal?.form;
  const signatory = creditor.signatory.title ? `${creditor.signatory.name}, ${creditor.signatory.title}` : creditor.signatory.name;
  return {
    kind: 'fields',
    rows: present([
      ['Dénomination', creditor.name],
      ['Forme', form],
      ['SIREN', creditor.siren],
      ['RCS', legal?.rcs],
      ['N° de TVA', legal?.vat],
      ['Adresse', creditor.addressLines.join(', ')],
      ['Représentée par', signatory],
      ['Téléphone', creditor.phone],
      ['Courriel', creditor.email],
    ]),
  };
}

export function postalAddress(debtor: Pick<DossierDebtor, 'addressLines' | 'postcode' | 'city' | 'country'>): string {
  return [...debtor.addressLines, `${debtor.postcode} ${debtor.city.toUpperCase()}`, ...(debtor.country ? [debtor.country.toUpperCase()] : [])].join(', ');
}

export function debtorFields(debtor: DossierDebtor): RequestBlock {
  return {
    kind: 'fields',
    rows: present([
      [debtor.regime === 'b2c' ? 'Nom' : 'Dénomination', debtor.name],
      ['SIREN', debtor.siren],
      ['Adresse', postalAddress(debtor)],
      ['Contact', debtor.contact],
      ['Téléphone', debtor.phone],
      ['Courriel', debtor.email],
    ]),
  };
}

/** Principal left, interest, the €40 and the total, as of the décompte's date (or `asOf` given). */
export function amountFields(decompte: Decompte, asOf: Day = decompte.asOf): RequestBlock {
  const t = decompte.totals;
  const star = decompte.provisional ? ' (provisoire)' : '';
  return {
    kind: 'fields',
    rows: [
      ['Principal restant dû', formatEurosFr(t.balance)],
      [`Intérêts au ${longDate(asOf)}`, `${formatEurosFr(t.interest)}${star}`],
      ...(t.flatFee > 0 ? [['Indemnité forfaitaire pour frais de recouvrement (art. L441-10 et D441-5 C. com.)', formatEurosFr(t.flatFee)] as const] : []),
      ['Total', `${formatEurosFr(t.total)}${star}`],
    ],
  };
}

/** Each interest period, written out: the décompte a court reads in a requête. */
export function interestLines(decompte: Decompte): RequestBlock {
  const items: string[] = [];
  for (const d of decompte.invoices) {
    for (const row of d.rows) {
      if (row.kind !== 'period') continue;
      const star = row.provisional ? ' (taux provisoire)' : '';
      items.push(`Facture ${d.invoice.number} : du ${shortDate(row.from)} au ${shortDate(row.to)}, ${row.days} jours sur ${formatEurosFr(row.balance)} à ${frenchPercent(row.rate)}${star} : ${formatEurosFr(row.interest)}`);
    }
  }
  if (items.length === 0) items.push('Aucun intérêt décompté.');
  return { kind: 'list', items };
}

export function invoiceLines(dossier: Dossier): RequestBlock {
  return {
    kind: 'list',
    items: dossier.decompte.invoices.map((d) => {
      const issued = d.invoice.issueDate === null ? '' : ` du ${shortDate(d.invoice.issueDate)}`;
      return `Facture ${d.invoice.number}${issued}, échue le ${shortDate(d.invoice.dueDate)}, montant TTC ${formatEurosFr(d.invoice.amount)}, reste dû ${formatEurosFr(d.balance)}`;
    }),
  };
}

/** What the formal notice was and when it arrived; null when there was none. */
export function noticeSentence(notice: DossierNotice | null): string | null {
  if (notice === null) return null;
  const posted = notice.postedOn === null ? '' : `, envoyée le ${longDate(notice.postedOn)}`;
  const tracking = notice.tracking === null ? '' : ` (n° ${notice.tracking})`;
  const received = notice.receivedOn === null ? ', sans avis de réception enregistré' : `, reçue le ${longDate(notice.receivedOn)}`;
  return `Mise en demeure du ${longDate(notice.date)} par ${REGISTERED_MENTION.toLowerCase()}${posted}${tracking}${received}, restée sans effet.`;
}

export function exhibitList(exhibits: readonly Exhibit[]): RequestBlock {
  return { kind: 'list', items: exhibits.map((e) => `Pièce n° ${e.number} : ${e.title}`) };
}

/** Place, date and signatory in one paragraph: laid out, it stays on one page. */
export function signature(creditor: LetterCreditor, today: Day): RequestBlock[] {
  const who = creditor.signatory.title ? `${creditor.signatory.name}, ${creditor.signatory.title}` : creditor.signatory.name;
  return [{ kind: 'paragraph', text: `Fait à ${creditor.place}, le ${longDate(today)}\n\n${who}\npour ${creditor.name}` }];
}

/** The addressee's lines, or a line to fill in. */
export function addresseeLines(dossier: Dossier, role: string): RequestBlock {
  const a = dossier.addressee;
  return { kind: 'paragraph', text: a === null ? `À l’attention de : ${role} (nom et adresse à compléter)` : [a.name, ...a.addressLines].join('\n') };
}
