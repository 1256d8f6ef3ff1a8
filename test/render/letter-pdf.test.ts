// The formal notice printed to a PDF file, then read back with pdf.js: where each part
// sits on the sheet (mm from the top-left corner), what it says, and the QR code drawn.
// Expected figures: 1 200,00 € due 30/09/2026, 400,00 € paid 15/10, B2B 2026-H2 12.40 %:
// 15 days on 1 200 € = 6.12 €, 38 days on 800 € = 10.33 €, 16.44 € of interest (the exact
// sum rounded once), + 40 € + 800 € left = 856.44 €.

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEpcPayload } from '../../src/domain/epc-qr.js';
import { ADDRESS_FRAME_MM, LetterAddressError, renderLetterPdf } from '../../src/render/letter-pdf.js';
import type { LetterDocument } from '../../src/render/letter-document.js';
import { qrMatrix } from '../../src/render/qr-pdf.js';
import { PROVISIONAL_NOTE } from '../../src/render/decompte-pdf.js';
import { creditor, debtor, decompteFor, letter } from '../helpers/documents.js';
import { day } from '../helpers/factories.js';
import { readPdf, squash, type PdfText, type TextPiece } from '../helpers/pdf-text.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'relance-letter-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Renders to a file, as `send` will, and reads the file back. */
async function printed(doc: LetterDocument, name = 'lettre.pdf'): Promise<{ pdf: PdfText; bytes: Buffer }> {
  const path = join(dir, name);
  await writeFile(path, await renderLetterPdf(doc));
  const bytes = await readFile(path);
  return { pdf: await readPdf(bytes), bytes };
}

const IBAN = 'FR7630006000011234567890189';
// The window of a DL envelope (220 × 110 mm): 100 × 45 mm, 20 mm from the right edge, 15 mm
// from the bottom. An A4 sheet (210 mm wide, folded to 99 mm) moves up to 10 mm across and 11 mm
// down in it: the part of the sheet always behind the window is 100–190 mm from its left edge
// and 50–84 mm from its top. Written out here, not taken from the code under test.
const WINDOW = { left: 100, top: 50, width: 90, height: 34 };
const inside = (p: TextPiece, r: { left: number; top: number; width: number; height: number }): boolean =>
  p.x >= r.left - 0.01 && p.x + p.width <= r.left + r.width + 0.01 && p.top >= r.top - 0.01 && p.baseline <= r.top + r.height + 0.01;

describe('the formal notice PDF', () => {
  it('puts the debtor address, and only it, inside the window of a DL/C5 envelope', async () => {
    const { pdf } = await printed(letter());
    const first = pdf.pages[0]!;
    const lines = ['Société Bâtiments Œuvre', 'Service comptabilité', 'Zone artisanale des Prés', '4 allée des Chênes', '38200 VIENNE'];
    const pieces = lines.map((l) => first.pieces.find((p) => squash(p.str) === l));
    expect(pieces.every((p) => p !== undefined)).toBe(true);
    for (const p of pieces) {
      expect(inside(p!, WINDOW)).toBe(true);
      expect(inside(p!, ADDRESS_FRAME_MM)).toBe(true);
    }
    // In reading order, top to bottom, left-aligned.
    const tops = pieces.map((p) => p!.top);
    expect([...tops].sort((a, b) => a - b)).toEqual(tops);
    expect(new Set(pieces.map((p) => p!.x.toFixed(2))).size).toBe(1);
    // Nothing else shows through the window.
    const others = first.pieces.filter((p) => !lines.includes(squash(p.str)) && squash(p.str) !== '');
    expect(others.filter((p) => inside(p, { left: WINDOW.left - 10, top: WINDOW.top - 11, width: WINDOW.width + 20, height: WINDOW.height + 22 }))).toEqual([]);
  });

  it('prints the sender block top left with its legal mentions, place and date, the registered mention and the subject', async () => {
    const { pdf } = await printed(letter());
    const first = pdf.pages[0]!;
    const name = first.pieces.find((p) => p.str === 'Atelier Dupré & Fils')!;
    expect(name.x).toBeCloseTo(20, 0);
    expect(name.top).toBeLessThan(20);
    expect(first.text).toContain('Atelier Dupré & Fils 12 rue de la Charité 69002 Lyon Tél. 04 72 00 00 00 compta@dupre.example');
    expect(first.text).toContain('SARL au capital de 10 000 €');
    expect(first.text).toContain('RCS Lyon 852 123 456 – SIREN 852 123 456');
    expect(first.text).toContain('TVA FR12852123456');
    const fait = first.pieces.find((p) => squash(p.str) === 'Fait à Lyon, le 22 novembre 2026')!;
    expect(fait.top).toBeGreaterThan(WINDOW.top + WINDOW.height + 11);
    expect(first.text).toContain('Lettre recommandée avec demande d’avis de réception Objet : mise en demeure de payer la facture F-2026-014 Madame, Monsieur,');
  });

  it('leaves the registered mention out of a letter not sent registered', async () => {
    const { pdf } = await printed(letter({ registered: false }));
    expect(pdf.all).not.toContain('recommandée');
  });

  it('keeps the template text, then the amount, the deadline from receipt and the signatory', async () => {
    const { pdf } = await printed(letter());
    const text = pdf.pages[0]!.text;
    expect(text).toContain('Par la présente, nous vous mettons en demeure de nous régler ces sommes.');
    expect(text).toContain('Somme réclamée au 22 novembre 2026 : 856,44 €');
    expect(text).toContain('À régler sous huit jours à compter de la réception de la présente.');
    expect(text.indexOf('salutations distinguées')).toBeLessThan(text.indexOf('Somme réclamée'));
    expect(text).toMatch(/Jeanne Dupré Gérante 1\/2$/);
    expect(text).not.toContain('provisoire');
  });

  it('asks for the total less the client\'s leftover credit notes, and says so', async () => {
    const { pdf } = await printed(letter({ credit: { amount: 15_000, notes: ['AV-2026-003'] } }));
    const text = squash(pdf.pages[0]!.text);
    // 856,44 € by the décompte, less 150,00 € of credit = 706,44 €.
    expect(text).toContain('Somme réclamée au 22 novembre 2026 : 706,44 €');
    expect(text).toContain('soit 856,44 € selon le décompte, moins 150,00 € d’avoir en votre faveur (AV-2026-003)');
  });

  it('counts the deadline in words from receipt', async () => {
    const { pdf } = await printed(letter({ deadlineDays: 15 }));
    expect(pdf.pages[0]!.text).toContain('À régler sous quinze jours à compter de la réception de la présente.');
  });

  it('numbers its pages and puts the décompte and the invoices on the annex page', async () => {
    const { pdf } = await printed(letter());
    expect(pdf.numPages).toBe(2);
    const numbers = pdf.pages.map((page) => page.pieces.find((p) => /^\d\/\d$/.test(p.str))!);
    expect(numbers.map((n) => n.str)).toEqual(['1/2', '2/2']);
    for (const n of numbers) {
      expect(n.baseline).toBeGreaterThan(280);
      expect(n.x + n.width).toBeCloseTo(190, 0);
    }
    const annex = pdf.pages[1]!.text;
    expect(annex).toContain('Annexe : décompte des sommes dues Jointe à la lettre du 22 novembre 2026 ; décompte arrêté au 22 novembre 2026.');
    expect(annex).toContain('Facture F-2026-014 du 01/09/2026, échue le 30/09/2026');
    expect(annex).toContain('échue le 30/09/2026 Facture F-2026-014 (TTC) 1 200,00 €');
    expect(annex).toContain('01/10/2026 – 15/10/2026 Intérêts de retard (L441-10 C. com.) 15 1 200,00 € 12,40 % 6,12 €');
    expect(annex).toContain('15/10/2026 Règlement reçu -400,00 €');
    expect(annex).toContain('16/10/2026 – 22/11/2026 Intérêts de retard (L441-10 C. com.) 38 800,00 € 12,40 % 10,33 €');
    expect(annex).toContain('Intérêts 16,44 € Indemnité forfaitaire (D441-5 C. com.) 40,00 € Principal restant dû 800,00 € Total facture F-2026-014 856,44 €');
    expect(annex).toContain('Factures concernées (décompte arrêté au 22 novembre 2026)');
    expect(annex).toContain('F-2026-014 01/09/2026 / 30/09/2026 1 200,00 € 800,00 €');
  });

  it('marks provisional figures on the letter and in the annex', async () => {
    // 2027-H1 is past the shipped tables: its rate is carried forward, provisional.
    const asOf = day('2027-02-10');
    const decompte = decompteFor([{ number: 'F-2026-020', amount: 350_000, due: '2026-12-15' }], asOf);
    const { pdf } = await printed(letter({ date: asOf, decompte }));
    expect(decompte.provisional).toBe(true);
    expect(pdf.pages[0]!.text).toMatch(/Somme réclamée au 10 février 2027 : 3 607,78 € \* \(montant provisoire\)/);
    expect(pdf.pages[0]!.text).toContain(squash(PROVISIONAL_NOTE));
    expect(pdf.all).toContain('01/01/2027 – 10/02/2027 Intérêts de retard (L441-10 C. com.) 41 3 500,00 € 12,40 % 48,75 € *');
  });

  it('draws the EPC069-12 QR code of the payload under the amount, module for module', async () => {
    const built = buildEpcPayload({ name: creditor.name, iban: IBAN, bic: 'BNPAFRPP', amount: 85_644, remittance: 'Facture F-2026-014' });
    expect(built).toEqual({ ok: true, payload: 'BCD\n002\n1\nSCT\nBNPAFRPP\nAtelier Dupré & Fils\nFR7630006000011234567890189\nEUR856.44\n\n\nFacture F-2026-014' });
    if (!built.ok) return;
    const { pdf } = await printed(letter({ payment: { iban: IBAN, bic: 'BNPAFRPP', reference: 'F-2026-014', epcPayload: built.payload } }));
    const first = pdf.pages[0]!;
    expect(first.text).toContain('Virement : IBAN FR76 3000 6000 0112 3456 7890 189 – BIC BNPAFRPP Référence à indiquer : F-2026-014');

    // The squares drawn, read back as a grid, are the QR code of that payload.
    const matrix = qrMatrix(built.payload);
    const cells = first.rectangles.filter((r) => r.w === r.h && r.w < 5);
    const cell = cells[0]!.w;
    const x0 = Math.min(...cells.map((r) => r.x));
    const y0 = Math.min(...cells.map((r) => r.y));
    const drawn = new Set(cells.map((r) => `${Math.round((r.y - y0) / cell)},${Math.round((r.x - x0) / cell)}`));
    const expected = new Set<string>();
    for (let r = 0; r < matrix.size; r++) for (let c = 0; c < matrix.size; c++) if (matrix.dark(r, c)) expected.add(`${r},${c}`);
    expect(drawn).toEqual(expected);
    // Under the amount line, at the right margin, 30 mm wide with its quiet zone.
    const amount = first.pieces.find((p) => p.str.startsWith('Somme réclamée'))!;
    const mm = 72 / 25.4;
    expect(y0 / mm).toBeGreaterThan(amount.top);
    expect((x0 + (matrix.size + 4) * cell) / mm).toBeCloseTo(190, 0);
  });

  it('draws no QR code without payment details', async () => {
    const { pdf } = await printed(letter());
    expect(pdf.pages[0]!.rectangles.filter((r) => r.w === r.h && r.w < 5)).toEqual([]);
    expect(pdf.pages[0]!.text).not.toContain('IBAN');
  });

  it('embeds DejaVu Sans, so accents print, and gives the same bytes for the same letter', async () => {
    const a = await printed(letter(), 'a.pdf');
    const b = await printed(letter(), 'b.pdf');
    expect(a.bytes.equals(b.bytes)).toBe(true);
    const raw = a.bytes.toString('latin1');
    expect(raw).toContain('/FontFile2');
    expect(raw).toMatch(/\+DejaVuSans-Bold/);
    expect(raw).not.toContain('/Helvetica');
    expect(a.pdf.info).toMatchObject({ Title: 'mise en demeure de payer la facture F-2026-014', Author: 'Atelier Dupré & Fils' });
  });

  it('prints an address abroad with its country, and a long line smaller, still in the window', async () => {
    const abroad = { ...debtor, contact: null, addressLines: ['Boulevard du Souverain 280, boîte postale 12'], postcode: '1160', city: 'Auderghem', country: 'Belgique' };
    const { pdf } = await printed(letter({ debtor: abroad }));
    const first = pdf.pages[0]!;
    for (const line of ['Société Bâtiments Œuvre', 'Boulevard du Souverain 280, boîte postale 12', '1160 AUDERGHEM', 'BELGIQUE']) {
      const piece = first.pieces.find((p) => squash(p.str) === line);
      expect(piece, line).toBeDefined();
      expect(inside(piece!, WINDOW)).toBe(true);
    }
  });

  it('refuses a debtor without a postal address, saying what to add', async () => {
    await expect(renderLetterPdf(letter({ debtor: { ...debtor, addressLines: [], postcode: '', city: '' } }))).rejects.toThrow(LetterAddressError);
    await expect(renderLetterPdf(letter({ debtor: { ...debtor, addressLines: [] } }))).rejects.toThrow(
      'no postal address for Société Bâtiments Œuvre — add the address in the client directory or the address column of the invoice file',
    );
  });
});
