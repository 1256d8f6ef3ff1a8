// The compact table behind `status`: what goes in comes out, worst first.

import { describe, expect, it } from 'vitest';
import { parseIsoDay } from '../../src/domain/dates.js';
import type { StatusRow } from '../../src/domain/status.js';
import { StatusNotes } from '../../src/domain/status-notes.js';
import { StatusTable } from '../../src/domain/status-table.js';

const day = (iso: string) => parseIsoDay(iso)!;

function row(fields: Partial<StatusRow> & Pick<StatusRow, 'number'>): StatusRow {
  return {
    client: 'Client',
    status: 'open',
    balance: 100_00,
    dueDate: day('2026-10-01'),
    daysLate: 10,
    interest: 12,
    flatFee: 40_00,
    total: 100_00 + 12 + 40_00,
    provisional: false,
    lastStep: null,
    lastDate: null,
    nextStep: null,
    nextDate: null,
    nextUncertain: false,
    limitation: day('2031-10-01'),
    limitationState: 'ok',
    interestPaid: 0,
    principalLeft: 100_00,
    partlyPaid: false,
    ...fields,
  };
}

describe('StatusTable', () => {
  it('gives back every field as it was pushed, nulls included', () => {
    const table = new StatusTable();
    const rows = [
      row({ number: 'A', lastStep: 'relance-1', lastDate: day('2026-10-03'), nextStep: 'appel', nextDate: day('2026-10-08'), nextUncertain: true, status: 'disputed', limitationState: 'near' }),
      row({ number: 'B', balance: 2 ** 40, total: 2 ** 40 + 4000 }), // far beyond 32 bits: money stays exact
      row({ number: 'C', daysLate: 0, flatFee: 0, total: 100_12, client: 'Autre', provisional: true }),
    ];
    for (const r of rows) table.push(r);
    expect(table.length).toBe(3);
    expect([0, 1, 2].map((i) => table.row(i))).toEqual(rows);
  });

  it('grows past its first capacity', () => {
    const table = new StatusTable();
    for (let i = 0; i < 5000; i++) table.push(row({ number: `N-${i}`, daysLate: i % 97 }));
    expect(table.length).toBe(5000);
    expect(table.row(4999)).toEqual(row({ number: 'N-4999', daysLate: 4999 % 97 }));
  });

  it('orders worst first: the longest late, then the largest claim, then by number', () => {
    const table = new StatusTable();
    table.push(row({ number: 'B', daysLate: 5, total: 100 }));
    table.push(row({ number: 'A', daysLate: 5, total: 100 }));
    table.push(row({ number: 'C', daysLate: 5, total: 900 }));
    table.push(row({ number: 'D', daysLate: 40, total: 1 }));
    expect([...table.worstFirst()].map((i) => table.row(i).number)).toEqual(['D', 'C', 'A', 'B']);
  });
});

describe('StatusNotes', () => {
  it('says a provisional rate once, however many invoices use it', () => {
    const notes = new StatusNotes();
    for (const invoice of ['A', 'B', 'C']) notes.add({ kind: 'provisional', invoice, text: 'the B2B rate for 2026-H2 is provisional' });
    expect(notes.lines()).toEqual(['the B2B rate for 2026-H2 is provisional']);
  });

  it('tells a few notes one by one, and many of a kind as one line with a count', () => {
    const few = new StatusNotes();
    for (const invoice of ['P-1', 'P-2']) few.add({ kind: 'no-notice', invoice, text: 'no formal notice recorded' });
    expect(few.lines()).toEqual(['P-1: no formal notice recorded', 'P-2: no formal notice recorded']);

    const many = new StatusNotes();
    for (let i = 1; i <= 8; i++) many.add({ kind: 'limitation-past', invoice: `F-${i}`, text: 'time-barred' });
    expect(many.lines()).toEqual([
      '8 invoices are time-barred (F-1, F-2, F-3, F-4, F-5 and 3 more): their limitation_date has passed (5 years B2B, art. L110-4 C. com.; 2 years B2C, art. L218-2 C. conso.; 4 years for a public buyer) and they have left the reminder cycle',
    ]);
  });
});
