// Invoices from a CSV export, streamed row by row so that a million rows stay in
// constant memory. The separator (`;`, `,` or tab) is read off the header line.

import { parse } from 'csv-parse';
import type { Issue } from '../domain/issue.js';
import { error, hasErrors, warning } from '../domain/issue.js';
import type { InvoiceField } from '../domain/invoice-fields.js';
import { fieldForHeader, namesOf } from '../domain/invoice-fields.js';
import type { RawInvoice } from '../domain/invoice-record.js';
import { detectEncoding, readTextChunks } from './text-file.js';

export interface CsvOptions {
  /** The config's `columns:` mapping, keys already normalised. */
  columns?: ReadonlyMap<string, InvoiceField>;
  /** Whether a missing due date column is fine (default payment terms in the config). */
  hasDefaultTerms: boolean;
}

/** Reads `path`, calling `onRecord` for each data row; returns the file-level issues. */
export async function readCsvInvoices(path: string, file: string, options: CsvOptions, onRecord: (raw: RawInvoice) => void): Promise<Issue[]> {
  const encoding = await detectEncoding(path);
  return readCsv(readTextChunks(path, encoding), file, options, onRecord);
}

async function readCsv(chunks: AsyncGenerator<string>, file: string, options: CsvOptions, onRecord: (raw: RawInvoice) => void): Promise<Issue[]> {
  const issues: Issue[] = [];
  let first = await chunks.next();
  if (first.done) return [error(file, undefined, undefined, 'the file is empty', 'export the invoices with a header line')];
  let head = first.value;
  // Excel's "sep=;" first line names the separator.
  const sep = /^sep=(.)\n/.exec(head);
  let lineOffset = 0;
  if (sep) {
    head = head.slice(sep[0].length);
    lineOffset = 1;
  }
  const delimiter = sep?.[1] ?? detectDelimiter(head);

  const parser = parse({ delimiter, info: true, skip_empty_lines: true, relax_column_count: true, relax_quotes: true });
  const feed = (async () => {
    try {
      parser.write(head);
      for await (const chunk of chunks) if (!parser.write(chunk)) await new Promise((r) => parser.once('drain', r));
      parser.end();
    } catch (e) {
      parser.destroy(e as Error);
    }
  })();

  let fields: (InvoiceField | null)[] | null = null;
  let headerWidth = 0;
  let lastLine = lineOffset;
  let lastEmpty = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number; empty_lines: number } }>) {
      const startLine = lastLine + 1 + (info.empty_lines - lastEmpty);
      lastLine = info.lines + lineOffset;
      lastEmpty = info.empty_lines;
      if (fields === null) {
        fields = mapHeader(record, file, startLine, options, issues);
        headerWidth = record.length;
        if (fields === null) break;
        continue;
      }
      if (record.every((v) => v.trim() === '')) continue;
      if (record.length !== headerWidth) {
        issues.push(error(file, startLine, undefined, `this line has ${record.length} fields where the header has ${headerWidth}`, `check for a "${delimiter === '\t' ? '\\t' : delimiter}" inside a value that is not in quotes`));
        continue;
      }
      const raw: RawInvoice = { line: startLine, fields: {} };
      for (let i = 0; i < fields.length; i++) {
        const field = fields[i];
        if (field) raw.fields[field] = { text: record[i]!, line: startLine };
      }
      onRecord(raw);
    }
  } catch (e) {
    const { code, lines, message } = e as { code?: unknown; lines?: number; message?: string };
    if (typeof code === 'string' && code.startsWith('CSV_')) {
      issues.push(error(file, lines === undefined ? undefined : lines + lineOffset, undefined, `not readable as CSV: ${message}`, 'check the quotes on that line'));
    } else {
      throw e;
    }
  } finally {
    parser.destroy();
    await feed.catch(() => undefined);
  }
  if (fields === null && !hasErrors(issues)) issues.push(error(file, undefined, undefined, 'the file has no header line', 'export the invoices with a header line'));
  return issues;
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

function mapHeader(header: string[], file: string, line: number, options: CsvOptions, issues: Issue[]): (InvoiceField | null)[] | null {
  const fields: (InvoiceField | null)[] = [];
  const seen = new Map<InvoiceField, string>();
  for (const name of header) {
    const field = fieldForHeader(name, options.columns);
    const taken = field ? seen.get(field) : undefined;
    if (field && taken !== undefined) {
      issues.push(warning(file, line, field, `the columns "${taken}" and "${name.trim()}" both read as ${field}: "${name.trim()}" is ignored`, `map one of them to another field under columns: in relance.yaml`));
      fields.push(null);
      continue;
    }
    if (field) seen.set(field, name.trim());
    fields.push(field);
  }
  const missing = REQUIRED.filter((f) => !seen.has(f));
  if (!seen.has('due_date') && !seen.has('payment_terms') && !options.hasDefaultTerms) missing.push('due_date');
  for (const field of missing) {
    const names = namesOf(field).slice(0, 3).map((n) => `"${n}"`).join(', ');
    issues.push(error(file, line, field, `no column for the ${field.replace('_', ' ')} (columns found: ${header.map((h) => `"${h.trim()}"`).join(', ')})`, `name one ${names}, or map yours under columns: in relance.yaml`));
  }
  return missing.length > 0 ? null : fields;
}
