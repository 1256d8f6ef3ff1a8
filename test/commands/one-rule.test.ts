// What two commands decide alike, said alike (issue: one rule, one place). Each of these
// drifted apart once: preview computed a claim its own way, send counted missing rates
// its own way, check and send named a missing PDF differently, a bug exited 2 as if
// nothing had been sent.

import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRelance, runRelanceInProcess } from '../helpers/run-cli.js';
import { startSmtpServer, type TestSmtp } from '../helpers/smtp-server.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'relance-one-rule-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function folder(name: string, rows: string[], extra = ''): Promise<string> {
  const d = join(dir, name);
  await mkdir(d, { recursive: true });
  await writeFile(join(d, 'relance.yaml'), `invoices: factures.csv\ncreditor:\n  name: Atelier Dupont SARL\n  email: compta@atelier-dupont.example\n${extra}`);
  await writeFile(join(d, 'factures.csv'), ['Facture;Client;Email;Échéance;Montant;PDF', ...rows].join('\n') + '\n');
  return d;
}

describe('a delay before the rate tables (2014)', () => {
  // Three invoices due on 31 October 2014: 2014-H2 is before the first row (2015-H1).
  const rows = ['A-1;Un SARL;un@x.example;31/10/2014;100;', 'A-2;Deux SARL;deux@x.example;31/10/2014;200;', 'A-3;Trois SARL;trois@x.example;31/10/2014;300;'];
  const LINE = "factures.csv:2: due_date: A-1: no rate for 2014-H2: relance's tables start at 2015-H1 (and 2 other invoices) — add 2014-H2 to a rates file (rates: in relance.yaml)";

  it('status, send --dry-run and preview say it in one line with a count, exit 2, no stack trace', async () => {
    const d = await folder('old', rows);
    const status = await runRelance(['status', '--today', '2014-11-20'], { cwd: d });
    const send = await runRelance(['send', '--dry-run', '--today', '2014-11-20'], { cwd: d });
    const preview = await runRelance(['preview', 'A-2', '--today', '2014-11-20'], { cwd: d });
    expect([status.code, send.code, preview.code]).toEqual([2, 2, 2]);
    expect(status.stderr).toBe(`${LINE}\nrelance: 1 error, nothing was done.\n`);
    expect(send.stderr).toBe(`${LINE}\nrelance: 1 error, nothing was done.\n`);
    // preview computes the one invoice it shows, with the same rule and the same words.
    expect(preview.stderr).toBe("factures.csv:3: due_date: A-2: no rate for 2014-H2: relance's tables start at 2015-H1 — add 2014-H2 to a rates file (rates: in relance.yaml)\nrelance: 1 error, nothing was done.\n");
    for (const r of [status, send, preview]) expect(r.stdout).toBe('');
  });
});

describe('a PDF that is not there', () => {
  it('check and send name it the same way, relative to the folder (check: an error; send: that step skipped)', async () => {
    const d = await folder('pdf', ['A-1;Un;un@x.example;20/11/2026;100;factures/absent.pdf']);
    const LINE = 'factures.csv:2: attachment: "factures/absent.pdf" does not exist (the PDF of invoice A-1) — check the path: it is relative to the invoices file';
    const check = await runRelance(['check', '--today', '2026-11-22'], { cwd: d });
    const send = await runRelance(['send', '--dry-run', '--today', '2026-11-22'], { cwd: d });
    expect(check.stdout.split('\n')).toContain(LINE);
    expect(send.stderr.split('\n')).toContain(`relance: A-1 relance-1: skipped: ${LINE} (the next run does it once this is fixed)`);
    expect([check.code, send.code]).toEqual([2, 1]);
  });
});

describe('an internal error (a bug in relance)', () => {
  it('exits 70, not 2, and says the command sent nothing', async () => {
    // A terminal that breaks under the command is no mistake of the user's: a bug path.
    const broken = { write: () => { throw new Error('the terminal went away'); } };
    const d = await folder('bug', ['A-1;Un;un@x.example;20/11/2026;100;']);
    const r = await runRelanceInProcess(['status', '--today', '2026-11-22'], { cwd: d, stdout: broken });
    expect(r.code).toBe(70);
    expect(r.stderr).toMatch(/^relance: internal error: the terminal went away\n/);
    expect(r.stderr).toContain('What this run did, from the journal: this command sends and records nothing.');
    expect(r.stderr).toContain('This is a bug in relance, not in your files (exit 70)');
  });

  describe('in send, after e-mails went out', () => {
    let smtp: TestSmtp;
    beforeAll(async () => {
      smtp = await startSmtpServer();
    });
    afterAll(() => smtp.close());

    it('exits 70 with the journal’s account of what was sent', async () => {
      const d = await folder('bug-send', ['A-1;Un;un@x.example;20/11/2026;100;', 'A-2;Deux;deux@x.example;20/11/2026;100;'], `mail:\n  smtp: smtp://127.0.0.1:${smtp.port}\n`);
      // The summary is printed once the e-mails are sent and journaled: the write fails there.
      const broken = { write: () => { throw new Error('stdout closed'); } };
      const r = await runRelanceInProcess(['send', '--today', '2026-11-22'], { cwd: d, stdout: broken });
      expect(r.code).toBe(70);
      expect(smtp.received).toHaveLength(2);
      expect(r.stderr).toContain('What this run did, from the journal: 2 e-mails sent (A-1 relance-1, A-2 relance-1).');
      const journal = (await readFile(join(d, '.relance/journal.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l).type);
      expect(journal.filter((t) => t === 'sent')).toHaveLength(2);
    });
  });
});
