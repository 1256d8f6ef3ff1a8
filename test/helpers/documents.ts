// The parties and claims the document tests print: a creditor with every legal mention,
// a debtor with a contact and a two-line street address, décomptes computed by the real
// penalty engine on the shipped rates, and a dossier whose files (an invoice PDF made by
// another library, reminders composed by nodemailer, the printed letter) are real files.

import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PDFDocument as PdfLibDocument, StandardFonts } from '@cantoo/pdf-lib';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { Day } from '../../src/domain/dates.js';
import type { Decompte, Settlement } from '../../src/domain/decompte.js';
import { decompteOf } from '../../src/domain/decompte.js';
import type { Cents } from '../../src/domain/money.js';
import { computePenalty } from '../../src/domain/penalty.js';
import { SHIPPED_RATES } from '../../src/domain/rates.js';
import type { Dossier, DossierFile } from '../../src/render/dossier-document.js';
import type { LetterCreditor, LetterDebtor, LetterDocument } from '../../src/render/letter-document.js';
import { renderLetterPdf } from '../../src/render/letter-pdf.js';
import { day } from './factories.js';

export const creditor: LetterCreditor = {
  name: 'Atelier Dupré & Fils',
  addressLines: ['12 rue de la Charité', '69002 Lyon'],
  siren: '852 123 456',
  legal: { form: 'SARL', capital: '10 000 €', rcs: 'RCS Lyon 852 123 456', vat: 'FR12852123456' },
  phone: '04 72 00 00 00',
  email: 'compta@dupre.example',
  place: 'Lyon',
  signatory: { name: 'Jeanne Dupré', title: 'Gérante' },
};

export const debtor: LetterDebtor = {
  name: 'Société Bâtiments Œuvre',
  contact: 'Service comptabilité',
  addressLines: ['Zone artisanale des Prés', '4 allée des Chênes'],
  postcode: '38200',
  city: 'Vienne',
  country: null,
};

export interface ClaimSpec {
  number: string;
  amount: Cents;
  issue?: string;
  due: string;
  settlements?: Settlement[];
  regime?: 'b2b' | 'b2c';
  notice?: string;
  insolvency?: string;
}

/** The décompte of these invoices as of `asOf`, through the penalty engine. */
export function decompteFor(specs: readonly ClaimSpec[], asOf: Day): Decompte {
  return decompteOf(
    specs.map((s) => {
      const settlements = s.settlements ?? [];
      const penalty = computePenalty(
        {
          principal: s.amount,
          dueDate: day(s.due),
          payments: settlements,
          endDate: asOf,
          regime: s.regime ?? 'b2b',
          noticeDate: s.notice ? day(s.notice) : null,
          insolvencyDate: s.insolvency ? day(s.insolvency) : null,
        },
        SHIPPED_RATES,
      );
      return { invoice: { number: s.number, issueDate: s.issue ? day(s.issue) : null, dueDate: day(s.due), amount: s.amount }, penalty, settlements };
    }),
    asOf,
  );
}

export const BODY = `Madame, Monsieur,

Malgré nos relances restées sans effet (12 octobre 2026, 2 novembre 2026), vous restez redevable des sommes suivantes :
- facture F-2026-014 du 1er septembre 2026, d’un montant de 1 200,00 €, échue le 30 septembre 2026 : reste dû 800,00 €

S’y ajoutent, en application de l’article L441-10 du Code de commerce, les pénalités de retard et l’indemnité forfaitaire pour frais de recouvrement de 40 € prévue à l’article D441-5.

Par la présente, nous vous mettons en demeure de nous régler ces sommes.

Veuillez agréer, Madame, Monsieur, l’expression de nos salutations distinguées.`;

export function letter(o: Partial<LetterDocument> = {}): LetterDocument {
  const today = day('2026-11-22');
  return {
    creditor,
    debtor,
    date: today,
    registered: true,
    subject: 'mise en demeure de payer la facture F-2026-014',
    body: BODY,
    deadlineDays: 8,
    decompte: decompteFor([{ number: 'F-2026-014', amount: 120_000, issue: '2026-09-01', due: '2026-09-30', settlements: [{ date: day('2026-10-15'), amount: 40_000 }] }], today),
    payment: null,
    ...o,
  };
}

/** An invoice PDF as an invoicing tool would make it (pdf-lib, Helvetica): not relance's own layout. */
export async function invoicePdf(number: string, lines: readonly string[]): Promise<Uint8Array> {
  const pdf = await PdfLibDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const page = pdf.addPage([595.28, 841.89]);
  page.drawText(`FACTURE ${number}`, { x: 60, y: 760, size: 18, font });
  lines.forEach((line, i) => page.drawText(line, { x: 60, y: 720 - i * 16, size: 11, font }));
  return pdf.save();
}

/** A reminder as it went out: MIME built by nodemailer, CRLF line ends, as the archive keeps it. */
export async function reminderEml(o: { to: string; subject: string; text?: string; html?: string; date: string; messageId: string; attachment?: string }): Promise<Uint8Array> {
  const mail = new MailComposer({
    from: 'Atelier Dupré & Fils <compta@dupre.example>',
    to: o.to,
    subject: o.subject,
    text: o.text,
    html: o.html,
    date: new Date(o.date),
    messageId: o.messageId,
    attachments: o.attachment ? [{ filename: o.attachment, content: Buffer.from('%PDF-1.4 stand-in') }] : [],
  });
  return new Uint8Array(await mail.compile().build());
}

export const DUE = '2026-09-30';

/** A dossier of one B2B invoice, partly paid, two reminders, a formal notice received, notes; files read from `dir`. */
export async function dossier(dir: string, o: Partial<Dossier> = {}): Promise<Dossier> {
  const today = day('2026-11-22');
  const write = async (name: string, bytes: Uint8Array): Promise<DossierFile> => {
    await writeFile(join(dir, name), bytes);
    return { name, bytes: new Uint8Array(await readFile(join(dir, name))) };
  };
  const invoiceFile = await write('facture-F-2026-014.pdf', await invoicePdf('F-2026-014', ['Client : Société Bâtiments Œuvre', 'Prestation de menuiserie, septembre 2026', 'Total TTC : 1 200,00 EUR', 'Echeance : 30/09/2026']));
  const first = await write(
    '2026-10-12-relance-1-F-2026-014.eml',
    await reminderEml({ to: 'compta@oeuvre.example', subject: 'Facture F-2026-014 échue', text: 'Bonjour,\n\nSauf erreur de notre part, la facture F-2026-014 reste impayée.\n\nCordialement', date: '2026-10-12T07:00:03Z', messageId: '<r1@dupre.example>', attachment: 'facture-F-2026-014.pdf' }),
  );
  const second = await write(
    '2026-11-02-relance-2-F-2026-014.eml',
    await reminderEml({ to: 'Service compta <compta@oeuvre.example>', subject: 'Deuxième relance : facture F-2026-014', html: '<p>Bonjour,</p><p>Malgré notre relance du 12&nbsp;octobre, le solde de <b>800,00&nbsp;€</b> reste dû.</p>', date: '2026-11-02T07:00:00Z', messageId: '<r2@dupre.example>' }),
  );
  const letterFile = await write('mise-en-demeure-F-2026-014.pdf', await renderLetterPdf(letter({ date: day('2026-11-05'), decompte: decompteFor([SPEC], day('2026-11-05')) })));
  return {
    today,
    reference: 'F-2026-014',
    creditor,
    debtor: { ...debtor, regime: 'b2b', siren: '443 061 841', email: 'compta@oeuvre.example', phone: '04 74 00 00 00' },
    decompte: decompteFor([SPEC], today),
    invoices: [{ number: 'F-2026-014', issueDate: day('2026-09-01'), dueDate: day(DUE), amount: 120_000, file: invoiceFile }],
    reminders: [
      { invoice: 'F-2026-014', step: 'relance-2', sentOn: day('2026-11-02'), message: second },
      { invoice: 'F-2026-014', step: 'relance-1', sentOn: day('2026-10-12'), message: first },
    ],
    notice: { date: day('2026-11-05'), postedOn: day('2026-11-05'), tracking: '1A 234 567 8901 2', receivedOn: day('2026-11-07'), letter: letterFile },
    notes: [
      { invoice: 'F-2026-014', date: day('2026-11-15'), kind: 'promise', text: 'M. Martin promet un virement', until: day('2026-11-20') },
      { invoice: 'F-2026-014', date: day('2026-11-10'), kind: 'call', text: 'Appel au service comptable : facture bien reçue', until: null },
    ],
    actions: [
      { invoice: 'F-2026-014', date: day('2026-10-12'), what: 'relance-1 (e-mail)', detail: 'compta@oeuvre.example' },
      { invoice: 'F-2026-014', date: day('2026-11-02'), what: 'relance-2 (e-mail)', detail: 'compta@oeuvre.example' },
      { invoice: 'F-2026-014', date: day('2026-11-05'), what: 'mise-en-demeure (letter)', detail: 'LRAR 1A 234 567 8901 2, reçue le 2026-11-07' },
      { invoice: 'F-2026-014', date: day('2026-11-10'), what: 'call', detail: 'Appel au service comptable : facture bien reçue' },
      { invoice: 'F-2026-014', date: day('2026-11-15'), what: 'promise', detail: 'until 2026-11-20' },
    ],
    disputedSince: null,
    contractual: true,
    nextStep: 'injonction',
    addressee: null,
    insolvency: null,
    creditorOutsideMetropole: false,
    ...o,
  };
}

export const SPEC: ClaimSpec = { number: 'F-2026-014', amount: 120_000, issue: '2026-09-01', due: DUE, settlements: [{ date: day('2026-10-15'), amount: 40_000 }] };
