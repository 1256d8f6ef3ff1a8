// `relance send` stopped by a real signal (a cron timeout, Ctrl-C), through the built
// binary, against a slow local smtp-server: what is on its way is finished and journaled,
// the rest left for the next run, the lock released, nothing sent twice.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { historiesOf } from '../../src/domain/history.js';
import { runRelance, startRelance } from '../helpers/run-cli.js';
import type { TestSmtp } from '../helpers/smtp-server.js';
import { serversClosedAfterEach } from '../helpers/smtp-server.js';
import { journalOf, messageIdOf, removeTempDirs, sendFolder } from './outgoing.js';

const TODAY = '2026-11-03';

afterAll(removeTempDirs);
const server = serversClosedAfterEach();

const invoiceOf = (raw: Buffer) => /^X-Relance-Invoice:\s*(\S+)/im.exec(raw.toString())![1]!;
const until = async (condition: () => boolean) => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
};
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How many reminders each invoice received, over every run. */
function perInvoice(smtp: TestSmtp): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of smtp.received) counts.set(invoiceOf(m.raw), (counts.get(invoiceOf(m.raw)) ?? 0) + 1);
  return counts;
}

describe('relance send stopped by a signal', () => {
  it('SIGTERM mid-batch: the messages on their way are answered and journaled, the rest left for the next run, exit 1', async () => {
    let delay = 300;
    const smtp = await server({ delay: () => delay });
    const dir = await sendFolder(30);
    const env = { RELANCE_SMTP_URL: smtp.url() };
    const run = startRelance(['send', '--today', TODAY], { cwd: dir, env });
    await until(() => smtp.received.length >= 3);
    run.kill('SIGTERM');
    const stopped = await run.done;
    expect(stopped.signal).toBeNull();
    expect(stopped.code).toBe(1);
    expect(existsSync(join(dir, '.relance', 'journal.jsonl.lock'))).toBe(false);
    await pause(400); // nothing more arrives: what was not on its way was taken back

    const received = smtp.received.map((m) => messageIdOf(m.raw));
    const entries = await journalOf(join(dir, '.relance', 'journal.jsonl'));
    const sent = entries.filter((e) => e.type === 'sent').map((e) => e.message_id);
    // Every message the server answered is journaled as sent, none left uncertain.
    expect([...sent].sort()).toEqual([...received].sort());
    expect([...historiesOf(entries).values()].flatMap((h) => h.uncertain)).toEqual([]);
    const n = received.length;
    expect(n).toBeGreaterThanOrEqual(3);
    expect(n).toBeLessThan(30);
    expect(stopped.stdout.split('\n')[0]).toBe(`relance send, 03/11/2026: ${n} e-mails sent, 0 failed, ${30 - n} not attempted, 0 to-dos issued, 0 uncertain`);
    expect(stopped.stderr).toMatch(new RegExp(`^relance: ${30 - n} e-mails not attempted: relance was interrupted \\(SIGTERM\\) — F-\\d+ relance-1, .*: the next run sends them$`, 'm'));
    expect(stopped.stderr.split('\n').filter((l) => l !== '')).toHaveLength(1);

    // The next run sends the others, and none of the first again.
    delay = 0;
    const again = await runRelance(['send', '--today', TODAY], { cwd: dir, env });
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    expect(again.stdout.split('\n')[0]).toBe(`relance send, 03/11/2026: ${30 - n} e-mails sent, 0 failed, 0 to-dos issued, 0 uncertain`);
    const counts = perInvoice(smtp);
    expect(counts.size).toBe(30);
    expect([...counts.values()].every((c) => c === 1)).toBe(true);
  });

  it('the wait is bounded: a message the server does not answer in time is uncertain, with where to look for it', async () => {
    const arrived: string[] = [];
    let delay = 5_000;
    const smtp = await server({ delay: () => delay, onArrival: (m) => arrived.push(invoiceOf(m.raw)) });
    const dir = await sendFolder(12);
    const env = { RELANCE_SMTP_URL: smtp.url(), RELANCE_STOP_WAIT: '0.5' };
    const run = startRelance(['send', '--today', TODAY, '--format', 'json'], { cwd: dir, env });
    // One message whole on the server per connection, each waiting 5 s for its answer.
    await until(() => arrived.length >= 5);
    const started = Date.now();
    run.kill('SIGINT');
    const stopped = await run.done;
    const took = Date.now() - started;
    const whole = [...arrived];
    expect(stopped.code).toBe(1);
    expect(took).toBeGreaterThanOrEqual(450);
    expect(took).toBeLessThan(5_000);
    expect(existsSync(join(dir, '.relance', 'journal.jsonl.lock'))).toBe(false);

    const actions = JSON.parse(stopped.stdout).actions as { invoices: string[]; status: string; message_id: string; error: string }[];
    const uncertain = actions.filter((a) => a.status === 'uncertain');
    expect(uncertain.map((a) => a.invoices[0]).sort()).toEqual([...whole].sort());
    expect(actions.filter((a) => a.status === 'failed')).toHaveLength(12 - whole.length);
    expect(actions.filter((a) => a.status === 'failed').every((a) => a.error === 'not attempted: relance was interrupted (SIGINT)')).toBe(true);
    for (const a of uncertain) {
      expect(a.error).toBe('no answer from the server within 0.5 s of the interruption: the message had gone out whole and the server may have it, so it is not sent again');
      expect(stopped.stderr).toContain(
        `relance: ${a.invoices[0]} relance-1: uncertain — ${a.error}; look for Message-ID ${a.message_id} in the Bcc mailbox archives@atelier-dupont.example or in the SMTP server's sent folder or log (not in relance's own archive, which may lack it), then: relance record ${a.invoices[0]} sent --step relance-1 if it is there, or not-sent to send it again\n`,
      );
    }
    expect(stopped.stderr).toContain(`relance: ${whole.length} steps are uncertain: relance record --uncertain sent (or not-sent) settles every uncertain step at once, --invoice N only those of N\n`);

    // The next run does not send them again: it reports them, until they are settled.
    delay = 0;
    const again = await runRelance(['send', '--today', TODAY, '--format', 'json'], { cwd: dir, env: { RELANCE_SMTP_URL: smtp.url() } });
    const next = JSON.parse(again.stdout).actions as { invoices: string[]; status: string }[];
    expect(next.filter((a) => a.status === 'uncertain').map((a) => a.invoices[0]).sort()).toEqual([...whole].sort());
    expect(next.filter((a) => a.status === 'sent')).toHaveLength(12 - whole.length);
  }, 20_000);

  it('a second signal ends the run at once', async () => {
    let delay = 3_000;
    const smtp = await server({ delay: () => delay });
    const dir = await sendFolder(10);
    const run = startRelance(['send', '--today', TODAY], { cwd: dir, env: { RELANCE_SMTP_URL: smtp.url() } });
    await until(() => smtp.connections() > 0);
    await pause(400);
    run.kill('SIGTERM');
    await pause(100);
    const started = Date.now();
    run.kill('SIGTERM');
    const stopped = await run.done;
    // Not the 3 s the first signal would have waited for the server's answers.
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(stopped.code).toBe(143);
    // What was journaled stands: the next run takes the lock over and sends nothing twice
    // (once the server has taken what the first run left on its way).
    delay = 0;
    await pause(3_200);
    const again = await runRelance(['send', '--today', TODAY], { cwd: dir, env: { RELANCE_SMTP_URL: smtp.url() } });
    expect(again.stderr).toMatch(/^relance: took over \.relance\/journal\.jsonl\.lock: the run that held it \(pid \d+, started .*\) is no longer running$/m);
    expect([...perInvoice(smtp).values()].every((c) => c === 1)).toBe(true);
  }, 20_000);
});
