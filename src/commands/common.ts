// What every command shares: the common flags, the clock and the terminal habits.

import { Option, type Command } from 'commander';
import type { Day } from '../domain/dates.js';
import { todayFrom } from '../io/clock.js';
import type { JournalRun } from '../io/journal-account.js';
import type { Setup, SetupHooks, SetupReading } from '../io/setup.js';
import type { Issue } from '../domain/issue.js';
import { issueLines, sortIssues } from '../render/issues.js';

export interface OutputStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/** Everything a command may know of the outside world, read once by cli.ts. */
export interface Cli {
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** The one reading of the clock for this run. */
  readonly now: Date;
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
  /** Set by a command's action; cli.ts exits with it. */
  exitCode: number;
  /**
   * Set by a command once it may write the journal (`send`, `record`): on an internal
   * error, cli.ts reads back what this run wrote there, so the user knows what was sent.
   */
  journalRun?: JournalRun;
  /**
   * From now on, SIGINT and SIGTERM abort the signal returned (its reason: the signal's
   * name) instead of killing the process; a second one exits at once. Absent in-process.
   */
  readonly catchInterrupts?: () => AbortSignal;
}

export type Format = 'table' | 'json' | 'csv';

export interface CommonOptions {
  config?: string;
  today?: string;
  format?: Format;
  color?: boolean;
  quiet?: boolean;
}

/** The options of a command that reads the setup. */
export interface SetupOptions extends CommonOptions {
  /** `--invoices FILE`: this file instead of the config's; no relance.yaml needed. */
  invoices?: string;
}

// The setup readers load every invoice reader (workbooks, the FEC, YAML): imported when a
// command asks for a setup, so that `penalty` and `rates`, which need none, start fast.

/** The setup a command works on: InputError (exit 2) when any of it is wrong. */
export async function setupFor(opts: SetupOptions, cli: Cli, hooks?: SetupHooks): Promise<Setup> {
  const { loadSetup } = await import('../io/setup.js');
  return loadSetup({ config: opts.config, invoices: opts.invoices, today: opts.today, cwd: cli.cwd, env: cli.env, now: cli.now }, hooks);
}

/** Everything that could be read of the setup, with every problem: for `check`. */
export async function readSetupFor(opts: SetupOptions, cli: Cli): Promise<SetupReading> {
  const { readSetup } = await import('../io/setup.js');
  return readSetup({ config: opts.config, invoices: opts.invoices, today: opts.today, cwd: cli.cwd, env: cli.env, now: cli.now });
}

export function addCommonOptions(command: Command, formats: readonly Format[] | null): Command {
  command
    .option('-c, --config <file>', 'the configuration file (default: ./relance.yaml)')
    .option('--today <date>', 'act as if today were this date (YYYY-MM-DD)');
  if (formats) {
    command.addOption(new Option('-f, --format <format>', 'output format').choices([...formats]).default(formats[0]));
  }
  return command
    .option('--no-color', 'no colours (also when NO_COLOR is set or output is not a terminal)')
    .option('-q, --quiet', 'print only errors and the data asked for');
}

/** Colours only on a terminal, never with `--no-color` or `NO_COLOR`; `FORCE_COLOR` forces them. */
export function useColor(opts: CommonOptions, cli: Cli): boolean {
  if (opts.color === false) return false;
  if (cli.env.NO_COLOR !== undefined && cli.env.NO_COLOR !== '') return false;
  if (cli.env.FORCE_COLOR !== undefined && cli.env.FORCE_COLOR !== '0' && cli.env.FORCE_COLOR !== '') return true;
  return cli.stdout.isTTY === true;
}

/** Today for a command: `--today`, else the clock read once by cli.ts (see io/clock.ts). */
export function resolveToday(flag: string | undefined, cli: Cli, timezone?: string | null): Promise<Day> {
  return todayFrom(flag, cli.now, timezone ?? null);
}

/** Warnings go to stderr, one line each, unless `--quiet`. */
export function printWarnings(cli: Cli, issues: readonly Issue[], quiet: boolean | undefined): void {
  if (quiet || issues.length === 0) return;
  cli.stderr.write(`${issueLines(sortIssues(issues)).join('\n')}\n`);
}

/** Lines that concern no file (what a rate carried forward means), `warning: …` on stderr unless `--quiet`. */
export function printNotes(cli: Cli, notes: readonly string[], quiet: boolean | undefined): void {
  if (quiet) return;
  for (const note of notes) cli.stderr.write(`warning: ${note}\n`);
}

/** Writes to stdout, waiting when a pipe is full: big outputs never pile up in memory. */
export async function writeOut(cli: Cli, text: string): Promise<void> {
  const stream = cli.stdout as OutputStream & { once?: (event: string, fn: () => void) => unknown };
  if (stream.write(text) === false && typeof stream.once === 'function') {
    await new Promise<void>((resolve) => stream.once!('drain', resolve));
  }
}

/**
 * On a terminal, once reading has taken over a second, a line that counts what has been
 * read ("reading invoices… 120 000"), erased when done. Nothing in cron or in a pipe.
 */
export function readingProgress(cli: Cli, what: string): { tick(): void; done(): void } {
  if (!cli.stderr.isTTY) return { tick() {}, done() {} };
  const start = performance.now();
  let count = 0;
  let drawn = 0;
  return {
    tick() {
      count += 1;
      if ((count & 0xfff) !== 0) return;
      const now = performance.now();
      if (now - start < 1000 || now - drawn < 200) return;
      drawn = now;
      cli.stderr.write(`\rreading ${what}… ${count.toLocaleString('fr-FR')}`);
    },
    done() {
      if (drawn > 0) cli.stderr.write('\r\u001b[K');
    },
  };
}
