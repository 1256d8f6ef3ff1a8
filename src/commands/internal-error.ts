// A bug in relance, told as such: the error and its stack for the report, and what the
// journal holds of the run, so that nobody has to guess whether reminders went out.

import type { JournalRun } from '../io/journal-account.js';
import { journalAccount } from '../io/journal-account.js';

export async function internalErrorText(err: unknown, run: JournalRun | null): Promise<string> {
  const e = err instanceof Error ? err : new Error(String(err));
  const account = run === null ? ['this command sends and records nothing'] : await journalAccount(run);
  return [
    `relance: internal error: ${e.message}`,
    e.stack ?? '',
    `What this run did, from the journal: ${account.join('; ')}.`,
    'This is a bug in relance, not in your files (exit 70): please report it with the lines above. "relance log" shows the journal.',
    '',
  ].join('\n');
}
