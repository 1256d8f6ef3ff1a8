// The real outbox: e-mails over SMTP, to-dos into the journal. Built like a mail queue:
// each message is composed once, and archived as it went out; its `intent` is
// on disk before SMTP sees it (write-ahead, intents and outcomes group-committed); one
// failure fails one message; nothing is sent twice. An answer that never came for a
// message that went out whole leaves the intent alone: the step is `uncertain`, and the
// next run reports it instead of sending it again (history.ts).

import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Address as MimeNodeAddress, SMTPPoolSentMessageInfo } from 'nodemailer';
import type { Day } from '../domain/dates.js';
import { formatIsoDay } from '../domain/dates.js';
import type { JournalEntry } from '../domain/journal-entry.js';
import { journalEntry } from '../domain/journal-entry.js';
import type { Config } from '../io/config.js';
import type { JournalWriter } from '../io/journal.js';
import { openJournal } from '../io/journal.js';
import type { Archive } from './archive.js';
import { openArchive } from './archive.js';
import { composeMessage } from './compose.js';
import type { OutgoingEmail, Todo } from './message.js';
import type { Outbox, Outcome } from './outbox.js';
import type { SMTPPool, SmtpSettings, SmtpTuning } from './smtp.js';
import { DEFAULT_TUNING, scrubFor, sendRaw, smtpSettings, smtpTransport } from './smtp.js';

export interface LiveOutboxOptions {
  config: Config;
  /** RELANCE_SMTP_URL wins over mail.smtp; RELANCE_SMTP_PASSWORD. */
  env: Readonly<Record<string, string | undefined>>;
  journalPath: string;
  /** The journal's `date`. */
  today: Day;
  /** The journal's `at` (wall clock) and each message's Date header. */
  now: () => Date;
  /** The run id, the journal's `run`. */
  run: string;
  /** Called as messages complete; null in cron (not a terminal). */
  progress: ((done: number, total: number) => void) | null;
  /** Pool size and timeouts (DEFAULT_TUNING); tests shorten them. */
  smtp?: Partial<SmtpTuning>;
}

/**
 * The SMTP outbox. Throws InputError (exit 2, nothing sent) when the server's URL is
 * missing or unusable. Nothing connects before the first message.
 */
export async function liveOutbox(options: LiveOutboxOptions): Promise<Outbox> {
  const settings = smtpSettings(options.config, options.env);
  const tuning: SmtpTuning = { ...DEFAULT_TUNING, ...options.smtp };
  const pool = smtpTransport(settings, tuning);
  const journal = new GroupCommit(options.journalPath);
  const ctx: Context = { options, settings, tuning, pool, journal, archive: openArchive(options.journalPath, options.today) };

  return {
    send: (emails, report) => sendAll(emails, report, ctx),
    async issue(todos, report) {
      const files = await Promise.all(todos.map((todo) => (todo.channel === 'letter' ? writeLetter(todo, options) : null)));
      await journal.write(
        todos.flatMap((todo) => todo.action.invoices.map((invoice) => entry(ctx, 'issued', invoice.number, todo.action.step.id, { channel: todo.channel, subject: todo.subject, note: todo.title }))),
        'now',
      );
      todos.forEach((todo, i) => report(todo, { status: 'todo', messageId: null, error: null, file: files[i] ?? null }));
    },
    async close() {
      pool.close();
      await journal.close();
      await ctx.archive.close();
    },
  };
}

/** `.relance/letters/<today>_<invoice numbers>_<step>.txt`, beside the journal. */
export function letterPath(journalPath: string, today: Day, numbers: readonly string[], step: string): string {
  return join(dirname(journalPath), 'letters', `${formatIsoDay(today)}_${numbers.map(safeName).join('+')}_${safeName(step)}.txt`);
}

/** What an SMTP failure means for the message. */
export type Verdict =
  /** The server answered no (4xx/5xx): failed; the next run tries again. */
  | 'refused'
  /** It never reached the server whole: failed; the next run tries again. */
  | 'not-sent'
  /** It went out whole and no answer came: the server may hold it. Left uncertain. */
  | 'unknown';

/** A reply code decides; else whether SMTP read the message to its end. */
export function verdictOf(err: { responseCode?: unknown }, readToTheEnd: boolean): Verdict {
  if (typeof err.responseCode === 'number' && err.responseCode >= 400) return 'refused';
  return readToTheEnd ? 'unknown' : 'not-sent';
}

// ------------------------------------------------------------------ sending

interface Context {
  options: LiveOutboxOptions;
  settings: SmtpSettings;
  tuning: SmtpTuning;
  pool: SMTPPool;
  journal: GroupCommit;
  /** The day's mbox, opened with the first message sent. */
  archive: Archive;
}

interface Built {
  email: OutgoingEmail;
  raw: Buffer;
  /** From, and To with Bcc: who gets it. */
  envelope: { from: string; to: string[] };
  /** The client's own addresses (To), lower case: the message counts as sent if one took it. */
  clients: string[];
}

type Report = (email: OutgoingEmail, outcome: Outcome) => void;

/** How long an outcome waits for the next intents to share their fdatasync. */
const LAZY_MS = 20;

/** Errors that concern one message, not the server: they do not count towards giving up. */
const MESSAGE_ERRORS = new Set(['EENVELOPE', 'EMESSAGE', 'EMAXRECIPIENTS', 'ESTREAM']);

/**
 * A pipeline: compose and archive ahead, commit intents in groups, hand to the pool,
 * journal outcomes in groups. At most `inFlight` messages have an intent without an
 * outcome (what a crash can leave uncertain); enough that a slow fdatasync never leaves
 * the pool without work. After `giveUp` connection failures in a row
 * (server down, wrong password, no TLS) the rest is not attempted: each fails at once.
 */
async function sendAll(emails: readonly OutgoingEmail[], report: Report, ctx: Context): Promise<void> {
  const total = emails.length;
  if (total === 0) return;
  const archive = ctx.archive;
  const { connections, inFlight } = ctx.tuning;
  const composeAhead = inFlight + connections * 4;
  const giveUp = connections * 2;
  const progress = ctx.options.progress;
  const scrub = (text: string) => scrubFor(ctx.settings, text).replace(/\s*\n\s*/g, ' ');

  let next = 0;
  let composing = 0;
  let committed = 0;
  let finished = 0;
  let failuresInARow = 0;
  let stopped: string | null = null;
  const ready: Built[] = [];
  let allDone!: () => void;
  const done = new Promise<void>((resolve) => (allDone = resolve));
  progress?.(0, total);

  const finish = (email: OutgoingEmail, outcome: Outcome, lines: JournalEntry[]): void => {
    const reported = () => {
      report(email, outcome);
      finished++;
      progress?.(finished, total);
      if (finished === total) allDone();
    };
    // Reported once its outcome is on disk; a journal that fails here leaves the step
    // uncertain (its intent is there), which the next run reports.
    ctx.journal.write(lines, 'soon').then(reported, reported);
  };
  const lines = (email: OutgoingEmail, type: 'intent' | 'sent' | 'failed', fields: Partial<JournalEntry>): JournalEntry[] =>
    email.action.invoices.map((invoice) => entry(ctx, type, invoice.number, email.action.step.id, { channel: 'email', message_id: email.messageId, ...fields }));
  const failed = (email: OutgoingEmail, error: string): void => {
    finish(email, { status: 'failed', messageId: email.messageId, error, file: null }, lines(email, 'failed', { error }));
  };
  const notAttempted = (email: OutgoingEmail): void => failed(email, `not attempted: ${stopped}`);
  // Archived once the server has it, or may have it (the copy of what the client got),
  // before the outcome is told: a later message of the same run may attach it.
  const archived = (built: Built, then: (file: string) => void): void => {
    archive.append(built.raw).then(
      () => then(archive.file),
      () => then(archive.file),
    );
  };

  const hand = (built: Built): void => {
    if (stopped !== null) {
      committed--;
      notAttempted(built.email);
      return pump();
    }
    const delivery = sendRaw(ctx.pool, { messageId: built.email.messageId, envelope: built.envelope, raw: built.raw });
    delivery.done.then(
      (info) => {
        committed--;
        failuresInARow = 0;
        const { email } = built;
        const refused = refusedRecipients(info, scrub);
        const rejected = new Set((info.rejected ?? []).map((r) => String(r).toLowerCase()));
        if (built.clients.every((c) => rejected.has(c))) {
          // Only the Bcc took it: the client got nothing. Failed, and tried again next run.
          failed(email, refused ?? 'every recipient was refused');
        } else {
          const reply = scrub(String(info.response ?? ''));
          archived(built, (file) => finish(email, { status: 'sent', messageId: email.messageId, error: refused, file }, lines(email, 'sent', { note: reply || null, error: refused })));
        }
        pump();
      },
      (err: Error & { code?: string; responseCode?: number }) => {
        committed--;
        const { email } = built;
        const verdict = verdictOf(err, delivery.readToTheEnd());
        const reason = scrub(err.message || String(err));
        if (verdict === 'unknown') {
          // No outcome line: the intent alone makes the step uncertain, for this run's
          // report as for the next run.
          const error = `${reason}: the message had gone out whole and the server may have it, so it is not sent again`;
          archived(built, (file) => finish(email, { status: 'uncertain', messageId: email.messageId, error, file }, []));
        } else {
          if (!MESSAGE_ERRORS.has(err.code ?? '')) {
            failuresInARow++;
            if (failuresInARow >= giveUp && stopped === null) stopped = `${failuresInARow} failures in a row from ${ctx.settings.display} (the last: ${reason})`;
          } else failuresInARow = 0;
          failed(email, reason);
        }
        pump();
      },
    );
  };

  const pump = (): void => {
    while (stopped === null && next < total && composing + ready.length < composeAhead) {
      const email = emails[next++]!;
      composing++;
      build(email, ctx).then(
        (built) => {
          composing--;
          ready.push(built);
          pump();
        },
        (err: Error) => {
          composing--;
          failed(email, `not sent: the message could not be built: ${scrub(err.message)}`);
          pump();
        },
      );
    }
    if (stopped !== null) {
      while (next < total) notAttempted(emails[next++]!);
      for (const built of ready.splice(0)) notAttempted(built.email);
      return;
    }
    // Intents are committed in groups, each one fdatasync: when the pool is about to run
    // out of work, when a good group is ready, or when nothing more is coming.
    const hungry = committed <= connections * 2;
    const lastOnes = next >= total && composing === 0;
    if (ready.length > 0 && committed < inFlight && (hungry || lastOnes || ready.length >= inFlight / 2)) {
      const batch = ready.splice(0, inFlight - committed);
      committed += batch.length;
      // Write-ahead: not one of them goes to SMTP before all their intents are on disk.
      ctx.journal.write(batch.flatMap((b) => lines(b.email, 'intent', { subject: b.email.subject, to: [...b.email.to] })), 'now').then(
        () => batch.forEach(hand),
        (err: Error) => {
          stopped ??= `the journal could not be written (${err.message})`;
          for (const b of batch) {
            committed--;
            finish(b.email, { status: 'failed', messageId: b.email.messageId, error: `not sent: ${stopped}`, file: null }, []);
          }
          pump();
        },
      );
    }
  };

  pump();
  return done;
}

/** Composes the message once: these very bytes go out, and into the archive. */
async function build(email: OutgoingEmail, ctx: Context): Promise<Built> {
  const node = composeMessage(email, ctx.options.now());
  const { from, to } = node.getEnvelope();
  if (!from) throw new Error(`no sender address in ${JSON.stringify(email.from)}`);
  const clients = addressesOf(node.getAddresses().to ?? []);
  if (clients.length === 0) throw new Error(`no recipient address in ${JSON.stringify(email.to.join(', '))}`);
  const raw = await node.build();
  return { email, raw, envelope: { from, to }, clients };
}

function addressesOf(list: readonly MimeNodeAddress[]): string[] {
  return list.flatMap((a) => (a.group ? addressesOf(a.group) : a.address ? [a.address.toLowerCase()] : []));
}

/** Recipients the server refused while it took the message for the others. */
function refusedRecipients(info: SMTPPoolSentMessageInfo, scrub: (t: string) => string): string | null {
  if (!info.rejected || info.rejected.length === 0) return null;
  const errors = (info as { rejectedErrors?: { message?: string }[] }).rejectedErrors ?? [];
  const why = errors.map((e) => e.message ?? '').filter((m) => m !== '');
  return scrub(`refused ${info.rejected.join(', ')}${why.length > 0 ? `: ${why.join('; ')}` : ''}`);
}

async function writeLetter(todo: Todo, options: LiveOutboxOptions): Promise<string> {
  const file = letterPath(options.journalPath, options.today, todo.action.invoices.map((i) => i.number), todo.action.step.id);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, todo.text);
  return file;
}

function entry(ctx: Context, type: JournalEntry['type'], invoice: string, step: string, fields: Partial<JournalEntry>): JournalEntry {
  return journalEntry({ ...fields, type, invoice, step, date: ctx.options.today, at: ctx.options.now(), run: ctx.options.run });
}

/** A file name from an id or an invoice number: no separators, no surprises. */
function safeName(text: string): string {
  return text.replace(/[^A-Za-z0-9._@+=-]/g, '_').replace(/^\.+/, '_');
}

// ------------------------------------------------------------------ journal

/**
 * Group commit: every line asked for while one write is on its way to disk goes out
 * together in the next (one write, one fdatasync). Intents are urgent: SMTP waits for
 * them. Outcomes ride along with the next intents, or go after LAZY_MS on their own: a
 * crash that loses one leaves its step uncertain, never sent twice. Each promise resolves
 * once its lines are on disk.
 */
class GroupCommit {
  private writer: Promise<JournalWriter> | null = null;
  private queue: { entries: readonly JournalEntry[]; resolve: () => void; reject: (err: unknown) => void }[] = [];
  private flushing: Promise<void> | null = null;
  /** Something queued must go now (an intent, the timer, close). */
  private due = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly path: string) {}

  write(entries: readonly JournalEntry[], urgency: 'now' | 'soon'): Promise<void> {
    if (entries.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.queue.push({ entries, resolve, reject });
      if (urgency === 'now') this.kick();
      else this.timer ??= setTimeout(() => this.kick(), LAZY_MS);
    });
  }

  private kick(): void {
    this.due = true;
    this.flushing ??= this.flush();
  }

  private async flush(): Promise<void> {
    // One turn of the event loop first: what else is ready now joins this write.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.due && this.queue.length > 0) {
      this.due = false;
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      const group = this.queue.splice(0);
      try {
        this.writer ??= openJournal(this.path);
        await (await this.writer).append(group.flatMap((g) => g.entries));
        for (const g of group) g.resolve();
      } catch (err) {
        for (const g of group) g.reject(err);
      }
    }
    // In the same turn as the check above: a write from now on starts a new flush.
    this.flushing = null;
    if (this.queue.length > 0) this.timer ??= setTimeout(() => this.kick(), LAZY_MS);
  }

  async close(): Promise<void> {
    if (this.queue.length > 0) this.kick();
    while (this.flushing) await this.flushing;
    const writer = this.writer;
    this.writer = null;
    if (writer) await (await writer).close();
  }
}
