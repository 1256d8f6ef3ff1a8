// A FEC (Fichier des Écritures Comptables, art. A47 A-1 LPF) read for its customer accounts,
// streamed so that a million-line file costs little more than parsing it.
//
//   readFecReceivables(path, display, { accounts?, asOf? }): Promise<FecReceivables>
//     items    FecOpenItem[]  open invoices on the as-of date: customer, name, account,
//                             number, issueDate (null: opening balance of unknown age),
//                             amount (cents), payments [{ date, amount }], flags
//                             ('doubtful', 'opening-balance-unknown-age'), lines (FEC lines)
//     credits  FecCredit[]    per customer, what its credits leave over: amount, lines
//     asOf     Day | null     the option, else the closing date in the file name
//                             (SIRENFECAAAAMMJJ), else the last entry date; null on a file error
//     asOfFrom 'option' | 'file-name' | 'last-entry' | null
//     issues   Issue[]        file:line: field: problem — hint; errors and warnings
//     format   { encoding, delimiter, amounts } | null   how the file was read
//   isFecFile(path) / fecLayoutOfStart(text): whether a file or its first bytes are a FEC,
//     told by the header line (the 18 standard names in order), whatever the file's name.
//
// Kept: lines whose CompteNum starts with one of `accounts` (default 411, 416, 419), never
// 418 (factures à établir: nothing billed yet). Every other line is only checked for its
// field count, and its date read for the last entry date.

import { basename } from 'node:path';
import { parse } from 'csv-parse';
import type { Day } from '../domain/dates.js';
import { FEC_FIELDS, FecLineReader, fecLayoutOf, parseFecDate } from '../domain/fec-line.js';
import type { FecLayout, FecLine } from '../domain/fec-line.js';
import type { FecCredit, FecOpenItem } from '../domain/fec-ledger.js';
import { computeFecLedger, fecClosingDate } from '../domain/fec-ledger.js';
import type { Issue } from '../domain/issue.js';
import { error, warning } from '../domain/issue.js';
import { formatCount, quote, shorten } from '../domain/user-text.js';
import { fileError } from './paths.js';
import { detectEncoding, encodingIssue, feedParser, readChunks } from './text-file.js';
import { openUserFile } from './user-file.js';

export type FecEncoding = 'utf-8' | 'iso-8859-15' | 'windows-1252';

export const DEFAULT_FEC_ACCOUNTS: readonly string[] = ['411', '416', '419'];

export interface FecOptions {
  /** Account prefixes to keep (`fec: accounts:` in the config). */
  accounts?: readonly (string | number)[];
  /** The day the balances are wanted for; default: the FEC's own date. */
  asOf?: Day;
}

export interface FecFormat {
  encoding: FecEncoding;
  delimiter: '\t' | '|';
  amounts: FecLayout['amounts'];
}

export interface FecReceivables {
  items: FecOpenItem[];
  credits: FecCredit[];
  asOf: Day | null;
  asOfFrom: 'option' | 'file-name' | 'last-entry' | null;
  issues: Issue[];
  format: FecFormat | null;
}

/** The customer-account lines of a FEC, and the last entry date of the whole file. */
export interface FecLines {
  lines: FecLine[];
  lastEntryDate: Day | null;
  issues: Issue[];
  format: FecFormat | null;
}

// Beyond these, a file's problems are counted, not listed: a systematic fault in a million
// lines is one fault.
const MAX_LINE_ISSUES = 500;
// Far above any FEC line (a few hundred characters), far below memory trouble.
const MAX_RECORD_LENGTH = 1_000_000;

export async function readFecReceivables(path: string, display: string, options: FecOptions = {}): Promise<FecReceivables> {
  const read = await readFecLines(path, display, options.accounts ?? DEFAULT_FEC_ACCOUNTS);
  const fromName = fecClosingDate(basename(path));
  const [asOf, asOfFrom] = options.asOf !== undefined ? [options.asOf, 'option' as const] : fromName !== null ? [fromName, 'file-name' as const] : read.lastEntryDate !== null ? [read.lastEntryDate, 'last-entry' as const] : [null, null];
  if (asOf === null) return { items: [], credits: [], asOf, asOfFrom, issues: read.issues, format: read.format };
  const ledger = computeFecLedger(read.lines, asOf, display);
  const issues = read.issues;
  for (const issue of ledger.issues) issues.push(issue);
  return { items: ledger.items, credits: ledger.credits, asOf, asOfFrom, issues, format: read.format };
}

/** Whether the file's first line is a FEC header (a file that cannot be read is none). */
export async function isFecFile(path: string): Promise<boolean> {
  try {
    const { handle } = await openUserFile(path);
    try {
      const { buffer, bytesRead } = await handle.read(Buffer.alloc(64 * 1024), 0, 64 * 1024, 0);
      return fecLayoutOfStart(buffer.subarray(0, bytesRead).toString('latin1')) !== null;
    } finally {
      await handle.close();
    }
  } catch {
    return false;
  }
}

/** The layout from a file's first characters (the header is ASCII: any decoding will do). */
export function fecLayoutOfStart(text: string): FecLayout | null {
  const start = text.startsWith('\uFEFF') ? 1 : text.startsWith('\u00EF\u00BB\u00BF') ? 3 : 0;
  const end = text.search(/\r|\n/);
  return fecLayoutOf(text.slice(start, end < 0 ? undefined : end));
}

export async function readFecLines(path: string, display: string, accounts: readonly (string | number)[]): Promise<FecLines> {
  try {
    const detected = await detectEncoding(path);
    if ('problem' in detected) return { lines: [], lastEntryDate: null, issues: [encodingIssue(display, detected.problem)], format: null };
    // Not UTF-8: ISO-8859-15 is the FEC's own (€ at 0xA4), unless a byte only Windows-1252 has text for shows.
    const encoding: FecEncoding = detected.encoding === 'utf-8' ? 'utf-8' : (await hasC1Byte(path)) ? 'windows-1252' : 'iso-8859-15';
    return await parseFec(path, display, encoding, accounts.map(String));
  } catch (e) {
    return { lines: [], lastEntryDate: null, issues: [fileError(e, display)], format: null };
  }
}

/** A byte 0x80–0x9F: a control character in ISO-8859-15, text (€, ’, œ…) in Windows-1252. */
async function hasC1Byte(path: string): Promise<boolean> {
  const { handle } = await openUserFile(path);
  try {
    for await (const chunk of handle.createReadStream({ highWaterMark: 1024 * 1024, autoClose: false })) {
      const bytes = chunk as Buffer;
      for (let i = 0; i < bytes.length; i++) if ((bytes[i]! & 0xe0) === 0x80) return true;
    }
    return false;
  } finally {
    await handle.close();
  }
}

async function parseFec(path: string, file: string, encoding: FecEncoding, prefixes: readonly string[]): Promise<FecLines> {
  const issues: Issue[] = [];
  const lines: FecLine[] = [];
  const chunks = readChunks(path, encoding);
  const head = await chunks.next();
  if (head.done || head.value.length === 0) return { lines, lastEntryDate: null, issues: [error(file, undefined, undefined, 'the file is empty', 'export the FEC again from the accounting software')], format: null };
  const start = typeof head.value === 'string' ? head.value.slice(0, 8192) : head.value.subarray(0, 8192).toString('latin1');
  const layout = fecLayoutOfStart(start);
  if (layout === null) {
    const text = typeof head.value === 'string' ? head.value.slice(0, 8192) : head.value.subarray(0, 8192).toString('utf8');
    const end = text.search(/\r|\n/);
    return { lines, lastEntryDate: null, issues: [notAFec(file, text.slice(0, end < 0 ? undefined : end))], format: null };
  }
  const reader = new FecLineReader(layout, file);
  let lastEntry = '';
  let nextLine = 1;
  let skipped = 0;
  let header = true;
  const onRecord = (record: string[]): void => {
    const line = nextLine;
    nextLine += 1 + lineBreaksIn(record);
    if (header) {
      header = false;
      return;
    }
    if (record.length === 1 && record[0]!.trim() === '') return; // an empty line
    let values = record;
    if (values.length !== layout.width) {
      values = fitted(record, layout.width);
      if (values.length !== layout.width) return fieldCount(line, record.length);
    }
    // The last entry date of the whole file: AAAAMMJJ strings compare as dates.
    const date = values[3]!;
    if (date > lastEntry && parseFecDate(date.slice(0, 8)) !== null) lastEntry = date.slice(0, 8);
    const account = values[4]!.charCodeAt(0) === 32 ? values[4]!.trim() : values[4]!;
    let kept = false;
    for (const p of prefixes) if (account.startsWith(p)) kept = true;
    if (!kept || account.startsWith('418')) return;
    const before = issues.length;
    const read = reader.read(values, line, issues);
    if (read !== null) lines.push(read);
    else if (values !== record) {
      // Made to fit, and wrong: a "|" in a label shifts the fields, which the count tells best.
      issues.length = before;
      fieldCount(line, record.length);
    } else if (before >= MAX_LINE_ISSUES) {
      issues.length = before;
      skipped++;
    }
  };
  const fieldCount = (line: number, count: number): void => {
    if (issues.length >= MAX_LINE_ISSUES) {
      skipped++;
      return;
    }
    const separator = layout.delimiter === '\t' ? '\\t' : '|';
    issues.push(error(file, line, undefined, `this line has ${count} fields where the header has ${layout.width}`, `check for a "${separator}" inside a label, or a line break`));
  };

  const parser = parse({ delimiter: layout.delimiter, relax_column_count: true, relax_quotes: true, max_record_size: MAX_RECORD_LENGTH });
  parser.on('data', onRecord);
  try {
    await feedParser(parser, head.value, chunks, () => false);
  } catch (e) {
    const { code, lines: at, message } = e as { code?: unknown; lines?: number; message?: string };
    if (typeof code !== 'string' || !code.startsWith('CSV_')) throw e;
    const hint = code === 'CSV_MAX_RECORD_SIZE' ? 'check that this is the FEC, and the quotes before that line' : 'a quote (") opens a field that never ends: check the labels near that line';
    issues.push(error(file, at, undefined, `not readable as a FEC: ${shorten(message ?? '', 200)}`, hint));
  } finally {
    parser.destroy();
  }
  if (skipped > 0) issues.push(error(file, undefined, undefined, `${formatCount(skipped)} more lines with problems, not listed`, 'correct the ones listed first: the others are likely the same fault'));
  const lastEntryDate = lastEntry === '' ? null : parseFecDate(lastEntry);
  if (lines.length === 0 && issues.length === 0) issues.push(warning(file, undefined, 'CompteNum', `no line on the customer accounts (${prefixes.join(', ')})`, 'check fec: accounts: in relance.yaml'));
  return { lines, lastEntryDate, issues, format: { encoding, delimiter: layout.delimiter, amounts: layout.amounts } };
}

/**
 * A line with a field count other than the header's, made to fit when nothing is lost:
 * extra empty fields (a separator at the end of the line) are dropped, and fields missing
 * after ValidDate (Montantdevise, Idevise, extra columns) read as empty, as the DGFiP's
 * checker reads them. Otherwise the line as it was.
 */
function fitted(record: string[], width: number): string[] {
  if (record.length > width) {
    for (let i = width; i < record.length; i++) if (record[i]!.trim() !== '') return record;
    return record.slice(0, width);
  }
  if (record.length < 16) return record;
  const padded = record.slice();
  while (padded.length < width) padded.push('');
  return padded;
}

function lineBreaksIn(record: readonly string[]): number {
  let breaks = 0;
  for (const field of record) {
    for (let at = field.indexOf('\n'); at !== -1; at = field.indexOf('\n', at + 1)) breaks += 1;
  }
  return breaks;
}

function notAFec(file: string, firstLine: string): Issue {
  return error(file, 1, undefined, `not a FEC: the first line is ${quote(firstLine)}`, `a FEC begins with the names of its 18 fields, TAB or "|" separated: ${FEC_FIELDS.join('|')}`);
}
