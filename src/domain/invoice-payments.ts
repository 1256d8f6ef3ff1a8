// The payments of one record, read by the invoice validator: a YAML `payments:` list (or
// the rows of one invoice merged, one per payment), a row's paid amount and date, or what
// its "Reste à payer" column implies.

import type { Day, ZoneOffset } from './dates.js';
import { parseDate } from './dates.js';
import type { InvoiceStatus, Payment } from './invoice.js';
import type { InvoiceField } from './invoice-fields.js';
import type { RecordView } from './record-view.js';
import type { Cents } from './money.js';
import { formatEurosFr, parseAmount } from './money.js';
import { quote } from './user-text.js';

/**
 * The payments of a record: a YAML `payments:` list, or the paid amount and date of a
 * CSV row, or what a "Reste à payer" column implies. A `paid` status with nothing else
 * means paid in full.
 */
export function readPayments(
  row: RecordView,
  text: (field: InvoiceField) => string,
  amount: Cents | null,
  status: InvoiceStatus | null,
  paidDate: Day | null,
  amountOf: (field: InvoiceField, value: string) => Cents | null,
  fail: (field: InvoiceField, message: string, hint: string) => null,
  failAt: (line: number, field: InvoiceField, message: string, hint: string) => null,
  zone?: ZoneOffset,
): Payment[] | null {
  const payments: Payment[] = [];
  let ok = true;
  for (const p of row.payments ?? []) {
    const dateText = p.date?.text.trim() ?? '';
    const amountText = p.amount?.text.trim() ?? '';
    const date = dateText === '' ? null : parseDate(dateText, zone);
    const cents = amountText === '' ? null : parseAmount(amountText);
    if (dateText !== '' && date === null) {
      ok = failAt(p.date?.line ?? p.line, 'paid_date', `payment date ${quote(dateText)} is not a real date`, 'write dd/mm/yyyy or yyyy-mm-dd') ?? false;
    }
    if (cents === null) {
      const message = amountText === '' ? 'a payment without an amount' : `payment ${quote(amountText)} is not an amount`;
      ok = failAt(p.amount?.line ?? p.line, 'paid_amount', message, 'give each payment a date and an amount, e.g. { date: 2026-10-20, amount: 1000 }') ?? false;
    } else {
      payments.push({ date, amount: cents });
    }
  }
  const paidText = text('paid_amount');
  const balanceText = text('balance');
  const paid = paidText === '' ? null : amountOf('paid_amount', paidText);
  const balance = balanceText === '' ? null : amountOf('balance', balanceText);
  if ((paidText !== '' && paid === null) || (balanceText !== '' && balance === null) || amount === null) return null;
  if (amount <= 0) return payments; // a credit note: not chased, nothing to check

  if (paid !== null && paid > 0) payments.push({ date: paidDate, amount: paid });
  if (balance !== null) {
    // Payments listed or in a column, and a balance: the three must agree.
    const listed = paid !== null || payments.length > 0;
    let paidSoFar = 0;
    for (const p of payments) paidSoFar += p.amount;
    if (listed && amount - paidSoFar !== balance) {
      return fail('balance', `${formatEurosFr(balance)} left to pay does not match ${formatEurosFr(amount)} minus ${formatEurosFr(paidSoFar)} paid`, 'correct one of the three amounts, or leave the balance column empty');
    }
    if (balance > amount) {
      return fail('balance', `${formatEurosFr(balance)} left to pay on an invoice of ${formatEurosFr(amount)}`, 'check the two amounts: what is left cannot be more than the invoice');
    }
    if (!listed && balance < amount) payments.push({ date: paidDate, amount: amount - balance });
  }
  let total = 0;
  for (const p of payments) total += p.amount;
  if (total > amount) {
    return fail(paidText ? 'paid_amount' : 'balance', `${formatEurosFr(total)} paid on an invoice of ${formatEurosFr(amount)}`, 'check the amounts; an overpayment or a credit note belongs on its own line');
  }
  if (status === 'paid' && total < amount) payments.push({ date: paidDate, amount: amount - total });
  return ok ? payments : null;
}
