// The dossier bound as one PDF: cover, bordereau, the exhibits in order (relance's own
// pages, and the invoice PDFs and the printed letter merged as they are), then the request
// for the next step. relance's pages are drawn in one pdfkit document (one font subset),
// twice: once to count their pages, once with the page numbers the bordereau gives. Every
// page is then stamped in its top margin with its exhibit number and `p. 7/12`, the way
// exhibits are numbered by hand.

import { PDFDocument as PdfLibDocument, StandardFonts, rgb } from '@cantoo/pdf-lib';
import type { ArchivedMessage } from '../io/archived-message.js';
import { readArchivedMessage } from '../io/archived-message.js';
import type { Dossier, DossierFile, Exhibit } from './dossier-document.js';
import { STEP_TITLES, exhibitsOf } from './dossier-document.js';
import type { DossierLayout } from './dossier-pages.js';
import { drawBordereau, drawCover, drawDecompteExhibit, drawNotes, drawNotice, drawReminder } from './dossier-pages.js';
import { mm, newPdf, pdfBytes, pdfDate } from './pdf-page.js';
import type { RequestDocument } from './request-document.js';
import { drawRequest } from './request-pdf.js';

/** A file given to the dossier is not a PDF relance can merge. */
export class DossierFileError extends Error {
  readonly file: string;
  constructor(file: string, reason: string) {
    super(`${file}: ${reason} — give the PDF as it was sent, not a scan inside another format or a password-protected copy`);
    this.name = 'DossierFileError';
    this.file = file;
  }
}

/** A part of the bound dossier: pages relance draws, or a file merged as is. */
type Part =
  | { own: true; exhibit: number | null; role: 'cover' | 'bordereau' | 'exhibit' | 'request'; draw: (doc: PDFKit.PDFDocument, layout: DossierLayout) => void }
  | { own: false; exhibit: number; file: DossierFile; pdf: PdfLibDocument };

async function loadPdf(file: DossierFile): Promise<PdfLibDocument> {
  try {
    const pdf = await PdfLibDocument.load(file.bytes, { updateMetadata: false });
    if (pdf.getPageCount() === 0) throw new Error('it has no page');
    return pdf;
  } catch (e) {
    throw new DossierFileError(file.name, e instanceof Error && /encrypt/i.test(e.message) ? 'the PDF is encrypted' : `not a readable PDF (${e instanceof Error ? e.message : String(e)})`);
  }
}

async function partsOf(dossier: Dossier, exhibits: readonly Exhibit[], request: RequestDocument): Promise<Part[]> {
  const messages = new Map<number, ArchivedMessage>();
  for (const e of exhibits) if (e.source.kind === 'reminder') messages.set(e.number, await readArchivedMessage(e.source.reminder.message.bytes));

  const parts: Part[] = [
    { own: true, exhibit: null, role: 'cover', draw: (doc, layout) => drawCover(doc, dossier, exhibits, layout) },
    { own: true, exhibit: null, role: 'bordereau', draw: (doc, layout) => drawBordereau(doc, dossier, exhibits, layout) },
  ];
  for (const e of exhibits) {
    const s = e.source;
    const own = (draw: (doc: PDFKit.PDFDocument) => void): Part => ({ own: true, exhibit: e.number, role: 'exhibit', draw });
    if (s.kind === 'decompte') parts.push(own((doc) => drawDecompteExhibit(doc, e, dossier)));
    else if (s.kind === 'invoice') parts.push({ own: false, exhibit: e.number, file: s.file, pdf: await loadPdf(s.file) });
    else if (s.kind === 'reminder') parts.push(own((doc) => drawReminder(doc, e, messages.get(e.number)!, s.reminder.message.name)));
    else if (s.kind === 'notes') parts.push(own((doc) => drawNotes(doc, e, s.notes)));
    else {
      parts.push(own((doc) => drawNotice(doc, e, s.notice)));
      if (s.notice.letter !== null) parts.push({ own: false, exhibit: e.number, file: s.notice.letter, pdf: await loadPdf(s.notice.letter) });
    }
  }
  parts.push({ own: true, exhibit: null, role: 'request', draw: (doc) => drawRequest(doc, request) });
  return parts;
}

/** relance's own pages, each part from a new page; returns the document and each own part's page count. */
function drawOwn(dossier: Dossier, parts: readonly Part[], layout: DossierLayout): { doc: PDFKit.PDFDocument; counts: number[] } {
  const doc = newPdf({ title: `Dossier de recouvrement ${dossier.reference}`, author: dossier.creditor.name, date: dossier.today });
  const counts: number[] = [];
  let first = true;
  for (const part of parts) {
    if (!part.own) continue;
    if (!first) doc.addPage();
    first = false;
    const before = doc.bufferedPageRange().count;
    part.draw(doc, layout);
    counts.push(doc.bufferedPageRange().count - before + 1);
  }
  return { doc, counts };
}

function layoutOf(parts: readonly Part[], ownCounts: readonly number[]): DossierLayout {
  const exhibits = new Map<number, number>();
  let page = 1;
  let own = 0;
  let bordereau = 1;
  let request = 1;
  for (const part of parts) {
    if (part.exhibit !== null && !exhibits.has(part.exhibit)) exhibits.set(part.exhibit, page);
    if (part.own && part.role === 'bordereau') bordereau = page;
    if (part.own && part.role === 'request') request = page;
    page += part.own ? ownCounts[own++]! : part.pdf.getPageCount();
  }
  return { bordereau, exhibits, request, total: page - 1 };
}

export async function renderDossierPdf(dossier: Dossier, request: RequestDocument): Promise<Buffer> {
  const exhibits = exhibitsOf(dossier);
  const parts = await partsOf(dossier, exhibits, request);

  // Draw once to count, then with the page numbers; again if the numbers moved a page break.
  let counts = drawOwn(dossier, parts, { bordereau: 0, exhibits: new Map(), request: 0, total: 0 }).counts;
  let layout = layoutOf(parts, counts);
  let drawn = drawOwn(dossier, parts, layout);
  for (let pass = 0; pass < 3 && drawn.counts.join() !== counts.join(); pass++) {
    counts = drawn.counts;
    layout = layoutOf(parts, counts);
    drawn = drawOwn(dossier, parts, layout);
  }
  const ownPdf = await PdfLibDocument.load(await pdfBytes(drawn.doc), { updateMetadata: false });

  const out = await PdfLibDocument.create({ updateMetadata: false });
  // relance's pages in one copy, so that their fonts are copied once, not once a part.
  const ownPages = await out.copyPages(ownPdf, ownPdf.getPageIndices());
  const exhibitOfPage: (number | null)[] = [];
  let ownIndex = 0;
  for (const part of parts) {
    const pages = part.own ? ownPages.splice(0, counts[ownIndex++]!) : await out.copyPages(part.pdf, part.pdf.getPageIndices());
    for (const page of pages) {
      out.addPage(page);
      exhibitOfPage.push(part.exhibit);
    }
  }
  await stamp(out, exhibitOfPage);

  const when = pdfDate(dossier.today);
  out.setTitle(`Dossier de recouvrement ${dossier.reference} – ${STEP_TITLES[dossier.nextStep]}`);
  out.setAuthor(dossier.creditor.name);
  out.setCreator('relance');
  out.setProducer('relance');
  out.setCreationDate(when);
  out.setModificationDate(when);
  return Buffer.from(await out.save());
}

/** `Pièce n° 3 – p. 7/12` in the top right corner of every page, 7 mm from the top edge. */
async function stamp(pdf: PdfLibDocument, exhibitOfPage: readonly (number | null)[]): Promise<void> {
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const total = pdf.getPageCount();
  pdf.getPages().forEach((page, i) => {
    const exhibit = exhibitOfPage[i] ?? null;
    const text = `${exhibit === null ? '' : `Pièce n° ${exhibit} – `}p. ${i + 1}/${total}`;
    const { x, y, width, height } = page.getCropBox();
    const size = 8;
    page.drawText(text, { x: x + width - mm(12) - font.widthOfTextAtSize(text, size), y: y + height - mm(7), size, font, color: rgb(0.25, 0.25, 0.25) });
  });
}
