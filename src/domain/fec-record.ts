// A FEC's open items (fec-ledger.ts) as invoice records, so that they go through the same
// validation, client directory and defaults as a CSV row:
//
// - number = the item's (PieceRef, else EcritureLib); client = the customer's name, and
//   `client_code` = its account (CompAuxNum, else CompteNum): the key of the directory;
// - the payments the ledger allocated, each with its date;
// - 416 (clients douteux) as `disputed`: the books hold it doubtful, no reminder;
// - an opening balance of unknown age (no invoice to date it by) as `paused` with no end,
//   due from the day the books were opened: listed, aged from that day, never reminded;
// - no due date (the FEC has none) unless a tool added a due-date column: the terms of the
//   directory or the config count from the issue date.
//
// What status must know besides (the unknown ages, the credits left over, the 416 items)
// is said in warnings at the FEC's lines.

import type { Day } from './dates.js';
import { formatFrenchDay, formatIsoDay } from './dates.js';
import type { FecCredit, FecOpenItem } from './fec-ledger.js';
import type { BalancesAsOf } from './invoice.js';
import type { InvoiceField } from './invoice-fields.js';
import type { Issue } from './issue.js';
import { warning } from './issue.js';
import { formatCents, formatEurosFr } from './money.js';
import type { RawField, RawInvoice } from './record-view.js';
import { formatCount } from './user-text.js';

const isUnknownAge = (item: FecOpenItem): boolean => item.flags.includes('opening-balance-unknown-age');

/** The record of one open item; `balancesAsOf` rides along to the invoice. */
export function fecItemRecord(item: FecOpenItem, balancesAsOf: BalancesAsOf): RawInvoice {
  const line = item.lines[0]!;
  const fields: Partial<Record<InvoiceField, RawField>> = {};
  const put = (field: InvoiceField, text: string) => {
    if (text !== '') fields[field] = { text, line };
  };
  const unknownAge = isUnknownAge(item);
  // Two accounts may each carry one opening balance labelled alike ("Solde à nouveau"): the account tells them apart.
  put('number', unknownAge ? `${item.number} ${item.customer}` : item.number);
  put('client', item.name === '' ? item.customer : item.name);
  put('client_code', item.customer);
  put('amount', formatCents(item.amount));
  put('issue_date', item.issueDate === null ? '' : formatIsoDay(item.issueDate));
  const due: Day | null = item.dueDate ?? (unknownAge ? item.entryDate : null);
  put('due_date', due === null ? '' : formatIsoDay(due));
  put('status', unknownAge ? 'paused' : item.flags.includes('doubtful') ? 'disputed' : '');
  return {
    line,
    fields,
    payments: item.payments.map((p) => ({ date: { text: formatIsoDay(p.date), line }, amount: { text: formatCents(p.amount), line }, line })),
    balancesAsOf,
  };
}

// Up to this many of a kind are told one by one (with their line); beyond, one line counts them.
const ONE_BY_ONE = 5;

/** What status must say of a FEC's items beyond their rows: unknown ages, doubtful ones, credits left over. */
export function fecItemWarnings(items: readonly FecOpenItem[], credits: readonly FecCredit[], file: string): Issue[] {
  const issues: Issue[] = [];
  const unknown = items.filter(isUnknownAge);
  const openingHint = 'have the opening entries detailed per invoice (à-nouveaux détaillés) in the accounting software, or chase these balances by hand';
  if (unknown.length <= ONE_BY_ONE) {
    for (const item of unknown) {
      const open = item.amount - item.payments.reduce((s, p) => s + p.amount, 0);
      issues.push(
        warning(
          file,
          item.lines[0],
          'PieceRef',
          `${item.customer} ${item.name}: an opening balance of ${formatEurosFr(item.amount)} (${formatEurosFr(open)} still open) of unknown age — no invoice number or date in the opening entry: listed as paused, aged from the opening of the books (${formatFrenchDay(item.entryDate)}), never reminded`,
          openingHint.replace('these balances', 'this balance'),
        ),
      );
    }
  } else {
    issues.push(
      warning(
        file,
        unknown[0]!.lines[0],
        'PieceRef',
        `${formatCount(unknown.length)} opening balances of unknown age (${named(unknown.map((i) => `${i.customer} ${i.name}`))}) — no invoice number or date in their opening entries: listed as paused, aged from the opening of the books, never reminded`,
        openingHint,
      ),
    );
  }
  const doubtful = items.filter((i) => i.flags.includes('doubtful'));
  if (doubtful.length > 0) {
    issues.push(
      warning(
        file,
        doubtful[0]!.lines[0],
        'CompteNum',
        `${formatCount(doubtful.length)} invoice${doubtful.length === 1 ? '' : 's'} on account 416 (clients douteux): listed as disputed, never reminded (${named(doubtful.map((i) => i.number))})`,
        'the books hold them doubtful: chase them by hand, or through a formal notice and the next steps',
      ),
    );
  }
  const creditHint = 'deduct it from the client’s next invoice or refund it; relance counts it nowhere';
  if (credits.length <= ONE_BY_ONE) {
    for (const credit of credits) {
      issues.push(warning(file, credit.lines[0], 'Credit', `${credit.customer} ${credit.name}: ${formatEurosFr(credit.amount)} of credit (receipts or credit notes) not allocated to any open invoice`, creditHint));
    }
  } else {
    const total = credits.reduce((s, c) => s + c.amount, 0);
    issues.push(
      warning(
        file,
        credits[0]!.lines[0],
        'Credit',
        `${formatCount(credits.length)} customers have credit (receipts or credit notes) not allocated to any open invoice, ${formatEurosFr(total)} in all (${named(credits.map((c) => `${c.customer} ${c.name} ${formatEurosFr(c.amount)}`))})`,
        creditHint.replace('it from the client’s next invoice or refund it', 'each from that client’s next invoice or refund it'),
      ),
    );
  }
  return issues;
}

/** The first few of a list, and how many more. */
function named(list: readonly string[]): string {
  const more = list.length - ONE_BY_ONE;
  return `${list.slice(0, ONE_BY_ONE).join(', ')}${more > 0 ? ` and ${formatCount(more)} more` : ''}`;
}
