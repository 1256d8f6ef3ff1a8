// `relance check` through the built binary: one fixture folder per kind of problem
// (test/fixtures/check/<kind>/), each with the exact line it must print and the exit
// code; a clean setup; JSON; and the SMTP login against a real local server.

import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRelanceInProcess } from '../helpers/run-cli.js';
import type { TestSmtp } from '../helpers/smtp-server.js';
import { TEST_PASSWORD, TEST_USER, startSmtpServer } from '../helpers/smtp-server.js';
import { closedPort } from '../helpers/ports.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/check');
const NO_SMTP = { RELANCE_SMTP_URL: undefined, RELANCE_SMTP_PASSWORD: undefined, RELANCE_CHECK_EMAIL: undefined };

function check(fixture: string, args: readonly string[] = [], env: Record<string, string | undefined> = {}) {
  const today = args.some((a) => a.startsWith('--today')) ? [] : ['--today', '2026-11-22'];
  return runRelanceInProcess(['check', ...today, ...args], { cwd: join(FIXTURES, fixture), env: { ...NO_SMTP, ...env } });
}

const ALL_GOOD = 'relance check: all good (3 invoices in 1 file, 2 still owed, 6 policy steps, 5 templates in fr and en, 0 journal entries)';
const STOPPED = ' (the other files are checked once the configuration can be read)';

describe.concurrent('relance check, one fixture per problem', () => {
  it.each([
    // The config
    ['no-config', [], 2, ['relance.yaml: no configuration file here — run "relance init" to create one, pass --config FILE, or run on a file alone with --invoices FILE', `relance check: 1 error, 0 warnings${STOPPED}`]],
    ['unknown-key', [], 0, ['relance.yaml:5: warning: timezon: unknown setting, ignored — did you mean "timezone"?', 'relance check: 0 errors, 1 warning']],
    // An unset variable leaves its setting out (a warning); what then lacks is the error.
    ['missing-env', [], 2, [
      'relance.yaml: mail.from: no sender address for the e-mails — set mail.from (or creditor.email) in relance.yaml',
      'relance.yaml:4: warning: creditor.email: ${RELANCE_CHECK_EMAIL} is not set in the environment: the setting is left out — export RELANCE_CHECK_EMAIL=… before running relance, or write the value itself',
      'relance check: 1 error, 1 warning',
    ]],
    ['bad-timezone', [], 2, ['relance.yaml:5: timezone: timezone "Europe/Pariss" is not a known time zone — use an IANA name such as Europe/Paris', 'relance check: 1 error, 0 warnings']],
    ['no-sender', [], 2, ['relance.yaml: mail.from: no sender address for the e-mails — set mail.from (or creditor.email) in relance.yaml', 'relance check: 1 error, 0 warnings']],
    [
      'placeholders',
      [],
      0,
      [
        'relance.yaml:3: warning: creditor.name: "Votre Société SARL" is the placeholder relance init wrote — put your company’s name: it signs every reminder',
        'relance.yaml:4: warning: creditor.email: "compta@votre-societe.example" is the placeholder relance init wrote — put the address your clients should reply to: the e-mails go out from it',
        'relance check: 0 errors, 2 warnings',
      ],
    ],
    // The policy and the templates
    ['bad-policy-channel', [], 2, ['policy.yaml:7: steps[1].channel: unknown channel "sms" — use one of: email, letter, call, task', 'relance check: 1 error, 0 warnings']],
    ['template-typo', [], 2, ['templates/fr/relance-1.hbs:8: unknown variable "client.nmae" — check the spelling; client has: name, email, type, is_b2b, is_b2c, is_public, code, contact, address', 'relance check: 1 error, 0 warnings']],
    [
      'template-missing-en',
      [],
      2,
      [
        'templates/en/relance-maison.hbs: no template "relance-maison" in English; tried templates/en/relance-maison.hbs, templates (shipped)/en/relance-maison.hbs (needed for invoice F-2026-102 in English) — create templates/en/relance-maison.hbs, or check the template name in the policy',
        'relance check: 1 error, 0 warnings',
      ],
    ],
    // The invoices
    ['bad-invoice-row', [], 2, ['factures.csv:3: due_date: "31/02/2026" is not a real date — write dd/mm/yyyy or yyyy-mm-dd, e.g. 31/01/2026', 'relance check: 1 error, 0 warnings']],
    [
      'missing-rate',
      ['--today', '2015-03-01'],
      2,
      ["factures.csv:2: due_date: F-2014-101: no rate for 2014-H2: relance's tables start at 2015-H1 (and 1 other invoice) — add 2014-H2 to a rates file (rates: in relance.yaml)", 'relance check: 1 error, 0 warnings'],
    ],
    // Past the tables the last known rates are carried forward: a warning, never exit 2.
    [
      'rates-carried',
      ['--today', '2027-03-01'],
      0,
      [
        'relance.yaml: warning: rates: 2027-H1 is not in the rate tables yet: its rates are carried forward from 2026-H2 (ECB rate 2.40 %, B2B rate 12.40 %, legal rate 2.75 %) and the amounts computed with them are provisional — to confirm them, run relance rates --update for the ECB main refinancing rate in force on 1 January 2027, or write 2027-H1 in a rates file (relance rates --help shows how) with it and the legal interest rates published in the Journal officiel',
        'relance check: 0 errors, 1 warning',
      ],
    ],
    // From 1 December, the half-year to come when the tables do not have it yet.
    [
      'rates-carried',
      ['--today', '2026-12-01'],
      0,
      [
        'relance.yaml: warning: rates: 2027-H1 starts in 31 days and is not in the rate tables: from 1 January its rates will be carried forward from 2026-H2 and marked provisional — confirm them once they are published: run relance rates --update for the ECB main refinancing rate in force on 1 January 2027, or write 2027-H1 in a rates file (relance rates --help shows how) with it and the legal interest rates published in the Journal officiel',
        'relance check: 0 errors, 1 warning',
      ],
    ],
    [
      'terms-beyond-limit',
      [],
      0,
      [
        'factures.csv:3: warning: due_date: F-2026-104 is due 90 days after its invoice date (2026-09-01 → 2026-11-30): beyond the legal limit between businesses, 60 days from the invoice date or 45 days end of month, here 2026-11-14 at the latest (art. L441-10 I C. com.) — check the due date; if it is right, agree shorter terms with this client',
        'relance check: 0 errors, 1 warning',
      ],
    ],
    [
      'near-prescription',
      [],
      0,
      [
        'factures.csv:2: warning: due_date: F-2022-007 can be claimed in court until 2027-03-15 (5 years from the due date, art. L110-4 C. com.), 113 days from now — a reminder does not stop the clock: only a claim in court (e.g. an injonction de payer) or the client’s acknowledgement of the debt does (art. 2240–2241 C. civ.)',
        'relance check: 0 errors, 1 warning',
      ],
    ],
    [
      'missing-email',
      [],
      0,
      [
        'factures.csv:3: warning: email: F-2026-105 has no e-mail address, and its e-mail step "rappel" is due on 2026-11-28 — add the client’s address: until then relance send skips its e-mail steps, and says so each run',
        'relance check: 0 errors, 1 warning',
      ],
    ],
    ['missing-attachment', [], 2, ['factures.csv:2: attachment: "pdf/F-2026-101.pdf" does not exist (the PDF of invoice F-2026-101) — check the path: it is relative to the invoices file', 'relance check: 1 error, 0 warnings']],
    // The journal
    [
      'torn-journal',
      [],
      0,
      ['journal.jsonl:3: warning: the last line is incomplete (a run was interrupted while writing): it was ignored — nothing to fix: a step this leaves without outcome is reported as uncertain', 'relance check: 0 errors, 1 warning'],
    ],
    [
      'bad-journal-line',
      [],
      2,
      ['journal.jsonl:2: the line is not valid JSON: relance-1 sent to Atelier Martin — each line is one JSON object written by relance: restore it from a backup or delete it, with no run in progress', 'relance check: 1 error, 0 warnings'],
    ],
    [
      'uncertain-step',
      [],
      0,
      [
        'journal.jsonl: warning: F-2026-101: step "relance-1" of 2026-11-02 is uncertain (a run stopped before knowing whether it was sent) — look for Message-ID <relance.1@atelier-dupont.example> in the SMTP server\'s sent folder or log (not in relance\'s own archive, which may lack it), then: relance record F-2026-101 sent --step relance-1 if it is there, or not-sent to send it again',
        'relance check: 0 errors, 1 warning',
      ],
    ],
    [
      'sent-not-archived',
      [],
      0,
      [
        'journal.jsonl: warning: F-2026-102: the e-mail sent on 2026-11-02 (rappel, Message-ID <relance.2@atelier-dupont.example>) is not in sent/ — it went out (the journal says so); the Bcc mailbox or the SMTP server\'s sent folder has a copy, the attach_previous of a later step will go without it',
        'relance check: 0 errors, 1 warning',
      ],
    ],
  ] as const)('%s %j → exit %i', async (fixture, args, code, lines) => {
    const result = await check(fixture, args);
    expect(result.stdout).toBe(`${lines.join('\n')}\n`);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(code);
  });

  it('says all good on a clean setup, with what it looked at', async () => {
    const { code, stdout, stderr } = await check('clean');
    expect(stdout).toBe(`${ALL_GOOD}\n`);
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('checks an export alone with --invoices, no relance.yaml needed', async () => {
    const { code, stdout } = await check('no-config', ['--invoices', 'factures.csv']);
    expect(stdout).toBe(`${ALL_GOOD}\n`);
    expect(code).toBe(0);
  });

  it('prints only the errors with --quiet, nothing at all when there are none', async () => {
    expect(await check('clean', ['--quiet'])).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(await check('terms-beyond-limit', ['--quiet'])).toEqual({ code: 0, stdout: '', stderr: '' });
    const bad = await check('bad-invoice-row', ['--quiet']);
    expect(bad.stdout.split('\n')).toEqual([expect.stringMatching(/^factures\.csv:3: due_date: /), 'relance check: 1 error, 0 warnings', '']);
    expect(bad.code).toBe(2);
  });

  it('gives one JSON document with --format json', async () => {
    const { code, stdout } = await check('terms-beyond-limit', ['--format', 'json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({
      ok: true,
      errors: 0,
      warnings: 1,
      issues: [{ severity: 'warning', file: 'factures.csv', line: 3, field: 'due_date', hint: 'check the due date; if it is right, agree shorter terms with this client' }],
      checked: { complete: true, invoice_files: 1, invoices: 2, still_owed: 2, policy_steps: 6, templates: 5, languages: ['fr'], journal_entries: 0, smtp: null },
    });
    expect(report.issues[0].text).toMatch(/^factures\.csv:3: warning: due_date: F-2026-104 is due 90 days after/);
    const bad = await check('no-config', ['--format', 'json']);
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.stdout)).toMatchObject({ ok: false, errors: 1, warnings: 0, checked: { complete: false } });
  });
});

describe('relance check, the size of the e-mails', () => {
  it('warns when an attached PDF makes e-mails above 10 MB, before a server refuses them', async () => {
    const { mkdtemp, writeFile, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const dir = await mkdtemp(join(tmpdir(), 'relance-check-size-'));
    try {
      await writeFile(join(dir, 'relance.yaml'), 'invoices: factures.csv\ncreditor:\n  name: Atelier Dupont SARL\n  email: compta@atelier-dupont.example\n');
      await writeFile(join(dir, 'factures.csv'), 'number;client;email;amount;due_date;attachment\nF-1;Atelier Martin;compta@martin.example;1200;2026-11-20;gros.pdf\nF-2;Atelier Martin;compta@martin.example;1200;2026-11-20;petit.pdf\n');
      await writeFile(join(dir, 'gros.pdf'), Buffer.alloc(8_000_000));
      await writeFile(join(dir, 'petit.pdf'), Buffer.alloc(100_000));
      const { code, stdout } = await runRelanceInProcess(['check', '--today', '2026-11-22'], { cwd: dir, env: NO_SMTP });
      expect(stdout.split('\n')).toEqual([
        'factures.csv:2: warning: attachment: the e-mails of F-1 will be about 11 MB with its PDF (8 MB): above 10 MB many servers refuse a message (Postfix’s default limit) — attach a lighter PDF (a scan at 150 dpi, or the PDF as the invoicing tool exports it)',
        'relance check: 0 errors, 1 warning',
        '',
      ]);
      expect(code).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('relance check --smtp', () => {
  let smtp: TestSmtp;
  beforeAll(async () => {
    smtp = await startSmtpServer({ password: TEST_PASSWORD, size: 10_240_000 });
  });
  afterAll(() => smtp.close());
  const url = () => `smtp://${TEST_USER}@127.0.0.1:${smtp.port}`;

  it('logs in and says so with what the server announces, sending nothing', async () => {
    const before = smtp.authAttempts();
    const { code, stdout } = await check('clean', ['--smtp'], { RELANCE_SMTP_URL: url(), RELANCE_SMTP_PASSWORD: TEST_PASSWORD });
    const shown = `smtp://${TEST_USER}:***@127.0.0.1:${smtp.port}`;
    expect(stdout).toBe(`SMTP server ${shown}: SIZE 10.2 MB · SMTPUTF8 yes · STARTTLS no (plain: loopback only) · AUTH LOGIN, PLAIN\n${ALL_GOOD.slice(0, -1)}, SMTP login to ${shown})\n`);
    expect(code).toBe(0);
    expect(smtp.authAttempts() - before).toBe(1);
    expect(smtp.received).toEqual([]);
    const json = await check('clean', ['--smtp', '--format', 'json'], { RELANCE_SMTP_URL: url(), RELANCE_SMTP_PASSWORD: TEST_PASSWORD });
    expect(JSON.parse(json.stdout).checked.smtp_server).toEqual({ size: 10_240_000, smtputf8: true, tls: 'none', auth: ['LOGIN', 'PLAIN'] });
  });

  it('reports a refused login without the password', async () => {
    const { code, stdout } = await check('clean', ['--smtp'], { RELANCE_SMTP_URL: url(), RELANCE_SMTP_PASSWORD: 'wrong-Pa55' });
    expect(stdout.split('\n')).toEqual([
      `RELANCE_SMTP_URL: cannot log in to smtp://${TEST_USER}:***@127.0.0.1:${smtp.port}: Invalid login: 535 Authentication failed — check the user name in the URL and the password in RELANCE_SMTP_PASSWORD`,
      'relance check: 1 error, 0 warnings',
      '',
    ]);
    expect(stdout).not.toContain('wrong-Pa55');
    expect(code).toBe(2);
  });

  it('reports a server that is not there', async () => {
    const port = await closedPort();
    const { code, stdout } = await check('clean', ['--smtp'], { RELANCE_SMTP_URL: `smtp://${TEST_USER}@127.0.0.1:${port}`, RELANCE_SMTP_PASSWORD: TEST_PASSWORD });
    expect(stdout.split('\n')[0]).toBe(
      `RELANCE_SMTP_URL: cannot log in to smtp://${TEST_USER}:***@127.0.0.1:${port}: connect ECONNREFUSED 127.0.0.1:${port} — check the server name and port, and that this machine may reach it (a firewall, a provider that blocks port 25)`,
    );
    expect(code).toBe(2);
  });

  it('says when there is no server to check', async () => {
    const { code, stdout } = await check('clean', ['--smtp']);
    expect(stdout).toBe(
      'relance.yaml: mail.smtp: no SMTP server to send the e-mails through — set mail.smtp in relance.yaml or RELANCE_SMTP_URL (write smtp://user@host:587 (STARTTLS) or smtps://user@host:465 (TLS); the password may go in RELANCE_SMTP_PASSWORD), or look at the drafts with --dry-run\nrelance check: 1 error, 0 warnings\n',
    );
    expect(code).toBe(2);
  });
});
