import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LockedError } from '../../src/errors.js';
import type { LockHolder, ProcessProbe } from '../../src/io/lock.js';
import { acquireLock, isStale, parseHolder } from '../../src/io/lock.js';

const NOW = new Date('2026-11-22T07:00:03.120Z');
const DISPLAY = '.relance/journal.jsonl';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

async function journalIn(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'relance-lock-'));
  dirs.push(dir);
  await mkdir(join(dir, '.relance'));
  return join(dir, '.relance', 'journal.jsonl');
}

/** A pid that was just used and is now dead. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

function holder(o: Partial<LockHolder> = {}): LockHolder {
  return { pid: 4242, host: hostname(), started: '2026-11-22T06:59:00.000Z', boot: null, since: null, token: 'abc', ...o };
}

async function lockedMessage(journal: string): Promise<string> {
  try {
    await acquireLock(journal, DISPLAY, NOW);
  } catch (err) {
    expect(err).toBeInstanceOf(LockedError);
    return (err as Error).message;
  }
  throw new Error('the lock was taken');
}

describe('acquireLock', () => {
  it('writes who holds it beside the journal, and release removes it', async () => {
    const journal = await journalIn();
    const lock = await acquireLock(journal, DISPLAY, NOW);
    expect(lock.note).toBeNull();
    const held = parseHolder(await readFile(`${journal}.lock`, 'utf8'))!;
    expect(held).toMatchObject({ pid: process.pid, host: hostname(), started: '2026-11-22T07:00:03.120Z' });
    await lock.release();
    expect(existsSync(`${journal}.lock`)).toBe(false);
    await lock.release();
    // Taken again once free; no draft files left behind.
    const again = await acquireLock(journal, DISPLAY, NOW);
    await again.release();
    expect(await readdir(dirname(journal))).toEqual([]);
  });

  it('a second run gets LockedError naming the pid and the start time', async () => {
    const journal = await journalIn();
    const lock = await acquireLock(journal, DISPLAY, NOW);
    expect(await lockedMessage(journal)).toBe(
      `another "relance send" is running on this journal (pid ${process.pid}, started 2026-11-22 07:00:03 UTC): wait for it to end; if it is not running, delete .relance/journal.jsonl.lock`,
    );
    await lock.release();
  });

  it('creates the journal folder when it does not exist yet', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'relance-lock-'));
    dirs.push(dir);
    const lock = await acquireLock(join(dir, '.relance', 'journal.jsonl'), DISPLAY, NOW);
    expect(existsSync(join(dir, '.relance', 'journal.jsonl.lock'))).toBe(true);
    await lock.release();
  });

  it('takes over the lock of a run that died, with a note', async () => {
    const journal = await journalIn();
    const pid = deadPid();
    await writeFile(`${journal}.lock`, JSON.stringify(holder({ pid })));
    const lock = await acquireLock(journal, DISPLAY, NOW);
    expect(lock.note).toBe(`took over .relance/journal.jsonl.lock: the run that held it (pid ${pid}, started 2026-11-22 06:59:00 UTC) is no longer running`);
    expect(parseHolder(await readFile(`${journal}.lock`, 'utf8'))!.pid).toBe(process.pid);
    await lock.release();
    expect(existsSync(`${journal}.lock`)).toBe(false);
  });

  it('takes over a lock from before a reboot, even if its pid runs again', async () => {
    const journal = await journalIn();
    await writeFile(`${journal}.lock`, JSON.stringify(holder({ pid: process.pid, boot: 'another-boot' })));
    const lock = await acquireLock(journal, DISPLAY, NOW);
    if (existsSync('/proc/sys/kernel/random/boot_id')) expect(lock.note).toMatch(/^took over/);
    await lock.release();
  });

  it('a lock held from another machine stands: it cannot be checked', async () => {
    const journal = await journalIn();
    await writeFile(`${journal}.lock`, JSON.stringify(holder({ host: 'nas.local' })));
    expect(await lockedMessage(journal)).toBe(
      'another "relance send" is running on this journal (pid 4242 on nas.local, started 2026-11-22 06:59:00 UTC): wait for it to end; if it is not running (relance cannot check another machine), delete .relance/journal.jsonl.lock',
    );
  });

  it('a lock file relance did not write stands too', async () => {
    const journal = await journalIn();
    await writeFile(`${journal}.lock`, 'hello\n');
    expect(await lockedMessage(journal)).toBe('.relance/journal.jsonl.lock exists but was not written by relance: if no "relance send" is running, delete it and try again');
  });

  it('release leaves alone a lock that is not its own any more', async () => {
    const journal = await journalIn();
    const lock = await acquireLock(journal, DISPLAY, NOW);
    await writeFile(`${journal}.lock`, JSON.stringify(holder({ host: 'nas.local' })));
    await lock.release();
    expect(parseHolder(await readFile(`${journal}.lock`, 'utf8'))!.host).toBe('nas.local');
  });

  it('of runs started together, exactly one gets the lock', async () => {
    const journal = await journalIn();
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => acquireLock(journal, DISPLAY, NOW)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected').every((r) => (r as PromiseRejectedResult).reason instanceof LockedError)).toBe(true);
    await (results.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<{ release: () => Promise<void> }>).value.release();
  });
});

describe('isStale', () => {
  const probe = (o: Partial<ProcessProbe> = {}): ProcessProbe => ({ host: hostname(), boot: 'b1', bootTime: null, alive: () => true, startOf: () => '1000', ...o });
  it.each([
    ['alive, same start', holder({ boot: 'b1', since: '1000' }), probe(), false],
    ['dead pid', holder({ boot: 'b1', since: '1000' }), probe({ alive: () => false }), true],
    ['pid reused by a younger process', holder({ boot: 'b1', since: '900' }), probe(), true],
    ['rebooted since', holder({ boot: 'b0', since: '1000' }), probe(), true],
    ['no start time known (not Linux), alive', holder(), probe({ boot: null, startOf: () => null }), false],
    ['no start time known, dead', holder(), probe({ boot: null, startOf: () => null, alive: () => false }), true],
    ['another host, dead pid here', holder({ host: 'nas.local' }), probe({ alive: () => false }), false],
  ])('%s → %s', (_name, h, p, stale) => {
    expect(isStale(h, p)).toBe(stale);
  });
});
