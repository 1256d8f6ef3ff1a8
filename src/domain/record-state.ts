// What a record's status word, its paid flag ("Payée: Oui") and its amounts make of it,
// before its payments are read: the state, where the paid amount is written, what a credit
// note has left to give. Pure helpers of invoice-facts.ts.

import type { InvoiceStatus } from './invoice.js';
import type { InvoiceField } from './invoice-fields.js';
import type { Cents } from './money.js';
import { parseAmount } from './money.js';
import { formatCount, quote } from './user-text.js';
import type { StatusMeaning } from './vocabulary.js';
import { settledFlagOf } from './vocabulary.js';

type Fail = (field: InvoiceField, message: string, hint: string) => null;

/** The `settled` flag and the paid amount, whichever column each is in: a "Payé: Oui" or a "Payée: 1 200,00". */
export function paidColumns(text: (field: InvoiceField) => string, fail: Fail): { settled: boolean | null; text: (field: InvoiceField) => string } | null {
  const paidText = text('paid_amount');
  const settledText = text('settled');
  let settled: boolean | null = null;
  let paidAmount = paidText;
  // A paid amount has digits; "Oui", "Non", "yes" have none (1 and 0 in a paid column are amounts).
  if (paidText !== '' && !/\d/.test(paidText)) {
    const flag = settledFlagOf(paidText);
    if (flag !== null) {
      settled = flag;
      paidAmount = '';
    }
  }
  if (settledText === '' && paidAmount === paidText) return { settled, text };
  if (settledText !== '') {
    const flag = settledFlagOf(settledText);
    if (flag !== null) settled = flag;
    else if (paidAmount === '' && parseAmount(settledText) !== null) paidAmount = settledText;
    else return fail('settled', `${quote(settledText)} is not understood`, 'write Oui or Non (1/0, yes/no, true/false work too)');
  }
  if (paidAmount === paidText) return { settled, text };
  return { settled, text: (field) => (field === 'paid_amount' ? paidAmount : text(field)) };
}

/** The state a record's status word and paid flag make, before its payments are counted. */
export function stateOf(meaning: StatusMeaning, settled: boolean | null, text: (field: InvoiceField) => string, fail: Fail): InvoiceStatus | null {
  if (settled === false && meaning === 'paid') return fail('settled', `the status says paid and ${quote(text('settled') || text('paid_amount'))} says not`, 'correct one of the two');
  if (settled === true && (meaning === 'open' || meaning === 'partly-paid')) return 'paid';
  if (meaning === 'partly-paid' || meaning === 'credit' || meaning === 'draft') return 'open';
  return meaning;
}

/** What a credit note has left to give: its balance when the file gives one, else its whole amount (0 once settled). */
export function creditLeft(text: (field: InvoiceField) => string, amount: Cents, meaning: StatusMeaning | null, amountOf: (field: InvoiceField, value: string) => Cents | null): Cents | null {
  const balanceText = text('balance');
  if (balanceText !== '') {
    const balance = amountOf('balance', balanceText);
    return balance === null ? null : Math.min(Math.abs(balance), Math.abs(amount));
  }
  if (meaning === 'paid' || settledFlagOf(text('settled')) === true) return 0;
  const paidText = text('paid_amount');
  const paid = paidText === '' || settledFlagOf(paidText) !== null ? 0 : amountOf('paid_amount', paidText);
  return paid === null ? null : Math.max(0, Math.abs(amount) - Math.abs(paid));
}

/** Lines of one kind in a file (drafts, unknown balances), for one note: a count and the first ones. */
export class LineList {
  count = 0;
  firstLine: number | undefined;
  readonly numbers: string[] = [];
  private readonly lines: number[] = [];
  add(line: number, number: string): void {
    this.count += 1;
    this.firstLine ??= line;
    if (this.lines.length < 5) {
      this.lines.push(line);
      if (number !== '') this.numbers.push(number);
    }
  }
  /** "2 drafts (F-3, F-7, lines 8, 12)", then the verb for one or many. */
  describe(one: string, many: string, verb: readonly [string, string] = ['', '']): string {
    const lines = `line${this.count === 1 ? '' : 's'} ${this.lines.join(', ')}${this.count > this.lines.length ? '…' : ''}`;
    const named = this.numbers.length > 0 ? `${this.numbers.join(', ')}${this.count > this.numbers.length ? '…' : ''}, ` : '';
    const said = this.count === 1 ? verb[0] : verb[1];
    return `${formatCount(this.count)} ${this.count === 1 ? one : many} (${named}${lines})${said === '' ? '' : ` ${said}`}`;
  }
}

