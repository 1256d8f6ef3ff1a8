// relance dossier INVOICE... — the escalation file for a claim once the reminders and the
// formal notice have failed: one folder and one ZIP per client's claim, with the bound PDF
// (cover, bordereau, décompte, invoices, reminders, the notice and its proof, notes, the
// request for the next step) and the original files. Refused, with what is missing, when
// the claim cannot take the step (time-barred, disputed, no formal notice, over €5,000).

import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { Claims } from '../domain/claim.js';
import { suggestion } from '../domain/closest.js';
import { invoiceNotFound } from '../domain/find-invoice.js';
import { emptyHistory } from '../domain/history.js';
import type { Invoice } from '../domain/invoice.js';
import { hasErrors } from '../domain/issue.js';
import type { NextStep } from '../domain/next-step.js';
import { NEXT_STEPS } from '../domain/next-step.js';
import { EXIT_BAD_INPUT, EXIT_OK, InputError, UsageError } from '../errors.js';
import { invoiceSources, loadInvoices } from '../io/invoices.js';
import { displayPath } from '../io/paths.js';
import type { Setup } from '../io/setup.js';
import { archiveReader } from '../mail/archive.js';
import { lettersFolder } from '../mail/letter-file.js';
import type { DossierFile } from '../render/dossier-document.js';
import { STEP_TITLES } from '../render/dossier-document.js';
import { dossierOfClaim } from '../render/dossier-of-claim.js';
import { DossierFileError, renderDossierPdf } from '../render/dossier-pdf.js';
import { dossierEntries, dossierFolder, dossierZip } from '../render/dossier-zip.js';
import { nextStepRequest } from '../render/next-step-request.js';
import type { Cli, SetupOptions } from './common.js';
import { addCommonOptions, printWarnings, setupFor, writeOut } from './common.js';

interface DossierOptions extends SetupOptions {
  client?: string;
  out?: string;
  for?: string;
}

const EXAMPLES = `
Examples:
  relance dossier F-2026-014                       the next step the claim suggests, in ./
  relance dossier F-2026-014 --for injonction      the requête en injonction de payer
  relance dossier --client "Atelier Martin" --out dossiers/   every invoice owed by that client
  relance dossier F-2026-014 F-2026-015 --for agence          the agency's CSV and JSON too

Steps (--for):
  petites-creances  up to 5 000 € in principal and interest, a contractual claim: the letter
                    to a commissaire de justice (procédure simplifiée, L125-1 CPCE)
  injonction        the requête's content, laid out as Cerfa 12946 (tribunal de commerce)
                    or 12948 (tribunal judiciaire) asks it
  agence            the hand-off to a collection agency (agence.csv, agence.json)
  declaration       the déclaration de créance to the mandataire in a collective proceeding
Without --for: the declaration when a proceeding is open, the petites créances up to
5 000 €, else the injonction. A formal notice must be recorded for petites-creances and
injonction: relance record INVOICE letter --date D --tracking N --received D.

Writes DIR/dossier-REF/ (the PDF, pieces/, the request as text, agence.csv and .json) and
DIR/dossier-REF.zip, REF the invoice number (or the client's name for several invoices).
Exit codes: 0 written · 2 bad input, or a claim that cannot take the step (nothing written)`;

export function register(program: Command, cli: Cli): void {
  addCommonOptions(program.command('dossier').argument('[invoices...]', 'the invoice numbers of the claim'), null)
    .description('Build the escalation dossier of a claim: one PDF (cover, exhibits, décompte, the request for the next step) and one ZIP.')
    .option('--client <name>', 'every invoice owed by this client')
    .option('-o, --out <dir>', 'where to write the folder and the ZIP (default: the current folder)')
    .option('--for <step>', `the next step: ${NEXT_STEPS.join(' | ')} (default: the claim's)`)
    .option('-i, --invoices <file>', 'read this CSV, .xlsx or YAML file instead of the config’s')
    .addHelpText('after', EXAMPLES)
    .action(async (numbers: string[], opts: DossierOptions) => {
      cli.exitCode = await dossier(numbers, opts, cli);
    });
}

export async function dossier(numbers: readonly string[], opts: DossierOptions, cli: Cli): Promise<number> {
  const step = stepOf(opts.for);
  if (numbers.length === 0 && opts.client === undefined) throw new UsageError('name the invoices of the claim, or the client', 'relance dossier F-2026-014, or relance dossier --client "Atelier Martin"');
  const setup = await setupFor(opts, cli);
  const loaded = await loadInvoices(invoiceSources(setup.config, cli.cwd));
  if (hasErrors(loaded.issues)) throw new InputError([...setup.warnings, ...loaded.issues]);
  printWarnings(cli, [...setup.warnings, ...loaded.issues], opts.quiet);
  const chosen = selectInvoices(loaded.invoices, numbers, opts.client, setup.config.invoices.map((f) => displayPath(f, cli.cwd)).join(', '));

  const book = new Claims({ today: setup.today, rates: setup.rates, rateMode: setup.config.rateMode, law: setup.config.law });
  const claims = book.byNumber(chosen, setup.histories);
  if (hasErrors(book.missingRateIssues())) throw new InputError(book.missingRateIssues());

  // One claim per client; every refusal said before anything is written.
  const byClient = new Map<string, Invoice[]>();
  for (const invoice of chosen) byClient.set(invoice.client, [...(byClient.get(invoice.client) ?? []), invoice]);
  const readMessage = archiveReader(setup.config.journal);
  const made = [];
  const refusals: string[] = [];
  for (const invoices of byClient.values()) {
    const ref = invoices.length === 1 ? invoices[0]!.number : invoices[0]!.client;
    const records = await recordsOf(invoices, setup, readMessage, cli, opts.quiet === true);
    const built = dossierOfClaim({ ...records, claims, histories: setup.histories, creditor: setup.config.creditor, creditorOutsideMetropole: setup.config.law.creditorOutsideMetropole, today: setup.today, step });
    if (built.dossier === null) {
      refusals.push(`${ref}: the amount of ${built.uncomputed.join(', ')} cannot be computed (cancelled, or a balance nobody knows) — relance status says why`);
      continue;
    }
    const outcome = nextStepRequest(built.dossier);
    for (const w of outcome.warnings) if (!opts.quiet) cli.stderr.write(`warning: ${ref}: ${w.message} — ${w.hint}\n`);
    if (!outcome.ok) {
      for (const r of outcome.refusals) refusals.push(`${ref}: ${r.message} — ${r.hint}`);
      continue;
    }
    made.push({ dossier: built.dossier, request: outcome.request });
  }
  if (refusals.length > 0) {
    for (const line of refusals) cli.stderr.write(`relance: ${line}\n`);
    cli.stderr.write(`relance: no dossier written (${refusals.length} problem${refusals.length === 1 ? '' : 's'})\n`);
    return EXIT_BAD_INPUT;
  }

  const out = resolve(cli.cwd, opts.out ?? '.');
  const lines: string[] = [];
  for (const { dossier: d, request } of made) {
    let pdf: Buffer;
    try {
      pdf = await renderDossierPdf(d, request);
    } catch (e) {
      if (e instanceof DossierFileError) throw new UsageError(e.message);
      throw e;
    }
    for (const [name, bytes] of dossierEntries(d, pdf, request)) {
      await mkdir(dirname(join(out, name)), { recursive: true });
      await writeFile(join(out, name), bytes);
    }
    const folder = dossierFolder(d);
    await writeFile(join(out, `${folder}.zip`), dossierZip(d, pdf, request));
    const exhibits = 1 + d.invoices.filter((i) => i.file !== null).length + d.reminders.length + (d.notice === null ? 0 : 1) + (d.notes.length > 0 ? 1 : 0);
    lines.push(`${d.reference}: ${STEP_TITLES[d.nextStep]} (${exhibits} exhibits)`, `  ${displayPath(join(out, folder, `${folder}.pdf`), cli.cwd)}`, `  ${displayPath(join(out, `${folder}.zip`), cli.cwd)}`);
  }
  await writeOut(cli, `${lines.join('\n')}\n`);
  return EXIT_OK;
}

function stepOf(text: string | undefined): NextStep | null {
  if (text === undefined) return null;
  if ((NEXT_STEPS as readonly string[]).includes(text)) return text as NextStep;
  throw new UsageError(`--for "${text}" is not a step`, suggestion(text, NEXT_STEPS, `the steps are ${NEXT_STEPS.join(', ')}`));
}

function selectInvoices(invoices: readonly Invoice[], numbers: readonly string[], client: string | undefined, files: string): Invoice[] {
  const known = new Set(invoices.map((i) => i.number));
  const chosen: Invoice[] = [];
  for (const n of numbers) {
    if (!known.has(n)) {
      const { message, hint } = invoiceNotFound(n, known, { files, fileErrors: 0 });
      throw new UsageError(message, hint);
    }
    chosen.push(invoices.find((i) => i.number === n)!);
  }
  if (client !== undefined) {
    const clients = [...new Set(invoices.map((i) => i.client))];
    if (!clients.includes(client)) throw new UsageError(`no invoice of client "${client}" in the invoice files (${files})`, suggestion(client, clients, 'give the client’s name as the invoice file writes it'));
    for (const i of invoices) if (i.client === client && i.status !== 'paid' && i.status !== 'cancelled' && !chosen.includes(i)) chosen.push(i);
  }
  return chosen;
}

/** What the files hold for these invoices: the journal's lines, the archived reminders, the invoice PDFs, the printed letter. */
async function recordsOf(invoices: readonly Invoice[], setup: Setup, readMessage: (id: string) => Promise<Buffer | null>, cli: Cli, quiet: boolean) {
  const warn = (line: string): void => {
    if (!quiet) cli.stderr.write(`warning: ${line}\n`);
  };
  const numbers = new Set(invoices.map((i) => i.number));
  const entries = setup.journal.filter((e) => numbers.has(e.invoice));
  const messages = new Map<string, Uint8Array>();
  for (const i of invoices) {
    for (const p of (setup.histories.get(i.number) ?? emptyHistory(i.number)).previous) {
      if (p.messageId === null || messages.has(p.messageId)) continue;
      const bytes = await readMessage(p.messageId);
      if (bytes !== null) messages.set(p.messageId, new Uint8Array(bytes));
      else warn(`${i.number}: the reminder "${p.step}" (${p.messageId}) is not in the archive of sent mail: the dossier goes without it`);
    }
  }
  const invoiceFiles = new Map<string, DossierFile>();
  for (const i of invoices) {
    if (i.attachment === null) continue;
    try {
      invoiceFiles.set(i.number, { name: basename(i.attachment), bytes: new Uint8Array(await readFile(i.attachment)) });
    } catch {
      warn(`${i.number}: its PDF ${displayPath(i.attachment, cli.cwd)} cannot be read: the dossier lists the invoice without it`);
    }
  }
  return { invoices, entries, messages, invoiceFiles, letter: await printedLetter(setup.config.journal, numbers) };
}

/** The latest letter relance printed for one of these invoices (`<date>_<numbers>_<step>.pdf`). */
async function printedLetter(journal: string, numbers: ReadonlySet<string>): Promise<DossierFile | null> {
  const folder = lettersFolder(journal);
  const safe = new Set([...numbers].map((n) => n.replace(/[^A-Za-z0-9._@+=-]/g, '_').replace(/^\.+/, '_')));
  const names = await readdir(folder).catch(() => [] as string[]);
  const mine = names.filter((n) => n.endsWith('.pdf') && (n.split('_')[1] ?? '').split('+').some((x) => safe.has(x))).sort();
  const last = mine.at(-1);
  return last === undefined ? null : { name: last, bytes: new Uint8Array(await readFile(join(folder, last))) };
}
