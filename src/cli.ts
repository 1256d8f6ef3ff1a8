// The command line: reads argv, env and the clock once, loads only the command asked for
// (so `relance penalty` does not pay for nodemailer), and turns errors into exit codes.

import { Command, CommanderError } from 'commander';
import type { Cli } from './commands/common.js';
import { formatCount } from './domain/user-text.js';
import { EXIT_BAD_INPUT, EXIT_INTERNAL, EXIT_LOCKED, InputError, LockedError, UsageError } from './errors.js';
import { internalErrorText } from './commands/internal-error.js';
import { issueLines, sortIssues } from './render/issues.js';
import { redactSecrets } from './render/redact.js';

interface CommandModule {
  register(program: Command, cli: Cli): void;
}

interface CommandEntry {
  name: string;
  summary: string;
  load: () => Promise<CommandModule>;
}

const COMMANDS: readonly CommandEntry[] = [
  { name: 'status', summary: 'what is overdue, by how much, and what comes next', load: () => import('./commands/status.js') },
  { name: 'send', summary: 'do today’s reminders: e-mails by SMTP, letters and calls as to-dos', load: () => import('./commands/send.js') },
  { name: 'preview', summary: 'show one invoice’s reminder as it would go out', load: () => import('./commands/preview.js') },
  { name: 'record', summary: 'record what you did by hand: a call, a letter, a promise, a dispute…', load: () => import('./commands/record.js') },
  { name: 'log', summary: 'the journal of everything sent, issued and recorded', load: () => import('./commands/log.js') },
  { name: 'penalty', summary: 'late-payment interest and the €40 fee for one amount, period by period', load: () => import('./commands/penalty.js') },
  { name: 'rates', summary: 'the rate tables in use (ECB rate, legal interest rate), by half-year', load: () => import('./commands/rates.js') },
  { name: 'init', summary: 'set up a folder: settings, policy, templates to edit, sample invoices', load: () => import('./commands/init.js') },
  { name: 'dossier', summary: 'the escalation file of a claim, for the next step: one PDF, one ZIP', load: () => import('./commands/dossier.js') },
  { name: 'report', summary: 'the receivables as a page to look at: aging, DSO, top debtors, reminders that work', load: () => import('./commands/report.js') },
  { name: 'check', summary: 'check settings, policy, templates, invoices and journal: every problem at once', load: () => import('./commands/check.js') },
];

const OVERVIEW = `relance — chase unpaid invoices, the French way

Usage: relance <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(9)} ${c.summary}`).join('\n')}

New here?     relance init                (a working setup in this folder, sample invoices included)
              relance check               (then put your details in relance.yaml, and check again)
Every day:    relance status              (in the folder of your relance.yaml)
              relance send                (from cron; relance send --dry-run shows what it would do)
Every command has its own help: relance <command> --help
`;

// For a cron wrapper: what each exit code says was done.
const EXIT_CODES_HELP = `Exit codes: 0 done · 1 done in part (some e-mail failed, was skipped or is uncertain: see the messages) ·
2 bad input, nothing sent · 3 another run holds the lock · 70 a bug in relance (what was sent is said)`;

export async function runCli(cli: Cli): Promise<number> {
  const args = cli.argv;
  if (args.length === 0) {
    cli.stdout.write(OVERVIEW);
    return 0;
  }
  const program = new Command('relance')
    .description('Chase unpaid invoices: overdue status, French late-payment interest and the €40 fee, reminders from cron.')
    .version(await packageVersion(), '-V, --version')
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (s) => void cli.stdout.write(s),
      // commander quotes the words of the command line back: a URL there keeps its password.
      writeErr: (s) => void cli.stderr.write(redactSecrets(s)),
    });
  program.addHelpText('after', `\nEvery command has its own help: relance <command> --help\n${EXIT_CODES_HELP}`);

  // Only the command named on the line is loaded; the others are listed by name and summary.
  // Options may come before it (`relance --config f.yaml status`): it is moved first, as
  // every option belongs to the commands.
  const words = args[0] === 'help' ? args.slice(1, 2) : args.filter((a) => !a.startsWith('-'));
  const wanted = words.find((w) => COMMANDS.some((c) => c.name === w)) ?? words[0];
  for (const entry of COMMANDS) {
    if (entry.name === wanted) (await entry.load()).register(program, cli);
    else program.command(entry.name).description(entry.summary);
  }
  const at = wanted === undefined || args[0] === 'help' ? -1 : args.indexOf(wanted);
  const line = at > 0 && COMMANDS.some((c) => c.name === wanted) ? [wanted!, ...args.slice(0, at), ...args.slice(at + 1)] : [...args];

  try {
    await program.parseAsync(line, { from: 'user' });
    return cli.exitCode;
  } catch (err) {
    return reportError(err, cli);
  }
}

async function reportError(err: unknown, cli: Cli): Promise<number> {
  if (err instanceof CommanderError) {
    // Help and version are not failures; commander has already printed the usage problem.
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return 0;
    return EXIT_BAD_INPUT;
  }
  if (err instanceof InputError) {
    const lines = issueLines(sortIssues(err.issues));
    const errors = err.issues.filter((i) => i.severity === 'error').length;
    lines.push(`relance: ${formatCount(errors)} error${errors === 1 ? '' : 's'}, nothing was done.`);
    cli.stderr.write(`${lines.join('\n')}\n`);
    return EXIT_BAD_INPUT;
  }
  if (err instanceof UsageError) {
    cli.stderr.write(redactSecrets(`relance: ${err.message}${err.hint ? ` — ${err.hint}` : ''}\n`));
    return EXIT_BAD_INPUT;
  }
  if (err instanceof LockedError) {
    cli.stderr.write(redactSecrets(`relance: ${err.message}\n`));
    return EXIT_LOCKED;
  }
  // A bug: said plainly, with the stack for the report, and what the journal holds of this
  // run, so that a cron wrapper knows whether anything went out. Never exit 2 ("nothing sent").
  cli.stderr.write(redactSecrets(await internalErrorText(err, cli.journalRun ?? null)));
  return EXIT_INTERNAL;
}

async function packageVersion(): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** The process entry point: the only place that reads process.* */
export async function main(): Promise<void> {
  // `relance status | head` closes the pipe early: that is the reader's choice, not an error.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw e;
    });
  }
  let interrupts: AbortController | null = null;
  const code = await runCli({
    argv: process.argv.slice(2),
    env: process.env,
    cwd: process.cwd(),
    now: new Date(),
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    exitCode: 0,
    catchInterrupts() {
      if (interrupts) return interrupts.signal;
      const controller = (interrupts = new AbortController());
      for (const signal of ['SIGINT', 'SIGTERM'] as const) {
        process.on(signal, () => {
          if (!controller.signal.aborted) return controller.abort(signal);
          // A second signal: out at once, 128 + its number. The lock stays behind; the next
          // run finds its holder gone and takes it over. What was journaled stands.
          process.exit(signal === 'SIGINT' ? 130 : 143);
        });
      }
      return controller.signal;
    },
  });
  process.exitCode = code;
  // A stopped run may leave a connection the server never answered on: it must not hold the exit.
  if ((interrupts as AbortController | null)?.signal.aborted) process.exit(code);
}
