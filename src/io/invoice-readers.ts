// The invoice readers, a list after hledger's (hledger-lib/Hledger/Read/Common.hs): each
// container has a name, says whether it takes a file (from what its first bytes say it is,
// file-kind.ts, and its name), and reads it into records (src/domain/record-view.ts) with
// their lines. What a record means — header names, vocabulary, validation — is shared by
// all of them and lives in the domain; a reader only turns its container into records. A
// file that is no table of invoices (an .xls, an .ods, a web page, a PDF…) is refused in
// one sentence, never read.

import { extname } from 'node:path';
import type { Issue } from '../domain/issue.js';
import type { InvoiceField } from '../domain/invoice-fields.js';
import type { PaymentTerms } from '../domain/payment-terms.js';
import type { RecordView } from '../domain/record-view.js';
import { readCsvInvoices } from './csv-invoices.js';
import { fecLayoutOfStart } from './fec-file.js';
import { readFecInvoices } from './fec-invoices.js';
import type { Sniffed } from './file-kind.js';
import { fileKindIssue, refusalOf, sniffFile } from './file-kind.js';
import { openUserFile } from './user-file.js';
import { readXlsxInvoices } from './xlsx-invoices.js';
import { readYamlInvoices } from './yaml-invoices.js';

export interface ReaderOptions {
  /** The config's `columns:` mapping (normalised header → field). */
  columns?: ReadonlyMap<string, InvoiceField>;
  /** Whether a missing due date column is fine (default payment terms in the config). */
  hasDefaultTerms: boolean;
  /** The account prefixes a FEC's receivables are on (`fec: accounts:`); default 411, 416, 419. */
  fecAccounts?: readonly string[] | undefined;
  /** The sheet of a workbook to read (`sheet:`); default: the first visible one. */
  sheet?: string;
}

export interface InvoiceReader {
  /** How messages and docs name the format. */
  readonly format: string;
  /** Whether this reader takes the file: what it is (`sniffed`), its first bytes (up to 4 KiB) and its path. */
  recognises(sniffed: Sniffed, head: Buffer, path: string): boolean;
  /** Reads the file, calling `onRecord` for each record; returns the file-level problems. */
  read(path: string, file: string, options: ReaderOptions, onRecord: (row: RecordView) => void): Promise<Issue[]>;
  /**
   * The terms of a record when neither it, the client directory nor the config give any:
   * a FEC holds no due dates, so the law's default applies (30 days, art. L441-10 I C. com.).
   */
  readonly fallbackTerms?: PaymentTerms;
}

// A YAML list of invoices starts with "- " or "invoices:", after comments and blank lines.
const YAML_START = /^(?:\uFEFF)?(?:[ \t]*(?:#[^\n]*)?\r?\n|---[ \t]*\r?\n)*(?:- |invoices:)/;

/** Anything that is no table: one located issue, the sentence file-kind.ts has for it. */
function refusalReader(sniffed: Sniffed): InvoiceReader {
  return {
    format: 'refused',
    recognises: () => true,
    read: async (_path, file) => [fileKindIssue(file, sniffed)!],
  };
}

const xlsxReader: InvoiceReader = {
  format: 'xlsx',
  recognises: (sniffed) => sniffed.kind === 'xlsx',
  read: (path, file, options, onRecord) => readXlsxInvoices(path, file, options, onRecord),
};

const yamlReader: InvoiceReader = {
  format: 'YAML',
  recognises: (sniffed, head, path) => sniffed.kind === 'text' && (['.yaml', '.yml'].includes(extname(path).toLowerCase()) || YAML_START.test(head.toString('utf8'))),
  read: (path, file, options, onRecord) => readYamlInvoices(path, file, options.columns, onRecord),
};

const fecReader: InvoiceReader = {
  format: 'FEC',
  // Told by its header line (the 18 standard names in order), whatever the file's name.
  recognises: (sniffed, head) => sniffed.kind === 'text' && fecLayoutOfStart(head.toString('latin1')) !== null,
  read: (path, file, options, onRecord) => readFecInvoices(path, file, options.fecAccounts, onRecord),
  fallbackTerms: { days: 30, endOfMonth: false, endOfMonthFirst: false },
};

const csvReader: InvoiceReader = {
  format: 'CSV',
  // The one that takes any text: an export with ";", ",", tab or "|" separators.
  recognises: (sniffed) => sniffed.kind === 'text',
  read: (path, file, options, onRecord) => readCsvInvoices(path, file, options, onRecord),
};

/** Tried in order: the first that recognises a file reads it; what none takes is refused. */
export const INVOICE_READERS: readonly InvoiceReader[] = [xlsxReader, yamlReader, fecReader, csvReader];

/** The reader for a file, from what it is; throws what opening it throws (a missing file…). */
export async function readerFor(path: string): Promise<InvoiceReader> {
  const sniffed = await sniffFile(path);
  if (refusalOf(sniffed, path) !== null) return refusalReader(sniffed);
  const { handle } = await openUserFile(path);
  let head: Buffer;
  try {
    const buffer = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    head = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  return INVOICE_READERS.find((r) => r.recognises(sniffed, head, path)) ?? refusalReader(sniffed);
}
