// The live outbox against a real smtp-server on 127.0.0.1: what arrives, what the journal
// says, and what happens when the server refuses, is down, drops or stalls.

import { readFileSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { historiesOf } from '../../src/domain/history.js';
import { archiveFile, archivedMessage } from '../../src/mail/archive.js';
import { letterPath } from '../../src/mail/live-outbox.js';
import { retryWait, verdictOf } from '../../src/mail/smtp-verdict.js';
import type { TestSmtp } from '../helpers/smtp-server.js';
import { startSilentServer, startSmtpServer, TEST_PASSWORD } from '../helpers/smtp-server.js';
import { closedPort } from '../helpers/ports.js';
import { email, journalOf, messageIdOf, removeTempDirs, sendAll, setup, summary, tempDir, todo, TODAY } from './outgoing.js';
import { readPdf } from '../helpers/pdf-text.js';

const servers: { close: () => Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
afterAll(removeTempDirs);
async function server(o: Parameters<typeof startSmtpServer>[0] = {}): Promise<TestSmtp> {
  const s = await startSmtpServer(o);
  servers.push(s);
  return s;
}

describe('delivery', () => {
  it('sends each message once, as archived, with the relance headers, the thread and the attachments', async () => {
    const smtp = await server();
    const dir = await tempDir();
    const pdf = join(dir, 'F-1.pdf');
    await writeFile(pdf, '%PDF-1.4\n% facture F-1\n%%EOF\n');
    const s = await setup(dir, { RELANCE_SMTP_URL: smtp.url() });

    // A first reminder, archived, then a second one that replies to it and attaches it.
    const first = email('F-1', { to: ['compta@martin.example'], step: 'relance-1' });
    expect((await sendAll(s.outbox, [first])).get(first.messageId)?.status).toBe('sent');
    const earlier = await archivedMessage(s.journalPath, first.messageId);
    expect(earlier!.equals(smtp.received[0]!.raw)).toBe(true); // archived as it went out
    const second = email('F-1', {
      to: ['compta@martin.example'],
      step: 'relance-2',
      bcc: 'archives@atelier-dupont.example',
      html: '<p>Sauf erreur, la facture F-1 reste impayée.</p>',
      // A long line and a long non-ASCII subject: soft line breaks and folded headers.
      subject: `Relance : facture F-1 — ${'échéance dépassée, '.repeat(8)}`,
      text: `Bonjour,\n${'Une très longue ligne sans retour, '.repeat(12)}\n.\nUne ligne qui commence par un point, pour le dot-stuffing.\n`,
      inReplyTo: first.messageId,
      references: [first.messageId],
      attachments: [
        { filename: 'F-1.pdf', path: pdf },
        { filename: 'relance-1-2026-11-02.eml', content: earlier!, contentType: 'message/rfc822' },
      ],
    });
    const outcomes = await sendAll(s.outbox, [second]);
    await s.outbox.close();

    expect(outcomes.get(second.messageId)).toEqual({ status: 'sent', messageId: second.messageId, error: null, file: archiveFile(s.journalPath, TODAY) });
    expect(smtp.received.map((m) => m.to)).toEqual([['compta@martin.example'], ['compta@martin.example', 'archives@atelier-dupont.example']]);
    expect(smtp.received[1]!.from).toBe('compta@atelier-dupont.example');
    const [, parsed] = await smtp.parsed();
    expect(parsed!.messageId).toBe(second.messageId);
    expect(parsed!.inReplyTo).toBe(first.messageId);
    expect(parsed!.references).toBe(first.messageId);
    expect(parsed!.subject).toBe(second.subject);
    expect(parsed!.text).toContain('\n.\nUne ligne qui commence par un point');
    expect(parsed!.html).toContain('reste impayée');
    const header = (key: string) => parsed!.headers.find((h) => h.key === key)?.value;
    expect(header('x-relance-invoice')).toBe('F-1');
    expect(header('x-relance-step')).toBe('relance-2');
    expect(header('bcc')).toBeUndefined();
    expect(smtp.received[1]!.raw.toString()).not.toMatch(/archives@/);
    expect(new Date(header('date')!).toISOString()).toBe('2026-11-22T07:00:00.000Z');
    expect(parsed!.attachments.map((a) => [a.filename, a.mimeType, a.disposition])).toEqual([
      ['F-1.pdf', 'application/pdf', 'attachment'],
      ['relance-1-2026-11-02.eml', 'message/rfc822', 'attachment'],
    ]);
    expect(Buffer.from(parsed!.attachments[0]!.content as ArrayBuffer).toString()).toContain('facture F-1');
    expect(Buffer.from(parsed!.attachments[1]!.content as ArrayBuffer).toString()).toContain(`Message-ID: ${first.messageId}`);
    // What is archived is what went out, byte for byte: both messages in the day's mbox,
    // the second one carrying the first attached, "From " lines and all.
    expect((await archivedMessage(s.journalPath, second.messageId))!.equals(smtp.received[1]!.raw)).toBe(true);
    expect((await archivedMessage(s.journalPath, first.messageId))!.equals(smtp.received[0]!.raw)).toBe(true);
    const mbox = await readFile(archiveFile(s.journalPath, TODAY), 'latin1');
    expect(mbox.match(/^From relance /gm)).toHaveLength(2);
  });

  it('journals an intent per invoice before the message arrives, then sent with the server reply', async () => {
    const dir = await tempDir();
    const journalPath = join(dir, '.relance', 'journal.jsonl');
    const seenBeforeArrival: boolean[] = [];
    const smtp = await server({
      onArrival: (m) => {
        const id = messageIdOf(m.raw);
        seenBeforeArrival.push(readFileSync(journalPath, 'utf8').includes(`"type":"intent","date":"2026-11-22","at":"2026-11-22T07:00:00.000Z","invoice":"${id.includes('F-2') ? 'F-2' : 'F-4'}"`));
      },
    });
    const s = await setup(dir, { RELANCE_SMTP_URL: smtp.url() });
    const grouped = email('F-2,F-3', { to: ['a@example.com'] });
    const single = email('F-4', { to: ['b@example.com'] });
    await sendAll(s.outbox, [grouped, single]);
    await s.outbox.close();

    expect(seenBeforeArrival).toEqual([true, true]);
    const entries = await journalOf(s.journalPath);
    expect(summary(entries).sort()).toEqual(['intent F-2 relance-1', 'intent F-3 relance-1', 'intent F-4 relance-1', 'sent F-2 relance-1', 'sent F-3 relance-1', 'sent F-4 relance-1']);
    const intent = entries.find((e) => e.type === 'intent' && e.invoice === 'F-3')!;
    expect(intent).toEqual({
      type: 'intent',
      date: '2026-11-22',
      at: '2026-11-22T07:00:00.000Z',
      invoice: 'F-3',
      step: 'relance-1',
      channel: 'email',
      message_id: grouped.messageId,
      subject: 'Facture F-2,F-3 : petit rappel',
      to: ['a@example.com'],
      error: null,
      event: null,
      until: null,
      note: null,
      run: 'run-1',
    });
    const sent = entries.find((e) => e.type === 'sent' && e.invoice === 'F-3')!;
    expect(sent).toMatchObject({ step: 'relance-1', channel: 'email', message_id: grouped.messageId, error: null, run: 'run-1' });
    expect(sent.note).toMatch(/^250 2\.0\.0 Ok: queued as \d$/);
    for (const e of entries.filter((x) => x.type === 'sent')) {
      expect(entries.indexOf(entries.find((x) => x.type === 'intent' && x.invoice === e.invoice)!)).toBeLessThan(entries.indexOf(e));
    }
    expect(s.progress.at(0)).toEqual([0, 2]);
    expect(s.progress.at(-1)).toEqual([2, 2]);
  });

  it('sends a few hundred through the pool, each exactly once, every intent ahead of its outcome', async () => {
    const smtp = await server();
    const dir = await tempDir();
    const s = await setup(dir, { RELANCE_SMTP_URL: smtp.url() });
    const emails = Array.from({ length: 300 }, (_, i) => email(`F-${i + 1}`));
    const outcomes = await sendAll(s.outbox, emails);
    await s.outbox.close();

    expect([...outcomes.values()].every((o) => o.status === 'sent')).toBe(true);
    const ids = smtp.received.map((m) => messageIdOf(m.raw));
    expect(new Set(ids).size).toBe(300);
    expect(ids.sort()).toEqual(emails.map((e) => e.messageId).sort());
    const entries = await journalOf(s.journalPath);
    expect(entries.length).toBe(600);
    const firstOf = new Map<string, string>();
    for (const e of entries) if (!firstOf.has(e.invoice)) firstOf.set(e.invoice, e.type);
    expect(new Set(firstOf.values())).toEqual(new Set(['intent']));
    // The pool's five, and the one that logged in first.
    expect(smtp.connections()).toBeLessThanOrEqual(6);
    expect(s.progress.at(-1)).toEqual([300, 300]);
  });
});

describe('failures fail their own message', () => {
  it('a recipient refused with 550: bounced; with 451: failed; the others delivered; no Bcc copy for a refused client', async () => {
    const smtp = await server({ reject: { 'gone@example.com': 550, 'busy@example.com': 451 } });
    const dir = await tempDir();
    const s = await setup(dir, { RELANCE_SMTP_URL: smtp.url() });
    const ok = email('F-1', { to: ['ok@example.com'] });
    const gone = email('F-2', { to: ['gone@example.com'] });
    const busy = email('F-3', { to: ['busy@example.com'] });
    const half = email('F-4', { to: ['ok@example.com', 'gone@example.com'] });
    // The archive's Bcc would take it, the client does not: nothing goes, not even the copy.
    const bccOnly = email('F-5', { to: ['gone@example.com'], bcc: 'archives@atelier-dupont.example' });
    const outcomes = await sendAll(s.outbox, [ok, gone, busy, half, bccOnly]);
    await s.outbox.close();

    expect(outcomes.get(ok.messageId)!.status).toBe('sent');
    expect(outcomes.get(gone.messageId)).toMatchObject({ status: 'bounced', file: null });
    expect(outcomes.get(gone.messageId)!.error).toMatch(/550 5\.1\.1 <gone@example\.com>: no such mailbox/);
    expect(outcomes.get(busy.messageId)).toMatchObject({ status: 'failed', file: null });
    expect(outcomes.get(busy.messageId)!.error).toMatch(/451 4\.3\.0 <busy@example\.com>: try again later/);
    // Taken for one recipient, refused for the other: sent, and the refusal said.
    expect(outcomes.get(half.messageId)).toMatchObject({ status: 'sent' });
    expect(outcomes.get(half.messageId)!.error).toMatch(/^refused gone@example\.com: .*550/);
    expect(outcomes.get(bccOnly.messageId)).toMatchObject({ status: 'bounced', file: null });
    expect(outcomes.get(bccOnly.messageId)!.error).toMatch(/550 5\.1\.1 <gone@example\.com>: no such mailbox/);
    expect(smtp.received.map((m) => m.to).sort()).toEqual([['ok@example.com'], ['ok@example.com']]);

    const entries = await journalOf(s.journalPath);
    expect(summary(entries).sort()).toEqual([
      'bounced F-2 relance-1',
      'bounced F-5 relance-1',
      'failed F-3 relance-1',
      'intent F-1 relance-1',
      'intent F-2 relance-1',
      'intent F-3 relance-1',
      'intent F-4 relance-1',
      'intent F-5 relance-1',
      'sent F-1 relance-1',
      'sent F-4 relance-1',
    ]);
    expect(entries.find((e) => e.type === 'bounced' && e.invoice === 'F-2')).toMatchObject({ message_id: gone.messageId, channel: 'email', run: 'run-1', to: ['gone@example.com'], note: 'address refused' });
    expect(entries.find((e) => e.type === 'failed' && e.invoice === 'F-3')!.error).toMatch(/451/);
    expect(entries.find((e) => e.type === 'sent' && e.invoice === 'F-4')!.error).toMatch(/refused gone@example\.com/);
    // The failed step is retried by the next run, the bounced one passed over; the refused copies are not archived.
    const histories = historiesOf(entries);
    expect(histories.get('F-3')!.failed.map((f) => f.step)).toEqual(['relance-1']);
    expect(histories.get('F-2')!.bounces.map((b) => b.to)).toEqual([['gone@example.com']]);
    expect(histories.get('F-2')!.uncertain).toEqual([]);
    expect(await archivedMessage(s.journalPath, gone.messageId)).toBeNull();
  });

  it('a server that is down: every message failed, the journal says so, nothing uncertain', async () => {
    const port = await closedPort();
    const dir = await tempDir();
    const s = await setup(dir, { RELANCE_SMTP_URL: `smtp://127.0.0.1:${port}` }, { smtp: { connections: 2 } });
    const emails = Array.from({ length: 60 }, (_, i) => email(`F-${i + 1}`));
    const outcomes = await sendAll(s.outbox, emails);
    await s.outbox.close();

    expect([...outcomes.values()].map((o) => o.status)).toEqual(Array(60).fill('failed'));
    // The login before the pool found no server: no message is attempted (no timeouts a message).
    for (const e of [emails[0]!, emails[59]!]) expect(outcomes.get(e.messageId)!.error).toMatch(/^not attempted: smtp:\/\/127\.0\.0\.1:\d+ could not be reached \(connect ECONNREFUSED 127\.0\.0\.1:\d+\)$/);
    const entries = await journalOf(s.journalPath);
    const histories = historiesOf(entries);
    for (const e of emails) {
      const h = histories.get(e.action.invoices[0]!.number)!;
      expect(h.failed.map((f) => f.step)).toEqual(['relance-1']);
      expect(h.uncertain).toEqual([]);
      expect(h.done).toEqual([]);
    }
    expect(entries.filter((e) => e.type === 'intent').length).toBeLessThan(30);
    // Nothing went out, so nothing is archived.
    expect(await readdir(join(dir, '.relance', 'sent')).catch(() => [])).toEqual([]);
  });

  it('a server that never greets: failed after the greeting timeout, nothing uncertain', async () => {
    const silent = await startSilentServer();
    servers.push(silent);
    const dir = await tempDir();
    const s = await setup(dir, { RELANCE_SMTP_URL: `smtp://127.0.0.1:${silent.port}` }, { smtp: { connections: 2, greetingTimeout: 300 } });
    const emails = [email('F-1'), email('F-2')];
    const outcomes = await sendAll(s.outbox, emails);
    await s.outbox.close();

    expect([...outcomes.values()].map((o) => o.status)).toEqual(['failed', 'failed']);
    expect(outcomes.get(emails[0]!.messageId)!.error).toMatch(/Greeting never received/);
    const histories = historiesOf(await journalOf(s.journalPath));
    expect([...histories.values()].map((h) => [h.failed.length, h.uncertain.length])).toEqual([
      [1, 0],
      [1, 0],
    ]);
  });

  it('a connection dropped before a message was sent: it goes out on another connection, once', async () => {
    const smtp = await server({ drop: { afterMessages: 2, at: 'mail' } });
    const dir = await tempDir();
    const s = await setup(dir, { RELANCE_SMTP_URL: smtp.url() }, { smtp: { connections: 1 } });
    const emails = Array.from({ length: 5 }, (_, i) => email(`F-${i + 1}`));
    const outcomes = await sendAll(s.outbox, emails);
    await s.outbox.close();

    expect([...outcomes.values()].map((o) => o.status)).toEqual(Array(5).fill('sent'));
    expect(smtp.received).toHaveLength(5);
    expect(smtp.connections()).toBe(3); // the login first, then the dropped one and its successor
    expect(summary(await journalOf(s.journalPath)).filter((l) => l.startsWith('sent'))).toHaveLength(5);
  });

  it('a connection dropped after a message went out whole, before the answer: that one uncertain, the others delivered', async () => {
    const smtp = await server({ drop: { afterMessages: 2, at: 'data' } });
    const dir = await tempDir();
    const s = await setup(dir, { RELANCE_SMTP_URL: smtp.url() }, { smtp: { connections: 1 } });
    const emails = Array.from({ length: 5 }, (_, i) => email(`F-${i + 1}`));
    const outcomes = await sendAll(s.outbox, emails);
    await s.outbox.close();

    // The server had it all: sending it again tomorrow could be a duplicate.
    expect(smtp.droppedWhole).toHaveLength(1);
    const droppedId = messageIdOf(smtp.droppedWhole[0]!.raw);
    const dropped = emails.find((e) => e.messageId === droppedId)!;
    const number = dropped.action.invoices[0]!.number;
    expect(outcomes.get(dropped.messageId)!.status).toBe('uncertain');
    expect(outcomes.get(dropped.messageId)!.error).toBe('Connection closed unexpectedly: the message had gone out whole and the server may have it, so it is not sent again');
    expect(smtp.received).toHaveLength(4);
    expect([...outcomes.values()].filter((o) => o.status === 'sent')).toHaveLength(4);
    const entries = await journalOf(s.journalPath);
    expect(summary(entries.filter((e) => e.invoice === number))).toEqual([`intent ${number} relance-1`]);
    expect(historiesOf(entries).get(number)!.uncertain.map((u) => u.messageId)).toEqual([dropped.messageId]);
    // Its archive stays: once recorded as sent, a later attach_previous finds it.
    expect(await archivedMessage(s.journalPath, dropped.messageId)).not.toBeNull();
  });

  it('dropped mid-batch over several connections: one message affected, the rest delivered once', async () => {
    const smtp = await server({ drop: { afterMessages: 10, at: 'data' } });
    const dir = await tempDir();
    const s = await setup(dir, { RELANCE_SMTP_URL: smtp.url() });
    const emails = Array.from({ length: 40 }, (_, i) => email(`F-${i + 1}`));
    const outcomes = await sendAll(s.outbox, emails);
    await s.outbox.close();

    expect([...outcomes.values()].filter((o) => o.status === 'sent')).toHaveLength(39);
    expect(smtp.received).toHaveLength(39);
    const ids = smtp.received.map((m) => messageIdOf(m.raw));
    expect(new Set(ids).size).toBe(39);
    const histories = historiesOf(await journalOf(s.journalPath));
    expect([...histories.values()].filter((h) => h.uncertain.length > 0)).toHaveLength(1);
    expect([...histories.values()].filter((h) => h.done.length === 1)).toHaveLength(39);
  });

  it('no answer within the socket timeout after the message went out: uncertain (it did arrive)', async () => {
    const smtp = await server({ delay: (to) => (to.includes('slow@example.com') ? 1_500 : 0) });
    const dir = await tempDir();
    const s = await setup(dir, { RELANCE_SMTP_URL: smtp.url() }, { smtp: { socketTimeout: 500 } });
    const slow = email('F-1', { to: ['slow@example.com'] });
    const quick = email('F-2', { to: ['quick@example.com'] });
    const outcomes = await sendAll(s.outbox, [slow, quick]);
    await s.outbox.close();
    await new Promise((resolve) => setTimeout(resolve, 1_200));

    expect(outcomes.get(quick.messageId)!.status).toBe('sent');
    expect(outcomes.get(slow.messageId)!.status).toBe('uncertain');
    expect(outcomes.get(slow.messageId)!.error).toMatch(/^Timeout.*: the message had gone out whole/);
    const histories = historiesOf(await journalOf(s.journalPath));
    expect(histories.get('F-1')!.uncertain).toHaveLength(1);
    expect(histories.get('F-1')!.failed).toEqual([]);
    // Which is why it must not be sent again by itself: the server took it after all.
    expect(smtp.received.map((m) => m.to)).toEqual([['quick@example.com'], ['slow@example.com']]);
  });

  const outside = Object.values(networkInterfaces())
    .flat()
    .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
  it.skipIf(outside === undefined)('off loopback, a server without STARTTLS gets nothing', async () => {
    const smtp = await startSmtpServer();
    servers.push(smtp);
    const dir = await tempDir();
    // The test server listens on 127.0.0.1 only: forward the outside address to it.
    const { createServer, connect } = await import('node:net');
    const relay = createServer((socket) => socket.pipe(connect(smtp.port, '127.0.0.1')).pipe(socket).on('error', () => undefined));
    await new Promise<void>((resolve) => relay.listen(0, outside, resolve));
    servers.push({ close: () => new Promise<void>((resolve) => relay.close(() => resolve())) });
    const port = (relay.address() as { port: number }).port;
    const s = await setup(dir, { RELANCE_SMTP_URL: `smtp://${outside}:${port}` }, { smtp: { connections: 1 } });
    const e = email('F-1');
    const outcomes = await sendAll(s.outbox, [e]);
    await s.outbox.close();

    expect(outcomes.get(e.messageId)!.status).toBe('failed');
    expect(outcomes.get(e.messageId)!.error).toMatch(/STARTTLS/);
    expect(smtp.received).toEqual([]);
  });
});

describe('the password', () => {
  it('appears in no outcome, journal line, archived message or error', async () => {
    const password = TEST_PASSWORD;
    const forms = [password, encodeURIComponent(password), Buffer.from(password).toString('base64'), Buffer.from(`\0relance\0${password}`).toString('base64')];
    const smtp = await server({ password, reject: { 'gone@example.com': 550 } });
    const dir = await tempDir();
    const s = await setup(dir, { RELANCE_SMTP_URL: smtp.url(password) });
    const [good, bad] = [email('F-1'), email('F-2', { to: ['gone@example.com'] })];
    const sent = await sendAll(s.outbox, [good, bad]);
    await s.outbox.close();
    const outcomes = [sent.get(good.messageId)!, sent.get(bad.messageId)!];
    expect(outcomes.map((o) => o.status)).toEqual(['sent', 'bounced']);

    // A wrong password, given in the environment, and a server that is down.
    const wrong = 'Wr0ng-s3cret!';
    const s2 = await setup(dir, { RELANCE_SMTP_URL: `smtp://relance@127.0.0.1:${smtp.port}`, RELANCE_SMTP_PASSWORD: wrong }, { smtp: { connections: 1 } });
    const refused = [...(await sendAll(s2.outbox, [email('F-3')])).values()];
    await s2.outbox.close();
    expect(refused[0]!.error).toMatch(/535 Authentication failed/);
    const s3 = await setup(dir, { RELANCE_SMTP_URL: `smtp://relance:${encodeURIComponent(password)}@127.0.0.1:${await closedPort()}` }, { smtp: { connections: 1 } });
    const down = [...(await sendAll(s3.outbox, [email('F-4')])).values()];
    await s3.outbox.close();
    expect(down[0]!.status).toBe('failed');

    const texts = [JSON.stringify([...outcomes, ...refused, ...down]), await readFile(s.journalPath, 'utf8')];
    for (const f of await readdir(join(dir, '.relance', 'sent'))) texts.push(await readFile(join(dir, '.relance', 'sent', f), 'latin1'));
    expect(texts.length).toBeGreaterThan(2);
    for (const t of texts) for (const form of [...forms, wrong, encodeURIComponent(wrong)]) expect(t).not.toContain(form);
  });
});

describe('to-dos', () => {
  it('journals an issued line per invoice and writes each letter beside the journal', async () => {
    const dir = await tempDir();
    const s = await setup(dir, { RELANCE_SMTP_URL: 'smtp://127.0.0.1:25' });
    const letter = todo('F/2026/7', 'letter', 'mise-en-demeure');
    const call = todo('F-8', 'call', 'appel');
    const files: (string | null)[] = [];
    await s.outbox.issue([letter, call], (_t, o) => files.push(o.status === 'todo' ? o.file : 'not a to-do'));
    await s.outbox.close();

    const path = letterPath(s.journalPath, TODAY, ['F/2026/7'], 'mise-en-demeure');
    expect(path).toBe(join(dir, '.relance', 'letters', '2026-11-22_F_2026_7_mise-en-demeure.pdf'));
    expect(files).toEqual([path, null]);
    const printed = await readPdf(await readFile(path));
    expect(printed.pages[0]!.text).toContain('Lettre recommandée avec demande d’avis de réception');
    expect(printed.pages[0]!.text).toContain('Facture F/2026/7');
    const entries = await journalOf(s.journalPath);
    expect(entries).toEqual([
      expect.objectContaining({ type: 'issued', invoice: 'F/2026/7', step: 'mise-en-demeure', channel: 'letter', subject: 'Mise en demeure', note: letter.title, run: 'run-1', message_id: null }),
      expect.objectContaining({ type: 'issued', invoice: 'F-8', step: 'appel', channel: 'call', subject: null, note: call.title, run: 'run-1' }),
    ]);
    expect(historiesOf(entries).get('F-8')!.done.map((d) => d.by)).toEqual(['issued']);
  });
});

describe('verdictOf', () => {
  const delivery = (whole: boolean) => ({ readToTheEnd: () => whole, guard: () => null });
  it.each([
    [{ responseCode: 550, command: 'RCPT TO', rejectedErrors: [{ recipient: 'a@x', responseCode: 550, response: '550 no such mailbox' }] }, false, 'bounced address'],
    [{ responseCode: 451, command: 'RCPT TO', rejectedErrors: [{ recipient: 'a@x', responseCode: 451, response: '451 greylisted' }] }, false, 'temporary'],
    [{ responseCode: 552, command: 'DATA', message: 'Message failed: 552 too big' }, true, 'bounced message'],
    [{ responseCode: 554, command: 'DATA', message: 'Message failed: 554 spam' }, true, 'bounced message'],
    [{ responseCode: 451, command: 'DATA', message: 'Message failed: 451 scanner busy' }, true, 'temporary'],
    [{ responseCode: 552, command: 'MAIL FROM' }, false, 'bounced message'],
    [{ responseCode: 553, command: 'MAIL FROM' }, false, 'refused'],
    [{ responseCode: 535, code: 'EAUTH' }, false, 'stop auth'],
    [{ responseCode: 530, command: 'MAIL FROM' }, false, 'stop auth'],
    [{ code: 'ETLS' }, false, 'stop tls'],
    [{ code: 'ESOCKET', originalCode: 'DEPTH_ZERO_SELF_SIGNED_CERT', message: 'self-signed certificate' }, false, 'stop tls'],
    [{}, false, 'not-sent'],
    [{ responseCode: undefined }, true, 'unknown'],
  ] as const)('%o, read to the end %s → %s', (err, whole, verdict) => {
    const v = verdictOf(err, delivery(whole), (t) => t);
    expect(v.kind === 'bounced' ? `bounced ${v.what}` : v.kind === 'stop' ? `stop ${v.cause}` : v.kind).toBe(verdict);
  });

  it('a client refused at RCPT while the Bcc was taken: bounced when every refusal is for good, for now otherwise', () => {
    const guard = (codes: number[]) => ({ readToTheEnd: () => false, guard: () => ({ kind: 'clients-refused' as const, refusals: codes.map((c) => ({ recipient: 'a@x', responseCode: c, response: `${c} no` })) }) });
    expect(verdictOf({}, guard([550]), (t) => t)).toEqual({ kind: 'bounced', what: 'address', reason: '550 no' });
    expect(verdictOf({}, guard([550, 451]), (t) => t).kind).toBe('temporary');
  });
});

describe('retryWait', () => {
  it('waits a twentieth of the budget, doubling, the last wait cut to what is left, then gives up', () => {
    const waits: number[] = [];
    let waited = 0;
    for (let tries = 0; ; tries++) {
      const w = retryWait(600_000, tries, waited);
      if (w === null) break;
      waits.push(w);
      waited += w;
    }
    expect(waits).toEqual([30_000, 60_000, 120_000, 240_000, 150_000]);
    expect(retryWait(0, 0, 0)).toBeNull();
  });
});
