// Runs one child process and measures its wall time and peak RSS.
//
// Peak RSS: GNU time (`/usr/bin/time -f %M`, the kernel's ru_maxrss of the waited-for
// child, in KiB) when it is installed. Without it, node children are started with
// `--import bench/rss-preload.mjs`, which writes `process.resourceUsage().maxRSS` (the same
// ru_maxrss, read from inside) to a file when the process exits. Either way it is the peak
// of the measured process itself, not of the benchmark harness.
// Wall time: hrtime from spawn to exit, in this process (GNU time's fork adds ~1 ms to both
// sides of every comparison alike).

import { spawn } from 'node:child_process';
import { existsSync, openSync, closeSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const GNU_TIME = ['/usr/bin/time', '/bin/time'].find((p) => existsSync(p)) ?? null;
const PRELOAD = fileURLToPath(new URL('./rss-preload.mjs', import.meta.url));

export const RSS_METHOD = GNU_TIME
  ? `GNU time (\`${GNU_TIME} -f %M\`: ru_maxrss of the child)`
  : '`process.resourceUsage().maxRSS` written at exit by a preloaded module (`node --import bench/rss-preload.mjs`)';

let counter = 0;

/**
 * Runs `node args…` (or any command with `{ command }`) and resolves to
 * `{ ms, rssMB, code, stdout, stderr }`. stdout goes to /dev/null unless `captureStdout`.
 */
export async function measure(args, { command = process.execPath, cwd, env, captureStdout = false, timeoutMs = 600_000 } = {}) {
  const rssFile = join(tmpdir(), `relance-bench-rss-${process.pid}-${++counter}`);
  const isNode = command === process.execPath;
  let argv;
  let childEnv = { ...process.env, ...env };
  if (GNU_TIME) {
    argv = [GNU_TIME, '-f', '%M', '-o', rssFile, command, ...args];
  } else if (isNode) {
    argv = [command, '--import', PRELOAD, ...args];
    childEnv = { ...childEnv, BENCH_RSS_FILE: rssFile };
  } else {
    argv = [command, ...args];
  }
  const devnull = captureStdout ? null : openSync('/dev/null', 'w');
  const started = process.hrtime.bigint();
  const child = spawn(argv[0], argv.slice(1), { cwd, env: childEnv, stdio: ['ignore', captureStdout ? 'pipe' : devnull, 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (d) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d) => {
    if (stderr.length < 200_000) stderr += d;
  });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, timeoutMs);
  const code = await new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (c, signal) => resolve(c ?? signal));
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  clearTimeout(timer);
  if (devnull !== null) closeSync(devnull);
  let rssMB = null;
  try {
    const text = await readFile(rssFile, 'utf8');
    // GNU time prefixes "Command exited with non-zero status N" lines: the number is last.
    const kib = Number(text.trim().split('\n').pop());
    if (Number.isFinite(kib)) rssMB = kib / 1024;
  } catch {
    // no figure: a non-node command without GNU time, or a killed process
  }
  await rm(rssFile, { force: true });
  return { ms, rssMB, code: timedOut ? 'timeout' : code, stdout, stderr };
}
