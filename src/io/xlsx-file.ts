// One sheet of an .xlsx workbook as rows of typed cells, read with read-excel-file; the
// shape a tabular reader takes, whatever the container:
//
//   const book = await readXlsxRows(path, file, { sheet: 'Factures' });  // sheet: optional
//   book.issues            file-level problems (damaged workbook, unknown sheet…); rows is then empty
//   book.sheet, book.sheets   the sheet read, and every sheet's name in tab order
//   for await (const row of book.rows) {
//     row.line             its row number, 1-based as Excel shows it (blank rows are skipped)
//     row.cells[i]         column i (A is 0): { kind: 'text', text } | { kind: 'number', value }
//                          | { kind: 'date', day } | { kind: 'boolean', value } | { kind: 'empty' }
//   }
//   book.dayOfSerial(n)    a number in a column known to hold dates (a workbook written without
//                          date formats: 45731) as the day it is in this workbook's date system
//   cellText(cell)         a cell as the text readers take it: '2026-10-31', '1234.56', 'true', ''
//
// A formula is read from the value Excel saved with it (none saved: empty); an error value
// (#N/A, #REF!) reads as empty too. Dates formatted as dates come as days, the time dropped.

import { unzipSync } from 'fflate';
import type { Day } from '../domain/dates.js';
import { dayFromExcelSerial, formatIsoDay } from '../domain/dates.js';
import type { Issue } from '../domain/issue.js';
import { error } from '../domain/issue.js';
import { normalizeName } from '../domain/invoice-fields.js';
import { formatCount, quote, shorten } from '../domain/user-text.js';
import { readUserBytes } from './user-file.js';

export type XlsxCell =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'date'; readonly day: Day }
  | { readonly kind: 'boolean'; readonly value: boolean }
  | { readonly kind: 'empty' };

export interface XlsxRow {
  /** 1-based, as Excel numbers its rows. */
  line: number;
  cells: readonly XlsxCell[];
}

export interface XlsxBook {
  rows: AsyncIterable<XlsxRow>;
  issues: Issue[];
  /** The sheet read ('' when none could be). */
  sheet: string;
  sheets: readonly string[];
  /** Whether the workbook counts days from 1904 (old Mac workbooks). */
  date1904: boolean;
  dayOfSerial(serial: number): Day | null;
}

export interface XlsxOptions {
  /** The sheet to read (`sheet:` in the config), matched ignoring case and accents; default: the first visible one. */
  sheet?: string;
}

export const EMPTY_CELL: XlsxCell = Object.freeze({ kind: 'empty' });
const TRUE_CELL: XlsxCell = Object.freeze({ kind: 'boolean', value: true });
const FALSE_CELL: XlsxCell = Object.freeze({ kind: 'boolean', value: false });
const DAY_MS = 86_400_000;
// workbook.xml is a few kilobytes: more is no workbook's (a zip bomb's, maybe).
const MAX_WORKBOOK_XML = 16 * 1024 * 1024;
// read-excel-file holds every XML part as text and the sheet as arrays: about 7.5 MB of
// memory per MB of sheet XML (100k rows × 13 columns: 35 MB of XML, 263 MB peak RSS).
// 128 MB of XML (~360k such rows) stays near 1 GB; beyond, CSV is the way.
export const MAX_XLSX_XML_BYTES = 128 * 1024 * 1024;
const REPAIR = 'open it in Excel and save it again as .xlsx, or save the sheet as CSV (séparateur point-virgule)';

/** Reads the sheet; a damaged workbook or an unknown sheet is an issue, never a throw. fs errors are thrown. */
export async function readXlsxRows(path: string, file: string, options: XlsxOptions = {}): Promise<XlsxBook> {
  const bytes = await readUserBytes(path);
  const failed = (message: string, hint: string, sheets: readonly string[] = [], field?: string, line?: number): XlsxBook => ({
    rows: noRows(),
    issues: [error(file, line, field, message, hint)],
    sheet: '',
    sheets,
    date1904: false,
    dayOfSerial: () => null,
  });
  const info = workbookInfo(bytes);
  if (info === null) return failed('this .xlsx workbook cannot be read (its xl/workbook.xml is missing or damaged)', REPAIR);
  const names = info.sheets.map((s) => s.name);
  if (names.length === 0) return failed('this workbook has no sheet', REPAIR);
  if (info.xmlBytes > MAX_XLSX_XML_BYTES) {
    const mb = (n: number) => `${formatCount(Math.ceil(n / 2 ** 20))} MB`;
    return failed(`this workbook is too large to read whole (${mb(info.xmlBytes)} of XML inside; relance reads up to ${mb(MAX_XLSX_XML_BYTES)})`, 'save the sheet as CSV (séparateur point-virgule): relance streams CSV files of any size', names);
  }
  const index = options.sheet === undefined ? firstVisible(info.sheets) : sheetIndex(names, options.sheet);
  if (index < 0) return failed(`no sheet named ${quote(options.sheet!)} in this workbook (sheets: ${nameList(names)})`, 'name one of them under sheet: in relance.yaml', names, 'sheet');

  let data: unknown[][];
  try {
    // Loaded only when a workbook is read: commands on CSV files never pay for it.
    const { readSheet } = await import('read-excel-file/node');
    // By position: the same order as workbook.xml's <sheets>, whatever the names' escapes.
    data = (await readSheet(bytes, index + 1)) as unknown[][];
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const at = /at row (\d+)/.exec(message);
    return failed(`this workbook cannot be read: ${shorten(message, 120)}`, REPAIR, names, undefined, at ? Number(at[1]) : undefined);
  }
  // read-excel-file takes only date1904="1" for the 1904 system; "true" is valid XML too.
  const shift = info.date1904 && !info.date1904IsOne ? 1462 : 0;
  return {
    rows: rowsOf(data, shift),
    issues: [],
    sheet: names[index]!,
    sheets: names,
    date1904: info.date1904,
    dayOfSerial: (serial) => dayFromExcelSerial(serial, info.date1904),
  };
}

/** A cell as the text readers take it: a day as yyyy-mm-dd, a number without float noise. */
export function cellText(cell: XlsxCell): string {
  switch (cell.kind) {
    case 'text':
      return cell.text;
    case 'number':
      // 15 significant digits: what Excel itself shows of 1234.5600000000002.
      return Number.isInteger(cell.value) ? String(cell.value) : String(Number(cell.value.toPrecision(15)));
    case 'date':
      return formatIsoDay(cell.day);
    case 'boolean':
      return cell.value ? 'true' : 'false';
    case 'empty':
      return '';
  }
}

/** The rows in order, each converted as it is asked for and its source row let go. */
async function* rowsOf(data: unknown[][], dayShift: number): AsyncGenerator<XlsxRow> {
  for (let i = 0; i < data.length; i++) {
    const source = data[i]!;
    data[i] = [];
    let blank = true;
    const cells = source.map((value): XlsxCell => {
      if (value === null || value === undefined) return EMPTY_CELL;
      blank = false;
      if (typeof value === 'string') return { kind: 'text', text: value };
      if (typeof value === 'number') return { kind: 'number', value };
      if (typeof value === 'boolean') return value ? TRUE_CELL : FALSE_CELL;
      if (value instanceof Date) return { kind: 'date', day: Math.floor(value.getTime() / DAY_MS) + dayShift };
      return { kind: 'text', text: String(value) };
    });
    if (!blank) yield { line: i + 1, cells };
  }
}

async function* noRows(): AsyncGenerator<XlsxRow> {}

interface WorkbookInfo {
  sheets: { name: string; hidden: boolean }[];
  date1904: boolean;
  date1904IsOne: boolean;
  /** The XML parts' size once unzipped, as the zip's directory states it. */
  xmlBytes: number;
}

/** The sheets and the date system, from xl/workbook.xml alone (the only entry unzipped here). */
function workbookInfo(bytes: Buffer): WorkbookInfo | null {
  let xml: string;
  let xmlBytes = 0;
  try {
    const wanted = (f: { name: string; originalSize: number }): boolean => {
      if (f.name.endsWith('.xml')) xmlBytes += f.originalSize;
      return f.name === 'xl/workbook.xml' && f.originalSize <= MAX_WORKBOOK_XML;
    };
    const entries = unzipSync(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), { filter: wanted });
    const entry = entries['xl/workbook.xml'];
    if (entry === undefined) return null;
    xml = new TextDecoder().decode(entry);
  } catch {
    return null;
  }
  const sheets = [...xml.matchAll(/<(?:\w+:)?sheet\b([^>]*)>/g)].flatMap((m) => {
    const name = attribute(m[1]!, 'name');
    const state = attribute(m[1]!, 'state');
    return name === null ? [] : [{ name: unescapeXml(name), hidden: state === 'hidden' || state === 'veryHidden' }];
  });
  const pr = /<(?:\w+:)?workbookPr\b([^>]*)>/.exec(xml);
  const date1904 = pr === null ? null : attribute(pr[1]!, 'date1904');
  return { sheets, date1904: date1904 === '1' || date1904 === 'true', date1904IsOne: date1904 === '1', xmlBytes };
}

function attribute(attributes: string, name: string): string | null {
  const m = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(attributes);
  return m === null ? null : (m[1] ?? m[2]!);
}

function unescapeXml(text: string): string {
  return text
    .replace(/&(lt|gt|quot|apos|amp|#\d+|#x[0-9a-f]+);/gi, (all, e: string) => {
      const named: Record<string, string> = { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' };
      if (e[0] !== '#') return named[e.toLowerCase()] ?? all;
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : all;
    })
    .replace(/_x([0-9A-Fa-f]{4})_/g, (_all, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function firstVisible(sheets: WorkbookInfo['sheets']): number {
  const visible = sheets.findIndex((s) => !s.hidden);
  return visible < 0 ? 0 : visible;
}

/** The sheet by its exact name, else ignoring case, accents, spaces and punctuation; -1 when none. */
function sheetIndex(names: readonly string[], wanted: string): number {
  const exact = names.indexOf(wanted);
  if (exact >= 0) return exact;
  const key = normalizeName(wanted);
  return key === '' ? -1 : names.findIndex((n) => normalizeName(n) === key);
}

function nameList(names: readonly string[]): string {
  const shown = names.slice(0, 10).map(quote).join(', ');
  return names.length > 10 ? `${shown} and ${formatCount(names.length - 10)} more` : shown;
}
