// Invoices from a CSV export, streamed row by row so that a million rows stay in
// constant memory. The separator (`;`, `,` or tab) is read off the header line.

import { parse } from 'csv-parse';
import type { Issue } from '../domain/issue.js';
import { error, hasErrors, warning } from '../domain/issue.js';
import type { InvoiceField } from '../domain/invoice-fields.js';
import { fieldForHeader, namesOf } from '../domain/invoice-fields.js';
import type { RecordView } from '../domain/invoice-record.js';
import { detectEncoding, readChunks } from './text-file.js';

export interface CsvOptions {
  /** The config's `columns:` mapping, keys already normalised. */
  columns?: ReadonlyMap<string, InvoiceField>;
  /** Whether a missing due date column is fine (default payment terms in the config). */
  hasDefaultTerms: boolean;
}

/** Reads `path`, calling `onRecord` for each data row; returns the file-level issues. */
export async function readCsvInvoices(path: string, file: string, options: CsvOptions, onRecord: (row: RecordView) => void): Promise<Issue[]> {
  const encoding = await detectEncoding(path);
  return readCsv(readChunks(path, encoding), file, options, onRecord);
}

async function readCsv(chunks: AsyncGenerator<Buffer | string>, file: string, options: CsvOptions, onRecord: (row: RecordView) => void): Promise<Issue[]> {
  const issues: Issue[] = [];
  const first = await chunks.next();
  if (first.done || first.value.length === 0) return [error(file, undefined, undefined, 'the file is empty', 'export the invoices with a header line')];
  let head = first.value;
  // The first line says how to read the rest (only ASCII matters here: a UTF-8 reading is fine).
  const start = typeof head === 'string' ? head.slice(0, 4096) : head.subarray(0, 4096).toString('utf8');
  // Excel's "sep=;" first line names the separator.
  const sep = /^sep=(.)\r?\n/.exec(start);
  let lineOffset = 0;
  if (sep) {
    head = typeof head === 'string' ? head.slice(sep[0].length) : head.subarray(sep[0].length);
    lineOffset = 1;
  }
  const delimiter = sep?.[1] ?? detectDelimiter(start);

  // Rows are handled as the parser emits them, one at a time, never gathered. Line
  // numbers are counted here: a record takes one line plus the line breaks inside its
  // quoted fields (empty lines come through as records of one empty field).
  let cursor: CsvRowView | null = null;
  let headerWidth = 0;
  let stopped = false;
  let nextLine = lineOffset + 1;
  const onParsed = (record: string[]): void => {
    const startLine = nextLine;
    nextLine += 1 + lineBreaksIn(record);
    if (stopped || isBlank(record)) return;
    if (cursor === null) {
      const columns = mapHeader(record, file, startLine, options, issues);
      if (columns === null) stopped = true;
      else cursor = new CsvRowView(columns);
      headerWidth = record.length;
      return;
    }
    // Extra fields left empty (a ";" at the end of each line) are no harm.
    if (record.length > headerWidth && isBlank(record.slice(headerWidth))) record = record.slice(0, headerWidth);
    if (record.length !== headerWidth) {
      issues.push(error(file, startLine, undefined, `this line has ${record.length} fields where the header has ${headerWidth}`, `check for a "${delimiter === '\t' ? '\\t' : delimiter}" inside a value that is not in quotes`));
      return;
    }
    cursor.move(record, startLine);
    onRecord(cursor);
  };
  const parser = parse({ delimiter, relax_column_count: true, relax_quotes: true });
  parser.on('data', onParsed);
  const done = new Promise<void>((resolve, reject) => {
    parser.on('error', reject);
    parser.on('end', resolve);
  });
  try {
    const write = (chunk: Buffer | string) => (parser.write(chunk) ? undefined : new Promise((r) => parser.once('drain', r)));
    await write(head);
    for await (const chunk of chunks) {
      if (stopped) break;
      await write(chunk);
    }
    parser.end();
    await done;
  } catch (e) {
    const { code, lines, message } = e as { code?: unknown; lines?: number; message?: string };
    if (typeof code !== 'string' || !code.startsWith('CSV_')) throw e;
    issues.push(error(file, lines === undefined ? undefined : lines + lineOffset, undefined, `not readable as CSV: ${message}`, 'check the quotes on that line'));
  } finally {
    parser.destroy();
  }
  if (cursor === null && !hasErrors(issues)) issues.push(error(file, undefined, undefined, 'the file has no header line', 'export the invoices with a header line'));
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

/** The one view moved along the rows: the validator reads it before the next row comes. */
class CsvRowView implements RecordView {
  line = 0;
  private values: readonly string[] = [];
  constructor(private readonly columnOf: Readonly<Partial<Record<InvoiceField, number>>>) {}
  move(values: readonly string[], line: number): void {
    this.values = values;
    this.line = line;
  }
  text(field: InvoiceField): string {
    const column = this.columnOf[field];
    return column === undefined ? '' : this.values[column]!;
  }
  lineOf(): number {
    return this.line;
  }
}

/** The separator that occurs most on the header line, outside quotes. */
export function detectDelimiter(text: string): string {
  const end = text.indexOf('\n');
  const header = (end < 0 ? text : text.slice(0, end)).replace(/"[^"]*"/g, '');
  let best = ',';
  let bestCount = 0;
  for (const candidate of [';', ',', '\t']) {
    const count = header.split(candidate).length - 1;
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

const REQUIRED: readonly InvoiceField[] = ['number', 'client', 'amount'];

/** Each field's column, or null (with the problems) when a required column is missing. */
function mapHeader(header: string[], file: string, line: number, options: CsvOptions, issues: Issue[]): Partial<Record<InvoiceField, number>> | null {
  const columns: Partial<Record<InvoiceField, number>> = {};
  const seen = new Map<InvoiceField, string>();
  header.forEach((name, column) => {
    const field = fieldForHeader(name, options.columns);
    if (field === null) return;
    const taken = seen.get(field);
    if (taken !== undefined) {
      issues.push(warning(file, line, field, `the columns "${taken}" and "${name.trim()}" both read as ${field}: "${name.trim()}" is ignored`, `map one of them to another field under columns: in relance.yaml`));
      return;
    }
    seen.set(field, name.trim());
    columns[field] = column;
  });
  const missing = REQUIRED.filter((f) => !seen.has(f));
  if (!seen.has('due_date') && !seen.has('payment_terms') && !options.hasDefaultTerms) missing.push('due_date');
  for (const field of missing) {
    const names = namesOf(field).slice(0, 3).map((n) => `"${n}"`).join(', ');
    issues.push(error(file, line, field, `no column for the ${field.replace('_', ' ')} (columns found: ${header.map((h) => `"${h.trim()}"`).join(', ')})`, `name one ${names}, or map yours under columns: in relance.yaml`));
  }
  return missing.length > 0 ? null : columns;
}
