// Invoices from a CSV export, streamed row by row so that a million rows stay in
// constant memory. The separator (`;`, `,`, tab or `|`) is read off the first lines; the
// rows become records as every table's do (domain/table-records.ts).

import { parse } from 'csv-parse';
import type { Issue } from '../domain/issue.js';
import { error, hasErrors } from '../domain/issue.js';
import type { HeaderOptions } from '../domain/header-match.js';
import type { RecordView } from '../domain/record-view.js';
import { TableRecords } from '../domain/table-records.js';
import { fieldTooLong } from '../domain/invoice-facts.js';
import { MAX_FIELD_LENGTH, formatCount, shorten } from '../domain/user-text.js';
import { detectEncoding, encodingIssue, feedParser, readChunks } from './text-file.js';

export type CsvOptions = HeaderOptions;

/** Reads `path`, calling `onRecord` for each data row; returns the file-level issues. */
export async function readCsvInvoices(path: string, file: string, options: CsvOptions, onRecord: (row: RecordView) => void): Promise<Issue[]> {
  const detected = await detectEncoding(path);
  if ('problem' in detected) return [encodingIssue(file, detected.problem)];
  return readCsv(readChunks(path, detected.encoding), file, options, onRecord);
}

async function readCsv(chunks: AsyncGenerator<Buffer | string>, file: string, options: CsvOptions, onRecord: (row: RecordView) => void): Promise<Issue[]> {
  const issues: Issue[] = [];
  const first = await chunks.next();
  if (first.done || first.value.length === 0) return [error(file, undefined, undefined, 'the file is empty', 'export the invoices with a header line')];
  let head = first.value;
  // The first line says how to read the rest (only ASCII matters here: a UTF-8 reading is fine).
  const start = typeof head === 'string' ? head.slice(0, 4096) : head.subarray(0, 4096).toString('utf8');
  // Excel's "sep=;" first line names the separator; some tools write it as a quoted cell.
  const sep = SEP_LINE.exec(start);
  let lineOffset = 0;
  if (sep) {
    head = typeof head === 'string' ? head.slice(sep[0].length) : head.subarray(sep[0].length);
    lineOffset = 1;
  }
  const delimiter = sep?.[1] ?? detectDelimiter(start);

  // Rows are handled as the parser emits them, one at a time, never gathered (the table
  // holds only the rows of the invoice being read). Line numbers are counted here: a record
  // takes one line plus the line breaks inside its quoted fields (empty lines come through
  // as records of one empty field).
  const table = new TableRecords(file, { ...options, separator: delimiter }, issues, onRecord);
  let headerNames: string[] | null = null;
  let stopped = false;
  let nextLine = lineOffset + 1;
  const onParsed = (record: string[]): void => {
    const startLine = nextLine;
    nextLine += 1 + lineBreaksIn(record);
    if (stopped || isBlank(record)) return;
    const long = record.findIndex((v) => v.length > MAX_FIELD_LENGTH);
    if (long >= 0) {
      // Not an invoice's data (a file pasted into a cell, a binary file): one error, no echo.
      const name = headerNames?.[long];
      issues.push(fieldTooLong(file, startLine, name === undefined ? undefined : shorten(name, 40), record[long]!.length));
      if (table.columns === null) stopped = true;
      return;
    }
    const before = table.columns;
    table.row(record, startLine);
    if (before === null && table.columns !== null) headerNames = record.map((h) => h.trim());
    if (table.done) stopped = true;
  };
  // A record longer than this is no invoice: the parser stops there, memory stays bounded.
  const parser = parse({ delimiter, relax_column_count: true, relax_quotes: true, max_record_size: MAX_RECORD_LENGTH });
  parser.on('data', onParsed);
  try {
    await feedParser(parser, head, chunks, () => stopped);
    table.finish();
  } catch (e) {
    const { code, lines, message } = e as { code?: unknown; lines?: number; message?: string };
    if (typeof code !== 'string' || !code.startsWith('CSV_')) throw e;
    const line = lines === undefined ? undefined : lines + lineOffset;
    if (code === 'CSV_MAX_RECORD_SIZE') {
      issues.push(error(file, line, undefined, `a line of more than ${formatCount(MAX_RECORD_LENGTH)} characters: reading stopped there`, 'check that this is the invoices export, and the quotes before that line (an unclosed quote runs to the end of the file)'));
    } else {
      issues.push(error(file, line, undefined, `not readable as CSV: ${shorten(message ?? '', 200)}`, 'check the quotes on that line'));
    }
  } finally {
    parser.destroy();
  }
  if (!table.hasHeader && !hasErrors(issues)) issues.push(error(file, undefined, undefined, 'the file has no header line', 'export the invoices with a header line'));
  return issues;
}

function lineBreaksIn(record: readonly string[]): number {
  let breaks = 0;
  for (const field of record) {
    for (let at = field.indexOf('\n'); at !== -1; at = field.indexOf('\n', at + 1)) breaks += 1;
  }
  return breaks;
}

/** An empty line, or a row of empty fields (";;;;") as spreadsheets leave at the end. */
function isBlank(record: readonly string[]): boolean {
  for (const v of record) if (v !== '' && v.trim() !== '') return false;
  return true;
}

// `sep=;`, `"sep=;"`, and the separators a spreadsheet pads that row with (`"sep=;";;;`).
const SEP_LINE = /^"?sep=([^\r\n"])"?[;,\t|]*\r?\n/;

/**
 * The separator of a table, from its first lines, outside quotes: the one that occurs the
 * same number of times on the most lines (the header and its rows), more of it on a tie,
 * `;` first on a tie again. A title line above the header ("Dupont SARL, 12 rue des
 * Lilas") or decimal commas in the rows of a ";" file do not mislead it.
 */
export function detectDelimiter(text: string): string {
  const lines = text.split('\n', HEADER_LINES + 1).slice(0, HEADER_LINES);
  // The last line of the sample may be cut short: it counts only when it is the only one.
  if (lines.length > 1 && !text.endsWith('\n')) lines.pop();
  let best = ',';
  let bestLines = 0;
  let bestCount = 0;
  for (const candidate of [';', ',', '\t', '|']) {
    const linesWith = new Map<number, number>();
    for (const raw of lines) {
      const count = raw.replace(/"[^"]*"/g, '').split(candidate).length - 1;
      if (count > 0) linesWith.set(count, (linesWith.get(count) ?? 0) + 1);
    }
    for (const [count, n] of linesWith) {
      if (n > bestLines || (n === bestLines && count > bestCount)) {
        best = candidate;
        bestLines = n;
        bestCount = count;
      }
    }
  }
  return best;
}

// Title lines above a header are a few; the header is among these.
const HEADER_LINES = 20;

// Far above any real line (an invoice row is a few hundred characters), far below memory trouble.
const MAX_RECORD_LENGTH = 1_000_000;

