// "Invoice N is not in the files": one message, whichever command is asked about an
// invoice that is not there, with the nearest number when one was mistyped.

import { closestName, didYouMean } from './closest.js';
import { quote } from './user-text.js';

export interface NotFound {
  message: string;
  hint: string;
}

export interface WhereLooked {
  /** The invoice files, as the user names them. */
  files: string;
  /** Errors in those files: an invoice on a bad row was not read. */
  fileErrors: number;
  /** The journal was looked in too (`log` shows an invoice the files no longer have). */
  journal?: boolean;
}

export function invoiceNotFound(number: string, known: Iterable<string>, where: WhereLooked): NotFound {
  const near = closestName(number, known);
  const broken = where.fileErrors > 0 ? ` (the invoice files have ${where.fileErrors} error${where.fileErrors === 1 ? '' : 's'}: "relance status" shows them)` : '';
  const message = where.journal
    ? `invoice ${quote(number)} is neither in the journal nor in the invoice files (${where.files})`
    : `invoice ${quote(number)} is not in the invoice files (${where.files})`;
  return { message, hint: (near === null ? '"relance status --all" lists the invoices' : didYouMean(near)) + broken };
}
