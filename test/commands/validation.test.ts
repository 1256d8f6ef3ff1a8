// Validation gaps, through the built binary: the mail addresses of relance.yaml checked at
// load (every command and check say it), control characters in invoice numbers and client
// names refused, terminal escapes from the data never reaching the terminal, and a
// templates folder that does not exist an error.

import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRelanceInProcess } from '../helpers/run-cli.js';

const TODAY = ['--today', '2026-11-22'];
const HEADER = 'number;client;email;amount;due_date\n';
const ROW = 'F-1;Atelier Martin SARL;compta@martin.example;1200;2026-10-31\n';
const CONFIG = 'invoices: factures.csv\ncreditor:\n  name: Atelier Dupont SARL\n  email: compta@atelier-dupont.example\n';
const ESC = '\u001b';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'relance-validation-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

async function folder(name: string, files: Record<string, string>): Promise<string> {
  const dir = join(root, name);
  await mkdir(dir, { recursive: true });
  for (const [file, content] of Object.entries(files)) await writeFile(join(dir, file), content);
  return dir;
}

describe('the mail addresses of relance.yaml are checked when it is read', () => {
  it.each([
    ['from', '  from: Atelier Dupont compta@atelier-dupont.example', '"Atelier Dupont compta@atelier-dupont.example" is not an e-mail address — write it like compta@example.fr or "Atelier Dupont <compta@example.fr>"'],
    ['from', '  from: "Atelier Dupont <compta@atelier-dupont>"', '"Atelier Dupont <compta@atelier-dupont>" is not an e-mail address — write it like compta@example.fr or "Atelier Dupont <compta@example.fr>"'],
    ['reply_to', '  reply_to: compta(at)atelier-dupont.example', '"compta(at)atelier-dupont.example" is not an e-mail address — write it like compta@example.fr or "Atelier Dupont <compta@example.fr>"'],
    ['bcc', '  bcc: archives@atelier-dupont.example, archives', '"archives" is not an e-mail address — write addresses like archives@example.fr, separated by ","'],
  ])('mail.%s: %s', async (key, line, message) => {
    const dir = await folder(`mail-${key}-${line.length}`, { 'relance.yaml': `${CONFIG}mail:\n${line}\n`, 'factures.csv': HEADER + ROW });
    const expected = `relance.yaml:6: mail.${key}: ${message}`;
    for (const command of ['status', 'send', 'log']) {
      const { code, stderr } = await runRelanceInProcess([command, ...TODAY, ...(command === 'send' ? ['--dry-run'] : [])], { cwd: dir });
      expect(stderr).toBe(`${expected}\nrelance: 1 error, nothing was done.\n`);
      expect(code).toBe(2);
    }
    const check = await runRelanceInProcess(['check', ...TODAY], { cwd: dir });
    expect(check.stdout).toBe(`${expected}\nrelance check: 1 error, 0 warnings (the other files are checked once the configuration can be read)\n`);
    expect(check.code).toBe(2);
  });

  it('good addresses pass, with or without a display name', async () => {
    const mail = `mail:\n  from: '"Dupont, SARL" <compta@atelier-dupont.example>'\n  reply_to: Atelier Dupont <compta@atelier-dupont.example>\n  bcc: a@atelier-dupont.example, b@atelier-dupont.example\n`;
    const dir = await folder('mail-good', { 'relance.yaml': CONFIG + mail, 'factures.csv': HEADER + ROW });
    const { code, stderr } = await runRelanceInProcess(['send', '--dry-run', ...TODAY], { cwd: dir });
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});

describe('control characters in an invoice number or a client name', () => {
  it.each([
    ['an escape character in a number', `F-1${ESC}[2J;Atelier Martin;;1200;2026-10-31\n`, 'factures.csv:2: number: "F-1\\u001b[2J" contains an escape character (ESC) — remove it: an invoice number or a client name is one line of plain text'],
    ['a carriage return in a client name', `F-1;"Atelier\rMartin";;1200;2026-10-31\n`, 'factures.csv:2: client: "Atelier\\rMartin" contains a carriage return (CR) — remove it: an invoice number or a client name is one line of plain text'],
    ['a line break in a client name', `F-1;"Atelier\nMartin";;1200;2026-10-31\n`, 'factures.csv:2: client: "Atelier\\nMartin" contains a line break (LF) — remove it: an invoice number or a client name is one line of plain text'],
    ['a line separator in a client name', 'F-1;Atelier\u2028Martin;;1200;2026-10-31\n', 'factures.csv:2: client: "Atelier\\u2028Martin" contains a line separator (U+2028) — remove it: an invoice number or a client name is one line of plain text'],
    ['a C1 control in a client name', 'F-1;Atelier\u009bMartin;;1200;2026-10-31\n', 'factures.csv:2: client: "Atelier\\u009bMartin" contains a control character (U+009B) — remove it: an invoice number or a client name is one line of plain text'],
  ])('%s is an error', async (name, row, message) => {
    const dir = await folder(`control-${name.replace(/\W+/g, '-')}`, { 'relance.yaml': CONFIG, 'factures.csv': HEADER + row });
    const { code, stderr } = await runRelanceInProcess(['status', ...TODAY], { cwd: dir });
    expect(stderr).toBe(`${message}\nrelance: 1 error, nothing was done.\n`);
    expect(code).toBe(2);
  });
});

describe('terminal escapes in the data never reach the terminal', () => {
  const journal = [
    { type: 'sent', date: '2026-11-02', at: '2026-11-02T07:00:00.000Z', invoice: 'F-1', step: `relance-1${ESC}[2J`, channel: 'email', message_id: '<m1@x>', subject: `Facture${ESC}]0;owned${ESC}\\ F-1`, to: ['compta@martin.example'], error: null, event: null, until: null, note: null, run: 'r1' },
    { type: 'record', date: '2026-11-03', at: '2026-11-03T07:00:00.000Z', invoice: 'F-1', step: null, channel: null, message_id: null, subject: null, to: null, error: null, event: 'call', until: null, note: `rappeler\r${ESC}[31mURGENT`, run: null },
  ];
  const files = {
    'relance.yaml': `${CONFIG.replace('invoices: factures.csv', 'invoices: [factures.csv, autres.yaml]')}journal: journal.jsonl\n`,
    'factures.csv': HEADER + ROW,
    'autres.yaml': `- number: F-2\n  client: Studio Lumen\n  amount: 100\n  due_date: 2026-10-31\n  "${ESC}[2Jnote": x\n`,
    'journal.jsonl': `${journal.map((e) => JSON.stringify(e)).join('\n')}\n`,
  };

  it('status: the table shows them as ␛, and so do the warnings', async () => {
    const dir = await folder('escapes-status', files);
    const { code, stdout, stderr } = await runRelanceInProcess(['status', ...TODAY], { cwd: dir });
    expect(code).toBe(0);
    expect(stdout + stderr).not.toContain(ESC);
    expect(stdout).toContain('relance-1␛[2J');
    expect(stderr).toContain('autres.yaml:5: warning: ␛[2Jnote: unknown field, ignored');
  });

  it('log: every cell of the table', async () => {
    const dir = await folder('escapes-log', files);
    const { code, stdout } = await runRelanceInProcess(['log', ...TODAY], { cwd: dir });
    expect(code).toBe(0);
    expect(stdout).not.toContain(ESC);
    expect(stdout).not.toContain('\r');
    expect(stdout).toContain('Facture␛]0;owned␛\\ F-1');
    expect(stdout).toContain('rappeler ␛[31mURGENT'); // a line break or CR in a cell is a space
  });

  it('check: the problems it lists', async () => {
    const dir = await folder('escapes-check', files);
    const { stdout } = await runRelanceInProcess(['check', ...TODAY], { cwd: dir });
    expect(stdout).not.toContain(ESC);
    expect(stdout).toContain('autres.yaml:5: warning: ␛[2Jnote: unknown field, ignored');
  });
});

describe('a templates folder that does not exist', () => {
  it('is an error for every command and for check', async () => {
    const dir = await folder('no-templates', { 'relance.yaml': `${CONFIG}templates: modeles\n`, 'factures.csv': HEADER + ROW });
    const message = 'relance.yaml:5: templates: the folder "modeles" does not exist — create it (relance init writes a copy of the shipped templates), or remove the line to use the shipped ones';
    const status = await runRelanceInProcess(['send', '--dry-run', ...TODAY], { cwd: dir });
    expect(status.stderr).toBe(`${message}\nrelance: 1 error, nothing was done.\n`);
    expect(status.code).toBe(2);
    const check = await runRelanceInProcess(['check', ...TODAY], { cwd: dir });
    expect(check.stdout).toBe(`${message}\nrelance check: 1 error, 0 warnings (the other files are checked once the configuration can be read)\n`);
    expect(check.code).toBe(2);
  });
});
