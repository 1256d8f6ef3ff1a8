// A malformed SMTP URL, through the built binary as cron runs it: whatever its shape, and
// whether the password is in the URL or in RELANCE_SMTP_PASSWORD, `send`, `check --smtp`
// and `status` say what is wrong and never print the password — not on stdout, stderr, in
// the journal nor in the archive of sent mail. And a secret's ${VAR} is refused outside
// mail.smtp, without its value.

import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRelanceInProcess } from '../helpers/run-cli.js';

const PASSWORD = 'Sekr3t-pw';
/** What must appear nowhere: the password, and any piece of it a split could leave. */
const PIECES = ['Sekr3t', 'kr3t-pw', 'Sekr 3t'];
const TODAY = ['--today', '2026-11-22']; // relance-2 is due for Northwind: send has an e-mail to go
const HINT = 'write smtp://user@host:587 (STARTTLS) or smtps://user@host:465 (TLS); the password may go in RELANCE_SMTP_PASSWORD';

/** Each shape, with the password in it (`pw`: ':Sekr3t-pw') or not (''), and what relance says of it. */
const SHAPES: { name: string; url: (pw: string) => string; says: (pw: string) => string }[] = [
  { name: 'no // after smtp:', url: (pw) => `smtp:compta${pw}@smtp.example`, says: (pw) => `"smtp:compta${pw && ':***'}@smtp.example" is missing the "//" after "smtp:" — write smtp://, e.g. smtp://user@host` },
  { name: 'one / after smtp:', url: (pw) => `smtp:/compta${pw}@smtp.example`, says: (pw) => `"smtp:/compta${pw && ':***'}@smtp.example" is missing a "/" after "smtp:" — write smtp://, e.g. smtp://user@host` },
  { name: 'no colon before //', url: (pw) => `smtps//compta${pw}@smtp.example`, says: (pw) => `"smtps//compta${pw && ':***'}@smtp.example" is missing the ":" between "smtps" and "//" — write smtps://, e.g. smtps://user@host` },
  { name: 'no scheme at all', url: (pw) => `compta${pw}@smtp.example:587`, says: (pw) => `"compta${pw && ':***'}@smtp.example:587" does not start with smtp:// or smtps:// — ${HINT}` },
  { name: 'a port out of range', url: (pw) => `smtp://compta${pw}@smtp.example:99999`, says: (pw) => `"smtp://compta${pw && ':***'}@smtp.example:99999": 99999 is not a port number (1 to 65535) — the usual ones: 587 for smtp:// (STARTTLS), 465 for smtps:// (TLS)` },
  {
    name: 'a space',
    // In the password when it is in the URL; in the user name when it is not.
    url: (pw) => (pw ? `smtp://compta:Sekr 3t-pw@smtp.example` : `smtp://com pta@smtp.example`),
    says: (pw) => `"smtp://${pw ? 'compta:***' : 'com pta'}@smtp.example" has a space in it — an SMTP URL has none: write a space in the password as %20, or put the password in RELANCE_SMTP_PASSWORD`,
  },
];

const MODES = [
  { name: 'in mail.smtp, password in the URL', pw: `:${PASSWORD}`, where: 'relance.yaml: mail.smtp:' },
  { name: 'in RELANCE_SMTP_URL, password in RELANCE_SMTP_PASSWORD', pw: '', where: 'RELANCE_SMTP_URL:' },
] as const;

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'relance-smtp-url-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

/** A copy of the examples, with mail.smtp set to this URL (or left as shipped). */
async function examplesWith(smtp: string | null): Promise<string> {
  const dir = await mkdtemp(join(root, 'case-'));
  await cp(join(import.meta.dirname, '../../examples'), dir, { recursive: true });
  if (smtp !== null) {
    const config = await readFile(join(dir, 'relance.yaml'), 'utf8');
    await writeFile(join(dir, 'relance.yaml'), config.replace(/^ {2}smtp: .*$/m, `  smtp: ${JSON.stringify(smtp)}`));
  }
  return dir;
}

/** Every file relance writes to: the journal and the day's archive of sent mail. */
async function written(dir: string): Promise<string> {
  const sent = await readdir(join(dir, 'sent'));
  const archives = await Promise.all(sent.map((f) => readFile(join(dir, 'sent', f), 'utf8')));
  return [await readFile(join(dir, 'journal.jsonl'), 'utf8'), ...archives].join('\n');
}

function expectNoPassword(...texts: string[]): void {
  for (const text of texts) for (const piece of PIECES) expect(text).not.toContain(piece);
}

describe.each(MODES)('a malformed SMTP URL $name', (mode) => {
  it.each(SHAPES)('$name: said plainly, the password nowhere', async (shape) => {
    const url = shape.url(mode.pw);
    const inConfig = mode.where.startsWith('relance.yaml');
    const dir = await examplesWith(inConfig ? url : null);
    const env = { RELANCE_SMTP_URL: inConfig ? undefined : url, RELANCE_SMTP_PASSWORD: mode.pw ? undefined : PASSWORD };
    const line = `${mode.where} ${shape.says(mode.pw)}`;
    const before = await written(dir);

    const send = await runRelanceInProcess(['send', ...TODAY], { cwd: dir, env });
    expect(send.code).toBe(2);
    expect(send.stdout).toBe('');
    expect(send.stderr).toBe(`${line}\nrelance: 1 error, nothing was done.\n`);
    expect(await written(dir)).toBe(before); // nothing sent, nothing journaled or archived

    const check = await runRelanceInProcess(['check', '--smtp', ...TODAY], { cwd: dir, env });
    expect(check.code).toBe(2);
    expect(check.stdout.split('\n')).toContain(line);

    const status = await runRelanceInProcess(['status', ...TODAY, '--format', 'json'], { cwd: dir, env });
    expect(status.code).toBe(0);

    expectNoPassword(send.stdout, send.stderr, check.stdout, check.stderr, status.stdout, status.stderr, await written(dir));
  });
});

describe('a secret referenced from the config outside mail.smtp', () => {
  it.each([
    ['creditor.name', '  name: ${RELANCE_SMTP_PASSWORD}', 'RELANCE_SMTP_PASSWORD'],
    ['creditor.payment_link', '  payment_link: https://pay.example/?key=${Pay_Secret}', 'Pay_Secret'],
    ['mail.bcc', '  bcc: ${API_TOKEN}@archives.example', 'API_TOKEN'],
  ])('%s: an input error with the key and line, exit 2, the value never shown', async (key, setting, name) => {
    const dir = await examplesWith(null);
    const config = await readFile(join(dir, 'relance.yaml'), 'utf8');
    const field = key.split('.')[1]!;
    const lines = config.split('\n');
    const at = lines.findIndex((l) => l.startsWith(`  ${field}:`));
    lines[at] = setting;
    await writeFile(join(dir, 'relance.yaml'), lines.join('\n'));
    const env = { RELANCE_SMTP_PASSWORD: PASSWORD, Pay_Secret: PASSWORD, API_TOKEN: PASSWORD };
    const message = `relance.yaml:${at + 1}: ${key}: \${${name}} names a secret, and this setting can reach the reminders or relance's output — a password, secret or token belongs in mail.smtp (or in RELANCE_SMTP_PASSWORD) only: write this value itself`;
    for (const command of [['status'], ['send', '--dry-run'], ['preview', 'F-2026-014']]) {
      const r = await runRelanceInProcess([...command, ...TODAY], { cwd: dir, env });
      expect(r).toEqual({ code: 2, stdout: '', stderr: `${message}\nrelance: 1 error, nothing was done.\n` });
    }
    const check = await runRelanceInProcess(['check', ...TODAY], { cwd: dir, env });
    expect(check.code).toBe(2);
    expect(check.stdout.split('\n')).toContain(message);
    expectNoPassword(check.stdout, check.stderr);
  });

  it('is allowed in mail.smtp, where relance reads it without ever printing it', async () => {
    const dir = await examplesWith('smtp://compta:${RELANCE_SMTP_PASSWORD}@smtp.example:99999');
    const r = await runRelanceInProcess(['send', ...TODAY], { cwd: dir, env: { RELANCE_SMTP_PASSWORD: PASSWORD } });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'relance.yaml: mail.smtp: "smtp://compta:***@smtp.example:99999": 99999 is not a port number (1 to 65535) — the usual ones: 587 for smtp:// (STARTTLS), 465 for smtps:// (TLS)\nrelance: 1 error, nothing was done.\n',
    );
  });
});

describe('a URL with a password anywhere else in a message', () => {
  it('is redacted in usage errors and in commander’s own', async () => {
    const usage = await runRelanceInProcess(['status', '--limit', `smtp:compta:${PASSWORD}@smtp.example`], { cwd: root });
    expect(usage.code).toBe(2);
    expect(usage.stderr).toBe('relance: --limit "smtp:compta:***@smtp.example" is not a number of rows — give a whole number, e.g. --limit 100\n');
    const unknown = await runRelanceInProcess(['status', `--smtp=smtp://compta:${PASSWORD}@smtp.example`], { cwd: root });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown option '--smtp=smtp://compta:***@smtp.example'");
    expectNoPassword(usage.stderr, unknown.stderr);
  });
});
