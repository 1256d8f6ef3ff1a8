// One `send` at a time per journal: `<journal>.lock` beside it says who holds it. It is
// created whole or not at all (a complete file hard-linked into place), so a second run
// never reads half a lock. A lock left by a run that died (same host: its pid is gone,
// the pid now belongs to a younger process, or the machine rebooted since) is taken over
// with a note; any other lock stops the second run with LockedError (exit 3).

import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { link, mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { error } from '../domain/issue.js';
import { InputError, LockedError } from '../errors.js';
import { createNewFile, fileProblem } from './paths.js';
import { NotARegularFileError, openUserFile } from './user-file.js';

export interface Lock {
  release(): Promise<void>;
  /** Set when a stale lock was taken over: one line for the user. */
  readonly note: string | null;
}

/** What the lock file holds. `boot` and `since` (Linux) tell a reused pid or a reboot apart. */
export interface LockHolder {
  pid: number;
  host: string;
  /** When the run started, ISO 8601. */
  started: string;
  /** /proc/sys/kernel/random/boot_id. */
  boot: string | null;
  /** The process's start time in clock ticks since boot (/proc/<pid>/stat, field 22). */
  since: string | null;
  /** Tells this lock from a later one with the same pid, so release removes only its own. */
  token: string;
}

/** How this machine sees a process: is it running, and since when. */
export interface ProcessProbe {
  host: string;
  boot: string | null;
  /** When the machine started (ms since the epoch), or null when it cannot be told. */
  bootTime: number | null;
  alive(pid: number): boolean;
  startOf(pid: number): string | null;
}

const ATTEMPTS = 5;

/**
 * Takes `<journal>.lock`, or throws LockedError naming who holds it since when.
 * `display` is the journal as messages name it.
 */
export async function acquireLock(journalPath: string, display: string, now: Date): Promise<Lock> {
  const path = `${journalPath}.lock`;
  const shown = `${display}.lock`;
  const probe = await localProbe();
  const token = randomBytes(8).toString('hex');
  const me: LockHolder = { pid: process.pid, host: probe.host, started: now.toISOString(), boot: probe.boot, since: probe.startOf(process.pid), token };
  const text = `${JSON.stringify(me)}\n`;
  const draft = `${path}.${process.pid}.${token}`;
  // A folder that cannot be made or written (read-only, full, a file in the way) is the
  // user's to fix: a located error, before anything is read or sent.
  await located(shown, async () => {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(draft, text);
  });
  let note: string | null = null;
  try {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      if (await located(shown, () => place(draft, path, text))) return heldLock(path, token, note);
      const found = await located(shown, () => readHolder(path));
      if (found === 'gone') continue;
      if (found === 'unreadable') {
        throw new LockedError(`${shown} exists but was not written by relance: if no "relance send" is running, delete it and try again`);
      }
      if ('empty' in found) {
        // Empty or zeros: a power cut took its content. Older than the boot, its run is
        // gone; a recent one may be a run creating it right now (no hard links here).
        if (probe.bootTime === null || found.mtimeMs >= probe.bootTime) {
          throw new LockedError(`${shown} is empty: another "relance send" may be starting — try again in a moment; if none is running, delete ${shown}`);
        }
        if (await moveAside(path, found.text, `${path}.stale.${process.pid}.${token}`)) {
          note = `took over ${shown}: it was empty, left by a run before the machine restarted (${formatStart(new Date(found.mtimeMs).toISOString())})`;
        }
        continue;
      }
      if (!isStale(found.holder, probe)) throw new LockedError(lockedMessage(found.holder, shown, probe.host));
      if (await moveAside(path, found.text, `${path}.stale.${process.pid}.${token}`)) {
        note = `took over ${shown}: the run that held it (pid ${found.holder.pid}, started ${formatStart(found.holder.started)}) is no longer running`;
      }
    }
    throw new LockedError(`could not take ${shown}: other runs keep taking it — try again in a moment`);
  } finally {
    await unlink(draft).catch(() => undefined);
  }
}

/** Runs an fs step of taking the lock; a problem of the user's files becomes InputError (exit 2). */
async function located<T>(shown: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (e) {
    const problem = fileProblem(e, true);
    if (problem === null) throw e;
    const inTheWay = e instanceof NotARegularFileError || ['EISDIR', 'ELOOP'].includes((e as { code?: string }).code ?? '');
    const hint = inTheWay ? 'remove it: relance makes this file itself, and deletes it after each run' : problem.hint;
    throw new InputError([error(shown, undefined, undefined, problem.message, hint)]);
  }
}

/**
 * True when the holder is certainly gone. Another host cannot be checked: its lock holds.
 * A pid that is alive but started at another time is another process that reused it.
 */
export function isStale(holder: LockHolder, probe: ProcessProbe): boolean {
  if (holder.host !== probe.host) return false;
  if (holder.boot !== null && probe.boot !== null && holder.boot !== probe.boot) return true;
  if (!probe.alive(holder.pid)) return true;
  const since = probe.startOf(holder.pid);
  return holder.since !== null && since !== null && since !== holder.since;
}

function lockedMessage(holder: LockHolder, shown: string, host: string): string {
  const who = `pid ${holder.pid}${holder.host === host ? '' : ` on ${holder.host}`}, started ${formatStart(holder.started)}`;
  const check = holder.host === host ? '' : ' (relance cannot check another machine)';
  return `another "relance send" is running on this journal (${who}): wait for it to end; if it is not running${check}, delete ${shown}`;
}

/** `2026-11-22 07:00:03 UTC`: the start as a person reads it. */
function formatStart(iso: string): string {
  return /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/.test(iso) ? `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC` : iso;
}

/** Puts the complete lock file in place; false when one is already there. */
async function place(draft: string, path: string, text: string): Promise<boolean> {
  try {
    await link(draft, path);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw err;
  }
  // A file system without hard links: exclusive create, then write (a tiny window of a half-written lock).
  return createNewFile(path, text);
}

type Found = { holder: LockHolder; text: string } | { empty: true; text: string; mtimeMs: number } | 'gone' | 'unreadable';

async function readHolder(path: string): Promise<Found> {
  let text: string;
  let mtimeMs: number;
  try {
    const { handle } = await openUserFile(path);
    try {
      mtimeMs = (await handle.stat()).mtimeMs;
      text = await handle.readFile('utf8');
    } finally {
      await handle.close();
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw err;
  }
  if (/^\0*$/.test(text)) return { empty: true, text, mtimeMs };
  const holder = parseHolder(text);
  return holder === null ? 'unreadable' : { holder, text };
}

export function parseHolder(text: string): LockHolder | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof raw !== 'object' || raw === null) return null;
  const o = raw as Record<string, unknown>;
  if (!Number.isInteger(o.pid) || typeof o.host !== 'string' || typeof o.started !== 'string') return null;
  const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
  return { pid: o.pid as number, host: o.host, started: o.started, boot: str(o.boot), since: str(o.since), token: str(o.token) ?? '' };
}

/**
 * Moves the stale lock out of the way, and only it: if another run replaced it between
 * our reading and our move, its fresh lock is put back. True when the stale one went.
 */
async function moveAside(path: string, staleText: string, aside: string): Promise<boolean> {
  try {
    await rename(path, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
  try {
    const moved = await readFile(aside, 'utf8');
    if (moved === staleText) return true;
    await link(aside, path).catch(() => undefined);
    return false;
  } finally {
    await unlink(aside).catch(() => undefined);
  }
}

function heldLock(path: string, token: string, note: string | null): Lock {
  let released = false;
  return {
    note,
    async release() {
      if (released) return;
      released = true;
      const found = await readHolder(path).catch(() => 'gone' as const);
      // Only our own: a lock taken over meanwhile (it looked stale to another host) stays.
      if (typeof found === 'object' && 'holder' in found && found.holder.token === token) await unlink(path).catch(() => undefined);
    },
  };
}

async function localProbe(): Promise<ProcessProbe> {
  const boot = await readFile('/proc/sys/kernel/random/boot_id', 'utf8').then(
    (t) => t.trim() || null,
    () => null,
  );
  return {
    host: hostname(),
    boot,
    bootTime: await bootTime(),
    alive(pid) {
      try {
        process.kill(pid, 0);
        return true;
      } catch (err) {
        // EPERM: it runs, under another user.
        return (err as NodeJS.ErrnoException).code === 'EPERM';
      }
    },
    startOf: (pid) => (boot === null ? null : processStart(pid)),
  };
}

/** When the machine started, in ms since the epoch: /proc/stat's btime, else from /proc/uptime. */
async function bootTime(): Promise<number | null> {
  const stat = await readFile('/proc/stat', 'utf8').catch(() => '');
  const btime = /^btime (\d+)$/m.exec(stat);
  if (btime) return Number(btime[1]) * 1000;
  const uptime = await readFile('/proc/uptime', 'utf8').catch(() => '');
  const seconds = Number.parseFloat(uptime);
  return Number.isFinite(seconds) ? Date.now() - seconds * 1000 : null;
}

/** Field 22 of /proc/<pid>/stat (after the command name, which may hold spaces). */
function processStart(pid: number): string | null {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
}
