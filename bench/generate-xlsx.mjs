// An .xlsx of the bench invoices, written the way Excel lays one out (shared strings, dates
// as serial numbers with the builtin date format 14, amounts as numbers), by hand: the XML
// parts built as text and zipped with fflate, deterministic (fixed entry times), seconds
// for 100k rows where write-excel-file takes minutes.

import { writeFile } from 'node:fs/promises';
import { strToU8, zipSync } from 'fflate';

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006';
// Day 0 (1970-01-01) is serial 25569 in Excel's 1900 date system.
const SERIAL_OF_DAY_0 = 25569;
const MTIME = new Date('2026-11-22T08:00:00Z');

const escapeXml = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Column letters for 0-based column i (13 columns: A…M). */
const column = (i) => String.fromCharCode(65 + i);

/**
 * Writes `invoices` (the bench generator's objects) under `header` (the CSV header's names)
 * to `path`. Returns the number of data rows.
 */
export async function writeInvoicesXlsx(path, header, invoices) {
  const strings = new Map();
  const shared = (text) => {
    let index = strings.get(text);
    if (index === undefined) {
      index = strings.size;
      strings.set(text, index);
    }
    return index;
  };
  const rows = [];
  const cells = (r, values) => {
    const out = [`<row r="${r}">`];
    values.forEach((v, i) => {
      if (v === null || v === '') return;
      const ref = `${column(i)}${r}`;
      if (typeof v === 'string') out.push(`<c r="${ref}" t="s"><v>${shared(v)}</v></c>`);
      else if (v.day !== undefined) out.push(`<c r="${ref}" s="1"><v>${v.day + SERIAL_OF_DAY_0}</v></c>`);
      else out.push(`<c r="${ref}" s="2"><v>${v.number}</v></c>`);
    });
    out.push('</row>');
    rows.push(out.join(''));
  };
  cells(1, header);
  let r = 1;
  for (const inv of invoices) {
    r += 1;
    const c = inv.client;
    cells(r, [
      inv.number,
      c.name,
      c.email,
      c.type,
      { day: inv.issue },
      { day: inv.due },
      { number: inv.amount / 100 },
      inv.paid === null ? null : { number: inv.paid / 100 },
      inv.paidDay === null ? null : { day: inv.paidDay },
      inv.status,
      c.tags,
      c.language,
      null,
    ]);
  }
  const sheet = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${NS}" xmlns:r="${REL}"><dimension ref="A1:${column(header.length - 1)}${r}"/><sheetData>${rows.join('')}</sheetData></worksheet>`;
  const sst = [`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="${NS}" count="${strings.size}" uniqueCount="${strings.size}">`];
  for (const text of strings.keys()) sst.push(`<si><t xml:space="preserve">${escapeXml(text)}</t></si>`);
  sst.push('</sst>');
  const parts = {
    '[Content_Types].xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="${PKG}/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`,
    '_rels/.rels': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG}/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="${NS}" xmlns:r="${REL}"><workbookPr/><sheets><sheet name="Factures" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG}/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/styles" Target="styles.xml"/><Relationship Id="rId3" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    'xl/styles.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="${NS}"><numFmts count="1"><numFmt numFmtId="164" formatCode="#,##0.00\\ &quot;€&quot;"/></numFmts><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>`,
    'xl/sharedStrings.xml': sst.join(''),
    'xl/worksheets/sheet1.xml': sheet,
  };
  const zipped = zipSync(Object.fromEntries(Object.entries(parts).map(([name, text]) => [name, [strToU8(text), { mtime: MTIME, os: 3 }]])), { level: 6 });
  await writeFile(path, zipped);
  return r - 1;
}
