// An invoice cannot mail any file of the machine, through the built binary: the
// attachment must be, links followed, inside the invoices file's folder or a folder named
// under attachments:, a regular file of a real file system, and under attachment_max_size.
// Anything else is a problem at the invoice's line: send skips that step (nothing sent for
// it, checked against a real SMTP server; exit 1) and check reports it as an error.

import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRelanceInProcess } from '../helpers/run-cli.js';
import type { TestSmtp } from '../helpers/smtp-server.js';
import { TEST_PASSWORD, TEST_USER, startSmtpServer } from '../helpers/smtp-server.js';

const TODAY = ['--today', '2026-11-22'];
// Due on 20/11: relance-1 (an e-mail, day 2) is due on the 22nd.
const row = (attachment: string) => `number;client;email;amount;due_date;attachment\nF-1;Atelier Martin SARL;compta@martin.example;1200;2026-11-20;${attachment}\n`;
const CONFIG = 'invoices: factures.csv\ncreditor:\n  name: Atelier Dupont SARL\n  email: compta@atelier-dupont.example\n';
const OUTSIDE_HINT = 'put the PDF in the folder of the invoices file, or name its folder under attachments: in relance.yaml';

let root: string;
let smtp: TestSmtp;
beforeAll(async () => {
  root = await realpath(await mkdtemp(join(tmpdir(), 'relance-attach-')));
  await mkdir(join(root, 'outside'));
  await writeFile(join(root, 'outside', 'secret.pdf'), 'RELANCE_SMTP_PASSWORD=hunter2');
  smtp = await startSmtpServer({ password: TEST_PASSWORD });
});
afterAll(async () => {
  await smtp.close();
  await rm(root, { recursive: true, force: true });
});

async function folder(name: string, attachment: string, config = CONFIG): Promise<string> {
  const dir = join(root, name);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'relance.yaml'), config);
  await writeFile(join(dir, 'factures.csv'), row(attachment));
  return dir;
}

const message = (shown: string, what: string, hint: string) => `factures.csv:2: attachment: "${shown}" (the PDF of invoice F-1) ${what} — ${hint}`;

describe('attachments outside the allowed folders, or not documents, are refused', () => {
  const cases: [string, string, (dir: string) => Promise<void>, string][] = [
    ['a path up and out', '../outside/secret.pdf', async () => {}, message(`${'ROOT'}/outside/secret.pdf`, 'is outside the folders attachments may come from', OUTSIDE_HINT)],
    ['an absolute path elsewhere', 'ROOT/outside/secret.pdf', async () => {}, message('ROOT/outside/secret.pdf', 'is outside the folders attachments may come from', OUTSIDE_HINT)],
    ['a symbolic link that points out', 'lien.pdf', async (dir) => symlink('../outside/secret.pdf', join(dir, 'lien.pdf')), message('lien.pdf', 'is outside the folders attachments may come from: it leads to "ROOT/outside/secret.pdf"', OUTSIDE_HINT)],
    ['/proc/self/environ (it holds the SMTP password)', '/proc/self/environ', async () => {}, message('/proc/self/environ', 'is outside the folders attachments may come from: it leads to "/proc/PID/environ"', OUTSIDE_HINT)],
    ['/dev/urandom (it never ends)', '/dev/urandom', async () => {}, message('/dev/urandom', 'is outside the folders attachments may come from', OUTSIDE_HINT)],
    ['a folder', 'pdf', async (dir) => mkdir(join(dir, 'pdf')), message('pdf', 'is a folder, not a file to attach', 'name the PDF itself')],
    ['a FIFO', 'tube.pdf', async (dir) => void spawnSync('mkfifo', [join(dir, 'tube.pdf')]), message('tube.pdf', 'is a FIFO (named pipe), not a file to attach', 'name the PDF itself: relance attaches regular files only')],
  ];

  it.each(cases)('%s: send skips the step, nothing is sent; check says the same', async (name, attachment, prepare, expected) => {
    const dir = await folder(`out-${name.replace(/\W+/g, '-')}`, attachment.replace('ROOT', root), `${CONFIG}mail:\n  smtp: smtp://${TEST_USER}@127.0.0.1:${smtp.port}\n`);
    await prepare(dir);
    const before = smtp.received.length;
    const send = await runRelanceInProcess(['send', ...TODAY], { cwd: dir, env: { RELANCE_SMTP_URL: undefined, RELANCE_SMTP_PASSWORD: TEST_PASSWORD } });
    const shown = (text: string) => text.replace(/\/proc\/\d+\//, '/proc/PID/');
    expect(shown(send.stderr)).toBe(`relance: F-1 relance-1: skipped: ${expected.replaceAll('ROOT', root)} (the next run does it once this is fixed)\n`);
    expect(send.stdout).toBe('relance send, 22/11/2026: 0 e-mails sent, 0 failed, 1 skipped, 0 to-dos issued, 0 uncertain\n');
    expect(send.stderr).not.toContain('hunter2');
    expect(send.code).toBe(1);
    expect(smtp.received.length).toBe(before);
    const check = await runRelanceInProcess(['check', ...TODAY], { cwd: dir });
    expect(shown(check.stdout)).toBe(`${expected.replaceAll('ROOT', root)}\nrelance check: 1 error, 0 warnings\n`);
    expect(check.code).toBe(2);
  });

  it('a /proc file is refused even inside a folder named under attachments:', async () => {
    const dir = await folder('proc-allowed', '/proc/self/environ', `${CONFIG}attachments: /proc/self\n`);
    const { code, stdout } = await runRelanceInProcess(['check', ...TODAY], { cwd: dir });
    expect(stdout).toBe(`${message('/proc/self/environ', 'is a file of the system (/proc, /sys), not a document', 'name the PDF itself: relance attaches documents only')}\nrelance check: 1 error, 0 warnings\n`);
    expect(code).toBe(2);
  });
});

describe('the size limit', () => {
  it('over 10 MB by default: the step is skipped, said with the fix', async () => {
    const dir = await folder('too-big', 'gros.pdf');
    await writeFile(join(dir, 'gros.pdf'), Buffer.alloc(12_500_000));
    const { code, stdout, stderr } = await runRelanceInProcess(['send', '--dry-run', ...TODAY], { cwd: dir });
    expect(stderr).toBe(
      `relance: F-1 relance-1: skipped: ${message('gros.pdf', 'is 12.5 MB (12 500 000 bytes): attachments are limited to 10 MB', 'attach a lighter PDF, or raise attachment_max_size in relance.yaml (mail servers often refuse messages over 10 to 25 MB)')} (the next run does it once this is fixed)\n`,
    );
    expect(stdout).toBe('relance send --dry-run, 22/11/2026: 0 e-mails, 0 to-dos, 1 skipped — nothing is sent, nothing recorded\n\n');
    expect(code).toBe(1);
  });

  it.each([
    ['20 MB', 12_500_000, 0],
    ['2 Mo', 2_500_000, 1],
    ['500 kB', 400_000, 0],
    ['500 kB', 600_000, 1],
    ['1048576', 1_048_577, 1],
  ])('attachment_max_size: %s, a file of %i bytes → exit %i (1: the step skipped)', async (limit, size, code) => {
    const dir = await folder(`limit-${limit.replace(/\W+/g, '')}-${size}`, 'facture.pdf', `${CONFIG}attachment_max_size: ${limit}\n`);
    await writeFile(join(dir, 'facture.pdf'), Buffer.alloc(size));
    const result = await runRelanceInProcess(['send', '--dry-run', ...TODAY], { cwd: dir });
    expect(result.code).toBe(code);
    if (code === 0) expect(result.stdout).toContain('\nAttachment: facture.pdf\n');
  });
});

describe('the attachments: setting', () => {
  it('lets a PDF come from another folder it names', async () => {
    await mkdir(join(root, 'archives'), { recursive: true });
    await writeFile(join(root, 'archives', 'F-1.pdf'), '%PDF-1.4 facture F-1');
    const dir = await folder('allowed', '../archives/F-1.pdf', `${CONFIG}attachments:\n  - ../archives\n`);
    const { code, stdout } = await runRelanceInProcess(['send', '--dry-run', ...TODAY], { cwd: dir });
    expect(stdout).toContain('\nAttachment: F-1.pdf\n');
    expect(code).toBe(0);
  });

  it.each([
    ['attachments: nulle-part', 'relance.yaml:5: attachments: the folder "nulle-part" does not exist — create it, or correct the path (relative to relance.yaml)'],
    ['attachment_max_size: beaucoup', 'relance.yaml:5: attachment_max_size: "beaucoup" is not a size — write e.g. 10 MB, 500 kB, 2 Mo, or a number of bytes'],
  ])('%s is an error', async (line, expected) => {
    const dir = await folder(`setting-${line.replace(/\W+/g, '-')}`, '', `${CONFIG}${line}\n`);
    const { code, stderr } = await runRelanceInProcess(['status', ...TODAY], { cwd: dir });
    expect(stderr).toBe(`${expected}\nrelance: 1 error, nothing was done.\n`);
    expect(code).toBe(2);
  });
});
