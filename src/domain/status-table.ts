// The rows of `status`, kept column by column in typed arrays: a million invoices in
// about a hundred megabytes, where as many row objects take several hundred.

import type { InvoiceStatus } from './invoice.js';
import { INVOICE_STATUSES } from './invoice.js';
import type { StatusRow } from './status.js';

const NONE = -0x80000000; // an absent day or step in an Int32Array

class Column<T extends Int32Array | Float64Array | Uint8Array> {
  constructor(public data: T) {}
  grow(capacity: number): void {
    const bigger = new (this.data.constructor as new (n: number) => T)(capacity);
    bigger.set(this.data);
    this.data = bigger;
  }
}

export class StatusTable {
  length = 0;
  private capacity = 1024;
  private readonly numbers: string[] = [];
  private readonly clients: string[] = [];
  /** Client names repeat: one string each, shared by its rows. */
  private readonly clientNames = new Map<string, string>();
  /** Step ids, by their index in the int columns. */
  private readonly steps: string[] = [];
  private readonly stepIndex = new Map<string, number>();
  private readonly status = new Column(new Uint8Array(this.capacity));
  private readonly money = {
    balance: new Column(new Float64Array(this.capacity)),
    interest: new Column(new Float64Array(this.capacity)),
    flatFee: new Column(new Float64Array(this.capacity)),
    total: new Column(new Float64Array(this.capacity)),
    interestPaid: new Column(new Float64Array(this.capacity)),
    principalLeft: new Column(new Float64Array(this.capacity)),
  };
  private readonly ints = {
    dueDate: new Column(new Int32Array(this.capacity)),
    daysLate: new Column(new Int32Array(this.capacity)),
    lastStep: new Column(new Int32Array(this.capacity)),
    lastDate: new Column(new Int32Array(this.capacity)),
    nextStep: new Column(new Int32Array(this.capacity)),
    nextDate: new Column(new Int32Array(this.capacity)),
    limitation: new Column(new Int32Array(this.capacity)),
  };
  private readonly limitationState = new Column(new Uint8Array(this.capacity));
  private readonly nextUncertain = new Column(new Uint8Array(this.capacity));
  private readonly provisional = new Column(new Uint8Array(this.capacity));
  private readonly partlyPaid = new Column(new Uint8Array(this.capacity));

  push(row: StatusRow): void {
    if (this.length === this.capacity) this.grow();
    const i = this.length++;
    this.numbers.push(row.number);
    let client = this.clientNames.get(row.client);
    if (client === undefined) this.clientNames.set(row.client, (client = row.client));
    this.clients.push(client);
    this.status.data[i] = INVOICE_STATUSES.indexOf(row.status);
    this.money.balance.data[i] = row.balance;
    this.money.interest.data[i] = row.interest;
    this.money.flatFee.data[i] = row.flatFee;
    this.money.total.data[i] = row.total;
    this.ints.dueDate.data[i] = row.dueDate;
    this.ints.daysLate.data[i] = row.daysLate;
    this.ints.lastStep.data[i] = this.step(row.lastStep);
    this.ints.lastDate.data[i] = row.lastDate ?? NONE;
    this.ints.nextStep.data[i] = this.step(row.nextStep);
    this.ints.nextDate.data[i] = row.nextDate ?? NONE;
    this.ints.limitation.data[i] = row.limitation;
    this.limitationState.data[i] = LIMITATION_STATES.indexOf(row.limitationState);
    this.nextUncertain.data[i] = row.nextUncertain ? 1 : 0;
    this.provisional.data[i] = row.provisional ? 1 : 0;
    this.money.interestPaid.data[i] = row.interestPaid;
    this.money.principalLeft.data[i] = row.principalLeft;
    this.partlyPaid.data[i] = row.partlyPaid ? 1 : 0;
  }

  /** Row `i` as an object again, for printing (one at a time: short-lived). */
  row(i: number): StatusRow {
    const day = (d: number) => (d === NONE ? null : d);
    const step = (s: number) => (s === NONE ? null : this.steps[s]!);
    return {
      number: this.numbers[i]!,
      client: this.clients[i]!,
      status: INVOICE_STATUSES[this.status.data[i]!] as InvoiceStatus,
      balance: this.money.balance.data[i]!,
      dueDate: this.ints.dueDate.data[i]!,
      daysLate: this.ints.daysLate.data[i]!,
      interest: this.money.interest.data[i]!,
      flatFee: this.money.flatFee.data[i]!,
      total: this.money.total.data[i]!,
      provisional: this.provisional.data[i] === 1,
      lastStep: step(this.ints.lastStep.data[i]!),
      lastDate: day(this.ints.lastDate.data[i]!),
      nextStep: step(this.ints.nextStep.data[i]!),
      nextDate: day(this.ints.nextDate.data[i]!),
      nextUncertain: this.nextUncertain.data[i] === 1,
      limitation: this.ints.limitation.data[i]!,
      limitationState: LIMITATION_STATES[this.limitationState.data[i]!]!,
      interestPaid: this.money.interestPaid.data[i]!,
      principalLeft: this.money.principalLeft.data[i]!,
      partlyPaid: this.partlyPaid.data[i] === 1,
    };
  }

  /** The row indexes worst first: the longest late, then the largest claim, then by number. */
  worstFirst(): Int32Array {
    const order = new Int32Array(this.length);
    for (let i = 0; i < this.length; i++) order[i] = i;
    const late = this.ints.daysLate.data;
    const total = this.money.total.data;
    const numbers = this.numbers;
    return order.sort((a, b) => late[b]! - late[a]! || total[b]! - total[a]! || (numbers[a]! < numbers[b]! ? -1 : numbers[a]! > numbers[b]! ? 1 : 0));
  }

  private step(id: string | null): number {
    if (id === null) return NONE;
    let index = this.stepIndex.get(id);
    if (index === undefined) this.stepIndex.set(id, (index = this.steps.push(id) - 1));
    return index;
  }

  private grow(): void {
    this.capacity *= 2;
    for (const column of [this.status, this.limitationState, this.nextUncertain, this.provisional, this.partlyPaid, ...Object.values(this.money), ...Object.values(this.ints)]) column.grow(this.capacity);
  }
}

const LIMITATION_STATES = ['ok', 'near', 'past'] as const;
