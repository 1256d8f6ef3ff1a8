// How the live outbox sends a batch: like a mail queue. Each message is composed once;
// its `intent` is on disk before SMTP sees it (write-ahead, intents group-committed); it
// is archived as it went out, then its outcome is journaled. Nothing goes to the pool
// before one connection has logged in (smtp-probe.ts): a wrong password is tried once.
// The server's answer decides (smtp-verdict.ts): sent; bounced for good; refused for now,
// and tried again within the run after a wait; uncertain when it went out whole and no
// answer came. A stop (a signal, a journal that cannot be written, a refused login, a
// server that keeps failing) hands nothing more to SMTP, and waits for what is on its way.

import type { JournalEntry } from '../domain/journal-entry.js';
import { failureReason } from '../io/whole-append.js';
import type { BuiltMessage } from './compose.js';
import { buildMessage } from './compose.js';
import type { GroupCommit } from './group-commit.js';
import type { OutgoingEmail } from './message.js';
import type { Outcome } from './outbox.js';
import type { SMTPPool, SmtpSettings, SmtpTuning } from './smtp.js';
import { scrubFor } from './smtp.js';
import type { Delivery } from './smtp-delivery.js';
import { sendRaw } from './smtp-delivery.js';
import type { ProbeResult, ServerFeatures } from './smtp-probe.js';
import { clientsRefused, refusedRecipients, verdictOf } from './smtp-verdict.js';
import { RetryQueue } from './retry-queue.js';
import { probeStopReason, refusedAtSend, stopReason } from './smtp-stop.js';

export interface Pipeline {
  settings: SmtpSettings;
  tuning: SmtpTuning;
  pool: SMTPPool;
  journal: GroupCommit;
  /** Each message's Date header. */
  now: () => Date;
  /** The journal lines of one message (one per invoice). */
  lines: (email: OutgoingEmail, type: 'intent' | 'sent' | 'failed' | 'bounced', fields: Partial<JournalEntry>) => JournalEntry[];
  /** Archives a message the server has, or may have; resolves with the archive file, or null when it could not be written. */
  archive: (email: OutgoingEmail, raw: Buffer) => Promise<string | null>;
  /** A message's `sent` lines are on disk. */
  sentRecorded: (email: OutgoingEmail, archived: boolean) => void;
  /** The journal could not be written: sending stops at once. */
  journalFailed: (err: unknown) => void;
  progress: ((done: number, total: number) => void) | null;
  /** Aborted (its reason, the signal's name): stop handing messages to SMTP, wait up to `tuning.stopWait` for those on their way. */
  stop: AbortSignal | null;
  /** The one login before the pool (smtp-probe.ts), started by the caller as the messages are composed. */
  probe: () => Promise<ProbeResult>;
}

type Report = (email: OutgoingEmail, outcome: Outcome) => void;

/** Errors that concern one message, not the server: they do not count towards giving up. */
const MESSAGE_ERRORS = new Set(['EENVELOPE', 'EMESSAGE', 'EMAXRECIPIENTS', 'ESTREAM']);

/**
 * Compose ahead, commit intents in groups, hand to the pool, journal outcomes in groups.
 * At most `inFlight` messages have an intent without an outcome (what a crash can leave
 * uncertain). After `giveUp` connection failures in a row the rest is not attempted.
 * Resolves once every message is reported.
 */
export async function sendAll(emails: readonly OutgoingEmail[], report: Report, p: Pipeline): Promise<void> {
  const total = emails.length;
  if (total === 0) return;
  const { connections, inFlight } = p.tuning;
  const composeAhead = inFlight + connections * 4;
  const giveUp = connections * 2;
  const scrub = (text: string) => scrubFor(p.settings, text).replace(/\s*\n\s*/g, ' ');

  let next = 0;
  let composing = 0;
  let committed = 0;
  let told = 0;
  let failuresInARow = 0;
  let stopped: string | null = null;
  let features: ServerFeatures | null = null;
  const ready: BuiltMessage[] = [];
  /** Handed to the pool, no answer yet. */
  const handed = new Map<BuiltMessage, Delivery>();
  /** Taken back from the pool after a stop, before their data went out. */
  const withdrawn = new Set<BuiltMessage>();
  /** Refused for now, waiting to be tried again. */
  const retries = new RetryQueue<BuiltMessage>(p.tuning.retryWait);
  const finished = new Set<OutgoingEmail>();
  let waiting: NodeJS.Timeout | null = null;
  let allDone!: () => void;
  const done = new Promise<void>((resolve) => (allDone = resolve));
  p.progress?.(0, total);

  /**
   * Told once its lines are on disk. When they cannot be written and its intent is there,
   * the next run will find the step uncertain: so does this run's report.
   */
  const finish = (email: OutgoingEmail, outcome: Outcome, lines: JournalEntry[], intentOnDisk: boolean): void => {
    if (finished.has(email)) return;
    finished.add(email);
    const tell = (o: Outcome): void => {
      report(email, o);
      told++;
      p.progress?.(told, total);
      if (told === total) {
        if (waiting) clearTimeout(waiting);
        p.stop?.removeEventListener('abort', interrupted);
        allDone();
      }
    };
    p.journal.write(lines, 'soon').then(
      () => {
        if (outcome.status === 'sent') p.sentRecorded(email, outcome.file !== null);
        tell(outcome);
      },
      (err: unknown) => {
        journalStop(err);
        tell(intentOnDisk ? unrecorded(outcome, err) : outcome);
      },
    );
  };
  const failed = (email: OutgoingEmail, error: string, intentOnDisk: boolean, notAttempted = false): void => {
    finish(email, { status: 'failed', messageId: email.messageId, error, file: null, notAttempted }, p.lines(email, 'failed', { error }), intentOnDisk);
  };
  const bounced = (built: BuiltMessage, what: 'address' | 'message', reason: string, intentOnDisk: boolean): void => {
    const { email } = built;
    const lines = p.lines(email, 'bounced', { error: reason, to: [...email.to], note: `${what} refused` });
    finish(email, { status: 'bounced', messageId: email.messageId, error: reason, file: null }, lines, intentOnDisk);
  };
  const notAttempted = (email: OutgoingEmail, intentOnDisk: boolean): void => {
    const error = `not attempted: ${stopped}`;
    // A journal that failed is written to no more than needed: only to close an intent.
    if (journalBroken && !intentOnDisk) finish(email, { status: 'failed', messageId: email.messageId, error, file: null, notAttempted: true }, [], false);
    else failed(email, error, intentOnDisk, true);
  };
  const halt = (reason: string): void => {
    stopped ??= reason;
    // Those waiting to be tried again have their `failed` line already: they are told as they stand.
    for (const { item, reason: last } of retries.takeAll()) {
      finish(item.email, { status: 'failed', messageId: item.email.messageId, error: `${last}; not tried again: ${stopped}`, file: null }, [], false);
    }
    pump();
  };
  let journalBroken = false;
  const journalStop = (err: unknown): void => {
    journalBroken = true;
    p.journalFailed(err);
    halt('the journal could not be written');
  };
  // Archived once the server has it, or may have it (the copy of what the client got),
  // before the outcome is told: a later message of the same run may attach it.
  const archived = (built: BuiltMessage, then: (file: string | null) => void): void => {
    void p.archive(built.email, built.raw).then(then);
  };

  /** Refused for now: its `failed` line written, tried again after a wait while the budget lasts. */
  const refusedForNow = (built: BuiltMessage, reason: string): void => {
    const spent = stopped === null ? retries.later(built, reason, () => (ready.unshift(built), pump())) : { tries: 1, waited: 0 };
    if (spent !== null) return failed(built.email, spent.tries === 1 ? reason : `${reason} (tried ${spent.tries} times within ${Math.round(spent.waited / 100) / 10} s)`, true);
    // On disk first: a crash during the wait leaves a failed step, never an uncertain one.
    p.journal.write(p.lines(built.email, 'failed', { error: `${reason} (tried again within the run)` }), 'soon').catch(journalStop);
  };

  const hand = (built: BuiltMessage): void => {
    if (stopped !== null) {
      committed--;
      notAttempted(built.email, true);
      return pump();
    }
    const delivery = sendRaw(p.pool, { messageId: built.email.messageId, envelope: built.envelope, clients: built.clients, raw: built.raw }, p.tuning.replyTimeout);
    handed.set(built, delivery);
    delivery.done.then(
      (info) => {
        if (!handed.delete(built)) return; // given up on after a stop
        committed--;
        failuresInARow = 0;
        const { email } = built;
        // Only the Bcc took it (the guard in smtp-delivery.ts keeps this from happening): the client got nothing.
        const notTheClient = clientsRefused(info, built.clients, scrub);
        if (notTheClient !== null) {
          if (notTheClient.kind === 'bounced') bounced(built, notTheClient.what, notTheClient.reason, true);
          else failed(email, notTheClient.reason, true);
          return pump();
        }
        const refused = refusedRecipients(info, scrub);
        const reply = scrub(String(info.response ?? ''));
        archived(built, (file) => finish(email, { status: 'sent', messageId: email.messageId, error: refused, file }, p.lines(email, 'sent', { note: reply || null, error: refused }), true));
        pump();
      },
      (err: Error & { code?: string; responseCode?: number }) => {
        if (!handed.delete(built)) return;
        committed--;
        const { email } = built;
        if (withdrawn.has(built)) {
          notAttempted(email, true);
          return pump();
        }
        const verdict = verdictOf(err, delivery, scrub);
        if (verdict.kind === 'unknown') {
          // No outcome line: the intent alone makes the step uncertain, for this run's
          // report as for the next run.
          const error = `${verdict.reason}: the message had gone out whole and the server may have it, so it is not sent again`;
          archived(built, (file) => finish(email, { status: 'uncertain', messageId: email.messageId, error, file }, [], true));
        } else if (verdict.kind === 'bounced') {
          failuresInARow = 0;
          bounced(built, verdict.what, verdict.reason, true);
        } else if (verdict.kind === 'temporary') {
          refusedForNow(built, verdict.reason);
        } else if (verdict.kind === 'stop') {
          failed(email, verdict.reason, true);
          halt(stopReason(verdict.cause, verdict.reason, p.settings));
        } else {
          if (verdict.kind === 'refused' || !MESSAGE_ERRORS.has(err.code ?? '')) {
            failuresInARow++;
            if (failuresInARow >= giveUp) halt(`${failuresInARow} failures in a row from ${p.settings.display} (the last: ${verdict.reason})`);
          } else failuresInARow = 0;
          failed(email, verdict.reason, true);
        }
        pump();
      },
    );
  };

  const pump = (): void => {
    while (stopped === null && next < total && composing + ready.length < composeAhead) {
      const email = emails[next++]!;
      composing++;
      buildMessage(email, p.now()).then(
        (built) => {
          composing--;
          ready.push(built);
          pump();
        },
        (err: Error) => {
          composing--;
          failed(email, `not sent: the message could not be built: ${scrub(err.message)}`, false);
          pump();
        },
      );
    }
    if (stopped !== null) {
      while (next < total) notAttempted(emails[next++]!, false);
      for (const built of ready.splice(0)) notAttempted(built.email, false);
      return;
    }
    if (features === null) return; // the login first
    // What the server said it cannot take is refused here, before an intent: never sent.
    for (let i = ready.length - 1; i >= 0; i--) {
      const refusal = refusedAtSend(ready[i]!, features, p.settings);
      if (refusal !== null) bounced(ready.splice(i, 1)[0]!, refusal.what, refusal.reason, false);
    }
    // Intents are committed in groups, each one fdatasync: when the pool is about to run
    // out of work, when a good group is ready, or when nothing more is coming.
    const hungry = committed <= connections * 2;
    const lastOnes = next >= total && composing === 0;
    if (ready.length > 0 && committed < inFlight && (hungry || lastOnes || ready.length >= inFlight / 2)) {
      const batch = ready.splice(0, inFlight - committed);
      committed += batch.length;
      // Write-ahead: not one of them goes to SMTP before all their intents are on disk.
      p.journal.write(batch.flatMap((b) => p.lines(b.email, 'intent', { subject: b.email.subject, to: [...b.email.to] })), 'now').then(
        () => batch.forEach(hand),
        (err: unknown) => {
          committed -= batch.length;
          journalStop(err);
          // Their intents were taken back out of the journal: nothing to write for them.
          for (const b of batch) notAttempted(b.email, false);
          pump();
        },
      );
    }
  };

  /** A signal: nothing more goes to SMTP; what is on its way is waited for, up to stopWait. */
  const interrupted = (): void => {
    halt(`relance was interrupted (${String(p.stop!.reason ?? 'signal')})`);
    // Those still waiting for a connection, or not yet read to their end, come back unsent.
    for (const [built, delivery] of handed) if (delivery.withdraw()) withdrawn.add(built);
    waiting = setTimeout(() => {
      const seconds = Math.round(p.tuning.stopWait / 100) / 10;
      for (const built of [...handed.keys()]) {
        handed.delete(built);
        committed--;
        const error = `no answer from the server within ${seconds} s of the interruption: the message had gone out whole and the server may have it, so it is not sent again`;
        archived(built, (file) => finish(built.email, { status: 'uncertain', messageId: built.email.messageId, error, file }, [], true));
      }
    }, p.tuning.stopWait);
  };

  if (p.stop?.aborted) interrupted();
  else p.stop?.addEventListener('abort', interrupted, { once: true });
  pump();
  void p.probe().then((result) => {
    if (result.ok) features = result.features;
    else halt(probeStopReason(result.failure, p.settings));
    pump();
  });
  return done;
}

/** The outcome as the journal will tell it next run: its intent alone, uncertain. */
function unrecorded(outcome: Outcome, err: unknown): Outcome {
  const what = outcome.status === 'sent' ? 'the server took it' : `it was not sent (${outcome.error ?? 'failed'})`;
  return { ...outcome, status: 'uncertain', error: `${what}, but the journal could not record this (${failureReason(err)})`, notAttempted: false };
}
