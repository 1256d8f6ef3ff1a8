// The real outbox: e-mails over SMTP (send-pipeline.ts), each archived in the day's mbox
// (archive.ts) with the journal group-committed (group-commit.ts); to-dos into the
// journal, letters into `.relance/letters/`. What goes wrong once messages may have left
// (the journal, the archive, the letters folder) is told with what was sent, never
// thrown: a run that sent something does not end as if nothing had been.

import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Day } from '../domain/dates.js';
import { formatIsoDay } from '../domain/dates.js';
import type { JournalEntry } from '../domain/journal-entry.js';
import { journalEntry } from '../domain/journal-entry.js';
import type { Config } from '../io/config.js';
import { failureReason } from '../io/whole-append.js';
import { openArchive } from './archive.js';
import { GroupCommit } from './group-commit.js';
import { letterBytes, lettersFolder } from './letter-file.js';
import type { Todo } from './message.js';
import type { Outbox, Outcome } from './outbox.js';
import { RunIncidents } from './run-incidents.js';
import { sendAll } from './send-pipeline.js';
import type { SmtpTuning } from './smtp.js';
import { closePool, DEFAULT_TUNING, smtpSettings, smtpTransport, tuningFor } from './smtp.js';
import type { ProbeResult } from './smtp-probe.js';
import { probeServer } from './smtp-probe.js';

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
  /** Pool size and timeouts: DEFAULT_TUNING, then mail.timeouts and mail.retry_seconds, then these (tests shorten them). */
  smtp?: Partial<SmtpTuning>;
  /** Aborted on SIGTERM or SIGINT (its reason, the signal's name): the run stops handing messages to SMTP. */
  stop?: AbortSignal | null;
  /** A path as the user names it, in messages (default: as it is). */
  display?: (path: string) => string;
}

/**
 * The SMTP outbox. Throws InputError (exit 2, nothing sent) when the server's URL is
 * missing or unusable. Nothing connects, and nothing is created, before the first message.
 */
export async function liveOutbox(options: LiveOutboxOptions): Promise<Outbox> {
  const settings = smtpSettings(options.config, options.env);
  const tuning: SmtpTuning = { ...DEFAULT_TUNING, ...tuningFor(options.config.mail), ...options.smtp };
  const pool = smtpTransport(settings, tuning);
  // One login before the pool opens its connections, the first time messages are sent.
  let probe: { result: Promise<ProbeResult>; cancel: () => void } | null = null;
  const display = options.display ?? ((path: string) => path);
  const archive = openArchive(options.journalPath, options.today);
  const incidents = new RunIncidents({ journal: display(options.journalPath), archive: display(archive.file) }, archive.file);
  // The archive is made durable in each group commit, before the `sent` lines of its messages.
  const journal = new GroupCommit(options.journalPath, () => archive.sync().catch((err: unknown) => incidents.syncFailed(err)));
  const entry = (type: JournalEntry['type'], invoice: string, step: string, fields: Partial<JournalEntry>): JournalEntry =>
    journalEntry({ ...fields, type, invoice, step, date: options.today, at: options.now(), run: options.run });

  return {
    send: (emails, report) =>
      sendAll(emails, report, {
        settings,
        tuning,
        pool,
        journal,
        now: options.now,
        lines: (email, type, fields) => email.action.invoices.map((i) => entry(type, i.number, email.action.step.id, { channel: 'email', message_id: email.messageId, ...fields })),
        archive: (email, raw) =>
          archive.append(raw).then(
            () => archive.file,
            (err: unknown) => {
              incidents.notArchived(email, err);
              return null;
            },
          ),
        sentRecorded: (email, archived) => {
          if (archived) incidents.sentAndArchived(email);
        },
        journalFailed: (err) => incidents.journalFailed(err),
        progress: options.progress,
        stop: options.stop ?? null,
        probe: () => (probe ??= probeServer(settings, tuning)).result,
      }),

    async issue(todos, report) {
      // A letter that cannot be written is not issued: the next run writes it again.
      const letters = await Promise.all(todos.map((todo) => (todo.channel === 'letter' ? writeLetter(todo, options, display) : { file: null, error: null })));
      const issued = todos.filter((_, i) => letters[i]!.error === null);
      let notIssued: string | null = null;
      try {
        await journal.write(
          issued.flatMap((todo) => todo.action.invoices.map((invoice) => entry('issued', invoice.number, todo.action.step.id, { channel: todo.channel, subject: todo.subject, note: todo.title }))),
          'now',
        );
      } catch (err) {
        incidents.journalFailed(err);
        notIssued = `not issued: the journal could not be written (${failureReason(err)})`;
      }
      todos.forEach((todo, i) => {
        const { file, error } = letters[i]!;
        const outcome: Outcome =
          error !== null || notIssued !== null
            ? { status: 'failed', messageId: null, error: error ?? notIssued, file: null }
            : { status: 'todo', messageId: null, error: null, file };
        report(todo, outcome);
      });
    },

    async close() {
      // Nothing is waiting for an answer any more (a stopped run gave up on the late ones).
      probe?.cancel();
      closePool(pool);
      await journal.close().catch((err: unknown) => incidents.journalFailed(err));
      await archive.close().catch((err: unknown) => incidents.syncFailed(err));
      return incidents.all();
    },
  };
}

/** `.relance/letters/<today>_<invoice numbers>_<step>.pdf` (`.txt` for a letter without its document), beside the journal. */
export function letterPath(journalPath: string, today: Day, numbers: readonly string[], step: string, extension: 'pdf' | 'txt' = 'pdf'): string {
  return join(lettersFolder(journalPath), `${formatIsoDay(today)}_${numbers.map(safeName).join('+')}_${safeName(step)}.${extension}`);
}

async function writeLetter(todo: Todo, options: LiveOutboxOptions, display: (path: string) => string): Promise<{ file: string | null; error: string | null }> {
  const file = letterPath(options.journalPath, options.today, todo.action.invoices.map((i) => i.number), todo.action.step.id, todo.letter === null ? 'txt' : 'pdf');
  try {
    const bytes = await letterBytes(todo);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, bytes);
    return { file, error: null };
  } catch (err) {
    return { file: null, error: `the letter could not be written to ${display(file)}: ${failureReason(err)}` };
  }
}

/** A file name from an id or an invoice number: no separators, no surprises. */
function safeName(text: string): string {
  return text.replace(/[^A-Za-z0-9._@+=-]/g, '_').replace(/^\.+/, '_');
}
