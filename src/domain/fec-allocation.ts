// How a customer's credits (receipts, credit notes, advances) pay its invoices in a FEC:
// the invoice a credit names first, on its own account first; then the oldest open ones.
// Each payment keeps the credit's date, as a payment in an invoice file does.

import type { Day } from './dates.js';
import type { Cents } from './money.js';

/** A credit waiting to be allocated: what is left of it, and the references it may name. */
export interface Credit {
  date: Day;
  left: Cents;
  line: number;
  account: string;
  refs: string[];
}

/** An invoice as allocation sees it (a FecOpenItem). */
export interface Payable {
  account: string;
  number: string;
  /** null: older than anything dated (an opening balance of unknown age). */
  issueDate: Day | null;
  amount: Cents;
  payments: { date: Day; amount: Cents }[];
  /** The invoice's line first: the FEC lines of the credits that pay it are added. */
  lines: number[];
}

export function paidOf(item: Payable): Cents {
  let paid = 0;
  for (const p of item.payments) paid += p.amount;
  return paid;
}

/** An invoice while credits are allocated: what is still open on it. */
interface Open {
  item: Payable;
  open: Cents;
}

/** Invoices in age order with a cursor past the paid ones: a credit costs no rescan of them. */
class Queue {
  private cursor = 0;
  constructor(private readonly list: Open[]) {}
  /** Pays the oldest open invoices with `p` until it is spent. */
  payFrom(p: Credit): void {
    while (p.left > 0 && this.cursor < this.list.length) {
      const o = this.list[this.cursor]!;
      pay(o, p);
      if (o.open === 0) this.cursor++;
    }
  }
}

/**
 * Each credit pays the open invoice it names (on its own account first), then the oldest
 * open ones of its own account, then the oldest of the others.
 */
export class Allocator {
  private readonly byNumber = new Map<string, Open[]>();
  private readonly byAccount = new Map<string, Queue>();
  private readonly all: Queue;

  constructor(items: readonly Payable[]) {
    const opens = items.map((item) => ({ item, open: item.amount - paidOf(item) })).sort((a, b) => byAge(a.item, b.item));
    this.all = new Queue(opens);
    const accounts = new Map<string, Open[]>();
    for (const o of opens) {
      const key = o.item.number.toLowerCase();
      const named = this.byNumber.get(key);
      if (named) named.push(o);
      else this.byNumber.set(key, [o]);
      const list = accounts.get(o.item.account);
      if (list) list.push(o);
      else accounts.set(o.item.account, [o]);
    }
    for (const [account, list] of accounts) this.byAccount.set(account, new Queue(list));
  }

  allocate(p: Credit): void {
    for (const ref of p.refs) {
      const named = this.byNumber.get(ref);
      if (!named) continue;
      for (const o of named) if (o.item.account === p.account) pay(o, p);
      for (const o of named) pay(o, p);
    }
    this.byAccount.get(p.account)?.payFrom(p);
    this.all.payFrom(p);
  }
}

/** Age order: unknown age first (it is older than the year), then issue date, then line. */
function byAge(a: Payable, b: Payable): number {
  if (a.issueDate !== b.issueDate) return a.issueDate === null ? -1 : b.issueDate === null ? 1 : a.issueDate - b.issueDate;
  return a.lines[0]! - b.lines[0]!;
}

function pay(o: Open, p: Credit): void {
  if (p.left === 0 || o.open === 0) return;
  const amount = Math.min(o.open, p.left);
  o.item.payments.push({ date: p.date, amount });
  if (!o.item.lines.includes(p.line)) o.item.lines.push(p.line);
  o.open -= amount;
  p.left -= amount;
}
