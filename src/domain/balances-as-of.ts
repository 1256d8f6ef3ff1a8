// Files that are snapshots (a FEC shows the books on its closing date): what status says of
// them — the day their balances stand on, that the interest to today is computed on those
// balances — and the warning once today is more than a week later, when payments received
// since are likely and unknown.

import type { Day } from './dates.js';
import { formatFrenchDay } from './dates.js';
import type { BalancesAsOf, Invoice } from './invoice.js';
import type { Issue } from './issue.js';
import { warning } from './issue.js';

/** Past this many days after the snapshot, status and send warn. */
export const STALE_AFTER_DAYS = 7;

export interface Snapshot {
  file: string;
  asOf: BalancesAsOf;
}

/** The snapshot files among the invoices read, one each, in the order first seen. */
export class Snapshots {
  private readonly byFile = new Map<string, BalancesAsOf>();

  add(invoice: Pick<Invoice, 'balancesAsOf' | 'source'>): void {
    if (invoice.balancesAsOf !== null && !this.byFile.has(invoice.source.file)) this.byFile.set(invoice.source.file, invoice.balancesAsOf);
  }

  list(): Snapshot[] {
    return [...this.byFile].map(([file, asOf]) => ({ file, asOf }));
  }
}

const FROM: Record<BalancesAsOf['from'], string> = { 'file-name': 'the closing date in its name', 'last-entry': 'its last entry' };

/** The line status prints under its title for each snapshot. */
export function snapshotLine(s: Snapshot, today: Day): string {
  return `${s.file}: a FEC, balances as of ${formatFrenchDay(s.asOf.day)} (${FROM[s.asOf.from]}) — the interest to ${formatFrenchDay(today)} is computed on the FEC's balances`;
}

/** A snapshot more than a week old: the payments since are not in it. */
export function staleSnapshotIssues(snapshots: readonly Snapshot[], today: Day): Issue[] {
  return snapshots
    .filter((s) => today - s.asOf.day > STALE_AFTER_DAYS)
    .map((s) =>
      warning(
        s.file,
        undefined,
        undefined,
        `the FEC's balances are as of ${formatFrenchDay(s.asOf.day)}, ${today - s.asOf.day} days before today: payments received since then are not in it`,
        'export a newer FEC, or check these balances against the bank, before reminding anyone',
      ),
    );
}
