// The FEC reader on real files: the hand-written fixture of test/fixtures/fec (one year of
// Atelier Dupont's books, written to art. A47 A-1 LPF) in both separators and both
// encodings, read with no options; then the file-level rules: recognition, as-of date,
// encodings, the Montant/Sens variant and every bad line's message.

import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatIsoDay } from '../../src/domain/dates.js';
import type { FecOpenItem } from '../../src/domain/fec-ledger.js';
import { isFecFile, readFecLines, readFecReceivables } from '../../src/io/fec-file.js';
import { day } from '../helpers/factories.js';

const FIXTURES = new URL('../fixtures/fec/', import.meta.url).pathname;
const NAME = '123456789FEC20261231.txt';
const VARIANTS = ['pipe-utf8-bom', 'tab-utf8-bom', 'pipe-iso-8859-15', 'tab-iso-8859-15'] as const;

/** An item as the test reads it: dates as text, the balance worked out. */
function shown(i: FecOpenItem) {
  const paid = i.payments.reduce((s, p) => s + p.amount, 0);
  return {
    customer: i.customer,
    name: i.name,
    account: i.account,
    number: i.number,
    issued: i.issueDate === null ? null : formatIsoDay(i.issueDate),
    amount: i.amount,
    payments: i.payments.map((p) => [formatIsoDay(p.date), p.amount]),
    open: i.amount - paid,
    flags: i.flags,
    lines: i.lines,
  };
}

// What the books say on 31/12/2026, worked out by hand from the fixture (line numbers are
// the file's, the header being line 1).
const OPEN_ITEMS = [
  // C001: F2025-090 (AN, line 2) and F2026-001 (line 6) are lettered AA and AB with their
  // receipts (lines 10, 17): each group sums to zero and vanishes. F2026-014 (line 26,
  // 1 800,00, lettered "ac") and its receipt (line 30, 1 000,00, lettered "AC": the same
  // group, case aside) do not: partial lettering, 1 800 − 1 000 = 800,00 stays open.
  { customer: 'C001', name: 'Boulangerie Cœur de Blé', account: '411000', number: 'F2026-014', issued: '2026-03-10', amount: 180_000, payments: [['2026-04-09', 100_000]], open: 80_000, flags: [], lines: [26, 30] },
  // F2026-031 (line 57), not lettered, nothing paid. The 418 line (66) is no invoice yet.
  { customer: 'C001', name: 'Boulangerie Cœur de Blé', account: '411000', number: 'F2026-031', issued: '2026-11-20', amount: 60_000, payments: [], open: 60_000, flags: [], lines: [57] },
  // C006: one opening line (3) whose PieceRef AN2026 is also C008's (line 4): a batch
  // reference, no invoice, so an opening balance of unknown age; the unlettered receipt
  // of 1 500,00 (line 15) pays it: 5 000 − 1 500 = 3 500,00.
  { customer: 'C006', name: 'Imprimerie Rousseau', account: '411000', number: 'Solde à nouveau', issued: null, amount: 500_000, payments: [['2026-02-10', 150_000]], open: 350_000, flags: ['opening-balance-unknown-age'], lines: [3, 15] },
  // C002: the credit note AV2026-002 (line 34, 300,00) names F2026-020 and goes to it,
  // though F2026-005 is older; the receipt REL0630 (line 41, 2 000,00) names nothing and
  // goes to the oldest: F2026-005 3 000 − 2 000 = 1 000,00; F2026-020 1 500 − 300 = 1 200,00.
  { customer: 'C002', name: 'Café des Sports', account: '411000', number: 'F2026-005', issued: '2026-02-01', amount: 300_000, payments: [['2026-06-30', 200_000]], open: 100_000, flags: [], lines: [11, 41] },
  { customer: 'C002', name: 'Café des Sports', account: '411000', number: 'F2026-020', issued: '2026-05-15', amount: 150_000, payments: [['2026-05-20', 30_000]], open: 120_000, flags: [], lines: [31, 34] },
  // C004: F2026-008 (line 20) moved to 416 on 30/09 (lines 46–47, lettered AE on 411: gone
  // there); on 416 it is doubtful, dated like the invoice it came from (20/02), and the
  // 500,00 received on 416 (line 56) pays it: 2 160 − 500 = 1 660,00.
  { customer: 'C004', name: 'Garage Petit', account: '416000', number: 'F2026-008', issued: '2026-02-20', amount: 216_000, payments: [['2026-11-15', 50_000]], open: 166_000, flags: ['doubtful'], lines: [46, 56] },
  // C005: advance of 1 000,00 on 419 (line 49), 400,00 of it applied by an OD (line 53):
  // 600,00 left on 419, dated 01/10, pays the oldest invoice; the OD's 411 side (line 54,
  // 400,00) names F2026-050. 3 600 − 600 − 400 = 2 600,00.
  { customer: 'C005', name: 'Studio Benali', account: '411000', number: 'F2026-050', issued: '2026-10-20', amount: 360_000, payments: [['2026-10-01', 60_000], ['2026-10-20', 40_000]], open: 260_000, flags: [], lines: [50, 49, 54] },
  // C003: F2026-040 (line 60) is lettered AD on 10/01/2027, after the closing date: on
  // 31/12/2026 it was unpaid, in full.
  { customer: 'C003', name: 'Menuiserie Leroy', account: '411000', number: 'F2026-040', issued: '2026-12-05', amount: 480_000, payments: [], open: 480_000, flags: [], lines: [60] },
  // No auxiliary account: the customer is the account 411LAMBERT; PieceRef SANS_PIECE_REF,
  // so the number is EcritureLib; no PieceDate, so the date is EcritureDate.
  { customer: '411LAMBERT', name: 'Lambert Électricité', account: '411LAMBERT', number: 'F2026-060', issued: '2026-12-15', amount: 120_000, payments: [], open: 120_000, flags: [], lines: [63] },
];

describe('the fixture FEC, read with no options', () => {
  it.each(VARIANTS)('%s: every open item, with its payments, flags and lines', async (variant) => {
    const read = await readFecReceivables(join(FIXTURES, variant, NAME), `${variant}/${NAME}`);
    expect(read.items.map(shown)).toEqual(OPEN_ITEMS);
    // C007: F2026-025 (480,00, line 37) is paid by a receipt of 500,00 naming it (line 45):
    // 500 − 480 = 20,00 left over, an unallocated credit.
    expect(read.credits).toEqual([{ customer: 'C007', name: 'Pharmacie Girard', amount: 2_000, lines: [45] }]);
    // Kestrel Ltd's invoice (line 42) is in USD: left out, said once.
    expect(read.issues).toEqual([
      { severity: 'warning', file: `${variant}/${NAME}`, line: 42, field: 'Idevise', message: '1 customer line in USD, not EUR: left out', hint: 'relance chases euro invoices; follow the others by hand' },
    ]);
    expect([formatIsoDay(read.asOf!), read.asOfFrom]).toEqual(['2026-12-31', 'file-name']);
  });

  it.each([
    ['pipe-utf8-bom', { encoding: 'utf-8', delimiter: '|', amounts: 'debit-credit' }],
    ['tab-utf8-bom', { encoding: 'utf-8', delimiter: '\t', amounts: 'debit-credit' }],
    ['pipe-iso-8859-15', { encoding: 'iso-8859-15', delimiter: '|', amounts: 'debit-credit' }],
    ['tab-iso-8859-15', { encoding: 'iso-8859-15', delimiter: '\t', amounts: 'debit-credit' }],
  ])('%s: told by its bytes how to read it', async (variant, format) => {
    const read = await readFecLines(join(FIXTURES, variant, NAME), variant, ['411', '416', '419']);
    expect(read.format).toEqual(format);
    // € is 0xA4 in ISO-8859-15 (¤ in Windows-1252), œ is 0xBD (½ there).
    expect(read.lines.find((l) => l.line === 49)?.label).toBe('Acompte 1 000 € commande CMD-77');
    expect(read.lines.find((l) => l.line === 2)?.auxLabel).toBe('Boulangerie Cœur de Blé');
  });

  it('keeps only the customer lines, each with every field read', async () => {
    const read = await readFecLines(join(FIXTURES, 'pipe-utf8-bom', NAME), 'f', ['411', '416', '419']);
    // 66 lines of entries; 30 on 411, 416 and 419; the 418 line (66) and the others left.
    expect(read.lines.map((l) => l.line)).toEqual([2, 3, 4, 6, 10, 11, 15, 17, 19, 20, 26, 30, 31, 34, 37, 41, 42, 45, 46, 47, 49, 50, 53, 54, 56, 57, 60, 63]);
    expect(read.lines.find((l) => l.line === 42)).toEqual({
      line: 42,
      journal: 'VE',
      opening: false,
      entry: '8',
      entryDate: day('2026-07-01'),
      account: '411000',
      accountLabel: 'Clients',
      auxAccount: 'C010',
      auxLabel: 'Kestrel Ltd',
      pieceRef: 'F2026-070',
      pieceDate: day('2026-07-01'),
      label: 'F2026-070 Kestrel Ltd',
      amount: 92_000,
      letter: '',
      letterDate: null,
      currency: 'USD',
      dueDate: null,
    });
    expect(read.lines.find((l) => l.line === 30)).toMatchObject({ amount: -100_000, letter: 'AC', letterDate: day('2026-04-09') });
    expect(read.lines.find((l) => l.line === 3)).toMatchObject({ journal: 'AN', opening: true });
    expect(formatIsoDay(read.lastEntryDate!)).toBe('2026-12-31');
  });

  it('keeps the accounts it is told, and never 418', async () => {
    const read = await readFecLines(join(FIXTURES, 'pipe-utf8-bom', NAME), 'f', [416, 418]);
    expect(read.lines.map((l) => l.line)).toEqual([46, 56]);
    const all = await readFecLines(join(FIXTURES, 'pipe-utf8-bom', NAME), 'f', ['41']);
    expect(all.lines.map((l) => l.account)).not.toContain('418100');
    expect(all.lines).toHaveLength(28);
  });
});

describe('the as-of date', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'relance-fec-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('is the last entry date when the name has no closing date', async () => {
    const path = join(dir, 'export-compta.txt');
    await copyFile(join(FIXTURES, 'pipe-utf8-bom', NAME), path);
    const read = await readFecReceivables(path, 'export-compta.txt');
    expect([formatIsoDay(read.asOf!), read.asOfFrom]).toEqual(['2026-12-31', 'last-entry']);
    expect(read.items.map(shown)).toEqual(OPEN_ITEMS);
  });

  it('can be given: what came later is left out, and said', async () => {
    const read = await readFecReceivables(join(FIXTURES, 'pipe-utf8-bom', NAME), 'f', { asOf: day('2026-06-30') });
    expect(read.asOfFrom).toBe('option');
    // On 30/06: C001's F2026-014 is part paid (lettered 09/04); C006 as on 31/12; C002's
    // F2026-005 3 000 − 2 000 (30/06) = 1 000 and F2026-020 1 500 − 300 = 1 200; C004's
    // F2026-008 lettered AE on 30/09, later: open in full on 411, nothing on 416 yet;
    // C007's F2026-025 unpaid (the receipt is of 05/07).
    expect(read.items.map((i) => [i.customer, i.account, i.number, shown(i).open])).toEqual([
      ['C001', '411000', 'F2026-014', 80_000],
      ['C006', '411000', 'Solde à nouveau', 350_000],
      ['C002', '411000', 'F2026-005', 100_000],
      ['C002', '411000', 'F2026-020', 120_000],
      ['C004', '411000', 'F2026-008', 216_000],
      ['C007', '411000', 'F2026-025', 48_000],
    ]);
    expect(read.credits).toEqual([]);
    expect(read.issues.map((i) => [i.line, i.field, i.message])).toEqual([
      [42, 'Idevise', '1 customer line in USD, not EUR: left out'],
      [45, 'EcritureDate', '11 customer lines dated after the as-of date 30/06/2026: left out'],
    ]);
  });
});

const HEADER = 'JournalCode|JournalLib|EcritureNum|EcritureDate|CompteNum|CompteLib|CompAuxNum|CompAuxLib|PieceRef|PieceDate|EcritureLib|Debit|Credit|EcritureLet|DateLet|ValidDate|Montantdevise|Idevise';

describe('files that are FECs, and files that are not', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'relance-fec-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const write = async (name: string, content: string | Buffer) => {
    const path = join(dir, name);
    await writeFile(path, content);
    return path;
  };

  it('is told by its header, whatever its name, in any case, extra columns after the 18', async () => {
    const path = await write('clients.csv', `${HEADER.toUpperCase()}|CodeEtablissement\nVE|Ventes|1|20260105|411000|Clients|C1|Alpha|F1|20260105|F1 Alpha|100,00|0,00|||20260105|||PARIS\n`);
    expect(await isFecFile(path)).toBe(true);
    const read = await readFecReceivables(path, 'clients.csv');
    expect(read.items.map((i) => [i.number, i.amount])).toEqual([['F1', 10_000]]);
    expect(await isFecFile(await write('factures.csv', 'N° facture;Client;Montant\nF1;Alpha;100\n'))).toBe(false);
  });

  it('says what a FEC begins with when the file is something else', async () => {
    const path = await write('123456789FEC20261231.txt', 'N° facture;Client;Montant\nF1;Alpha;100\n');
    const read = await readFecReceivables(path, 'x.txt');
    expect(read.issues).toEqual([
      {
        severity: 'error',
        file: 'x.txt',
        line: 1,
        field: undefined,
        message: 'not a FEC: the first line is "N° facture;Client;Montant"',
        hint: `a FEC begins with the names of its 18 fields, TAB or "|" separated: ${HEADER}`,
      },
    ]);
  });

  it('reads Montant and Sens in place of Debit and Credit (D/C, +1/-1)', async () => {
    const header = HEADER.replace('Debit|Credit', 'Montant|Sens');
    const path = await write('ms.txt', `${header}\nVE|Ventes|1|20260105|411000|Clients|C1|Alpha|F1|20260105|F1|100,00|D|||20260105||\nBQ|Banque|1|20260110|411000|Clients|C1|Alpha|R1|20260110|Virement F1|30,00|-1|||20260110||\nVE|Ventes|2|20260111|411000|Clients|C1|Alpha|F2|20260111|F2|50,00|+1|||20260111||\nBQ|Banque|2|20260112|411000|Clients|C1|Alpha|R2|20260112|Virement|5,00|c|||20260112||\n`);
    const read = await readFecReceivables(path, 'ms.txt');
    expect(read.format).toEqual({ encoding: 'utf-8', delimiter: '|', amounts: 'montant-sens' });
    // F1 100 − 30 (names it) − 5 (oldest) = 65; F2 50.
    expect(read.items.map((i) => [i.number, shown(i).open])).toEqual([['F1', 6_500], ['F2', 5_000]]);
  });

  it('reads Windows-1252 when a byte only it has text for is there', async () => {
    // ’ is 0x92 in Windows-1252, a control character in ISO-8859-15.
    const path = await write('cp1252.txt', Buffer.concat([Buffer.from(`${HEADER}\r\nVE|Ventes|1|20260105|411000|Clients|C1|L`), Buffer.from([0x92]), Buffer.from('Atelier|F1|20260105|Facture |100,00|0,00|||20260105||\r\n'), Buffer.from([])]));
    const read = await readFecLines(path, 'cp1252.txt', ['411']);
    expect(read.format?.encoding).toBe('windows-1252');
    expect(read.lines[0]?.auxLabel).toBe('L’Atelier');
  });

  it('reports each bad line with its field, and keeps reading', async () => {
    const lines = [
      HEADER,
      'VE|Ventes|1|2026-01-05|411000|Clients|C1|Alpha|F1|20260105|F1|100,00|0,00|||20260105||',
      'VE|Ventes|2|20260231|411000|Clients|C1|Alpha|F2|20260105|F2|100,00|0,00|||20260105||',
      'VE|Ventes|3|20260105|411000|Clients|C1|Alpha|F3|20260105|F3|1 234,56|0,00|||20260105||',
      'VE|Ventes|4|20260105|411000|Clients|C1|Alpha|F4|20260105|F4|10,005|abc|||20260105||',
      'VE|Ventes|5|20260105|411000|Clients|C1|Alpha|F5|20260105|Facture F5 | acompte|100,00|0,00|||20260105||',
      'VE|Ventes|6|20260105|411000|Clients|C1|Alpha|F6|20260105|F6|100,00|0,00|A|2026|20260105||',
      '',
      'VE|Ventes|7|20260105|706000|Ventes|||F7|bad|F7|oops|0,00|||20260105||',
      'VE|Ventes|8|20260105|411000|Clients|C1|Alpha|F8|20260105|F8|100,00|0,00|||20260105',
      'VE|Ventes|9|20260105|411000|Clients|C1|Alpha|F9|20260105|F9|100,00|0,00|||20260105|||',
    ];
    const path = await write('bad.txt', `${lines.join('\n')}\n`);
    const read = await readFecReceivables(path, 'bad.txt');
    const DATE = 'the FEC writes dates as AAAAMMJJ, e.g. 20261231';
    const AMOUNT = 'the FEC writes amounts with a decimal comma and no thousands separator, e.g. 1234,56 or -80,00';
    expect(read.issues.map((i) => [i.line, i.field, i.message, i.hint])).toEqual([
      [2, 'EcritureDate', '"2026-01-05" is not a date AAAAMMJJ', DATE],
      [3, 'EcritureDate', '"20260231" is not a real date', DATE],
      [4, 'Debit', '"1 234,56" is not an amount', AMOUNT],
      [5, 'Debit', '"10,005" is not an amount', AMOUNT],
      [5, 'Credit', '"abc" is not an amount', AMOUNT],
      [6, undefined, 'this line has 19 fields where the header has 18', 'check for a "|" inside a label, or a line break'],
      [7, 'DateLet', '"2026" is not a date AAAAMMJJ', DATE],
      // Line 8 is empty; line 9 is on 706: not read, not checked.
    ]);
    // Line 10 lacks Montantdevise and Idevise, line 11 ends with a separator: both fine.
    expect(read.items.map((i) => i.number)).toEqual(['F8', 'F9']);
  });

  it('lists the first 500 bad lines and counts the others', async () => {
    const bad = Array.from({ length: 620 }, (_, i) => `VE|Ventes|${i}|20260105|411000|Clients|C1|Alpha|F${i}|20260105|F${i}|1 000,00|0,00|||20260105||`);
    const read = await readFecLines(await write('many.txt', `${HEADER}\n${bad.join('\n')}\n`), 'many.txt', ['411']);
    expect(read.issues).toHaveLength(501);
    expect(read.issues[499]).toMatchObject({ line: 501, field: 'Debit' });
    expect(read.issues[500]).toEqual({ severity: 'error', file: 'many.txt', line: undefined, field: undefined, message: '120 more lines with problems, not listed', hint: 'correct the ones listed first: the others are likely the same fault' });
  });

  it('reads a quoted label holding the separator as one field', async () => {
    const path = await write('quoted.txt', `${HEADER}\nVE|Ventes|1|20260105|411000|Clients|C1|"Alpha | Fils"|F1|20260105|"Facture ""F1"""|100,00|0,00|||20260105||\n`);
    const read = await readFecLines(path, 'quoted.txt', ['411']);
    expect(read.issues).toEqual([]);
    expect(read.lines.map((l) => [l.auxLabel, l.label])).toEqual([['Alpha | Fils', 'Facture "F1"']]);
  });

  it('counts the lines of a label that holds a line break', async () => {
    const path = await write('breaks.txt', `${HEADER}\r\nVE|Ventes|1|20260105|411000|Clients|C1|Alpha|F1|20260105|"Facture\r\nF1"|100,00|0,00|||20260105||\r\nVE|Ventes|2|20260106|411000|Clients|C1|Alpha|F2|20260106|F2|oops|0,00|||20260106||\r\n`);
    const read = await readFecLines(path, 'breaks.txt', ['411']);
    expect(read.issues.map((i) => [i.line, i.field])).toEqual([[4, 'Debit']]);
  });

  it('names an encoding fault and an empty file', async () => {
    const mixed = await write('mixed.txt', Buffer.concat([Buffer.from(`${HEADER}\nVE|Ventes|1|20260105|411000|Clients|C1|Société|F1|20260105|F1|100,00|0,00|||20260105||\nVE|Ventes|2|20260105|411000|Clients|C1|Soci`), Buffer.from([0xe9]), Buffer.from('t|F2|20260105|F2|100,00|0,00|||20260105||\n')]));
    expect((await readFecReceivables(mixed, 'mixed.txt')).issues.map((i) => [i.line, i.message])).toEqual([[3, 'byte 319: 0xE9 is not UTF-8; the rest of the file is UTF-8']]);
    expect((await readFecReceivables(await write('empty.txt', ''), 'empty.txt')).issues.map((i) => i.message)).toEqual(['the file is empty']);
    expect((await readFecReceivables(join(dir, 'none.txt'), 'none.txt')).issues.map((i) => i.message)).toEqual(['file not found']);
  });

  it('reads the fixture the same from its bytes in every variant', async () => {
    const texts = await Promise.all(VARIANTS.map(async (v) => new TextDecoder(v.endsWith('8859-15') ? 'iso-8859-15' : 'utf-8').decode(await readFile(join(FIXTURES, v, NAME)))));
    const normal = texts.map((t) => t.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n').replace(/\t/g, '|'));
    for (const t of normal) expect(t).toBe(normal[0]);
  });
});
