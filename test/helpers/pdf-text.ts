// Reading a PDF back with an independent reader (Mozilla's pdf.js, legacy build for Node
// without a canvas): every page's text pieces with their position in millimetres from the
// top-left corner, as a ruler on the printed sheet measures them.

import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextItem } from 'pdfjs-dist/types/src/display/api.js';

const MM = 72 / 25.4;

export interface TextPiece {
  str: string;
  /** Left edge, mm from the left of the sheet. */
  x: number;
  /** Top of the glyphs (baseline − font size), mm from the top of the sheet. */
  top: number;
  /** Baseline, mm from the top. */
  baseline: number;
  /** mm */
  width: number;
}

export interface PdfPageText {
  pieces: TextPiece[];
  /** The page's text, pieces joined by spaces, runs of white space as one space (pdf.js reads U+00A0 and U+202F as spaces). */
  text: string;
  /** Rectangles in the page's drawing operators, in points as written (pdfkit draws from the top-left corner). */
  rectangles: { x: number; y: number; w: number; h: number }[];
  images: number;
}

export interface PdfText {
  numPages: number;
  pages: PdfPageText[];
  /** Every page's text, in order. */
  all: string;
  info: Record<string, unknown>;
}

export const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();

export async function readPdf(bytes: Uint8Array): Promise<PdfText> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), verbosity: 0, useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: PdfPageText[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const height = page.view[3]!;
    const items = (await page.getTextContent()).items.filter((i): i is TextItem => 'str' in i && i.str !== '');
    const pieces = items.map((i) => {
      const size = Math.hypot(i.transform[2]!, i.transform[3]!);
      const baseline = (height - i.transform[5]!) / MM;
      return { str: i.str, x: i.transform[4]! / MM, baseline, top: baseline - size / MM, width: i.width / MM };
    });
    const ops = await page.getOperatorList();
    const rectangles: PdfPageText['rectangles'] = [];
    let images = 0;
    ops.fnArray.forEach((fn, k) => {
      if (fn === OPS.paintImageXObject || fn === OPS.paintInlineImageXObject) images++;
      if (fn !== OPS.constructPath) return;
      const [subOps, coords] = ops.argsArray[k] as [number[], number[]];
      let at = 0;
      for (const op of subOps) {
        if (op === OPS.rectangle) {
          const [x, y, w, h] = coords.slice(at, at + 4) as [number, number, number, number];
          rectangles.push({ x, y, w, h });
          at += 4;
        } else if (op === OPS.moveTo || op === OPS.lineTo) at += 2;
        else if (op === OPS.curveTo) at += 6;
        else if (op === OPS.curveTo2 || op === OPS.curveTo3) at += 4;
      }
    });
    pages.push({ pieces, text: squash(pieces.map((p) => p.str).join(' ')), rectangles, images });
  }
  const meta = await pdf.getMetadata();
  await pdf.destroy();
  return { numPages: pdf.numPages, pages, all: pages.map((p) => p.text).join('\n'), info: meta.info as Record<string, unknown> };
}
