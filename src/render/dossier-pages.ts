// The dossier's own pages: the cover, the bordereau des pièces (each exhibit with the page
// it starts on), and the exhibits relance writes itself: the décompte, each reminder as
// it went out, the formal notice's posting and receipt, the call and promise notes.

import type { ArchivedMessage } from '../io/archived-message.js';
import { formatEurosFr } from '../domain/money.js';
import { drawDecompte } from './decompte-pdf.js';
import type { Dossier, DossierNote, DossierNotice, Exhibit } from './dossier-document.js';
import { STEP_TITLES } from './dossier-document.js';
import { legalMentions } from './letter-document.js';
import { REGISTERED_MENTION, longDate, shortDate } from './notice-wording.js';
import { A4_WIDTH_MM, BOLD, MARGIN_MM, REGULAR, keepSpace, mm } from './pdf-page.js';
import { postalAddress } from './request-document.js';

const LEFT = mm(MARGIN_MM);
const WIDTH = mm(A4_WIDTH_MM - 2 * MARGIN_MM);

/** Where each part of the bound dossier starts, 1-based, and how many pages it has in all. */
export interface DossierLayout {
  bordereau: number;
  exhibits: ReadonlyMap<number, number>;
  request: number;
  total: number;
}

function fieldRows(doc: PDFKit.PDFDocument, rows: readonly (readonly [string, string])[], labelWidth = mm(45)): void {
  for (const [label, value] of rows) {
    doc.font(REGULAR).fontSize(10);
    const height = doc.heightOfString(value, { width: WIDTH - labelWidth });
    keepSpace(doc, height + 3);
    const y = doc.y;
    doc.font(BOLD).fillColor('#333333').text(label, LEFT, y, { width: labelWidth - 6 });
    doc.font(REGULAR).fillColor('black').text(value, LEFT + labelWidth, y, { width: WIDTH - labelWidth });
    doc.y = y + height + 3;
  }
  doc.x = LEFT;
}

export function drawCover(doc: PDFKit.PDFDocument, dossier: Dossier, exhibits: readonly Exhibit[], layout: DossierLayout): void {
  const { creditor, debtor, decompte } = dossier;
  doc.font(REGULAR).fontSize(10).fillColor('#444444').text(`Établi le ${longDate(dossier.today)}`, LEFT, mm(20), { width: WIDTH, align: 'right' });
  doc.fillColor('black').font(BOLD).fontSize(24).text('Dossier de recouvrement', LEFT, mm(55), { width: WIDTH, align: 'center' });
  doc.moveDown(0.6).font(BOLD).fontSize(14).text(creditor.name, { width: WIDTH, align: 'center' });
  doc.font(REGULAR).fontSize(11).text('contre', { width: WIDTH, align: 'center' });
  doc.font(BOLD).fontSize(14).text(debtor.name, { width: WIDTH, align: 'center' });
  doc.moveDown(0.6).font(REGULAR).fontSize(11).text(STEP_TITLES[dossier.nextStep], { width: WIDTH, align: 'center' });
  doc.moveDown(3);

  const star = decompte.provisional ? ' (montant provisoire)' : '';
  const notice = dossier.notice;
  fieldRows(doc, [
    ['Créancier', [creditor.name, ...legalMentions(creditor), creditor.addressLines.join(', ')].join('\n')],
    ['Débiteur', [debtor.name, ...(debtor.siren ? [`SIREN ${debtor.siren}`] : []), postalAddress(debtor)].join('\n')],
    ['Factures', decompte.invoices.map((d) => `${d.invoice.number}, échue le ${shortDate(d.invoice.dueDate)}, ${formatEurosFr(d.invoice.amount)} TTC`).join('\n')],
    ['Somme due', `${formatEurosFr(decompte.totals.total)}${star} au ${longDate(decompte.asOf)}\ndont principal ${formatEurosFr(decompte.totals.balance)}, intérêts ${formatEurosFr(decompte.totals.interest)}, indemnités ${formatEurosFr(decompte.totals.flatFee)}`],
    ['Mise en demeure', notice === null ? 'aucune' : `du ${longDate(notice.date)}${notice.receivedOn === null ? '' : `, reçue le ${longDate(notice.receivedOn)}`}`],
    ['Étape demandée', STEP_TITLES[dossier.nextStep]],
  ]);
  doc.moveDown(2);
  doc.font(BOLD).fontSize(11).text('Contenu', LEFT, doc.y, { width: WIDTH });
  doc.moveDown(0.3);
  const last = exhibits[exhibits.length - 1]?.number ?? 0;
  fieldRows(
    doc,
    [
      ['Bordereau des pièces', `page ${layout.bordereau}`],
      ...(last > 0 ? [[`Pièces n° 1 à ${last}`, `pages ${layout.exhibits.get(1)} à ${layout.request - 1}`] as const] : []),
      [`Demande`, `page ${layout.request}`],
    ],
    mm(60),
  );
}

export function drawBordereau(doc: PDFKit.PDFDocument, dossier: Dossier, exhibits: readonly Exhibit[], layout: DossierLayout): void {
  doc.font(BOLD).fontSize(16).text('Bordereau des pièces', LEFT, mm(MARGIN_MM), { width: WIDTH });
  doc.font(REGULAR).fontSize(10).text(`${dossier.creditor.name} contre ${dossier.debtor.name} – ${STEP_TITLES[dossier.nextStep]}`, { width: WIDTH });
  doc.moveDown(1);
  const header = doc.y;
  doc.font(BOLD).fontSize(9.5).text('N°', LEFT, header, { width: mm(12) });
  doc.text('Pièce', LEFT + mm(14), header, { width: mm(136) });
  doc.text('Page', LEFT + mm(150), header, { width: mm(20), align: 'right' });
  doc.moveTo(LEFT, doc.y + 2).lineTo(LEFT + WIDTH, doc.y + 2).lineWidth(0.5).stroke();
  doc.y += 6;
  for (const e of exhibits) {
    doc.font(REGULAR).fontSize(9.5);
    const height = doc.heightOfString(e.title, { width: mm(136) });
    keepSpace(doc, height + 4);
    const y = doc.y;
    doc.text(String(e.number), LEFT, y, { width: mm(12) });
    doc.text(e.title, LEFT + mm(14), y, { width: mm(136) });
    doc.text(String(layout.exhibits.get(e.number) ?? ''), LEFT + mm(150), y, { width: mm(20), align: 'right' });
    doc.y = y + height + 4;
  }
  doc.x = LEFT;
}

/** `Pièce n° 3 – Relance du …`, the first line of an exhibit relance writes. */
export function drawExhibitTitle(doc: PDFKit.PDFDocument, exhibit: Exhibit): void {
  doc.font(BOLD).fontSize(13).text(`Pièce n° ${exhibit.number} – ${exhibit.title}`, LEFT, mm(MARGIN_MM), { width: WIDTH });
  doc.moveDown(0.8);
}

export function drawDecompteExhibit(doc: PDFKit.PDFDocument, exhibit: Exhibit, dossier: Dossier): void {
  drawExhibitTitle(doc, exhibit);
  drawDecompte(doc, dossier.decompte);
}

/** `12 octobre 2026 à 07:00 (UTC)` from the Date header. */
function sentAt(iso: string | null): string {
  if (iso === null) return 'non indiquée';
  const when = new Date(iso);
  if (Number.isNaN(when.getTime())) return iso;
  const pad = (n: number): string => String(n).padStart(2, '0');
  const months = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];
  return `${when.getUTCDate()} ${months[when.getUTCMonth()]} ${when.getUTCFullYear()} à ${pad(when.getUTCHours())}:${pad(when.getUTCMinutes())} (UTC)`;
}

export function drawReminder(doc: PDFKit.PDFDocument, exhibit: Exhibit, message: ArchivedMessage, fileName: string): void {
  drawExhibitTitle(doc, exhibit);
  fieldRows(doc, [
    ['Envoyé le', sentAt(message.date)],
    ['De', message.from ?? ''],
    ['À', message.to.join(', ')],
    ...(message.cc.length > 0 ? [['Copie', message.cc.join(', ')] as const] : []),
    ['Objet', message.subject],
    ...(message.messageId ? [['Message-ID', message.messageId] as const] : []),
    ...(message.attachments.length > 0 ? [['Pièces jointes', message.attachments.join(', ')] as const] : []),
    ['Fichier d’origine', fileName],
  ]);
  doc.moveDown(0.5);
  doc.moveTo(LEFT, doc.y).lineTo(LEFT + WIDTH, doc.y).lineWidth(0.5).strokeColor('#888888').stroke().strokeColor('black');
  doc.moveDown(0.8);
  doc.font(REGULAR).fontSize(9.5).text(message.text || '(message sans texte)', LEFT, doc.y, { width: WIDTH, lineGap: 1 });
}

export function drawNotice(doc: PDFKit.PDFDocument, exhibit: Exhibit, notice: DossierNotice): void {
  drawExhibitTitle(doc, exhibit);
  fieldRows(doc, [
    ['Lettre du', longDate(notice.date)],
    ['Envoi', REGISTERED_MENTION],
    ['Déposée le', notice.postedOn === null ? 'non enregistré' : longDate(notice.postedOn)],
    ['N° de suivi', notice.tracking ?? 'non enregistré'],
    ['Avis de réception', notice.receivedOn === null ? 'non enregistré' : `signé le ${longDate(notice.receivedOn)}`],
  ]);
  doc.moveDown(1);
  doc.font(REGULAR).fontSize(10).text(notice.letter === null ? 'Copie de la lettre : non jointe.' : `Copie de la lettre (${notice.letter.name}) : pages suivantes.`, LEFT, doc.y, { width: WIDTH });
}

const NOTE_KIND: Record<DossierNote['kind'], string> = { call: 'Appel', promise: 'Promesse de paiement' };

export function drawNotes(doc: PDFKit.PDFDocument, exhibit: Exhibit, notes: readonly DossierNote[]): void {
  drawExhibitTitle(doc, exhibit);
  fieldRows(
    doc,
    notes.map((n) => {
      const until = n.until === null ? '' : ` – paiement promis pour le ${longDate(n.until)}`;
      return [`${shortDate(n.date)} – ${NOTE_KIND[n.kind]}`, `Facture ${n.invoice}${until}${n.text ? `\n${n.text}` : ''}`] as const;
    }),
    mm(55),
  );
}
