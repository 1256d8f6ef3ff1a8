// Running relance from a test, two ways: the built binary in a child process (what users
// run: `npm run build` first), or `runCli` in this process for a quick look at one command.
// Both return what came out and the exit code; colour is off unless the test asks for it.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Cli } from '../../src/commands/common.js';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** The working folder (default: the test process's). */
  cwd?: string;
  /** Added to the environment; an `undefined` value removes a variable. NO_COLOR=1 unless set here. */
  env?: Record<string, string | undefined>;
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = fileURLToPath(new URL('../../bin/relance', import.meta.url));
const BUILT = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

/** `node bin/relance ...args`, on the built dist/ (run `npm run build` before the tests). */
export async function runRelance(args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const { code, signal, stdout, stderr } = await startRelance(args, options).done;
  if (code === null) throw new Error(`relance ${args.join(' ')} was killed by ${signal}`);
  return { code, stdout, stderr };
}

export interface RunningRelance {
  /** Sends the process a signal. */
  kill(signal: NodeJS.Signals): void;
  /** Once it has exited: its exit code, or the signal that ended it. */
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

/** The binary started, to be signalled while it runs; `under` runs it under a command (e.g. `prlimit --fsize=N`). */
export function startRelance(args: readonly string[], options: RunOptions & { under?: readonly string[] } = {}): RunningRelance {
  if (!existsSync(BUILT)) throw new Error(`${BUILT} is missing: run "npm run build" before the command tests`);
  const env: Record<string, string | undefined> = { ...process.env, FORCE_COLOR: undefined, NO_COLOR: '1', ...options.env };
  const [command, ...prefix] = [...(options.under ?? []), process.execPath];
  const child = spawn(command!, [...prefix, BIN, ...args], { cwd: options.cwd ?? ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { kill: (signal) => child.kill(signal), done };
}

export interface InProcessOptions extends RunOptions {
  /** The clock reading handed to the CLI (default: 2026-11-22 at noon, local time). */
  now?: Date;
  /** Pretend stdout is a terminal. */
  isTTY?: boolean;
  /** Another stdout (one that fails, say): what it is written is not captured then. */
  stdout?: { write(text: string): unknown };
}

/** `runCli` from src/cli.ts with captured output: no build needed, no child process. */
export async function runRelanceInProcess(args: readonly string[], options: InProcessOptions = {}): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const cli: Cli = {
    argv: [...args],
    env: { NO_COLOR: '1', ...options.env },
    cwd: options.cwd ?? ROOT,
    now: options.now ?? new Date(2026, 10, 22, 12),
    stdout: options.stdout ?? {
      isTTY: options.isTTY ?? false,
      write: (text: string) => {
        stdout += text;
        return true;
      },
    },
    stderr: {
      write: (text: string) => {
        stderr += text;
        return true;
      },
    },
    exitCode: 0,
  };
  // Imported here: tests that run the binary alone do not load the sources.
  const { runCli } = await import('../../src/cli.js');
  const code = await runCli(cli);
  return { code, stdout, stderr };
}
