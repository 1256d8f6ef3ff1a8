// A QR code drawn in vector on a PDF page: one square per dark module, filled at once. It
// prints sharp at any size and weighs a few kilobytes. Error correction level M, as the
// EPC069-12 guidelines recommend for the payment QR code.

import QRCode from 'qrcode';

export interface QrMatrix {
  size: number;
  dark(row: number, column: number): boolean;
}

export function qrMatrix(payload: string): QrMatrix {
  const qr = QRCode.create(payload, { errorCorrectionLevel: 'M' });
  return { size: qr.modules.size, dark: (r, c) => Boolean(qr.modules.get(r, c)) };
}

/** Draws the code with its top-left corner at (x, y), `width` points wide, quiet zone included (4 modules). */
export function drawQr(doc: PDFKit.PDFDocument, payload: string, x: number, y: number, width: number): void {
  const matrix = qrMatrix(payload);
  const quiet = 4;
  const cell = width / (matrix.size + 2 * quiet);
  doc.save();
  doc.rect(x, y, width, width).fill('white');
  for (let r = 0; r < matrix.size; r++) {
    for (let c = 0; c < matrix.size; c++) {
      if (matrix.dark(r, c)) doc.rect(x + (c + quiet) * cell, y + (r + quiet) * cell, cell, cell);
    }
  }
  doc.fill('black');
  doc.restore();
}
