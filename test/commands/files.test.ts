// Locks and files under real faults, through the built binary: a lock emptied by a power
// cut, a lock that is a folder or a symlink loop, invoices that are a FIFO or /dev/zero,
// a read-only journal folder, a full disk. Each is a located error (exit 2) or a stale
// lock taken over, never a stack trace or a hang, and the lock is never left behind.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRelanceInProcess } from '../helpers/run-cli.js';

const TODAY = ['--today', '2026-11-22'];
// Nothing is due on 22/11/2026 (due in 2027): a send that gets past its checks sends nothing.
const INVOICES = 'number;client;email;amount;due_date\nF-1;Atelier Martin SARL;compta@martin.example;1200;2027-10-31\n';
const SMTP_ENV = { RELANCE_SMTP_URL: undefined, RELANCE_SMTP_PASSWORD: 'x' };
const isRoot = process.getuid?.() === 0;

let root: string;
const mounts: string[] = [];
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'relance-files-'));
});
afterAll(async () => {
  for (const m of mounts) spawnSync('umount', [m]);
  await rm(root, { recursive: true, force: true });
});

async function folder(name: string, journal = '.relance/journal.jsonl'): Promise<string> {
  const dir = join(root, name);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'relance.yaml'), `invoices: factures.csv\njournal: ${journal}\ncreditor:\n  name: Atelier Dupont SARL\n  email: compta@atelier-dupont.example\nmail:\n  smtp: smtp://relance@127.0.0.1:1\n`);
  await writeFile(join(dir, 'factures.csv'), INVOICES);
  return dir;
}

const send = (dir: string, args: string[] = []) => runRelanceInProcess(['send', ...TODAY, ...args], { cwd: dir, env: SMTP_ENV });

/** A tmpfs mounted at `dir` (root only); false when this machine does not allow it. */
function mountTmpfs(dir: string, options: string): boolean {
  const result = spawnSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir], { encoding: 'utf8' });
  if (result.status !== 0) return false;
  mounts.push(dir);
  return true;
}

describe('a lock file emptied by a power cut', () => {
  const beforeBoot = new Date('2000-01-01T00:00:00Z');

  it.each([
    ['empty', ''],
    ['full of NUL bytes', '\0'.repeat(120)],
  ])('%s and older than the last boot is stale: taken over with a note', async (name, content) => {
    const dir = await folder(`stale-${name.replace(/\W+/g, '-')}`);
    await mkdir(join(dir, '.relance'));
    const lock = join(dir, '.relance/journal.jsonl.lock');
    await writeFile(lock, content);
    await utimes(lock, beforeBoot, beforeBoot);
    const { code, stdout, stderr } = await send(dir);
    expect(stderr).toBe('relance: took over .relance/journal.jsonl.lock: it was empty, left by a run before the machine restarted (2000-01-01 00:00:00 UTC)\n');
    expect(stdout).toBe('relance send, 22/11/2026: 0 e-mails sent, 0 failed, 0 to-dos issued, 0 uncertain\n');
    expect(code).toBe(0);
    expect(existsSync(lock)).toBe(false);
  });

  it('a recent empty one is a run creating it right now: exit 3, and it is left alone', async () => {
    const dir = await folder('fresh-empty');
    await mkdir(join(dir, '.relance'));
    await writeFile(join(dir, '.relance/journal.jsonl.lock'), '');
    const { code, stderr } = await send(dir);
    expect(stderr).toBe('relance: .relance/journal.jsonl.lock is empty: another "relance send" may be starting — try again in a moment; if none is running, delete .relance/journal.jsonl.lock\n');
    expect(code).toBe(3);
    expect(existsSync(join(dir, '.relance/journal.jsonl.lock'))).toBe(true);
  });
});

describe('files in the way are located errors, exit 2', () => {
  it('a lock path that is a folder', async () => {
    const dir = await folder('lock-folder');
    await mkdir(join(dir, '.relance/journal.jsonl.lock'), { recursive: true });
    const { code, stderr } = await send(dir);
    expect(stderr).toBe('.relance/journal.jsonl.lock: is a folder, not a file — remove it: relance makes this file itself, and deletes it after each run\nrelance: 1 error, nothing was done.\n');
    expect(code).toBe(2);
  });

  it('a lock path that is a symbolic link loop', async () => {
    const dir = await folder('lock-loop');
    await mkdir(join(dir, '.relance'));
    await symlink('journal.jsonl.lock', join(dir, '.relance/journal.jsonl.lock'));
    const { code, stderr } = await send(dir);
    expect(stderr).toBe('.relance/journal.jsonl.lock: is a symbolic link that leads back to itself (a loop) — remove it: relance makes this file itself, and deletes it after each run\nrelance: 1 error, nothing was done.\n');
    expect(code).toBe(2);
  });

  it('a file where the journal folder should be', async () => {
    const dir = await folder('file-for-folder', 'archives/journal.jsonl');
    await writeFile(join(dir, 'archives'), 'not a folder');
    const { code, stderr } = await send(dir);
    expect(stderr).toBe('archives/journal.jsonl.lock: a part of the path is a file, where a folder should be — move that file away, or choose another folder\nrelance: 1 error, nothing was done.\n');
    expect(code).toBe(2);
  });

  it('invoices that are a FIFO: no hang, and send leaves no lock behind', async () => {
    const dir = await folder('fifo');
    await rm(join(dir, 'factures.csv'));
    expect(spawnSync('mkfifo', [join(dir, 'factures.csv')]).status).toBe(0);
    for (const command of [['status'], ['send'], ['check']]) {
      const { code, stdout, stderr } = await runRelanceInProcess([...command, ...TODAY], { cwd: dir, env: SMTP_ENV });
      const expected = 'factures.csv: is a FIFO (named pipe), not a regular file — name a regular file: relance reads nothing else';
      if (command[0] === 'check') expect(stdout).toBe(`${expected}\nrelance check: 1 error, 0 warnings\n`);
      else expect(stderr).toBe(`${expected}\nrelance: 1 error, nothing was done.\n`);
      expect(code).toBe(2);
    }
    expect(existsSync(join(dir, '.relance/journal.jsonl.lock'))).toBe(false);
  });

  it.each([
    ['the invoices', ['status', '--invoices', '/dev/zero'], '/dev/zero: is a character device, not a regular file — name a regular file: relance reads nothing else'],
    ['the config', ['status', '--config', '/dev/zero'], '/dev/zero: is a character device, not a regular file — name a regular file: relance reads nothing else'],
    ['a rates file', ['status', '--config', 'rates.yaml'], '/dev/urandom: is a character device, not a regular file — name a regular file: relance reads nothing else'],
    ['the policy', ['status', '--config', 'policy.yaml'], '/dev/zero: policy: the policy is a character device, not a file — check policy: in relance.yaml (relative to it), or leave it out to use the shipped policy'],
  ])('%s on a device', async (_name, args, message) => {
    const dir = await folder('devices');
    await writeFile(join(dir, 'rates.yaml'), 'invoices: factures.csv\nrates: /dev/urandom\n');
    await writeFile(join(dir, 'policy.yaml'), 'invoices: factures.csv\npolicy: /dev/zero\n');
    const { code, stderr } = await runRelanceInProcess([...args, ...TODAY], { cwd: dir });
    expect(stderr).toBe(`${message}\nrelance: 1 error, nothing was done.\n`);
    expect(code).toBe(2);
  });
});

describe('a journal folder relance cannot write to', () => {
  it('read-only: exit 2 before anything is read or sent', async (ctx) => {
    const dir = await folder('read-only', 'ro/journal.jsonl');
    await mkdir(join(dir, 'ro'));
    let message: string;
    if (isRoot) {
      // Permission bits do not stop root: a read-only mount does.
      if (!mountTmpfs(join(dir, 'ro'), 'ro,size=64k')) {
        console.log('skipped: this machine does not let root mount a tmpfs (needed to make a folder read-only for root)');
        ctx.skip();
      }
      message = 'ro/journal.jsonl.lock: cannot be written: the file system is read-only — mount it read-write, or set journal: in relance.yaml to a folder relance may write to';
    } else {
      spawnSync('chmod', ['555', join(dir, 'ro')]);
      message = 'ro/journal.jsonl.lock: permission denied — check who may write in that folder';
    }
    const { code, stdout, stderr } = await send(dir);
    expect(stderr).toBe(`${message}\nrelance: 1 error, nothing was done.\n`);
    expect(stdout).toBe('');
    expect(code).toBe(2);
  });

  it('a full disk before the run: exit 2', async (ctx) => {
    if (!isRoot) {
      console.log('skipped: filling a disk needs a tiny tmpfs, which only root may mount');
      ctx.skip();
    }
    const dir = await folder('full-disk', 'full/journal.jsonl');
    await mkdir(join(dir, 'full'));
    if (!mountTmpfs(join(dir, 'full'), 'size=64k')) {
      console.log('skipped: this machine does not let root mount a tmpfs');
      ctx.skip();
    }
    // Fill it to the last byte.
    spawnSync('dd', ['if=/dev/zero', `of=${join(dir, 'full', 'filler')}`, 'bs=4k'], { encoding: 'utf8' });
    const { code, stderr } = await send(dir);
    expect(stderr).toBe('full/journal.jsonl.lock: cannot be written: the disk is full — free some space, then run again\nrelance: 1 error, nothing was done.\n');
    expect(code).toBe(2);
  });
});
