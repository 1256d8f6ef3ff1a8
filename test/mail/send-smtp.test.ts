// `relance send` for real, through the built binary, to a local smtp-server: the lock,
// the exit codes, the password kept out of everything, and a run killed mid-batch.

import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { historiesOf } from '../../src/domain/history.js';
import { archivedIds } from '../../src/mail/archive.js';
import { BIN, runRelance } from '../helpers/run-cli.js';
import { TEST_PASSWORD, serversClosedAfterEach } from '../helpers/smtp-server.js';
import { closedPort } from '../helpers/ports.js';
import { journalOf, removeTempDirs, sendFolder as folder } from './outgoing.js';

const TODAY = '2026-11-03'; // two days after the due date: relance-1 is due for every invoice

afterAll(removeTempDirs);
const server = serversClosedAfterEach();

// Header values may be folded onto the next line.
const invoiceOf = (raw: Buffer) => /^X-Relance-Invoice:\s*(\S+)/im.exec(raw.toString())![1]!;
const messageIdOf = (raw: Buffer) => /^Message-ID:\s*(\S+)/im.exec(raw.toString())![1]!;

describe('relance send over SMTP', () => {
  it('sends the due reminders once: a second run the same day sends nothing', async () => {
    const smtp = await server({ password: TEST_PASSWORD });
    const dir = await folder(3);
    const env = { RELANCE_SMTP_URL: smtp.url(TEST_PASSWORD) };
    const first = await runRelance(['send', '--today', TODAY], { cwd: dir, env });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^relance send, 03\/11\/2026: 3 e-mails sent, 0 failed, 0 to-dos issued, 0 uncertain$/m);
    expect(smtp.received.map((m) => invoiceOf(m.raw)).sort()).toEqual(['F-1', 'F-2', 'F-3']);
    expect(smtp.received.every((m) => m.to.includes('archives@atelier-dupont.example'))).toBe(true);
    expect(existsSync(join(dir, '.relance', 'journal.jsonl.lock'))).toBe(false);

    const second = await runRelance(['send', '--today', TODAY, '--format', 'json'], { cwd: dir, env });
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout).actions).toEqual([]);
    expect(smtp.received).toHaveLength(3);
    const entries = await journalOf(join(dir, '.relance', 'journal.jsonl'));
    expect(entries.map((e) => e.type).sort()).toEqual(['intent', 'intent', 'intent', 'sent', 'sent', 'sent']);
  });

  it('a recipient refused for good: bounced, exit 1, the others sent, and the password nowhere', async () => {
    const smtp = await server({ password: TEST_PASSWORD, reject: { 'c2@example.com': 550 } });
    const dir = await folder(3);
    const env = { RELANCE_SMTP_URL: smtp.url(TEST_PASSWORD) };
    const run = await runRelance(['send', '--today', TODAY, '--format', 'json'], { cwd: dir, env });
    expect(run.code).toBe(1);
    const actions = JSON.parse(run.stdout).actions as { invoices: string[]; status: string; error: string | null }[];
    expect(actions.map((a) => [a.invoices[0], a.status]).sort()).toEqual([
      ['F-1', 'sent'],
      ['F-2', 'bounced'],
      ['F-3', 'sent'],
    ]);
    expect(run.stderr).toMatch(/^relance: F-2 relance-1: refused for good, not sent to c2@example\.com: 550 5\.1\.1 <c2@example\.com>: no such mailbox — its e-mail steps are passed over/m);

    // A run to a server that is down, the password in RELANCE_SMTP_PASSWORD this time.
    const other = await folder(3);
    const down = await runRelance(['send', '--today', TODAY], { cwd: other, env: { RELANCE_SMTP_URL: `smtp://relance@127.0.0.1:${await closedPort()}`, RELANCE_SMTP_PASSWORD: TEST_PASSWORD } });
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/^relance: 3 e-mails not attempted: smtp:\/\/relance:\*\*\*@127\.0\.0\.1:\d+ could not be reached \(connect ECONNREFUSED .*\) — F-1 relance-1, F-2 relance-1, F-3 relance-1: the next run sends them$/m);

    const texts = [run.stdout, run.stderr, down.stdout, down.stderr, await readFile(join(dir, '.relance', 'journal.jsonl'), 'utf8'), await readFile(join(other, '.relance', 'journal.jsonl'), 'utf8')];
    for (const f of await readdir(join(dir, '.relance', 'sent'))) texts.push(await readFile(join(dir, '.relance', 'sent', f), 'latin1'));
    for (const t of texts) for (const form of [TEST_PASSWORD, encodeURIComponent(TEST_PASSWORD), Buffer.from(TEST_PASSWORD).toString('base64')]) expect(t).not.toContain(form);
  });

  it('an unusable SMTP URL: exit 2 before anything is sent, the password not quoted', async () => {
    const dir = await folder(1);
    const run = await runRelance(['send', '--today', TODAY], { cwd: dir, env: { RELANCE_SMTP_URL: 'smtp://relance:hunter22@mail.example:465' } });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('RELANCE_SMTP_URL: "smtp://relance:***@mail.example:465": port 465 speaks TLS from the first byte — write smtps://mail.example:465\nrelance: 1 error, nothing was done.\n');
    expect(existsSync(join(dir, '.relance', 'journal.jsonl'))).toBe(false);

    const none = await runRelance(['send', '--today', TODAY], { cwd: dir, env: { RELANCE_SMTP_URL: undefined } });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^relance\.yaml: mail\.smtp: no SMTP server to send the e-mails through — set mail\.smtp in relance\.yaml or RELANCE_SMTP_URL/);
  });

  it('two runs at once: the second exits 3 and names the first', async () => {
    // The server holds its answers until the second run is over: the first is surely still running.
    let release!: () => void;
    const smtp = await server({ hold: new Promise<void>((resolve) => (release = resolve)) });
    const dir = await folder(4);
    const env = { RELANCE_SMTP_URL: smtp.url() };
    const first = runRelance(['send', '--today', TODAY], { cwd: dir, env });
    while (smtp.connections() === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    const second = await runRelance(['send', '--today', TODAY], { cwd: dir, env });
    release();
    expect(second.code).toBe(3);
    expect(second.stderr).toMatch(
      /^relance: another "relance send" is running on this journal \(pid \d+, started \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\): wait for it to end; if it is not running, delete \.relance\/journal\.jsonl\.lock\n$/,
    );
    expect((await first).code).toBe(0);
    expect(smtp.received).toHaveLength(4);
  });

  it('45 reminders in one run: the day\'s mbox holds every one, the very messages the journal says were sent', async () => {
    const dir = await folder(45);
    const journalPath = join(dir, '.relance', 'journal.jsonl');
    const mboxPath = join(dir, '.relance', 'sent', `${TODAY}.mbox`);
    // As each message arrives, the archive is never behind the journal: a message has its
    // `sent` line only once its copy is in the mbox.
    const behind: string[] = [];
    const smtp = await server({
      onArrival: () => {
        if (!existsSync(journalPath)) return;
        const sentIds = [...readFileSync(journalPath, 'utf8').matchAll(/"type":"sent".*?"message_id":"([^"]+)"/g)].map((m) => m[1]!);
        const archivedNow = archivedIds(existsSync(mboxPath) ? readFileSync(mboxPath, 'latin1') : '');
        behind.push(...sentIds.filter((id) => !archivedNow.has(id)));
      },
    });
    const run = await runRelance(['send', '--today', TODAY], { cwd: dir, env: { RELANCE_SMTP_URL: smtp.url() } });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^relance send, 03\/11\/2026: 45 e-mails sent, 0 failed, 0 to-dos issued, 0 uncertain$/m);
    const mbox = await readFile(mboxPath, 'latin1');
    expect(mbox.match(/^From relance /gm)).toHaveLength(45);
    const archived = [...mbox.matchAll(/^Message-ID:\s*(\S+)/gim)].map((m) => m[1]!);
    const sent = (await journalOf(journalPath)).filter((e) => e.type === 'sent').map((e) => e.message_id!);
    expect(sent).toHaveLength(45);
    expect([...archived].sort()).toEqual([...sent].sort());
    expect([...archived].sort()).toEqual(smtp.received.map((m) => messageIdOf(m.raw)).sort());
    expect(behind).toEqual([]);
  });

  it('killed mid-batch: nothing went out without an intent, and the next run sends none of it again', async () => {
    const smtp = await server({ delay: 150 });
    const dir = await folder(30);
    const env = { ...process.env, NO_COLOR: '1', RELANCE_SMTP_URL: smtp.url() };
    const child = spawn(process.execPath, [BIN, 'send', '--today', TODAY], { cwd: dir, env, stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    while (smtp.received.length < 6) await new Promise((resolve) => setTimeout(resolve, 10));
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    // Messages already handed over may still arrive: wait for the server to settle.
    await new Promise((resolve) => setTimeout(resolve, 400));

    const journalPath = join(dir, '.relance', 'journal.jsonl');
    const entries = await journalOf(journalPath);
    const delivered = smtp.received.map((m) => ({ invoice: invoiceOf(m.raw), id: messageIdOf(m.raw) }));
    expect(delivered.length).toBeGreaterThanOrEqual(6);
    expect(delivered.length).toBeLessThan(30);
    const intents = new Set(entries.filter((e) => e.type === 'intent').map((e) => e.message_id));
    const sent = new Set(entries.filter((e) => e.type === 'sent').map((e) => e.message_id));
    // Write-ahead: every message that arrived had its intent on disk.
    for (const d of delivered) expect(intents.has(d.id)).toBe(true);
    // A sent line only for a message that arrived.
    for (const id of sent) expect(delivered.some((d) => d.id === id)).toBe(true);
    const histories = historiesOf(entries);
    for (const d of delivered) {
      const h = histories.get(d.invoice)!;
      expect(h.done.length + h.uncertain.length).toBe(1);
    }
    const uncertain = [...histories.values()].filter((h) => h.uncertain.length > 0).map((h) => h.invoice);

    // The next run takes over the dead run's lock, sends the rest, and none of the above again.
    const again = await runRelance(['send', '--today', TODAY, '--format', 'json'], { cwd: dir, env: { RELANCE_SMTP_URL: smtp.url() } });
    expect(again.code).toBe(uncertain.length > 0 ? 1 : 0);
    const actions = JSON.parse(again.stdout).actions as { invoices: string[]; status: string }[];
    expect(actions.filter((a) => a.status === 'uncertain').map((a) => a.invoices[0]).sort()).toEqual([...uncertain].sort());
    const perInvoice = new Map<string, number>();
    for (const m of smtp.received) perInvoice.set(invoiceOf(m.raw), (perInvoice.get(invoiceOf(m.raw)) ?? 0) + 1);
    expect([...perInvoice.values()].every((n) => n === 1)).toBe(true);
    // Every invoice got its reminder, or is uncertain (it may have been sent; the user says).
    for (let i = 1; i <= 30; i++) expect(perInvoice.has(`F-${i}`) || uncertain.includes(`F-${i}`)).toBe(true);
  });
});
