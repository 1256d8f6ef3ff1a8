// The page every relance PDF is written on: A4 in millimetres, DejaVu Sans embedded (the
// standard PDF fonts cannot print every French character: U+202F, œ in some viewers),
// pages kept in memory so that "1/2" can be written once the count is known, and a fixed
// creation date so that the same input gives the same bytes.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import type { Day } from '../domain/dates.js';
import { ymdFromDay } from '../domain/dates.js';

/** Points per millimetre: PDF units are 1/72 inch. */
export const MM = 72 / 25.4;
export const mm = (millimetres: number): number => millimetres * MM;

export const A4_WIDTH_MM = 210;
export const A4_HEIGHT_MM = 297;
export const MARGIN_MM = 20;

export const REGULAR = 'DejaVuSans';
export const BOLD = 'DejaVuSans-Bold';

const require = createRequire(import.meta.url);
/** node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf and -Bold.ttf, wherever npm put them. */
export const FONT_FILES = {
  [REGULAR]: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  [BOLD]: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
} as const;

let fontBytes: Record<string, Buffer> | null = null;
function fonts(): Record<string, Buffer> {
  // Read once per process: a run may write a letter per invoice.
  fontBytes ??= { [REGULAR]: readFileSync(FONT_FILES[REGULAR]), [BOLD]: readFileSync(FONT_FILES[BOLD]) };
  return fontBytes;
}

export interface PdfInfo {
  title: string;
  author: string;
  /** Written as the creation date: the document's own date, not the clock. */
  date: Day;
}

/** The PDF date of a day: noon UTC, so that no time zone moves it to another day. */
export function pdfDate(day: Day): Date {
  const { year, month, day: d } = ymdFromDay(day);
  return new Date(Date.UTC(year, month - 1, d, 12, 0, 0));
}

export function newPdf(info: PdfInfo): PDFKit.PDFDocument {
  const when = pdfDate(info.date);
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: mm(MARGIN_MM), bottom: mm(MARGIN_MM), left: mm(MARGIN_MM), right: mm(MARGIN_MM) },
    bufferPages: true,
    lang: 'fr-FR',
    info: { Title: info.title, Author: info.author, Creator: 'relance', Producer: 'relance', CreationDate: when, ModDate: when },
  });
  for (const [name, bytes] of Object.entries(fonts())) doc.registerFont(name, bytes);
  doc.font(REGULAR).fontSize(10);
  return doc;
}

/** Ends the document and resolves with its bytes. */
export function pdfBytes(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

/** `1/2` at the foot of every page, right-aligned on the text margin. */
export function numberPages(doc: PDFKit.PDFDocument): void {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    // Writing inside the bottom margin would start a new page: lift the margin while writing.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font(REGULAR).fontSize(8).fillColor('#444444');
    doc.text(`${i - start + 1}/${count}`, mm(MARGIN_MM), mm(A4_HEIGHT_MM - 12), { width: mm(A4_WIDTH_MM - 2 * MARGIN_MM), align: 'right', lineBreak: false });
    doc.page.margins.bottom = bottom;
    doc.fillColor('black');
  }
}

/** Starts a new page when fewer than `height` points are left above the bottom margin. */
export function keepSpace(doc: PDFKit.PDFDocument, height: number): void {
  if (doc.y + height > doc.page.maxY()) doc.addPage();
}
