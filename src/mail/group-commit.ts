// The journal as `send` writes it: group commit. Every line asked for while one write is
// on its way to disk goes out together in the next (one write, one fdatasync), and the
// day's archive is fdatasync'ed first, so that a `sent` line is never on disk before the
// archived copy of its message.

import type { JournalEntry } from '../domain/journal-entry.js';
import type { JournalWriter } from '../io/journal.js';
import { openJournal } from '../io/journal.js';

/** How long an outcome waits for the next intents to share their fdatasync. */
const LAZY_MS = 20;

/**
 * Intents are urgent: SMTP waits for them. Outcomes ride along with the next intents, or
 * go after LAZY_MS on their own: a crash that loses one leaves its step uncertain, never
 * sent twice. Each promise resolves once its lines are on disk, or rejects with the
 * journal's AppendError (the file left as it was).
 */
export class GroupCommit {
  private writer: Promise<JournalWriter> | null = null;
  private queue: { entries: readonly JournalEntry[]; resolve: () => void; reject: (err: unknown) => void }[] = [];
  private flushing: Promise<void> | null = null;
  /** Something queued must go now (an intent, the timer, close). */
  private due = false;
  private timer: NodeJS.Timeout | null = null;

  /** `beforeEachWrite` runs before each group is written (the archive's fdatasync); it must not throw. */
  constructor(
    private readonly path: string,
    private readonly beforeEachWrite: () => Promise<void> = async () => undefined,
  ) {}

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
        await this.beforeEachWrite();
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
    const opened = await writer?.catch(() => null); // a journal that never opened has told its error already
    if (opened) await opened.close();
  }
}
