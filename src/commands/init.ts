// relance init [DIR] — a working setup in DIR: relance.yaml, a copy of the shipped policy
// and templates to edit, sample invoices dated from today and a .gitignore, so that
// `check`, `status` and `send --dry-run` work at once. Never overwrites a file.

import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { formatFrenchDay } from '../domain/dates.js';
import { parseEmails } from '../domain/email-address.js';
import { PLACEHOLDERS } from '../domain/creditor.js';
import { UsageError } from '../errors.js';
import { createNewFile } from '../io/paths.js';
import { SHIPPED_POLICY_FILE, SHIPPED_TEMPLATES_DIR } from '../io/shipped.js';
import type { StarterAnswers } from '../render/starter-files.js';
import {
  DEFAULT_INVOICES_FILE,
  SAMPLE_INVOICE_COUNT,
  STARTER_GITIGNORE,
  clientsFileFor,
  sampleClientsCsv,
  sampleInvoicesCsv,
  sampleInvoicesYaml,
  starterConfig,
} from '../render/starter-files.js';
import type { Cli, CommonOptions } from './common.js';
import { addCommonOptions, resolveToday, writeOut } from './common.js';

interface InitOptions extends CommonOptions {
  yes?: boolean;
  name?: string;
  email?: string;
  invoices?: string;
}

const EXAMPLES = `
Examples:
  relance init                            set up here; on a terminal, asks three questions
  relance init relances/                  in a new folder
  relance init --yes                      ask nothing: placeholders to edit (marked CHANGE ME)
  relance init --name "Atelier Dupont SARL" --email compta@atelier-dupont.fr --invoices export.csv
  relance init --today 2026-11-22         sample invoices dated from that day

Writes relance.yaml, policy.yaml, templates/fr/*.hbs and templates/en/*.hbs (copies of the
shipped ones, to edit), sample invoices (factures.csv), their client directory
(clients.csv) and a .gitignore for .relance/.
A file that is already there is kept as it is, and said so. Then:
  relance check              what to fix, file and line
  relance status             what is overdue
  relance send --dry-run     today's reminders, printed: nothing is sent`;

export function register(program: Command, cli: Cli): void {
  // --config names the settings file to write (its folder is the one set up); --today dates the samples.
  addCommonOptions(program.command('init').argument('[dir]', 'the folder to set up (created if missing)', '.'), null)
    .description('Create a working setup: settings, reminder policy, templates to edit and sample invoices. Never overwrites a file.')
    .option('-y, --yes', 'ask nothing, even on a terminal: take the defaults')
    .option('--name <name>', 'your company’s name, as it signs the reminders')
    .option('--email <address>', 'your e-mail address: the sender, where clients reply')
    .option('--invoices <file>', `your invoices file, relative to DIR (a sample is written if it does not exist; default ${DEFAULT_INVOICES_FILE})`)
    .addHelpText('after', EXAMPLES)
    .action(async (dir: string, opts: InitOptions) => {
      cli.exitCode = await init(dir, opts, cli);
    });
}

/** What happened to one file (or one folder of templates). */
interface Written {
  path: string;
  kept: boolean;
  what: string;
}

export async function init(dirArg: string, opts: InitOptions, cli: Cli): Promise<number> {
  const today = await resolveToday(opts.today, cli);
  if (opts.email !== undefined) checkEmail(opts.email, '--email');
  if (opts.config !== undefined && dirArg !== '.') throw new UsageError('give either DIR or --config, not both', 'relance init DIR writes DIR/relance.yaml; relance init --config FILE writes FILE');
  const configPath = opts.config !== undefined ? resolve(cli.cwd, opts.config) : join(resolve(cli.cwd, dirArg), 'relance.yaml');
  // Every path in the settings is relative to them: the setup goes beside the file.
  const dir = dirname(configPath);
  const configName = basename(configPath);
  const configThere = await exists(configPath);
  // A config that is already there is kept: its answers would not be used.
  const ask = !configThere && opts.yes !== true && cli.stdin?.isTTY === true;
  const answers: StarterAnswers = {
    name: opts.name ?? PLACEHOLDERS.name,
    email: opts.email ?? PLACEHOLDERS.email,
    invoices: opts.invoices ?? DEFAULT_INVOICES_FILE,
  };
  if (ask) await askQuestions(answers, opts, cli);
  await makeFolder(dir, dirArg);

  const written: Written[] = [];
  const put = async (relative: string, text: string, what: string): Promise<void> => {
    written.push({ path: relative, kept: !(await writeNew(join(dir, relative), text)), what });
  };
  const placeholders = answers.name === PLACEHOLDERS.name || answers.email === PLACEHOLDERS.email;
  await put(configName, starterConfig(answers, today), placeholders ? 'your settings: put your details on the lines marked CHANGE ME' : 'your settings: who you are, your files, how to send');
  await put('policy.yaml', await readFile(SHIPPED_POLICY_FILE, 'utf8'), 'the reminder steps and their days (a copy of the shipped policy)');
  for (const language of ['fr', 'en'] as const) written.push(...(await copyTemplates(dir, language)));
  const yaml = /\.ya?ml$/i.test(extname(answers.invoices));
  await put(answers.invoices, yaml ? sampleInvoicesYaml(today) : sampleInvoicesCsv(today), `${SAMPLE_INVOICE_COUNT} sample invoices dated from ${formatFrenchDay(today)}: replace them with yours`);
  await put(clientsFileFor(answers.invoices), sampleClientsCsv(), `the client directory of these samples: e-mails, terms, postal addresses, contacts`);
  await put('.gitignore', STARTER_GITIGNORE, 'keeps the journal (.relance/) out of git');

  if (!opts.quiet) await writeOut(cli, await report(written, dirArg, dir));
  return 0;
}

async function makeFolder(dir: string, shown: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOTDIR') throw new UsageError(`"${shown}" is a file, not a folder`, 'name a folder to set up, e.g. relance init relances/');
    throw new UsageError(`cannot create the folder "${shown}" (${code ?? String(e)})`, 'check the path and your rights on it');
  }
}

/** Writes a file that does not exist yet; false when one is already there (it is left alone). */
async function writeNew(path: string, text: string): Promise<boolean> {
  await mkdir(dirname(path), { recursive: true });
  return createNewFile(path, text);
}

/** The shipped templates of one language, each copied unless there already. */
async function copyTemplates(dir: string, language: 'fr' | 'en'): Promise<Written[]> {
  const from = join(SHIPPED_TEMPLATES_DIR, language);
  const names = (await readdir(from)).filter((f) => f.endsWith('.hbs')).sort();
  const kept: Written[] = [];
  let count = 0;
  for (const name of names) {
    const relative = `templates/${language}/${name}`;
    if (await writeNew(join(dir, relative), await readFile(join(from, name), 'utf8'))) count += 1;
    else kept.push({ path: relative, kept: true, what: '' });
  }
  const folder: Written[] = count === 0 ? [] : [{ path: `templates/${language}/`, kept: false, what: `${count} reminder templates in ${language === 'fr' ? 'French' : 'English'}, to edit` }];
  return [...folder, ...kept];
}

async function report(written: readonly Written[], dirArg: string, dir: string): Promise<string> {
  const lines = [`relance init: ${dir}`];
  const width = Math.max(...written.filter((w) => !w.kept).map((w) => w.path.length), 0);
  for (const w of written.filter((x) => !x.kept)) lines.push(`  wrote ${w.path.padEnd(width)}  ${w.what}`);
  for (const w of written.filter((x) => x.kept)) lines.push(`  kept ${w.path} (already there)`);
  const gitignore = written.find((w) => w.path === '.gitignore');
  if (gitignore?.kept && !(await readFile(join(dir, '.gitignore'), 'utf8').catch(() => '')).split(/\r?\n/).some((l) => /^\/?\.relance\/?$/.test(l.trim()))) {
    lines.push('  (add the line .relance/ to .gitignore: the journal does not belong in git)');
  }
  lines.push('', 'Next:');
  if (dirArg !== '.' && dirArg !== './') lines.push(`  cd ${/^[\w./@%+-]+$/.test(dirArg) ? dirArg : JSON.stringify(dirArg)}`);
  lines.push(
    '  relance check              what to fix, with file and line',
    '  relance status             what is overdue, and what the law lets you claim',
    '  relance send --dry-run     today’s reminders, printed: nothing is sent',
  );
  return `${lines.join('\n')}\n`;
}

// ---------------------------------------------------------------- the questions

async function askQuestions(answers: StarterAnswers, opts: InitOptions, cli: Cli): Promise<void> {
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({
    input: cli.stdin!,
    output: cli.stdout as NodeJS.WritableStream,
    terminal: cli.stdout.isTTY === true,
  });
  const stop = new AbortController();
  const stopped = () => new UsageError('stopped before the end of the questions: nothing was written', 'run relance init again, or relance init --yes to take the defaults');
  rl.on('SIGINT', () => stop.abort());
  rl.on('close', () => stop.abort());
  const ask = async (question: string, fallback: string, valid: (answer: string) => string | null): Promise<string> => {
    for (;;) {
      let answer: string;
      try {
        answer = (await rl.question(`${question} [${fallback}]: `, { signal: stop.signal })).trim();
      } catch {
        throw stopped();
      }
      if (answer === '') return fallback;
      const problem = valid(answer);
      if (problem === null) return answer;
      cli.stdout.write(`  ${problem}\n`);
    }
  };
  try {
    cli.stdout.write('Three questions (Enter keeps the value in brackets; everything can be changed later in relance.yaml).\n');
    if (opts.name === undefined) answers.name = await ask('Your company’s name, as it signs the reminders', answers.name, () => null);
    if (opts.email === undefined) answers.email = await ask('Your e-mail address (the sender; clients reply to it)', answers.email, emailProblem);
    if (opts.invoices === undefined) {
      answers.invoices = await ask('Your invoices file, CSV or YAML (a sample is written if it does not exist)', answers.invoices, (a) =>
        /[\r\n]/.test(a) ? 'one file name, please' : null,
      );
    }
    cli.stdout.write('\n');
  } finally {
    rl.removeAllListeners('close');
    rl.close();
  }
}

function emailProblem(text: string): string | null {
  const { emails, bad } = parseEmails(text);
  if (bad !== null || emails.length !== 1) return `"${text}" is not one e-mail address: write it like compta@example.fr`;
  return null;
}

function checkEmail(text: string, flag: string): void {
  if (emailProblem(text) !== null) throw new UsageError(`${flag} "${text}" is not one e-mail address`, 'write it like compta@example.fr');
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
