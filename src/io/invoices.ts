// Every invoice file named by the config, each read by the reader that recognises it
// (invoice-readers.ts) and validated into Invoices one at a time. Problems from all files
// are collected; nothing is acted on until all are read.
//
// Credit notes need every invoice of their client before they can be applied
// (domain/credit-notes.ts). A consumer that can start over (`restart`) gets the invoices as
// they are read: when credit notes turn up, it is told to forget them and the files are read
// again, the invoices of the clients concerned held back until the end and reduced. Memory
// stays flat on a million rows without credit notes. A consumer that cannot start over gets
// every invoice once all are read.

import { dirname, resolve } from 'node:path';
import type { CreditNote } from '../domain/invoice-facts.js';
import type { UnallocatedCredit } from '../domain/credit-notes.js';
import { allocateCredits, creditTargets } from '../domain/credit-notes.js';
import { ConsumerGuesses } from '../domain/client-type-guess.js';
import type { Issue } from '../domain/issue.js';
import { error } from '../domain/issue.js';
import type { Invoice } from '../domain/invoice.js';
import type { InvoiceField } from '../domain/invoice-fields.js';
import type { InvoiceDefaults } from '../domain/invoice-record.js';
import type { RecordView } from '../domain/record-view.js';
import { trim } from '../domain/record-view.js';
import { ConsumerGuess, createInvoiceValidator } from '../domain/invoice-record.js';
import { quote } from '../domain/user-text.js';
import type { InvoiceFacts } from '../domain/invoice-facts.js';
import { DirectoryJoin } from '../domain/client-fill.js';
import { formatCount } from '../domain/user-text.js';
import { warning } from '../domain/issue.js';
import type { StatusMeaning } from '../domain/vocabulary.js';
import { displayPath, fileError } from './paths.js';
import { readerFor } from './invoice-readers.js';
import type { InvoiceReader } from './invoice-readers.js';
import { readClientDirectory } from './client-files.js';
import { zoneOffsetFor } from './time-zone.js';
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
  /** The config's `statuses:` map (normalised word → meaning). */
  statuses?: ReadonlyMap<string, StatusMeaning>;
  /** The config's `sheet:`, for workbooks. */
  sheet?: string | null;
  /** The config's `timezone:`: the day a timestamp with a zone falls on. */
  timeZone?: string | null;
}

export interface InvoiceSink {
  invoice(invoice: Invoice): void;
  /** What a client's credit notes have left over, once its invoices are reduced (after every invoice). */
  credit?(credit: UnallocatedCredit): void;
  /** Forget every invoice received: the files are read again (credit notes were found). */
  restart?(): void;
}

/**
 * Reads every file, handing each valid invoice to the sink (streamed when the sink can
 * restart: a command that only sums need not keep them). Returns every problem found,
 * errors and warnings.
 */
export async function readInvoices(sources: InvoiceSources, consumer: InvoiceSink | ((invoice: Invoice) => void)): Promise<Issue[]> {
  const sink: InvoiceSink = typeof consumer === 'function' ? { invoice: consumer } : consumer;
  const credits: CreditNote[] = [];
  const held: Invoice[] = [];
  const restart = sink.restart;
  const issues = await readPass(sources, restart === undefined ? (i) => held.push(i) : (i) => sink.invoice(i), (c) => credits.push(c), true);
  if (credits.length === 0) {
    for (const invoice of held) sink.invoice(invoice);
    return issues;
  }
  const { clients, numbers } = creditTargets(credits);
  const concerned = (i: Invoice) => clients.has(i.client) || numbers.has(i.number);
  let affected: Invoice[];
  if (restart === undefined) {
    affected = held.filter(concerned);
  } else {
    restart.call(sink);
    affected = [];
    await readPass(sources, (i) => (concerned(i) ? affected.push(i) : sink.invoice(i)), () => undefined, false);
  }
  const allocation = allocateCredits(affected, credits);
  const reduced = new Map(allocation.invoices.map((i) => [i.number, i]));
  if (restart === undefined) for (const invoice of held) sink.invoice(reduced.get(invoice.number) ?? invoice);
  else for (const invoice of allocation.invoices) sink.invoice(invoice);
  for (const u of allocation.unallocated) sink.credit?.(u);
  for (const issue of allocation.issues) issues.push(issue);
  return issues;
}

/** One reading of every file: invoices and credit notes handed on, problems returned (when `keepIssues`). */
async function readPass(sources: InvoiceSources, onInvoice: (invoice: Invoice) => void, onCredit: (credit: CreditNote) => void, keepIssues: boolean): Promise<Issue[]> {
  const issues: Issue[] = [];
  // The directory first, once: its problems are the user's too, and every file joins it.
  const directory = sources.clients !== undefined && sources.clients.length > 0 ? await readClientDirectory(sources.clients, sources.cwd) : null;
  if (directory !== null) for (const issue of directory.issues) issues.push(issue);
  const join = directory === null ? null : new DirectoryJoin(directory.directory, issues);
  // Where each number was first seen: file index × 2^32 + line (a number, not a string a row).
  const seen = new Map<string, number>();
  const fileNames: string[] = [];
  const consumers = new ConsumerGuesses();
  const guesses = new ConsumerGuess(consumers);
  const zone = sources.timeZone ? (zoneOffsetFor(sources.timeZone) ?? undefined) : undefined;
  for (const path of sources.files) {
    const file = displayPath(path, sources.cwd);
    const fileIndex = fileNames.push(file) - 1;
    const base = dirname(path);
    try {
      const reader = await readerFor(path);
      const { defaults, between, fallbacks } = fileSteps(reader, sources, join);
      const validator = createInvoiceValidator(file, defaults, issues, { statuses: sources.statuses, zone, guesses, between });
      const onRecord = (row: RecordView): void => {
        // Duplicates are told even when one of the two rows has other problems.
        const number = trim(row.text('number'));
        const first = number === '' ? undefined : seen.get(number);
        if (number !== '' && first === undefined) seen.set(number, fileIndex * 2 ** 32 + row.line);
        const found = validator.read(row);
        if (first !== undefined) {
          const firstFile = Math.floor(first / 2 ** 32);
          const where = `${fileNames[firstFile]}:${first % 2 ** 32}`;
          const hint =
            firstFile === fileIndex
              ? 'the rows of one invoice (one per line item or per payment) must follow each other; if these are two invoices, give them two numbers'
              : 'each invoice number must be unique across the invoice files';
          issues.push(error(file, row.lineOf('number'), 'number', `invoice ${quote(number)} appears twice (first at ${where})`, hint));
          return;
        }
        if (found === null) return;
        if ('kind' in found) onCredit(found);
        else onInvoice(found.attachment === null ? found : { ...found, attachment: resolve(base, found.attachment) });
      };
      const options = { columns: sources.columns, hasDefaultTerms: sources.defaults.paymentTerms !== null, sheet: sources.sheet ?? undefined, fecAccounts: sources.fecAccounts ?? undefined };
      const found = await reader.read(path, file, options, onRecord);
      for (const issue of found) issues.push(issue); // maybe 500 000: no spread (stack)
      validator.finish();
      if (fallbacks.count > 0) issues.push(fallbackTermsWarning(file, fallbacks.count, directory !== null));
    } catch (e) {
      issues.push(fileError(e, file));
    }
  }
  if (join !== null) {
    join.finish();
    sources.onDirectory?.(directory!.directory.size, join.rowsUsed);
  }
  for (const issue of consumers.issues()) issues.push(issue);
  return keepIssues ? issues : [];
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
export async function loadInvoices(sources: InvoiceSources, onEach?: () => void): Promise<{ invoices: Invoice[]; issues: Issue[]; credits: UnallocatedCredit[] }> {
  const invoices: Invoice[] = [];
  const credits: UnallocatedCredit[] = [];
  const issues = await readInvoices(sources, {
    invoice: (invoice) => {
      invoices.push(invoice);
      onEach?.();
    },
    credit: (c) => credits.push(c),
    restart: () => {
      invoices.length = 0;
    },
  });
  return { invoices, issues, credits };
}

/** Where a config's invoices are read from. */
export function invoiceSources(config: Pick<Config, 'invoices' | 'defaults' | 'columns' | 'statuses' | 'sheet' | 'timezone' | 'clients' | 'fecAccounts'>, cwd: string): InvoiceSources {
  return { files: config.invoices, cwd, defaults: config.defaults, columns: config.columns, statuses: config.statuses, sheet: config.sheet, timeZone: config.timezone, clients: config.clients, fecAccounts: config.fecAccounts };
}

/**
 * One invoice looked up in the files: it (or null), every number seen (for "did you
 * mean"), and how many errors the files have (an invoice on a bad row is not read).
 */
export async function lookUpInvoice(number: string, sources: InvoiceSources): Promise<{ invoice: Invoice | null; numbers: string[]; fileErrors: number }> {
  let invoice: Invoice | null = null;
  const numbers: string[] = [];
  const issues = await readInvoices(sources, {
    invoice: (found) => {
      numbers.push(found.number);
      if (found.number === number) invoice = found;
    },
    restart: () => {
      numbers.length = 0;
      invoice = null;
    },
  });
  return { invoice, numbers, fileErrors: issues.filter((i) => i.severity === 'error').length };
}
