// The formal notice as a PDF ready to post: A4, the sender's block top left, the debtor's
// address where a French window envelope shows it, place and date, the registered-letter
// mention, subject, body, the amount with the deadline counted from receipt and the
// optional SEPA QR code under it, the signatory, page numbers, and an annex page with the
// décompte and the invoices. The text is the template's: the layout adds only the
// mentions listed here.
//
// The envelope window. A French DL envelope (110 × 220 mm, NF EN ISO 269) or C5 (162 × 229
// mm) has its window on the right: 100 × 45 mm, 20 mm from the right edge and 15 mm from
// the bottom (makers' tables, e.g. "Normes pour enveloppes à fenêtre", studylibfr.com/doc/
// 2273411, 100 × 45 windows). Mailing houses working to La Poste's rules put the address
// frame "3,3 cm de haut sur 8,5 cm de large … à 5,5 cm du bord supérieur … et à 11 cm du
// bord gauche" (edics.fr/rediger-vos-adresses-les-bonnes-pratiques). A sheet folded in three
// (99 mm) moves in the envelope, up to 10 mm across and 11 mm down: the part of it always
// behind the window is 100–190 mm from its left edge and 50–84 mm from its top. relance
// prints the address in a frame inside it: 110–190 mm across, 55–83 mm down.

import type { Decompte } from '../domain/decompte.js';
import { formatEurosFr } from '../domain/money.js';
import type { AddressProblem } from '../domain/postal-address.js';
import { ADDRESS_LINE_CHARACTERS, windowLines } from '../domain/postal-address.js';
import { PROVISIONAL_NOTE, drawDecompte } from './decompte-pdf.js';
import type { LetterCreditor, LetterDocument, LetterPayment } from './letter-document.js';
import { amountClaimed, legalMentions } from './letter-document.js';
import { REGISTERED_MENTION, longDate, receiptDeadline } from './notice-wording.js';
import { A4_WIDTH_MM, BOLD, MARGIN_MM, REGULAR, keepSpace, mm, newPdf, numberPages, pdfBytes } from './pdf-page.js';
import { drawQr } from './qr-pdf.js';

/** What shows through the window of a DL or C5 envelope whatever the sheet's play, in mm from the sheet's top-left corner. */
export const ENVELOPE_WINDOW_MM = { left: 100, top: 50, width: 90, height: 34 } as const;
/** Where the address is printed, inside that window. */
export const ADDRESS_FRAME_MM = { left: 110, top: 55, width: 80, height: 28 } as const;
/** The sheet is folded in three: 99 mm panels. */
const FOLDS_MM = [99, 198];
const QR_MM = 30;
const TEXT_WIDTH = mm(A4_WIDTH_MM - 2 * MARGIN_MM);

/** The debtor's address cannot be printed in the window: what is missing, for the skipped invoice's reason. */
export class LetterAddressError extends Error {
  readonly problems: readonly AddressProblem[];
  constructor(problems: readonly AddressProblem[]) {
    super(problems.map((p) => `${p.message} — ${p.hint}`).join('; '));
    this.name = 'LetterAddressError';
    this.problems = problems;
  }
}

export async function renderLetterPdf(letter: LetterDocument): Promise<Buffer> {
  const address = windowLines(letter.debtor);
  if (address.problems.length > 0) throw new LetterAddressError(address.problems);
  const doc = newPdf({ title: letter.subject, author: letter.creditor.name, date: letter.date });

  drawFoldMarks(doc);
  const senderBottom = drawSender(doc, letter.creditor);
  drawAddress(doc, address.lines);

  doc.font(REGULAR).fontSize(10);
  doc.text(`Fait à ${letter.creditor.place}, le ${longDate(letter.date)}`, mm(ADDRESS_FRAME_MM.left), Math.max(mm(98), senderBottom + mm(6)), { width: mm(ADDRESS_FRAME_MM.width) });
  doc.moveDown(1.5);
  doc.x = mm(MARGIN_MM);
  if (letter.registered) doc.font(BOLD).text(REGISTERED_MENTION, { width: TEXT_WIDTH });
  doc.moveDown(0.5);
  doc.font(BOLD).text(`Objet : ${letter.subject}`, { width: TEXT_WIDTH });
  doc.moveDown(1);

  drawBody(doc, letter.body);
  drawAmount(doc, letter);
  drawSignatory(doc, letter.creditor);

  doc.addPage();
  doc.font(BOLD).fontSize(13).text('Annexe : décompte des sommes dues', mm(MARGIN_MM), doc.y, { width: TEXT_WIDTH });
  doc.font(REGULAR).fontSize(9).text(`Jointe à la lettre du ${longDate(letter.date)} ; décompte arrêté au ${longDate(letter.decompte.asOf)}.`, { width: TEXT_WIDTH });
  doc.moveDown(1);
  drawDecompte(doc, letter.decompte);

  numberPages(doc);
  return pdfBytes(doc);
}

function drawFoldMarks(doc: PDFKit.PDFDocument): void {
  doc.save().lineWidth(0.4).strokeColor('#999999');
  for (const y of FOLDS_MM) doc.moveTo(0, mm(y)).lineTo(mm(5), mm(y)).stroke();
  doc.restore();
}

/** The sender's block, top left; returns where it ends. */
function drawSender(doc: PDFKit.PDFDocument, creditor: LetterCreditor): number {
  const width = mm(70);
  doc.font(BOLD).fontSize(11).text(creditor.name, mm(MARGIN_MM), mm(15), { width });
  doc.font(REGULAR).fontSize(9);
  for (const line of creditor.addressLines) doc.text(line, { width });
  if (creditor.phone) doc.text(`Tél. ${creditor.phone}`, { width });
  if (creditor.email) doc.text(creditor.email, { width });
  const mentions = legalMentions(creditor);
  if (mentions.length > 0) {
    doc.moveDown(0.3).fontSize(7.5).fillColor('#333333');
    for (const line of packed(doc, mentions, width)) doc.text(line, { width });
    doc.fillColor('black');
  }
  return doc.y;
}

/** Mentions joined by dashes on as few lines as fit, never one cut in two. */
function packed(doc: PDFKit.PDFDocument, items: readonly string[], width: number): string[] {
  const lines: string[] = [];
  for (const item of items) {
    const last = lines[lines.length - 1];
    if (last !== undefined && doc.widthOfString(`${last} – ${item}`) <= width) lines[lines.length - 1] = `${last} – ${item}`;
    else lines.push(item);
  }
  return lines;
}

function drawAddress(doc: PDFKit.PDFDocument, lines: readonly string[]): void {
  const frame = ADDRESS_FRAME_MM;
  // La Poste reads 38 characters a line at 10 pt; a longer line is printed smaller to stay in the frame.
  const longest = Math.max(...lines.map((l) => [...l].length));
  const size = longest <= ADDRESS_LINE_CHARACTERS ? 10 : Math.max(8, (10 * ADDRESS_LINE_CHARACTERS) / longest);
  // 1 mm inside the frame: the glyphs' full height stays in it.
  let y = mm(frame.top + 1);
  lines.forEach((line, i) => {
    doc.font(i === 0 ? BOLD : REGULAR).fontSize(size);
    doc.text(line, mm(frame.left), y, { width: mm(frame.width), lineBreak: false });
    y += size * 1.25;
  });
}

/** Paragraphs split on blank lines; a single line break stays a line break (lists). */
function drawBody(doc: PDFKit.PDFDocument, body: string): void {
  const paragraphs = body
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  doc.font(REGULAR).fontSize(10);
  for (const p of paragraphs) {
    doc.text(p, mm(MARGIN_MM), doc.y, { width: TEXT_WIDTH, lineGap: 1.5 });
    doc.moveDown(0.7);
  }
}

/** `FR76 3000 6000 0112 3456 7890 189`: an IBAN as people read it. */
export function groupedIban(iban: string): string {
  return iban.replace(/\s/g, '').replace(/(.{4})(?=.)/g, '$1 ');
}

function drawAmount(doc: PDFKit.PDFDocument, letter: LetterDocument): void {
  const decompte: Decompte = letter.decompte;
  const payment: LetterPayment | null = letter.payment;
  const qr = payment?.epcPayload ?? null;
  keepSpace(doc, mm(qr ? QR_MM + 12 : 30));
  doc.moveDown(0.3);
  const top = doc.y;
  const width = qr ? mm(125) : TEXT_WIDTH;
  const star = decompte.provisional ? ' *' : '';
  doc.font(BOLD).fontSize(11).text(`Somme réclamée au ${longDate(decompte.asOf)} : ${formatEurosFr(amountClaimed(letter))}${star}`, mm(MARGIN_MM), top, { width });
  if (letter.credit) {
    const notes = letter.credit.notes.join(', ');
    doc.font(REGULAR).fontSize(9).text(`soit ${formatEurosFr(decompte.totals.total)} selon le décompte, moins ${formatEurosFr(letter.credit.amount)} d’avoir en votre faveur${notes === '' ? '' : ` (${notes})`}`, { width });
  }
  if (decompte.provisional) doc.font(REGULAR).fontSize(9).text('(montant provisoire)', { width });
  doc.font(BOLD).fontSize(10).text(`À régler ${receiptDeadline(letter.deadlineDays)}.`, { width });
  if (payment) {
    doc.moveDown(0.3).font(REGULAR).fontSize(9);
    doc.text(`Virement : IBAN ${groupedIban(payment.iban)}${payment.bic ? ` – BIC ${payment.bic}` : ''}`, { width });
    doc.text(`Référence à indiquer : ${payment.reference}`, { width });
  }
  let bottom = doc.y;
  if (qr) {
    const x = mm(A4_WIDTH_MM - MARGIN_MM - QR_MM);
    drawQr(doc, qr, x, top, mm(QR_MM));
    doc.font(REGULAR).fontSize(7).text('QR code de virement SEPA', x, top + mm(QR_MM) + 1, { width: mm(QR_MM), align: 'center' });
    bottom = Math.max(bottom, doc.y);
  }
  doc.x = mm(MARGIN_MM);
  doc.y = bottom + mm(4);
  if (decompte.provisional) {
    doc.font(REGULAR).fontSize(8).text(PROVISIONAL_NOTE, mm(MARGIN_MM), doc.y, { width: TEXT_WIDTH });
    doc.moveDown(0.5);
  }
}

function drawSignatory(doc: PDFKit.PDFDocument, creditor: LetterCreditor): void {
  // The name and title, and room for the handwritten signature under them: kept on the
  // page of the amount when they fit, rather than alone on a page of their own.
  keepSpace(doc, mm(24));
  doc.moveDown(0.5);
  const x = mm(ADDRESS_FRAME_MM.left);
  doc.font(BOLD).fontSize(10).text(creditor.signatory.name, x, doc.y, { width: mm(80) });
  if (creditor.signatory.title) doc.font(REGULAR).text(creditor.signatory.title, x, doc.y, { width: mm(80) });
  doc.x = mm(MARGIN_MM);
  doc.moveDown(3);
}
