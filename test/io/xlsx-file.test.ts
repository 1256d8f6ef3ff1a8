// Reading one sheet of a real .xlsx file into typed rows: workbooks written here by
// write-excel-file and by hand (the XML parts zipped with fflate: cached formulas, serial
// dates without a format, the 1904 date system, SheetJS's entry order), and a "suivi des
// factures" committed as test/fixtures/invoices/suivi-factures.xlsx (written once by
// write-excel-file: title lines above the header, € formats, a totals row, a second sheet).

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { strToU8, zipSync } from 'fflate';
import writeExcelFile from 'write-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatIsoDay, parseIsoDay } from '../../src/domain/dates.js';
import type { XlsxBook, XlsxCell, XlsxRow } from '../../src/io/xlsx-file.js';
import { cellText, readXlsxRows } from '../../src/io/xlsx-file.js';
import { formatIssue } from '../../src/render/issues.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/invoices/suivi-factures.xlsx', import.meta.url));

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'relance-xlsx-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

async function written(name: string, bytes: Uint8Array): Promise<string> {
  const path = join(root, name);
  await writeFile(path, bytes);
  return path;
}

async function rowsOf(book: XlsxBook): Promise<XlsxRow[]> {
  const rows: XlsxRow[] = [];
  for await (const row of book.rows) rows.push(row);
  return rows;
}

const text = (t: string): XlsxCell => ({ kind: 'text', text: t });
const num = (value: number): XlsxCell => ({ kind: 'number', value });
const date = (iso: string): XlsxCell => ({ kind: 'date', day: parseIsoDay(iso)! });
const bool = (value: boolean): XlsxCell => ({ kind: 'boolean', value });
const empty: XlsxCell = { kind: 'empty' };
const utc = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe('a workbook written by write-excel-file', () => {
  let path: string;
  beforeAll(async () => {
    const bytes = await writeExcelFile([
      {
        sheet: 'Factures',
        dateFormat: 'dd/mm/yyyy',
        data: [
          ['Factures clients'],
          [],
          ['N° facture', 'Client', 'Montant TTC', 'Échéance', 'Payée', 'Envoyée le'],
          ['F-1', 'Société Générale', 1234.56, utc('2026-10-31'), true, { value: new Date('2026-10-01T23:30:00Z'), type: Date, format: 'dd/mm/yyyy hh:mm' }],
          ['F-2', null, 12, utc('2025-03-15'), false, null],
          ['F-3', 'Cœur d’Artichaut « Bio »', -80.5, { value: utc('2026-02-28'), type: Date, format: 'd mmmm yyyy' }, null, 'à la main'],
        ],
      },
      { sheet: 'Clients à relancer', data: [['Client'], ['Garage Dubois']] },
    ]).toBuffer();
    path = await written('written.xlsx', bytes);
  });

  it('gives the first sheet, rows in order with their Excel row numbers, blank rows skipped, cells typed', async () => {
    const book = await readXlsxRows(path, 'factures.xlsx');
    expect(book.issues).toEqual([]);
    expect([book.sheet, book.sheets, book.date1904]).toEqual(['Factures', ['Factures', 'Clients à relancer'], false]);
    expect(await rowsOf(book)).toEqual([
      { line: 1, cells: [text('Factures clients'), empty, empty, empty, empty, empty] },
      { line: 3, cells: [text('N° facture'), text('Client'), text('Montant TTC'), text('Échéance'), text('Payée'), text('Envoyée le')] },
      // A date and time is its calendar day as written (Excel times have no zone).
      { line: 4, cells: [text('F-1'), text('Société Générale'), num(1234.56), date('2026-10-31'), bool(true), date('2026-10-01')] },
      { line: 5, cells: [text('F-2'), empty, num(12), date('2025-03-15'), bool(false), empty] },
      { line: 6, cells: [text('F-3'), text('Cœur d’Artichaut « Bio »'), num(-80.5), date('2026-02-28'), empty, text('à la main')] },
    ]);
  });

  it('reads a sheet named in the config, ignoring case and accents', async () => {
    for (const name of ['Clients à relancer', 'clients a relancer']) {
      const book = await readXlsxRows(path, 'factures.xlsx', { sheet: name });
      expect(book.sheet).toBe('Clients à relancer');
      expect((await rowsOf(book)).map((r) => r.cells.map(cellText))).toEqual([['Client'], ['Garage Dubois']]);
    }
  });

  it('an unknown sheet is an error that lists the sheets', async () => {
    const book = await readXlsxRows(path, 'factures.xlsx', { sheet: 'Feuil1' });
    expect(book.issues.map(formatIssue)).toEqual(['factures.xlsx: sheet: no sheet named "Feuil1" in this workbook (sheets: "Factures", "Clients à relancer") — name one of them under sheet: in relance.yaml']);
    expect(await rowsOf(book)).toEqual([]);
  });
});

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** An .xlsx from its XML parts, in the entry order given (SheetJS puts [Content_Types].xml last). */
function handmade(sheets: { name: string; rows: string; state?: string }[], { workbookPr = '', contentTypesLast = false } = {}): Uint8Array {
  const types = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')}<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`;
  const parts: Record<string, string> = {
    '_rels/.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/_rels/workbook.xml.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${R}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}<Relationship Id="rIdS" Type="${R}/styles" Target="styles.xml"/></Relationships>`,
    // Style 1: the builtin date format 14; style 2: a custom "dd/mm/yyyy" (id 164).
    'xl/styles.xml': `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="${NS}"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts><fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>`,
    ...Object.fromEntries(sheets.map((s, i) => [`xl/worksheets/sheet${i + 1}.xml`, `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS}"><sheetData>${s.rows}</sheetData></worksheet>`])),
    'xl/workbook.xml': `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${NS}" xmlns:r="${R}">${workbookPr}<sheets>${sheets.map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`,
  };
  const ordered = contentTypesLast ? { ...parts, '[Content_Types].xml': types } : { '[Content_Types].xml': types, ...parts };
  return zipSync(Object.fromEntries(Object.entries(ordered).map(([k, v]) => [k, strToU8(v)])));
}

const is = (t: string) => `t="inlineStr"><is><t>${t}</t></is>`;

describe('a workbook made by hand', () => {
  const rows =
    `<row r="1"><c r="A1" ${is('N°')}</c><c r="B1" ${is('Échéance')}</c><c r="C1" ${is('Montant')}</c><c r="D1" ${is('Double')}</c><c r="E1" ${is('Texte calculé')}</c></row>` +
    // B2: a serial date with no date format, as some tools write it; D2: a formula and the value Excel saved with it.
    `<row r="2"><c r="A2" ${is('F-1')}</c><c r="B2"><v>45731</v></c><c r="C2"><v>1234.56</v></c><c r="D2"><f>C2*2</f><v>2469.12</v></c><c r="E2" t="str"><f>A2&amp;"-bis"</f><v>F-1-bis</v></c></row>` +
    // Row 3: formulas saved without their values, an error value, and dates with formats 14 and 164.
    `<row r="3"><c r="A3" ${is('F-2')}</c><c r="B3" s="1"><v>45731</v></c><c r="C3" s="2"><v>46326</v></c><c r="D3"><f>C3*2</f></c><c r="E3" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>` +
    `<row r="7"><c r="A7" t="b"><v>1</v></c><c r="C7"><v>0.1</v></c></row>`;

  it('cached formula values, a serial date without format turned into a day by the caller, date formats', async () => {
    const path = await written('handmade.xlsx', handmade([{ name: 'Factures', rows }], { contentTypesLast: true }));
    const book = await readXlsxRows(path, 'handmade.xlsx');
    expect(book.issues).toEqual([]);
    const got = await rowsOf(book);
    expect(got).toEqual([
      { line: 1, cells: [text('N°'), text('Échéance'), text('Montant'), text('Double'), text('Texte calculé')] },
      { line: 2, cells: [text('F-1'), num(45731), num(1234.56), num(2469.12), text('F-1-bis')] },
      { line: 3, cells: [text('F-2'), date('2025-03-15'), date('2026-10-31'), empty, empty] },
      { line: 7, cells: [bool(true), empty, num(0.1), empty, empty] },
    ]);
    // The column "Échéance" holds dates: its number is an Excel serial in this workbook.
    expect(formatIsoDay(book.dayOfSerial(45731)!)).toBe('2025-03-15');
    expect(book.dayOfSerial(60)).toBeNull(); // 29/02/1900, which never was
  });

  it('the 1904 date system, written date1904="1" or date1904="true"', async () => {
    const sheet = { name: 'Factures', rows: `<row r="1"><c r="A1" s="1"><v>44269</v></c><c r="B1"><v>44269</v></c></row>` };
    for (const value of ['1', 'true']) {
      const path = await written(`1904-${value}.xlsx`, handmade([sheet], { workbookPr: `<workbookPr date1904="${value}"/>` }));
      const book = await readXlsxRows(path, 'mac.xlsx');
      expect(book.date1904).toBe(true);
      expect(await rowsOf(book)).toEqual([{ line: 1, cells: [date('2025-03-15'), num(44269)] }]);
      expect(formatIsoDay(book.dayOfSerial(44269)!)).toBe('2025-03-15');
    }
  });

  it('a hidden first sheet is not the one read by default; escaped names are read as Excel shows them', async () => {
    const path = await written(
      'hidden.xlsx',
      handmade([
        { name: 'Paramètres', state: 'hidden', rows: `<row r="1"><c r="A1" ${is('caché')}</c></row>` },
        { name: 'Clients &amp; factures', rows: `<row r="2"><c r="B2" ${is('visible')}</c></row>` },
      ]),
    );
    const book = await readXlsxRows(path, 'hidden.xlsx');
    expect([book.sheet, book.sheets]).toEqual(['Clients & factures', ['Paramètres', 'Clients & factures']]);
    expect(await rowsOf(book)).toEqual([{ line: 2, cells: [empty, text('visible')] }]);
    expect((await readXlsxRows(path, 'hidden.xlsx', { sheet: 'paramètres' })).sheet).toBe('Paramètres');
  });
});

describe('a workbook that cannot be read is one error, never a stack trace', () => {
  it.each([
    ['a zip without xl/workbook.xml', () => zipSync({ '[Content_Types].xml': strToU8('<Types/>') }), 'damaged.xlsx: this .xlsx workbook cannot be read (its xl/workbook.xml is missing or damaged) — open it in Excel and save it again as .xlsx, or save the sheet as CSV (séparateur point-virgule)'],
    ['a workbook cut short', () => handmade([{ name: 'F', rows: '' }]).subarray(0, 300), 'damaged.xlsx: this .xlsx workbook cannot be read (its xl/workbook.xml is missing or damaged) — open it in Excel and save it again as .xlsx, or save the sheet as CSV (séparateur point-virgule)'],
    ['a workbook with no sheet', () => handmade([]), 'damaged.xlsx: this workbook has no sheet — open it in Excel and save it again as .xlsx, or save the sheet as CSV (séparateur point-virgule)'],
  ])('%s', async (_name, bytes, line) => {
    const book = await readXlsxRows(await written('damaged.xlsx', bytes()), 'damaged.xlsx');
    expect(book.issues.map(formatIssue)).toEqual([line]);
    expect(await rowsOf(book)).toEqual([]);
  });

  it('a workbook too large to read whole is refused before it is unzipped, with the way out', async () => {
    // The zip's directory says what each part holds once unzipped: here 200 MB for the sheet.
    const bytes = Buffer.from(handmade([{ name: 'F', rows: `<row r="1"><c r="A1" ${is('N°')}</c></row>` }]));
    const eocd = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    let p = bytes.readUInt32LE(eocd + 16);
    while (bytes.readUInt32LE(p) === 0x02014b50) {
      const nameLength = bytes.readUInt16LE(p + 28);
      if (bytes.toString('utf8', p + 46, p + 46 + nameLength) === 'xl/worksheets/sheet1.xml') bytes.writeUInt32LE(200 * 2 ** 20, p + 24);
      p += 46 + nameLength + bytes.readUInt16LE(p + 30) + bytes.readUInt16LE(p + 32);
    }
    const book = await readXlsxRows(await written('huge.xlsx', bytes), 'huge.xlsx');
    expect(book.issues.map(formatIssue)).toEqual(['huge.xlsx: this workbook is too large to read whole (201 MB of XML inside; relance reads up to 128 MB) — save the sheet as CSV (séparateur point-virgule): relance streams CSV files of any size']);
  });

  it('a cell the library cannot read names its row', async () => {
    const path = await written('bad-cell.xlsx', handmade([{ name: 'F', rows: `<row r="1"><c r="A1" ${is('N°')}</c></row><row r="2"><c r="A2" t="s"><v>99</v></c></row>` }]));
    const book = await readXlsxRows(path, 'bad-cell.xlsx');
    expect(book.issues.map(formatIssue)).toEqual(['bad-cell.xlsx:2: this workbook cannot be read: <c/> at row 2, col 1: VALUE_INVALID — open it in Excel and save it again as .xlsx, or save the sheet as CSV (séparateur point-virgule)']);
  });
});

describe('the committed "suivi des factures"', () => {
  it('title lines above the header, € amounts as numbers, dates as days, a totals row, a second sheet', async () => {
    const book = await readXlsxRows(FIXTURE, 'suivi-factures.xlsx');
    expect([book.issues, book.sheet, book.sheets]).toEqual([[], 'Suivi 2026', ['Suivi 2026', 'Notes']]);
    const table = (await rowsOf(book)).map((r) => [r.line, ...r.cells.map(cellText)]);
    expect(table).toEqual([
      [1, 'Suivi des factures — Atelier Dupont SARL', '', '', '', '', '', '', '', '', ''],
      [2, 'Au 1 décembre 2026', '', '', '', '', '', '', '', '', ''],
      [4, 'N° facture', 'Client', 'Date facture', 'Échéance', 'Montant HT', 'TVA', 'Montant TTC', 'Réglé', 'Reste à payer', 'Statut'],
      [5, 'F-2026-031', 'Boulangerie Lemoine SARL', '2026-08-28', '2026-09-27', '1000', '200', '1200', '0', '1200', 'En retard'],
      [6, 'F-2026-032', 'Cabinet Mérieux & Associés', '2026-09-03', '2026-10-03', '2450.5', '490.1', '2940.6', '1000', '1940.6', 'Partiellement réglée'],
      [7, 'F-2026-033', 'Œnothèque du Périgord', '2026-09-15', '2026-10-15', '380', '76', '456', '456', '0', 'Réglée'],
      [8, 'F-2026-034', 'SCI Les Érables', '2026-10-01', '2026-10-31', '12500', '2500', '15000', '0', '15000', 'Émise'],
      [9, 'F-2026-035', 'Garage Dubois', '2026-10-12', '2026-11-11', '89.9', '17.98', '107.88', '', '107.88', ''],
      [10, 'F-2026-036', 'Librairie « La Page »', '2026-11-02', '2026-12-02', '640', '128', '768', '0', '768', 'Envoyée'],
      [12, 'Total', '', '', '', '17060.4', '3412.08', '20472.48', '1456', '19016.48', ''],
    ]);
  });
});

describe('cellText', () => {
  it.each([
    [text('F-1'), 'F-1'],
    [num(1234.56), '1234.56'],
    [num(1234.5600000000002), '1234.56'], // float noise from a formula, as Excel shows it
    [num(0.1 + 0.2), '0.3'],
    [num(20260001), '20260001'],
    [num(1234567890123456), '1234567890123456'],
    [num(-80.5), '-80.5'],
    [date('2026-10-31'), '2026-10-31'],
    [bool(true), 'true'],
    [bool(false), 'false'],
    [empty, ''],
  ])('%j → %j', (cell, expected) => {
    expect(cellText(cell)).toBe(expected);
  });
});
