// A request (petites créances, injonction, agency, declaration) laid out on PDF pages:
// headings, paragraphs, fields in two columns (what a form asks on the left, the answer on
// the right) and dashed lists.

import type { RequestDocument } from './request-document.js';
import { A4_WIDTH_MM, BOLD, MARGIN_MM, REGULAR, keepSpace, mm } from './pdf-page.js';

const WIDTH = mm(A4_WIDTH_MM - 2 * MARGIN_MM);
const LABEL = mm(58);

export function drawRequest(doc: PDFKit.PDFDocument, request: RequestDocument): void {
  const left = mm(MARGIN_MM);
  doc.font(BOLD).fontSize(13).text(request.title, left, doc.y, { width: WIDTH });
  doc.moveDown(0.8);
  for (const block of request.blocks) {
    switch (block.kind) {
      case 'heading':
        keepSpace(doc, 50);
        doc.moveDown(0.4).font(BOLD).fontSize(10.5).text(block.text, left, doc.y, { width: WIDTH });
        doc.moveDown(0.3);
        break;
      case 'paragraph': {
        doc.font(REGULAR).fontSize(9.5);
        // A short paragraph (a signature, an address) is never split over two pages.
        const height = doc.heightOfString(block.text, { width: WIDTH, lineGap: 1 });
        if (height < 120) keepSpace(doc, height);
        doc.text(block.text, left, doc.y, { width: WIDTH, lineGap: 1 });
        doc.moveDown(0.5);
        break;
      }
      case 'fields':
        for (const [label, value] of block.rows) {
          doc.font(REGULAR).fontSize(9.5);
          const height = Math.max(doc.heightOfString(value, { width: WIDTH - LABEL }), doc.font(BOLD).heightOfString(label, { width: LABEL - 8 }));
          keepSpace(doc, height + 2);
          const y = doc.y;
          doc.font(BOLD).fontSize(9.5).fillColor('#333333').text(label, left, y, { width: LABEL - 8 });
          doc.font(REGULAR).fillColor('black').text(value, left + LABEL, y, { width: WIDTH - LABEL });
          doc.y = y + height + 2;
        }
        doc.x = left;
        doc.moveDown(0.4);
        break;
      case 'list':
        doc.font(REGULAR).fontSize(9.5);
        for (const item of block.items) {
          keepSpace(doc, 14);
          doc.text(`– ${item}`, left + mm(3), doc.y, { width: WIDTH - mm(3), lineGap: 1 });
        }
        doc.x = left;
        doc.moveDown(0.5);
        break;
    }
  }
}
