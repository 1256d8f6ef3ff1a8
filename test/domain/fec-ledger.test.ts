// The open receivables of a FEC's customer lines on a given day, as tables: lettering,
// allocation of credits, 416 and 419, opening entries, currencies and dates.

import { describe, expect, it } from 'vitest';
import { formatIsoDay } from '../../src/domain/dates.js';
import type { FecLedger } from '../../src/domain/fec-ledger.js';
import { computeFecLedger, fecClosingDate, isPlaceholderRef } from '../../src/domain/fec-ledger.js';
import type { FecLine } from '../../src/domain/fec-line.js';
import { day } from '../helpers/factories.js';

type LineFields = Partial<Omit<FecLine, 'entryDate' | 'pieceDate' | 'letterDate' | 'amount'>> & {
  /** EcritureDate, and PieceDate unless `piece` says otherwise. */
  date?: string;
  piece?: string | null;
  /** DateLet. */
  lettered?: string;
  debit?: number;
  credit?: number;
};

/** A 411 line of customer C1 "Alpha", dated 2026-01-10, on line `line` (required: it names the line in results). */
function l(line: number, o: LineFields): FecLine {
  const { date = '2026-01-10', piece, lettered, debit = 0, credit = 0, ...rest } = o;
  return {
    line,
    journal: 'VE',
    opening: false,
    entry: String(line),
    entryDate: day(date),
    account: '411000',
    accountLabel: 'Clients',
    auxAccount: 'C1',
    auxLabel: 'Alpha',
    pieceRef: `F${line}`,
    pieceDate: piece === null ? null : day(piece ?? date),
    label: `Facture F${line}`,
    amount: Math.round(debit * 100) - Math.round(credit * 100),
    letter: '',
    letterDate: lettered ? day(lettered) : null,
    currency: '',
    dueDate: null,
    ...rest,
  };
}

const AS_OF = '2026-12-31';

/** Open items as [number, issue date, amount, payments, open, flags] and credits as [customer, amount]. */
function summary(ledger: FecLedger) {
  return {
    items: ledger.items.map((i) => {
      const paid = i.payments.reduce((s, p) => s + p.amount, 0);
      return [i.number, i.issueDate === null ? null : formatIsoDay(i.issueDate), i.amount / 100, i.payments.map((p) => `${formatIsoDay(p.date)}:${p.amount / 100}`), (i.amount - paid) / 100, i.flags];
    }),
    credits: ledger.credits.map((c) => [c.customer, c.amount / 100]),
  };
}

const run = (lines: FecLine[], asOf = AS_OF) => summary(computeFecLedger(lines, day(asOf), 'fec.txt'));

describe('lettering', () => {
  it.each<[string, FecLine[], ReturnType<typeof run>]>([
    ['a group that sums to zero vanishes', [l(2, { debit: 100, letter: 'AA', lettered: '2026-02-01' }), l(3, { credit: 100, pieceRef: 'R1', letter: 'AA', lettered: '2026-02-01' })], { items: [], credits: [] }],
    // 100 − 60 = 40 left on F2, with the group's credit as its payment.
    ['a partial group leaves its rest open on its invoice', [l(2, { debit: 100, letter: 'ab', lettered: '2026-02-01' }), l(3, { date: '2026-01-20', credit: 60, pieceRef: 'R1', label: 'Virement', letter: 'AB', lettered: '2026-02-01' })], { items: [['F2', '2026-01-10', 100, ['2026-01-20:60'], 40, []]], credits: [] }],
    // The group: 100 of F2 against 150 received: the 50 over pays F4, unlettered (80 − 50 = 30).
    [
      'what a partial group receives beyond its invoices pays the others',
      [l(2, { debit: 100, letter: 'AC', lettered: '2026-03-01' }), l(3, { date: '2026-03-01', credit: 150, pieceRef: 'R1', label: 'Virement', letter: 'AC', lettered: '2026-03-01' }), l(4, { date: '2026-02-10', debit: 80 })],
      { items: [['F4', '2026-02-10', 80, ['2026-03-01:50'], 30, []]], credits: [] },
    ],
    // Lettered on 10/01/2027, after 31/12/2026: on the as-of date both lines are unlettered,
    // and here only the invoice is in the file.
    ['lettered after the as-of date counts as unlettered', [l(2, { date: '2026-12-05', debit: 480, letter: 'AD', lettered: '2027-01-10' })], { items: [['F2', '2026-12-05', 480, [], 480, []]], credits: [] }],
    ['lettered without a DateLet counts as lettered', [l(2, { debit: 100, letter: 'AE' }), l(3, { credit: 100, pieceRef: 'R1', letter: 'AE' })], { items: [], credits: [] }],
    // Software letters within one account: "A" on 411000 and "A" on 411100 are two groups,
    // not one that sums to zero. F2's group is partial; the receipt of 411100 (100, naming
    // nothing) pays the oldest first: F3 50, then F2 50 of 100.
    [
      'a letter groups lines of one account only',
      [l(2, { debit: 100, letter: 'A' }), l(3, { date: '2026-01-05', debit: 50 }), l(4, { date: '2026-02-01', account: '411100', credit: 100, pieceRef: 'R1', label: 'Virement', letter: 'A' })],
      { items: [['F2', '2026-01-10', 100, ['2026-02-01:50'], 50, []]], credits: [] },
    ],
  ])('%s', (_name, lines, expected) => {
    expect(run(lines)).toEqual(expected);
  });
});

describe('credits', () => {
  it.each<[string, FecLine[], ReturnType<typeof run>]>([
    // R4 names F3 by its PieceRef: F3 gets it, though F2 is older.
    ['a credit pays the invoice its PieceRef names', [l(2, { debit: 100 }), l(3, { date: '2026-01-15', debit: 100 }), l(4, { date: '2026-02-01', credit: 100, pieceRef: 'F3', label: 'Règlement' })], { items: [['F2', '2026-01-10', 100, [], 100, []]], credits: [] }],
    ['a credit pays the invoice a word of its label names', [l(2, { debit: 100 }), l(3, { date: '2026-01-15', debit: 100 }), l(4, { date: '2026-02-01', credit: 30, pieceRef: 'AV1', label: 'Avoir (f3).' })], { items: [['F2', '2026-01-10', 100, [], 100, []], ['F3', '2026-01-15', 100, ['2026-02-01:30'], 70, []]], credits: [] }],
    // 250 received naming nothing: F2 (oldest) 100, F3 100, F4 50 of 100.
    [
      'a credit naming nothing pays the oldest first',
      [l(4, { date: '2026-03-01', debit: 100 }), l(2, { date: '2026-01-01', debit: 100 }), l(3, { date: '2026-02-01', debit: 100 }), l(5, { date: '2026-04-01', credit: 250, pieceRef: 'R1', label: 'Virement' })],
      { items: [['F4', '2026-03-01', 100, ['2026-04-01:50'], 50, []]], credits: [] },
    ],
    // Credits go in date order: the one of 01/02 (30) pays F2 first, the one of 01/03 (100) pays F2's 70 and F3's 30.
    [
      'credits pay in the order of their dates',
      [l(2, { debit: 100 }), l(3, { debit: 100 }), l(4, { date: '2026-03-01', credit: 100, pieceRef: 'R2', label: 'V' }), l(5, { date: '2026-02-01', credit: 30, pieceRef: 'R1', label: 'V' })],
      { items: [['F3', '2026-01-10', 100, ['2026-03-01:30'], 70, []]], credits: [] },
    ],
    ['what no invoice takes is an unallocated credit', [l(2, { debit: 100 }), l(3, { date: '2026-02-01', credit: 130, pieceRef: 'R1', label: 'Virement F2' })], { items: [], credits: [['C1', 30]] }],
    ['a credit note with nothing to pay is a credit', [l(2, { credit: 45, pieceRef: 'AV1', label: 'Avoir' })], { items: [], credits: [['C1', 45]] }],
    // A receipt on 416 pays the doubtful debt first, though the 411 invoice is older.
    [
      'a credit pays on its own account first',
      [l(2, { date: '2026-01-01', debit: 100 }), l(3, { date: '2026-02-01', account: '416000', debit: 100, pieceRef: 'D1' }), l(4, { date: '2026-03-01', account: '416000', credit: 40, pieceRef: 'R1', label: 'Règlement' })],
      { items: [['F2', '2026-01-01', 100, [], 100, []], ['D1', '2026-02-01', 100, ['2026-03-01:40'], 60, ['doubtful']]], credits: [] },
    ],
    ['a negative debit is a credit', [l(2, { debit: 100 }), l(3, { debit: -100, pieceRef: 'F2', label: 'Extourne F2' })], { items: [], credits: [] }],
  ])('%s', (_name, lines, expected) => {
    expect(run(lines)).toEqual(expected);
  });

  it('lists the lines an item comes from: its own, then those of its payments', () => {
    const ledger = computeFecLedger([l(2, { debit: 100 }), l(7, { date: '2026-02-01', credit: 30, pieceRef: 'R1', label: 'V' }), l(9, { date: '2026-03-01', credit: 20, pieceRef: 'R2', label: 'V' })], day(AS_OF), 'f');
    expect(ledger.items.map((i) => i.lines)).toEqual([[2, 7, 9]]);
  });
});

describe('what an item is', () => {
  it.each<[string, FecLine[], ReturnType<typeof run>]>([
    ['number = PieceRef, date = PieceDate', [l(2, { date: '2026-01-12', piece: '2026-01-09', debit: 10 })], { items: [['F2', '2026-01-09', 10, [], 10, []]], credits: [] }],
    ['no PieceDate: the entry date', [l(2, { date: '2026-01-12', piece: null, debit: 10 })], { items: [['F2', '2026-01-12', 10, [], 10, []]], credits: [] }],
    ['a placeholder PieceRef: the label is the number', [l(2, { pieceRef: 'SANS_PIECE_REF', label: 'FA-77 Alpha', debit: 10 })], { items: [['FA-77 Alpha', '2026-01-10', 10, [], 10, []]], credits: [] }],
    ['neither: journal and entry number', [l(2, { pieceRef: '-', label: '', journal: 'VT', entry: '88', debit: 10 })], { items: [['VT 88', '2026-01-10', 10, [], 10, []]], credits: [] }],
    // The 416 line is dated 30/09 (the transfer), the invoice it names 20/02: its age is the invoice's.
    [
      'a 416 debt is doubtful, as old as the invoice it came from',
      [l(2, { date: '2026-02-20', debit: 216, letter: 'AE', lettered: '2026-09-30' }), l(3, { date: '2026-09-30', credit: 216, pieceRef: 'F2', letter: 'AE', lettered: '2026-09-30' }), l(4, { date: '2026-09-30', account: '416000', debit: 216, pieceRef: 'F2' })],
      { items: [['F2', '2026-02-20', 216, [], 216, ['doubtful']]], credits: [] },
    ],
  ])('%s', (_name, lines, expected) => {
    expect(run(lines)).toEqual(expected);
  });

  it('names the customer by its auxiliary account, else its account', () => {
    const ledger = computeFecLedger([l(2, { auxLabel: '', debit: 10 }), l(3, { auxLabel: 'Alpha SARL', debit: 20 }), l(4, { account: '411BETA', accountLabel: 'Beta', auxAccount: '', auxLabel: '', debit: 30 })], day(AS_OF), 'f');
    expect(ledger.items.map((i) => [i.customer, i.name, i.account])).toEqual([
      ['C1', 'Alpha SARL', '411000'],
      ['C1', 'Alpha SARL', '411000'],
      ['411BETA', 'Beta', '411BETA'],
    ]);
  });
});

describe('advances on 419', () => {
  it.each<[string, FecLine[], ReturnType<typeof run>]>([
    // 1 000 received on 419 (01/10), 400 of it applied (the OD's 419 debit): 600 left pays F3.
    [
      'what is left of an advance pays the oldest invoice, on its date',
      [l(2, { date: '2026-10-01', account: '419100', credit: 1000, pieceRef: 'R1', label: 'Acompte' }), l(3, { date: '2026-10-20', debit: 3600 }), l(4, { date: '2026-10-20', account: '419100', debit: 400, pieceRef: 'OD1', label: 'Imputation F3' }), l(5, { date: '2026-10-20', credit: 400, pieceRef: 'OD1', label: 'Imputation F3' })],
      { items: [['F3', '2026-10-20', 3600, ['2026-10-01:600', '2026-10-20:400'], 2600, []]], credits: [] },
    ],
    ['advances used up leave nothing', [l(2, { account: '419100', credit: 500, pieceRef: 'R1' }), l(3, { account: '419100', debit: 500, pieceRef: 'OD1' })], { items: [], credits: [] }],
    ['an advance with no invoice is a credit', [l(2, { account: '419100', credit: 500, pieceRef: 'R1' })], { items: [], credits: [['C1', 500]] }],
  ])('%s', (_name, lines, expected) => {
    expect(run(lines)).toEqual(expected);
  });

  it('says so when 419 is in debit', () => {
    const ledger = computeFecLedger([l(2, { account: '419100', credit: 100, pieceRef: 'R1' }), l(3, { account: '419100', debit: 250, pieceRef: 'OD1' })], day(AS_OF), 'fec.txt');
    expect(summary(ledger)).toEqual({ items: [], credits: [] });
    expect(ledger.issues).toEqual([{ severity: 'warning', file: 'fec.txt', line: 3, field: 'CompteNum', message: 'account 419100 of C1 is in debit by 150,00 € (more applied than received): left out', hint: 'check the 419 entries of this customer' }]);
  });
});

describe('opening entries', () => {
  const an = (line: number, o: LineFields): FecLine => l(line, { journal: 'AN', opening: true, date: '2026-01-01', ...o });
  it.each<[string, FecLine[], ReturnType<typeof run>]>([
    ['one line per invoice, with its number and date: an invoice', [an(2, { piece: '2025-11-15', pieceRef: 'F2025-9', debit: 100 })], { items: [['F2025-9', '2025-11-15', 100, [], 100, []]], credits: [] }],
    ['a number but no earlier date: an invoice dated at the opening', [an(2, { pieceRef: 'F2025-9', debit: 100 })], { items: [['F2025-9', '2026-01-01', 100, [], 100, []]], credits: [] }],
    ['a placeholder ref: a balance of unknown age', [an(2, { pieceRef: '', label: 'Report à nouveau', debit: 100 })], { items: [['Report à nouveau', null, 100, [], 100, ['opening-balance-unknown-age']]], credits: [] }],
    ['the journal code as ref: a balance of unknown age', [an(2, { pieceRef: 'AN', label: 'Solde', debit: 100 })], { items: [['Solde', null, 100, [], 100, ['opening-balance-unknown-age']]], credits: [] }],
    ['a placeholder ref but an earlier piece date: dated', [an(2, { pieceRef: '', piece: '2025-10-01', label: 'Solde 2025', debit: 100 })], { items: [['Solde 2025', '2025-10-01', 100, [], 100, []]], credits: [] }],
    // The unknown-age balance is older than any dated invoice: a receipt naming nothing pays it first.
    [
      'a balance of unknown age is paid first',
      [an(2, { pieceRef: '', label: 'Solde', debit: 100 }), l(3, { date: '2026-01-05', debit: 100 }), l(4, { date: '2026-02-01', credit: 60, pieceRef: 'R1', label: 'Virement' })],
      { items: [['Solde', null, 100, ['2026-02-01:60'], 40, ['opening-balance-unknown-age']], ['F3', '2026-01-05', 100, [], 100, []]], credits: [] },
    ],
  ])('%s', (_name, lines, expected) => {
    expect(run(lines)).toEqual(expected);
  });

  it('a PieceRef on the opening lines of several customers is no invoice number', () => {
    const other = { auxAccount: 'C2', auxLabel: 'Beta' };
    const ledger = computeFecLedger([an(2, { pieceRef: 'AN2026', label: 'Solde', debit: 100 }), an(3, { ...other, pieceRef: 'AN2026', label: 'Solde', debit: 50 }), an(4, { ...other, pieceRef: 'F2025-1', piece: '2025-12-01', debit: 20 })], day(AS_OF), 'f');
    expect(ledger.items.map((i) => [i.customer, i.number, i.issueDate === null ? null : formatIsoDay(i.issueDate), i.flags])).toEqual([
      ['C1', 'Solde', null, ['opening-balance-unknown-age']],
      ['C2', 'Solde', null, ['opening-balance-unknown-age']],
      ['C2', 'F2025-1', '2025-12-01', []],
    ]);
  });
});

describe('what is left out', () => {
  it('lines in another currency, said once', () => {
    const ledger = computeFecLedger([l(2, { debit: 10, currency: 'EUR' }), l(3, { debit: 10, currency: 'USD' }), l(4, { debit: 10, currency: 'GBP' }), l(5, { debit: 10, currency: 'USD' })], day(AS_OF), 'fec.txt');
    expect(ledger.items.map((i) => i.number)).toEqual(['F2']);
    expect(ledger.issues).toEqual([{ severity: 'warning', file: 'fec.txt', line: 3, field: 'Idevise', message: '3 customer lines in GBP, USD, not EUR: left out', hint: 'relance chases euro invoices; follow the others by hand' }]);
  });

  it('lines dated after the as-of date, said once', () => {
    const ledger = computeFecLedger([l(2, { debit: 10 }), l(3, { date: '2026-07-01', credit: 10, pieceRef: 'R1' })], day('2026-06-30'), 'fec.txt');
    expect(summary(ledger).items).toEqual([['F2', '2026-01-10', 10, [], 10, []]]);
    expect(ledger.issues.map((i) => [i.line, i.field, i.message])).toEqual([[3, 'EcritureDate', '1 customer line dated after the as-of date 30/06/2026: left out']]);
  });
});

describe('fecClosingDate', () => {
  it.each([
    ['123456789FEC20261231.txt', '2026-12-31'],
    ['123456789fec20260630.TXT', '2026-06-30'],
    ['export/123456789FEC20261231_v2.txt', '2026-12-31'],
    ['123456789FEC20261331.txt', null],
    ['12345678FEC20261231.txt', null],
    ['FEC_2026.txt', null],
  ])('%s', (name, expected) => {
    expect(fecClosingDate(name)).toBe(expected === null ? null : day(expected));
  });
});

describe('isPlaceholderRef', () => {
  it.each([
    ['', true],
    ['SANS_PIECE_REF', true],
    ['sans_piece_ref', true],
    [' - ', true],
    ['0', true],
    ['000', true],
    ['NC', true],
    ['N/A', true],
    ['F2026-001', false],
    ['10', false],
  ])('%s', (ref, expected) => {
    expect(isPlaceholderRef(ref)).toBe(expected);
  });
});
