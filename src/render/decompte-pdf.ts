// The décompte drawn as a table on PDF pages: the letter's annex and the dossier's exhibit
// draw the same thing. One line per row, the header repeated on each new page, provisional
// figures starred with the note that explains them.

import type { Decompte, DecompteRow, InvoiceDecompte } from '../domain/decompte.js';
import { formatEurosFr } from '../domain/money.js';
import { BOLD, MARGIN_MM, REGULAR, keepSpace, mm } from './pdf-page.js';
import { frenchPercent, longDate, shortDate } from './notice-wording.js';

export const PROVISIONAL_NOTE =
  '* Montant provisoire : calculé au dernier taux de référence connu, reporté faute de taux publié pour la période ; il sera ajusté au taux publié.';

const ROW_HEIGHT = 14;
/** Column left edges and widths, in mm from the left margin; 170 mm in all. */
const COLUMNS = [
  { key: 'when', x: 0, w: 42, align: 'left' },
  { key: 'what', x: 42, w: 56, align: 'left' },
  { key: 'days', x: 98, w: 12, align: 'right' },
  { key: 'base', x: 110, w: 24, align: 'right' },
  { key: 'rate', x: 134, w: 14, align: 'right' },
  { key: 'amount', x: 148, w: 22, align: 'right' },
] as const;
type Cells = Partial<Record<(typeof COLUMNS)[number]['key'], string>>;

const money = formatEurosFr;
/** A payment reduces what is owed: `-400,00 €`. */
const minus = (cents: number): string => money(-cents);

function interestLabel(d: InvoiceDecompte): string {
  if (d.regime === 'public') return 'Intérêts moratoires (R2192-31 C. commande publique)';
  return d.regime === 'b2b' ? 'Intérêts de retard (L441-10 C. com.)' : 'Intérêts au taux légal (1231-6 C. civ.)';
}

function cellsOf(row: DecompteRow, d: InvoiceDecompte): Cells {
  switch (row.kind) {
    case 'invoice':
      return { when: `échue le ${shortDate(row.date)}`, what: `Facture ${d.invoice.number} (TTC)`, amount: money(row.amount) };
    case 'period':
      return {
        when: `${shortDate(row.from)} – ${shortDate(row.to)}`,
        what: interestLabel(d),
        days: String(row.days),
        base: money(row.balance),
        rate: frenchPercent(row.rate),
        amount: `${money(row.interest)}${row.provisional ? ' *' : ''}`,
      };
    case 'payment':
    case 'credit':
      return { when: shortDate(row.date), what: `${row.kind === 'credit' ? 'Avoir' : 'Règlement reçu'}${row.undated ? ' (non daté)' : ''}`, amount: minus(row.amount) };
  }
}

function drawCells(doc: PDFKit.PDFDocument, cells: Cells, bold = false): void {
  const y = doc.y;
  doc.font(bold ? BOLD : REGULAR).fontSize(8.5);
  for (const c of COLUMNS) {
    const text = cells[c.key];
    // One line a cell: a longer text is cut with an ellipsis rather than run into the next row.
    if (text) doc.text(text, mm(MARGIN_MM + c.x), y, { width: mm(c.w) - 3, height: ROW_HEIGHT - 2, align: c.align, ellipsis: true });
  }
  doc.x = mm(MARGIN_MM);
  doc.y = y + ROW_HEIGHT;
}

function rule(doc: PDFKit.PDFDocument): void {
  doc.moveTo(mm(MARGIN_MM), doc.y - 3).lineTo(mm(MARGIN_MM + 170), doc.y - 3).lineWidth(0.5).strokeColor('#888888').stroke().strokeColor('black');
}

const HEADER: Cells = { when: 'Date / période', what: 'Libellé', days: 'Jours', base: 'Base', rate: 'Taux', amount: 'Montant' };

function header(doc: PDFKit.PDFDocument): void {
  drawCells(doc, HEADER, true);
  rule(doc);
}

/** A total: its label runs across the middle columns, its amount in the last one. */
function totalLine(doc: PDFKit.PDFDocument, label: string, amount: string, bold = false): void {
  keepSpace(doc, ROW_HEIGHT);
  const y = doc.y;
  doc.font(bold ? BOLD : REGULAR).fontSize(8.5);
  doc.text(label, mm(MARGIN_MM + 42), y, { width: mm(104), height: ROW_HEIGHT - 2, ellipsis: true });
  doc.y = y;
  drawCells(doc, { amount }, bold);
}

function drawInvoice(doc: PDFKit.PDFDocument, d: InvoiceDecompte): void {
  keepSpace(doc, ROW_HEIGHT * 6);
  const issued = d.invoice.issueDate === null ? '' : ` du ${shortDate(d.invoice.issueDate)}`;
  doc.font(BOLD).fontSize(10).text(`Facture ${d.invoice.number}${issued}, échue le ${shortDate(d.invoice.dueDate)}`, mm(MARGIN_MM), doc.y);
  doc.moveDown(0.4);
  header(doc);
  for (const row of d.rows) {
    if (doc.y + ROW_HEIGHT > doc.page.maxY()) {
      doc.addPage();
      header(doc);
    }
    drawCells(doc, cellsOf(row, d));
  }
  rule(doc);
  totalLine(doc, 'Intérêts', money(d.interest));
  if (d.regime === 'b2b') totalLine(doc, 'Indemnité forfaitaire (D441-5 C. com.)', money(d.flatFee));
  if (d.regime === 'public') totalLine(doc, 'Indemnité forfaitaire (D2192-35 C. commande publique)', money(d.flatFee));
  totalLine(doc, 'Principal restant dû', money(d.balance));
  totalLine(doc, `Total facture ${d.invoice.number}`, `${money(d.total)}${d.provisional ? ' *' : ''}`, true);
  doc.moveDown(0.8);
}

/** The décompte from the current position, then the list of invoices it covers. */
export function drawDecompte(doc: PDFKit.PDFDocument, decompte: Decompte): void {
  for (const d of decompte.invoices) drawInvoice(doc, d);
  if (decompte.invoices.length > 1) {
    const t = decompte.totals;
    keepSpace(doc, ROW_HEIGHT * 6);
    doc.font(BOLD).fontSize(10).text('Récapitulatif', mm(MARGIN_MM), doc.y);
    doc.moveDown(0.4);
    totalLine(doc, 'Principal facturé', money(t.principal));
    totalLine(doc, 'Règlements et avoirs', minus(t.paid));
    totalLine(doc, 'Intérêts', money(t.interest));
    if (t.flatFee > 0) totalLine(doc, 'Indemnités forfaitaires', money(t.flatFee));
    totalLine(doc, 'Principal restant dû', money(t.balance));
    totalLine(doc, 'Total réclamé', `${money(t.total)}${decompte.provisional ? ' *' : ''}`, true);
    doc.moveDown(0.8);
  }
  drawInvoiceList(doc, decompte);
  if (decompte.provisional) {
    keepSpace(doc, 30);
    doc.font(REGULAR).fontSize(8.5).text(PROVISIONAL_NOTE, mm(MARGIN_MM), doc.y, { width: mm(170) });
  }
}

function drawInvoiceList(doc: PDFKit.PDFDocument, decompte: Decompte): void {
  keepSpace(doc, ROW_HEIGHT * (3 + decompte.invoices.length));
  doc.font(BOLD).fontSize(10).text(`Factures concernées (décompte arrêté au ${longDate(decompte.asOf)})`, mm(MARGIN_MM), doc.y);
  doc.moveDown(0.4);
  drawCells(doc, { when: 'Facture', what: 'Émise le / échue le', base: 'Montant TTC', rate: '', amount: 'Reste dû' }, true);
  rule(doc);
  for (const d of decompte.invoices) {
    keepSpace(doc, ROW_HEIGHT);
    const issued = d.invoice.issueDate === null ? '—' : shortDate(d.invoice.issueDate);
    drawCells(doc, { when: d.invoice.number, what: `${issued} / ${shortDate(d.invoice.dueDate)}`, base: money(d.invoice.amount), amount: money(d.balance) });
  }
  doc.moveDown(0.5);
}
