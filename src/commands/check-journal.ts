// What \`relance check\` says of the journal beyond its lines being well formed: the steps
// a run left uncertain, the invoices whose e-mails were refused for good, and the e-mails
// it says were sent that the archive does not hold.

import { formatIsoDay } from '../domain/dates.js';
import type { History } from '../domain/history.js';
import type { Invoice } from '../domain/invoice.js';
import { bouncedText } from '../domain/invoice-summary.js';
import type { Issue } from '../domain/issue.js';
import { warning } from '../domain/issue.js';
import type { JournalEntry } from '../domain/journal-entry.js';
import { sentNotArchived } from '../mail/archive.js';
import { SETTLE_ALL, settleOne, whereToLook } from '../render/uncertain-steps.js';

/** Steps a run left without outcome: `send` reports them instead of sending again. */
export function uncertainIssues(histories: ReadonlyMap<string, History>, journalFile: string, bcc: string | null): Issue[] {
  const issues: Issue[] = [];
  for (const [invoice, history] of histories) {
    for (const u of history.uncertain) {
      issues.push(
        warning(journalFile, undefined, undefined, `${invoice}: step "${u.step}" of ${formatIsoDay(u.date)} is uncertain (a run stopped before knowing whether it was sent)`, `${whereToLook(u.messageId, bcc)}, then: ${settleOne(invoice, u.step)}`),
      );
    }
  }
  if (issues.length > 1) issues.push(warning(journalFile, undefined, undefined, `${issues.length} steps are uncertain`, SETTLE_ALL));
  return issues;
}

/** An invoice whose every address was refused for good: its e-mail steps are passed over until fixed. */
export function bouncedIssue(invoice: Invoice, history: History): Issue | null {
  const text = bouncedText(invoice, history);
  return text === null ? null : warning(invoice.source.file, invoice.source.line, 'email', `${invoice.number}: ${text}`, 'meanwhile relance send passes its e-mail steps over; its calls, letters and tasks still come');
}

/** How many e-mails missing from the archive are named one by one. */
const NAMED_UNARCHIVED = 10;

/** E-mails the journal says were sent that the archive does not hold: a later attach_previous would go without them. */
export async function archiveIssues(entries: readonly JournalEntry[], journalPath: string, journalFile: string, archiveFolder: string): Promise<Issue[]> {
  const missing = await sentNotArchived(journalPath, entries);
  const hint = 'it went out (the journal says so); the Bcc mailbox or the SMTP server\'s sent folder has a copy, the attach_previous of a later step will go without it';
  const issues = missing
    .slice(0, NAMED_UNARCHIVED)
    .map((e) => warning(journalFile, undefined, undefined, `${e.invoice}: the e-mail sent on ${e.date} (${e.step}, Message-ID ${e.message_id}) is not in ${archiveFolder}/`, hint));
  if (missing.length > NAMED_UNARCHIVED) {
    issues.push(warning(journalFile, undefined, undefined, `and ${missing.length - NAMED_UNARCHIVED} more e-mails sent are not in ${archiveFolder}/`, hint));
  }
  return issues;
}
