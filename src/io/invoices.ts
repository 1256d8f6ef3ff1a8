// Every invoice file named by the config, each read by the reader that recognises it
// (invoice-readers.ts) and validated into Invoices one at a time. Problems from all files
// are collected; nothing is acted on until all are read.

import { dirname, resolve } from 'node:path';
import type { Issue } from '../domain/issue.js';
import { error } from '../domain/issue.js';
import type { Invoice } from '../domain/invoice.js';
import type { InvoiceField } from '../domain/invoice-fields.js';
import type { InvoiceDefaults } from '../domain/invoice-record.js';
import type { RecordView } from '../domain/record-view.js';
import { trim } from '../domain/record-view.js';
import { createInvoiceValidator } from '../domain/invoice-record.js';
import { quote } from '../domain/user-text.js';
import type { InvoiceFacts } from '../domain/invoice-facts.js';
import { DirectoryJoin } from '../domain/client-fill.js';
import { formatCount } from '../domain/user-text.js';
import { warning } from '../domain/issue.js';
import { displayPath, fileError } from './paths.js';
import { readerFor } from './invoice-readers.js';
import type { InvoiceReader } from './invoice-readers.js';
import { readClientDirectory } from './client-files.js';
import type { Config } from './config.js';

export interface InvoiceSources {
  /** Absolute paths. */
  files: readonly string[];
  cwd: string;
  defaults: InvoiceDefaults;
  /** The config's `columns:` mapping (normalised header → field). */
  columns?: ReadonlyMap<string, InvoiceField>;
  /** The client directory's files (absolute): invoices take what they lack from it. */
  clients?: readonly string[];
  /** The account prefixes of a FEC's receivables (`fec: accounts:`). */
  fecAccounts?: readonly string[] | null;
  /** Told, once every file is read, how many rows the directory has and how many some invoice used. */
  onDirectory?: (rows: number, used: number) => void;
}

/**
 * Reads every file, calling `onInvoice` for each valid invoice (streamed: a command
 * that only sums need not keep them). Returns every problem found, errors and warnings.
 */
export async function readInvoices(sources: InvoiceSources, onInvoice: (invoice: Invoice) => void): Promise<Issue[]> {
  const issues: Issue[] = [];
  // The directory first, once: its problems are the user's too, and every file joins it.
  const directory = sources.clients !== undefined && sources.clients.length > 0 ? await readClientDirectory(sources.clients, sources.cwd) : null;
  if (directory !== null) for (const issue of directory.issues) issues.push(issue);
  const join = directory === null ? null : new DirectoryJoin(directory.directory, issues);
  // Where each number was first seen: file index × 2^32 + line (a number, not a string a row).
  const seen = new Map<string, number>();
  const fileNames: string[] = [];
  for (const path of sources.files) {
    const file = displayPath(path, sources.cwd);
    const fileIndex = fileNames.push(file) - 1;
    const base = dirname(path);
    try {
      const reader = await readerFor(path);
      const { defaults, between, fallbacks } = fileSteps(reader, sources, join);
      const validate = createInvoiceValidator(file, defaults, issues, between);
      const onRecord = (row: RecordView): void => {
        // Duplicates are told even when one of the two rows has other problems.
        const number = trim(row.text('number'));
        const first = number === '' ? undefined : seen.get(number);
        if (number !== '' && first === undefined) seen.set(number, fileIndex * 2 ** 32 + row.line);
        const invoice = validate(row);
        if (first !== undefined) {
          const where = `${fileNames[Math.floor(first / 2 ** 32)]}:${first % 2 ** 32}`;
          issues.push(error(file, row.lineOf('number'), 'number', `invoice ${quote(number)} appears twice (first at ${where})`, 'each invoice number must be unique across the invoice files'));
          return;
        }
        if (invoice) onInvoice(invoice.attachment === null ? invoice : { ...invoice, attachment: resolve(base, invoice.attachment) });
      };
      const found = await reader.read(path, file, { columns: sources.columns, hasDefaultTerms: sources.defaults.paymentTerms !== null, fecAccounts: sources.fecAccounts ?? undefined }, onRecord);
      for (const issue of found) issues.push(issue); // maybe 500 000: no spread (stack)
      if (fallbacks.count > 0) issues.push(fallbackTermsWarning(file, fallbacks.count, directory !== null));
    } catch (e) {
      issues.push(fileError(e, file));
    }
  }
  if (join !== null) {
    join.finish();
    sources.onDirectory?.(directory!.directory.size, join.rowsUsed);
  }
  return issues;
}

/**
 * How one file's records are completed: the directory between the two steps, and for a
 * reader that has fallback terms (a FEC), those terms when nothing else gives any — counted,
 * to be said once.
 */
function fileSteps(reader: InvoiceReader, sources: InvoiceSources, join: DirectoryJoin | null) {
  const fallbacks = { count: 0 };
  const fallback = reader.fallbackTerms !== undefined && sources.defaults.paymentTerms === null ? reader.fallbackTerms : null;
  if (fallback === null) return { defaults: sources.defaults, between: join === null ? undefined : (f: InvoiceFacts) => join.fill(f), fallbacks };
  const between = (read: InvoiceFacts): InvoiceFacts | null => {
    const facts = join === null ? read : join.fill(read);
    if (facts !== null && facts.dueDate === null && facts.paymentTerms === null) fallbacks.count += 1;
    return facts;
  };
  return { defaults: { ...sources.defaults, paymentTerms: fallback }, between, fallbacks };
}

function fallbackTermsWarning(file: string, count: number, hasDirectory: boolean): Issue {
  const where = hasDirectory ? 'the client directory or relance.yaml' : 'a client directory or relance.yaml';
  return warning(
    file,
    undefined,
    'payment_terms',
    `${formatCount(count)} invoice${count === 1 ? ' has' : 's have'} no due date, and no payment terms in ${where}: each is taken as due 30 days after its invoice date, the legal default between businesses (art. L441-10 I C. com.)`,
    'give each client its payment_terms in the client directory (clients: in relance.yaml), or payment_terms: in relance.yaml for all',
  );
}

/** Reads everything into a list: for commands that need every invoice at once. */
export async function loadInvoices(sources: InvoiceSources, onEach?: () => void): Promise<{ invoices: Invoice[]; issues: Issue[] }> {
  const invoices: Invoice[] = [];
  const issues = await readInvoices(sources, (invoice) => {
    invoices.push(invoice);
    onEach?.();
  });
  return { invoices, issues };
}

/** Where a config's invoices are read from. */
export function invoiceSources(config: Pick<Config, 'invoices' | 'defaults' | 'columns' | 'clients' | 'fecAccounts'>, cwd: string): InvoiceSources {
  return { files: config.invoices, cwd, defaults: config.defaults, columns: config.columns, clients: config.clients, fecAccounts: config.fecAccounts };
}

/**
 * One invoice looked up in the files: it (or null), every number seen (for "did you
 * mean"), and how many errors the files have (an invoice on a bad row is not read).
 */
export async function lookUpInvoice(number: string, sources: InvoiceSources): Promise<{ invoice: Invoice | null; numbers: string[]; fileErrors: number }> {
  let invoice: Invoice | null = null;
  const numbers: string[] = [];
  const issues = await readInvoices(sources, (found) => {
    numbers.push(found.number);
    if (found.number === number) invoice = found;
  });
  return { invoice, numbers, fileErrors: issues.filter((i) => i.severity === 'error').length };
}
