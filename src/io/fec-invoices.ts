// A FEC as an invoice file: its open receivables on its own date (fec-file.ts) turned into
// records (domain/fec-record.ts), each carrying that date, for the shared validation.

import type { BalancesAsOf } from '../domain/invoice.js';
import type { Issue } from '../domain/issue.js';
import type { RecordView } from '../domain/record-view.js';
import { rawInvoiceView } from '../domain/record-view.js';
import { fecItemRecord, fecItemWarnings } from '../domain/fec-record.js';
import { readFecReceivables } from './fec-file.js';

export async function readFecInvoices(path: string, file: string, accounts: readonly string[] | undefined, onRecord: (row: RecordView) => void): Promise<Issue[]> {
  const read = await readFecReceivables(path, file, accounts === undefined ? {} : { accounts });
  const issues = read.issues;
  if (read.asOf === null) return issues;
  // One object for the whole file: a million records share it.
  const balancesAsOf: BalancesAsOf = { day: read.asOf, from: read.asOfFrom === 'file-name' ? 'file-name' : 'last-entry' };
  for (const item of read.items) onRecord(rawInvoiceView(fecItemRecord(item, balancesAsOf)));
  for (const issue of fecItemWarnings(read.items, read.credits, file)) issues.push(issue);
  return issues;
}
