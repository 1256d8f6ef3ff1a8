// What a run wrote to the journal, read back after an internal error: a bug must never
// leave the user guessing whether reminders went out. The journal is the record of it.

import type { JournalEntry } from '../domain/journal-entry.js';
import { readJournal } from './journal.js';

export interface JournalRun {
  /** The journal's path. */
  path: string;
  /** The `run` id the entries carry (`send`), or null: entries written since `since`. */
  run: string | null;
  since: Date;
}

/** One line a kind: "2 e-mails sent (F-1 relance-1, F-2 relance-1)". */
export async function journalAccount(run: JournalRun): Promise<string[]> {
  const { entries } = await readJournal(run.path).catch(() => ({ entries: [] as JournalEntry[] }));
  const mine = entries.filter((e) => (run.run !== null ? e.run === run.run : Date.parse(e.at) >= run.since.getTime()));
  if (mine.length === 0) return ['the journal has nothing from this run: nothing was sent or recorded'];
  const settled = new Set(mine.filter((e) => e.type !== 'intent').map((e) => `${e.invoice}\0${e.step}`));
  const groups: [string, JournalEntry[]][] = [
    ['e-mails sent', mine.filter((e) => e.type === 'sent')],
    ['e-mails failed', mine.filter((e) => e.type === 'failed')],
    ['e-mails uncertain (handed to the server, no answer recorded)', mine.filter((e) => e.type === 'intent' && !settled.has(`${e.invoice}\0${e.step}`))],
    ['to-dos issued', mine.filter((e) => e.type === 'issued')],
    ['records', mine.filter((e) => e.type === 'record')],
  ];
  return groups
    .filter(([, list]) => list.length > 0)
    .map(([what, list]) => {
      const named = list.map((e) => `${e.invoice} ${e.step ?? e.event ?? ''}`.trim()).sort();
      return `${list.length} ${what} (${named.slice(0, 5).join(', ')}${list.length > 5 ? ', …' : ''})`;
    });
}
