// What a real mail server does to relance's messages, through the built binary against a
// local smtp-server: a 550 bounces and the escalation goes on, a 451 (greylisting) is
// tried again within the run, a wrong password is tried once, a slow scan of the data is
// waited for, sizes and SMTPUTF8 respected, a private CA and an EHLO name used.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import PostalMime from 'postal-mime';
import { afterAll, describe, expect, it } from 'vitest';
import { runRelanceInProcess } from '../helpers/run-cli.js';
import { TEST_PASSWORD, serversClosedAfterEach } from '../helpers/smtp-server.js';
import { journalOf, removeTempDirs, tempDir } from './outgoing.js';

afterAll(removeTempDirs);
const server = serversClosedAfterEach();

const HEADER = 'N° facture;Client;Email;Date;Échéance;Montant TTC;PDF;Adresse';
/** An invoice due on 31/10/2026 (relance-1 on 2 November, the call on the 7th, relance-2 on the 15th, the formal notice on the 30th). */
const row = (n: number, email = `c${n}@example.com`, pdf = '') => `F-${n};Client ${n} SARL;${email};01/10/2026;31/10/2026;1 200,00;${pdf};${n} rue du Port, 13002 Marseille`;

/** A folder for `relance send`: these rows, `mail:` settings added to the usual ones, other lines at the top. */
async function folder(rows: string[], o: { mail?: string[]; top?: string[]; files?: Record<string, string | Buffer> } = {}): Promise<string> {
  const dir = await tempDir();
  const mail = ['mail:', '  from: "Atelier Dupont <compta@atelier-dupont.example>"', '  bcc: archives@atelier-dupont.example', ...(o.mail ?? []).map((l) => `  ${l}`)];
  await writeFile(join(dir, 'relance.yaml'), ['invoices: factures.csv', 'creditor:', '  name: Atelier Dupont SARL', '  email: compta@atelier-dupont.example', ...mail, ...(o.top ?? []), ''].join('\n'));
  await writeFile(join(dir, 'factures.csv'), [HEADER, ...rows, ''].join('\n'));
  for (const [file, content] of Object.entries(o.files ?? {})) await writeFile(join(dir, file), content);
  return dir;
}

interface Action {
  invoices: string[];
  step: string;
  status: string;
  to: string[];
  error: string | null;
  subject: string | null;
}
async function send(dir: string, today: string, env: Record<string, string | undefined>) {
  const run = await runRelanceInProcess(['send', '--today', today, '--format', 'json'], { cwd: dir, env });
  const actions = run.stdout === '' ? [] : (JSON.parse(run.stdout).actions as Action[]);
  return { ...run, actions, statuses: actions.map((a) => `${a.invoices.join('+')} ${a.step} ${a.status}`) };
}
const invoiceOf = (raw: Buffer) => /^X-Relance-Invoice:\s*(\S+)/im.exec(raw.toString())![1]!;

describe('refused for good (5xx)', () => {
  it('bounced, no Bcc copy; the call and the letter still come on their days; a new address or "record retry" brings the e-mails back', async () => {
    const reject: Record<string, number> = { 'c1@example.com': 550, 'c2@example.com': 550, 'c3@example.com': 550 };
    const smtp = await server({ reject });
    const dir = await folder([row(1), row(2), row(3)]);
    const env = { RELANCE_SMTP_URL: smtp.url() };

    const first = await send(dir, '2026-11-02', env);
    expect(first.statuses).toEqual(['F-1 relance-1 bounced', 'F-2 relance-1 bounced', 'F-3 relance-1 bounced']);
    expect(first.actions[0]!.error).toBe('550 5.1.1 <c1@example.com>: no such mailbox');
    expect(first.code).toBe(1);
    expect(first.stderr.split('\n')[0]).toBe(
      'relance: F-1 relance-1: refused for good, not sent to c1@example.com: 550 5.1.1 <c1@example.com>: no such mailbox — its e-mail steps are passed over (its calls, letters and tasks still come) until the address changes in the invoice file or "relance record F-1 retry"',
    );
    // Not even the archive's copy: the client's server refused it.
    expect(smtp.received).toEqual([]);
    const bouncedLine = (await journalOf(join(dir, '.relance', 'journal.jsonl'))).find((e) => e.type === 'bounced' && e.invoice === 'F-1');
    expect(bouncedLine).toMatchObject({ step: 'relance-1', to: ['c1@example.com'], error: '550 5.1.1 <c1@example.com>: no such mailbox', note: 'address refused' });

    const status = await runRelanceInProcess(['status', '--today', '2026-11-03'], { cwd: dir });
    expect(status.stderr).toContain(
      'warning: F-1: address refused (c1@example.com on 02/11/2026: 550 5.1.1 <c1@example.com>: no such mailbox): fix the e-mail in the invoice file, then the e-mail steps resume (or relance record F-1 retry if it was right)\n',
    );
    expect(status.stdout).toMatch(/F-1 .* appel 07\/11/);

    const call = await send(dir, '2026-11-07', env);
    expect(call.statuses).toEqual(['F-1 appel todo', 'F-2 appel todo', 'F-3 appel todo']);
    // relance-2's day: passed over while the addresses bounce.
    expect((await send(dir, '2026-11-15', env)).statuses).toEqual([]);

    // F-1 gets a new address in the file; F-2's was right after all.
    await writeFile(join(dir, 'factures.csv'), [HEADER, row(1, 'paiements1@example.com'), row(2), row(3), ''].join('\n'));
    delete reject['c2@example.com'];
    const retry = await runRelanceInProcess(['record', 'F-2', 'retry', '--today', '2026-11-16'], { cwd: dir });
    expect(retry.stdout).toBe('F-2: retry recorded on 16/11/2026 — the e-mail steps come back for the addresses refused before; next step relance-2, due now (the next "relance send" does it)\n');
    const back = await send(dir, '2026-11-16', env);
    expect(back.statuses).toEqual(['F-1 relance-2 sent', 'F-2 relance-2 sent']);
    expect(back.code).toBe(0);
    expect(smtp.received.map((m) => [invoiceOf(m.raw), m.to]).sort()).toEqual([
      ['F-1', ['paiements1@example.com', 'archives@atelier-dupont.example']],
      ['F-2', ['c2@example.com', 'archives@atelier-dupont.example']],
    ]);

    // The formal notice comes on its day for all three, F-3 still bounced.
    const notice = await send(dir, '2026-11-30', env);
    expect(notice.statuses).toEqual(['F-1 mise-en-demeure todo', 'F-2 mise-en-demeure todo', 'F-3 mise-en-demeure todo']);
  });
});

describe('refused for now (4xx)', () => {
  it('greylisting: tried again within the run after a wait, then sent; refused past mail.retry_seconds: failed, for the next run', async () => {
    const smtp = await server({ greylist: { recipients: ['c1@example.com'], attempts: 2 }, reject: { 'c3@example.com': 451 } });
    const dir = await folder([row(1), row(2), row(3)], { mail: ['retry_seconds: 1.5'] });
    const started = Date.now();
    const run = await send(dir, '2026-11-02', { RELANCE_SMTP_URL: smtp.url() });
    expect(run.statuses).toEqual(['F-1 relance-1 sent', 'F-2 relance-1 sent', 'F-3 relance-1 failed']);
    // Waits of 75, 150, 300, 600 then the 375 ms left of 1.5 s: six tries.
    expect(run.actions[2]!.error).toBe('451 4.3.0 <c3@example.com>: try again later (tried 6 times within 1.5 s)');
    expect(run.code).toBe(1);
    expect(Date.now() - started).toBeLessThan(15_000);
    // F-1 arrived once, on its third try; its journal says each refusal, each try's intent ahead of it.
    expect(smtp.received.map((m) => invoiceOf(m.raw)).sort()).toEqual(['F-1', 'F-2']);
    const lines = (await journalOf(join(dir, '.relance', 'journal.jsonl'))).filter((e) => e.invoice === 'F-1').map((e) => `${e.type}${e.error ? ` ${e.error}` : ''}`);
    expect(lines).toEqual([
      'intent',
      'failed 451 4.7.1 <c1@example.com>: greylisted, try again in a few minutes (tried again within the run)',
      'intent',
      'failed 451 4.7.1 <c1@example.com>: greylisted, try again in a few minutes (tried again within the run)',
      'intent',
      'sent',
    ]);
  });
});

describe('the login', () => {
  it('a wrong password: one AUTH attempt in all, every message not attempted, one line naming the account', async () => {
    const smtp = await server({ password: TEST_PASSWORD });
    const dir = await folder([row(1), row(2), row(3)]);
    const wrong = 'n0t-the-Pa55word';
    const run = await runRelanceInProcess(['send', '--today', '2026-11-02'], { cwd: dir, env: { RELANCE_SMTP_URL: smtp.url(wrong) } });
    expect(run.code).toBe(1);
    expect(smtp.authAttempts()).toBe(1);
    expect(smtp.received).toEqual([]);
    expect(run.stdout).toMatch(/^relance send, 02\/11\/2026: 0 e-mails sent, 0 failed, 3 not attempted, 0 to-dos issued, 0 uncertain$/m);
    expect(run.stderr).toBe(
      `relance: 3 e-mails not attempted: smtp://relance:***@127.0.0.1:${smtp.port} refused the login of the account "relance" (Invalid login: 535 Authentication failed) — check the user name in the URL and the password (RELANCE_SMTP_PASSWORD); relance stopped at the first refusal, so that the account is not locked — F-1 relance-1, F-2 relance-1, F-3 relance-1: the next run sends them\n`,
    );
    for (const text of [run.stdout, run.stderr, await readFile(join(dir, '.relance', 'journal.jsonl'), 'utf8')]) expect(text).not.toContain(wrong);
  });
});

describe('timeouts (RFC 5321 § 4.5.3.2)', () => {
  it('a server that scans for 3 s before its 250: uncertain with mail.timeouts.data 2, sent with 5', async () => {
    const smtp = await server({ delay: 3_000 });
    const short = await folder([row(1)], { mail: ['timeouts: { data: 2 }'] });
    const long = await folder([row(1)], { mail: ['timeouts:', '  reply: 60', '  data: 5'] });
    const [a, b] = await Promise.all([send(short, '2026-11-02', { RELANCE_SMTP_URL: smtp.url() }), send(long, '2026-11-02', { RELANCE_SMTP_URL: smtp.url() })]);
    expect(a.statuses).toEqual(['F-1 relance-1 uncertain']);
    expect(a.actions[0]!.error).toMatch(/^Timeout: the message had gone out whole and the server may have it, so it is not sent again$/);
    expect(b.statuses).toEqual(['F-1 relance-1 sent']);
    expect([a.code, b.code]).toEqual([1, 0]);
  });

  it('a timeout that is not a number of seconds is an error of relance.yaml', async () => {
    const dir = await folder([row(1)], { mail: ['timeouts: { data: vite }', 'retry_seconds: -3', 'name: "pas un nom"'] });
    const run = await runRelanceInProcess(['send', '--dry-run', '--today', '2026-11-02'], { cwd: dir });
    expect(run.stderr.split('\n')).toEqual([
      'relance.yaml:8: mail.timeouts.data: "vite" is not a number of seconds — write a number of seconds above 0, e.g. 300',
      'relance.yaml:9: mail.retry_seconds: "-3" is not a number of seconds — write a number of seconds, 0 or more, e.g. 600',
      'relance.yaml:10: mail.name: "pas un nom" is not a host name — write the name of this machine as the server knows it, e.g. relance.atelier-dupont.example',
      'relance: 3 errors, nothing was done.',
      '',
    ]);
    expect(run.code).toBe(2);
  });
});

describe('sizes', () => {
  const policy = ['steps:', '  - { id: relance-1, day: 2, template: relance-1 }', '  - { id: relance-2, day: 15, template: relance-2, attach_previous: true }', 'min_gap_days: 5', ''].join('\n');
  const pdf = (bytes: number) => Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(bytes - 9, 7)]);

  it('a 3 MB PDF goes through relance-2 under a 6 MB SIZE: the earlier reminder attached without its PDF; a 5 MB one is refused before it is sent', async () => {
    const smtp = await server({ size: 6_000_000 });
    const dir = await folder([row(1, 'c1@example.com', 'F-1.pdf'), row(2, 'c2@example.com', 'F-2.pdf')], { top: ['policy: policy.yaml'], files: { 'policy.yaml': policy, 'F-1.pdf': pdf(3_000_000), 'F-2.pdf': pdf(5_000_000) } });
    const env = { RELANCE_SMTP_URL: smtp.url() };
    const first = await send(dir, '2026-11-02', env);
    expect(first.statuses).toEqual(['F-1 relance-1 sent', 'F-2 relance-1 bounced']);
    expect(first.actions[1]!.error).toMatch(new RegExp(`^the message is 6\\.8 MB and smtp://127\\.0\\.0\\.1:${smtp.port} takes 6 MB at most \\(its SIZE\\): not sent — attach a smaller PDF, then relance record F-2 retry$`));

    const second = await send(dir, '2026-11-15', env);
    expect(second.statuses).toEqual(['F-1 relance-2 sent']);
    const relance2 = smtp.received[1]!;
    expect(relance2.raw.length).toBeLessThan(6_000_000);
    const parsed = await PostalMime.parse(relance2.raw);
    expect(parsed.attachments.map((a) => [a.filename, a.mimeType])).toEqual([
      ['F-1.pdf', 'application/pdf'],
      ['relance-1-2026-11-02.eml', 'message/rfc822'],
    ]);
    const copy = Buffer.from(parsed.attachments[1]!.content as ArrayBuffer);
    expect(copy.length).toBeLessThan(30_000);
    const earlier = await PostalMime.parse(copy);
    expect(earlier.messageId).toBe((await PostalMime.parse(smtp.received[0]!.raw)).messageId);
    expect(earlier.attachments).toEqual([]);
    expect(earlier.text).toContain('Copie de notre message sans sa pièce jointe, qui l’accompagnait : F-1.pdf (3,0\u00A0Mo).');
  });
});

describe('addresses beyond ASCII (SMTPUTF8, RFC 6531)', () => {
  it('zoé@exemple.fr: bounced by a server that does not announce SMTPUTF8, with the reason; sent through one that does', async () => {
    const plain = await server({ smtpUtf8: false });
    const utf8 = await server();
    const dir = await folder([row(1, 'zoé@exemple.fr')]);
    const first = await send(dir, '2026-11-02', { RELANCE_SMTP_URL: plain.url() });
    expect(first.statuses).toEqual(['F-1 relance-1 bounced']);
    expect(first.actions[0]!.error).toBe(
      `zoé@exemple.fr has letters beyond ASCII before the @, and smtp://127.0.0.1:${plain.port} does not announce SMTPUTF8 (RFC 6531), so it cannot carry it: not sent — ask the client for an ASCII address, or send through a server that takes SMTPUTF8`,
    );
    expect(plain.received).toEqual([]);
    const check = await runRelanceInProcess(['check', '--smtp', '--today', '2026-11-02'], { cwd: dir, env: { RELANCE_SMTP_URL: plain.url() } });
    expect(check.stdout).toContain(`factures.csv:2: warning: email: zoé@exemple.fr (invoice F-1) needs a server that announces SMTPUTF8, and smtp://127.0.0.1:${plain.port} does not: relance send would mark it bounced`);

    await runRelanceInProcess(['record', 'F-1', 'retry', '--today', '2026-11-03'], { cwd: dir });
    const second = await send(dir, '2026-11-03', { RELANCE_SMTP_URL: utf8.url() });
    expect(second.statuses).toEqual(['F-1 relance-1 sent']);
    expect(utf8.received[0]!.to).toEqual(['zoé@exemple.fr', 'archives@atelier-dupont.example']);
    expect((await PostalMime.parse(utf8.received[0]!.raw)).to).toEqual([{ name: 'Client 1 SARL', address: 'zoé@exemple.fr' }]);
  });
});

const openssl = spawnSync('openssl', ['version']).status === 0;
if (!openssl) console.log('refusals.test.ts: openssl is not on this machine, so the private CA test is skipped');

describe('a private server: its own certificate authority, the EHLO name', () => {
  it.skipIf(!openssl)('mail.ca checks the server with the company CA and mail.name is said in EHLO; another CA: TLS fails, the run stops with one line', async () => {
    const certs = await tempDir();
    const run = (args: string[]) => expect(spawnSync('openssl', args, { cwd: certs }).status).toBe(0);
    run(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=Atelier Dupont CA']);
    run(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'other.key', '-out', 'other-ca.pem', '-days', '2', '-subj', '/CN=Someone else']);
    run(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1']);
    await writeFile(join(certs, 'san.cnf'), 'subjectAltName=IP:127.0.0.1\n');
    run(['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '2', '-extfile', 'san.cnf']);
    const smtp = await server({ tls: { key: await readFile(join(certs, 'server.key'), 'utf8'), cert: await readFile(join(certs, 'server.pem'), 'utf8') } });
    const env = { RELANCE_SMTP_URL: smtp.url() };

    const good = await folder([row(1)], { mail: [`ca: ${join(certs, 'ca.pem')}`, 'name: relance.atelier-dupont.example'] });
    const sent = await send(good, '2026-11-02', env);
    expect(sent.statuses).toEqual(['F-1 relance-1 sent']);
    expect(smtp.ehloNames).toContain('relance.atelier-dupont.example');

    const bad = await folder([row(1), row(2)], { mail: [`ca: ${join(certs, 'other-ca.pem')}`] });
    const refused = await runRelanceInProcess(['send', '--today', '2026-11-02'], { cwd: bad, env });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      new RegExp(`^relance: 2 e-mails not attempted: TLS with smtps://127\\.0\\.0\\.1:${smtp.port} failed \\(.*certificate.*\\) — check that mail\\.ca is the authority that signed the server’s certificate — F-1 relance-1, F-2 relance-1: the next run sends them\\n$`),
    );
    expect(smtp.received).toHaveLength(1);
    expect(existsSync(join(bad, '.relance', 'sent'))).toBe(false);
  });
});

describe('one invoice’s missing data', () => {
  it('holds only its own step: the others go out, the step is skipped with the fix (exit 1), nothing journaled for it', async () => {
    const smtp = await server();
    const dir = await folder([row(1), row(2, ''), row(3, 'c3@example.com', 'absent.pdf')]);
    const run = await send(dir, '2026-11-02', { RELANCE_SMTP_URL: smtp.url() });
    expect(run.statuses).toEqual(['F-1 relance-1 sent', 'F-2 relance-1 skipped', 'F-3 relance-1 skipped']);
    expect(run.code).toBe(1);
    expect(smtp.received.map((m) => invoiceOf(m.raw))).toEqual(['F-1']);
    expect(run.stderr).toContain('relance: F-2 relance-1: skipped: factures.csv:3: email: invoice F-2 is due for the e-mail step "relance-1" but has no e-mail address');
    expect((await journalOf(join(dir, '.relance', 'journal.jsonl'))).map((e) => e.invoice)).toEqual(['F-1', 'F-1']);
  });
});
