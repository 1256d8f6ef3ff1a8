// What went wrong during a real run beside each message's own outcome: the journal, or
// the archive, could not be written. Gathered as the run goes, told once it ends, each
// with what it means for the messages sent; and after the run, the archive read back to
// check that it holds every message the journal says was sent.

import { readFile } from 'node:fs/promises';
import { AppendError, failureReason } from '../io/whole-append.js';
import { archivedIds } from './archive.js';
import type { OutgoingEmail } from './message.js';
import type { Incident } from './outbox.js';

/** How many messages an incident names before it says how many more. */
const NAMED = 20;

export class RunIncidents {
  private journal: Incident | null = null;
  private readonly unwritten = new Map<string, OutgoingEmail[]>();
  private syncFailure: string | null = null;
  /** Sent, archived, and their `sent` lines on disk: what the archive must hold. */
  private readonly archived: OutgoingEmail[] = [];

  /** `journal` and `archive` as the messages name them; `archiveFile` as it is opened. */
  constructor(
    private readonly shown: { journal: string; archive: string },
    private readonly archiveFile: string,
  ) {}

  /** The first failure stops the run: it alone is told. */
  journalFailed(err: unknown): void {
    if (this.journal !== null) return;
    const state =
      err instanceof AppendError && !err.restored
        ? 'its last line may be torn (the next run ignores it with a warning)'
        : err instanceof AppendError
          ? 'the journal is as it was before that write'
          : 'nothing was written to it';
    this.journal = {
      file: this.shown.journal,
      message: `could not be written: ${failureReason(err)} — sending stopped at once, and ${state}; once it can be written again (room on the disk, the file's rights), run relance send again`,
    };
  }

  notArchived(email: OutgoingEmail, err: unknown): void {
    const reason = failureReason(err);
    const list = this.unwritten.get(reason);
    if (list) list.push(email);
    else this.unwritten.set(reason, [email]);
  }

  syncFailed(err: unknown): void {
    this.syncFailure ??= failureReason(err);
  }

  sentAndArchived(email: OutgoingEmail): void {
    this.archived.push(email);
  }

  /** Every incident of the run, the archive read back first. */
  async all(): Promise<Incident[]> {
    const incidents: Incident[] = this.journal === null ? [] : [this.journal];
    const file = this.shown.archive;
    const missed = 'they went out and the journal says so, but the attach_previous of a later step will miss them';
    for (const [reason, emails] of this.unwritten) {
      incidents.push({ file, message: `could not be written: ${reason} — ${count(emails.length)} sent ${emails.length === 1 ? 'is' : 'are'} not in it (${named(emails)}): ${missed}` });
    }
    if (this.syncFailure !== null) {
      incidents.push({ file, message: `could not be flushed to disk: ${this.syncFailure} — the e-mails went out; a crash of the machine may lose their archived copies` });
    }
    const missing = await this.notInArchive();
    if (missing.length > 0) {
      incidents.push({ file, message: `${count(missing.length)} sent by this run ${missing.length === 1 ? 'is' : 'are'} not in it (${named(missing)}): ${missed}` });
    }
    return incidents;
  }

  /** The messages archived by this run that the archive, read back, does not hold. */
  private async notInArchive(): Promise<OutgoingEmail[]> {
    if (this.archived.length === 0) return [];
    const ids = await readFile(this.archiveFile, 'latin1').then(archivedIds, () => new Set<string>());
    return this.archived.filter((e) => !ids.has(e.messageId));
  }
}

function count(n: number): string {
  return `${n} e-mail${n === 1 ? '' : 's'}`;
}

/** `F-1 <id1>, F-2 <id2>` — and how many more, past NAMED. */
function named(emails: readonly OutgoingEmail[]): string {
  const names = emails.slice(0, NAMED).map((e) => `${e.action.invoices.map((i) => i.number).join('+')} ${e.messageId}`);
  const more = emails.length - NAMED;
  return more > 0 ? `${names.join(', ')} and ${more} more: relance check lists them all` : names.join(', ');
}
