// What a file is, by its first bytes, and the one sentence each refusal gets. Real files:
// test/fixtures/not-tables/ holds an .xls, an .ods, an HTML table and an Excel 2003 XML file
// as a spreadsheet writer (SheetJS) wrote them; the rest is written here, byte by byte.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { strToU8, zipSync } from 'fflate';
import writeExcelFile from 'write-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileKindIssue, sniffFile } from '../../src/io/file-kind.js';
import { formatIssue } from '../../src/render/issues.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/not-tables/', import.meta.url));

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'relance-file-kind-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

async function written(name: string, bytes: Uint8Array | string): Promise<string> {
  const path = join(root, name);
  await writeFile(path, bytes);
  return path;
}

/** The line relance prints for the file, or null when it is a table it reads. */
async function refusal(path: string, shown: string): Promise<string | null> {
  const issue = fileKindIssue(shown, await sniffFile(path));
  return issue === null ? null : formatIssue(issue);
}

/** A minimal OLE2 compound file: header, one FAT sector, one directory sector with these streams. */
function compoundFile(streams: string[]): Buffer {
  const header = Buffer.alloc(512);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x3e, 0x18);
  header.writeUInt16LE(3, 0x1a);
  header.writeUInt16LE(0xfffe, 0x1c);
  header.writeUInt16LE(9, 0x1e); // 512-byte sectors
  header.writeUInt16LE(6, 0x20);
  header.writeUInt32LE(1, 0x2c); // one FAT sector…
  header.writeUInt32LE(1, 0x30); // …and the directory in sector 1
  header.writeUInt32LE(4096, 0x38);
  header.writeInt32LE(-2, 0x3c);
  header.writeInt32LE(-2, 0x44);
  header.writeUInt32LE(0, 0x4c); // DIFAT[0]: the FAT is sector 0
  for (let i = 1; i < 109; i++) header.writeInt32LE(-1, 0x4c + 4 * i);
  const fat = Buffer.alloc(512, 0xff);
  fat.writeInt32LE(-3, 0); // sector 0: FAT
  fat.writeInt32LE(-2, 4); // sector 1: end of the directory chain
  const directory = Buffer.alloc(512);
  ['Root Entry', ...streams].forEach((name, i) => {
    const entry = directory.subarray(i * 128, (i + 1) * 128);
    const utf16 = Buffer.from(`${name}\0`, 'utf16le');
    utf16.copy(entry, 0);
    entry.writeUInt16LE(utf16.length, 0x40);
    entry[0x42] = i === 0 ? 5 : 2; // root storage, then streams
    entry.writeInt32LE(-1, 0x44);
    entry.writeInt32LE(-1, 0x48);
    entry.writeInt32LE(i === 0 && streams.length > 0 ? 1 : -1, 0x4c);
    entry.writeInt32LE(-2, 0x74);
  });
  return Buffer.concat([header, fat, directory]);
}

const zip = (entries: Record<string, string>, first?: { name: string; text: string }) =>
  zipSync({
    ...(first ? { [first.name]: [strToU8(first.text), { level: 0 }] as [Uint8Array, { level: 0 }] } : {}),
    ...Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, strToU8(v)])),
  });

describe('tables relance reads', () => {
  it.each([
    ['a CSV', 'N° facture;Client;Montant\nF-1;Société;12,50\n'],
    ['a CSV with a BOM', '\ufeffN° facture;Client;Montant\n'],
    ['a YAML list', '- number: F-1\n  client: Un\n'],
    ['a CSV with one stray NUL (the CSV reader reports it at its line)', 'N° facture;Client\nF-1;Un\0\n'],
    ['UTF-16 with its BOM', Buffer.from('\ufeffN° facture\tClient\r\n', 'utf16le')],
    ['an empty file', ''],
  ])('%s is text', async (_name, content) => {
    expect(await sniffFile(await written('t.csv', content))).toEqual({ kind: 'text' });
  });

  it('an .xlsx written by write-excel-file', async () => {
    const bytes = await writeExcelFile([['N° facture', 'Montant'], ['F-1', 12.5]]).toBuffer();
    expect(await sniffFile(await written('w.xlsx', bytes))).toEqual({ kind: 'xlsx' });
  });

  it('an .xlsx whose [Content_Types].xml comes last in the zip, as SheetJS writes it', async () => {
    const bytes = zip({ 'xl/workbook.xml': '<workbook/>', 'xl/worksheets/sheet1.xml': '<worksheet/>', '[Content_Types].xml': '<Types/>' });
    expect(await sniffFile(await written('s.xlsx', bytes))).toEqual({ kind: 'xlsx' });
  });
});

describe('anything else: one sentence, never its bytes', () => {
  it('an Excel 97–2003 workbook (.xls)', async () => {
    expect(await refusal(join(FIXTURES, 'factures-excel97.xls'), 'factures.xls')).toBe('factures.xls: this is an Excel 97–2003 file (.xls) — save it as .xlsx or as CSV (séparateur point-virgule)');
  });

  it('an .xlsx protected by a password (an OLE2 file holding EncryptionInfo)', async () => {
    const path = await written('protected.xlsx', compoundFile(['EncryptionInfo', 'EncryptedPackage']));
    expect(await refusal(path, 'protected.xlsx')).toBe(
      'protected.xlsx: this Excel file is protected by a password — open it in Excel, remove the password (Fichier > Informations > Protéger le classeur > Chiffrer avec mot de passe), then save it as .xlsx or as CSV (séparateur point-virgule)',
    );
    // The same container with a workbook stream is a legacy .xls.
    expect(await sniffFile(await written('old.xls', compoundFile(['Workbook'])))).toEqual({ kind: 'xls' });
  });

  it('a LibreOffice spreadsheet, mimetype first as ODF asks, and as SheetJS writes it', async () => {
    const odf = zip({ 'content.xml': '<office:document-content/>', 'META-INF/manifest.xml': '<manifest/>' }, { name: 'mimetype', text: 'application/vnd.oasis.opendocument.spreadsheet' });
    const line = 'factures.ods: this is a LibreOffice/OpenOffice spreadsheet (.ods) — save it as .xlsx or CSV';
    expect(await refusal(await written('f.ods', odf), 'factures.ods')).toBe(line);
    expect(await refusal(join(FIXTURES, 'factures.ods'), 'factures.ods')).toBe(line);
  });

  it('an HTML table saved with an .xls name, as Excel and SheetJS write it', async () => {
    const excel = '\ufeff<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">\r\n<head><meta name=ProgId content=Excel.Sheet></head><body><table><tr><td>N°</td></tr></table></body></html>';
    const line = 'factures.xls: this is a web page (HTML) saved with an .xls name — open it in Excel and save it as .xlsx or CSV';
    expect(await refusal(await written('web.xls', excel), 'factures.xls')).toBe(line);
    expect(await refusal(join(FIXTURES, 'factures-web.xls'), 'factures.xls')).toBe(line);
    expect(await refusal(await written('page.csv', '  <!DOCTYPE html>\n<html lang="fr">'), 'export.csv')).toBe('export.csv: this is a web page (HTML) saved with a .csv name — open it in Excel and save it as .xlsx or CSV');
    expect(await refusal(await written('page.html', '<table><tr><td>1</td></tr></table>'), 'page.html')).toBe('page.html: this is a web page (HTML) — open it in Excel and save it as .xlsx or CSV');
  });

  it('an Excel 2003 XML spreadsheet', async () => {
    expect(await refusal(join(FIXTURES, 'factures-2003.xml'), 'factures.xls')).toBe('factures.xls: this is an Excel 2003 XML spreadsheet — open it in Excel and save it as .xlsx or CSV');
  });

  it('a PDF', async () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n%'), Buffer.from([0xe2, 0xe3, 0xcf, 0xd3]), Buffer.from('\n1 0 obj\n<< /Type /Catalog >>\nendobj\n')]);
    expect(await refusal(await written('facture.pdf', pdf), 'facture.pdf')).toBe('facture.pdf: this is a PDF, not a table of invoices — export the invoices from your tool as CSV or Excel');
  });

  it('a binary file: no byte of it in the message', async () => {
    // A seeded xorshift: the same 64 KB every run, NULs and control codes among them.
    let x = 0x2545f491;
    const bytes = Buffer.alloc(65_536);
    for (let i = 0; i < bytes.length; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      bytes[i] = x & 0xff;
    }
    expect(await refusal(await written('blob.csv', bytes), 'factures.csv')).toBe('factures.csv: this is a binary file, not a table of invoices — export the invoices from your tool as CSV or Excel');
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), bytes.subarray(0, 100)]);
    expect(await refusal(await written('scan.csv', png), 'scan.csv')).toBe('scan.csv: this is an image (PNG), not a table of invoices — export the invoices from your tool as CSV or Excel');
  });

  it('UTF-16 text without its byte-order mark', async () => {
    const path = await written('nobom.csv', Buffer.from('N° facture;Client;Montant\r\nF-1;Un;12\r\n', 'utf16le'));
    expect(await refusal(path, 'nobom.csv')).toBe('nobom.csv: this is UTF-16 text without its byte-order mark (BOM) — save it as UTF-8 (in Excel: "CSV UTF-8")');
  });

  it('a zip archive: the table inside it named, and a zip of other things', async () => {
    expect(await refusal(await written('a.zip', zip({ 'export/factures 2026.csv': 'N°;Client\n' })), 'export.zip')).toBe('export.zip: this is a zip archive (it holds export/factures 2026.csv) — unzip it and name that file instead');
    expect(await refusal(await written('b.zip', zip({ 'photo.jpg': 'x' })), 'b.zip')).toBe('b.zip: this is a zip archive, not a table of invoices — unzip it and name the CSV or .xlsx file inside');
    expect(await refusal(await written('c.zip', zipSync({})), 'c.zip')).toBe('c.zip: this is a zip archive, not a table of invoices — unzip it and name the CSV or .xlsx file inside');
  });

  it('a Word document, an XML file', async () => {
    expect(await refusal(await written('d.docx', zip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' })), 'factures.docx')).toBe(
      'factures.docx: this is a Word document (.docx), not a table of invoices — export the invoices from your tool as CSV or Excel',
    );
    expect(await refusal(await written('f.xml', '<?xml version="1.0"?>\n<rsm:CrossIndustryInvoice/>'), 'facture.xml')).toBe('facture.xml: this is an XML file, not a table of invoices — export the invoices from your tool as CSV or Excel');
  });
});
