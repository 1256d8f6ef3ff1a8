// The rows of a table, whatever its container (a CSV file, a workbook's sheet), turned into
// invoice records as real exports lay them out:
// - the header is the first line naming at least two fields: title lines, the company's
//   name, "Au 1 décembre 2026" and blank lines above it are passed over;
// - totals, subtotals and group headings ("Total", "Sous-total", "Client : Dupont", a row
//   with neither number nor client) are skipped, and counted in one note;
// - consecutive rows of one invoice number (one row per line item, or per payment) are one
//   record: they must agree on the invoice's own fields, their payments are summed.
// Only the rows of the invoice being read are held: memory stays flat on a million rows.
// Pure: a reader feeds it rows of text.

import type { ColumnMap, HeaderOptions } from './header-match.js';
import { knownNames, matchHeader } from './header-match.js';
import type { Issue } from './issue.js';
import { error, warning } from './issue.js';
import type { InvoiceField } from './invoice-fields.js';
import { parseAmount } from './money.js';
import type { RawPayment, RecordView } from './record-view.js';
import { trim } from './record-view.js';
import { formatCount, quote } from './user-text.js';
import { clientOfHeading, isTotalOrHeadingLabel } from './vocabulary.js';

/** Lines looked at for a header line naming two fields; past them, the first line is taken as the header. */
const HEADER_SEARCH_LINES = 50;
// A payment's own fields: they may differ from one row of an invoice to the next.
const PAYMENT_FIELDS: ReadonlySet<InvoiceField> = new Set(['paid_amount', 'paid_date', 'balance']);

export interface TableOptions extends HeaderOptions {
  /** The CSV separator, for the hint on a line with too many fields. */
  separator?: string;
}

export class TableRecords {
  private columnMap: ColumnMap | null = null;
  private width = 0;
  private stopped = false;
  private firstLine: { cells: string[]; line: number } | null = null;
  private searched = 0;
  private readonly cursor: RowView;
  private readonly skipped: number[] = [];
  private skippedCount = 0;
  // The rows of the invoice number being read, until a row of another number comes.
  private group: { number: string; rows: string[][]; lines: number[] } | null = null;
  // A table grouped by client with no client column (a Sage échéancier): each row's client is
  // its group's heading, kept in a cell after the last. Until a heading comes, the error waits.
  private clientInHeadings: { missing: Issue; client: string | null } | null = null;

  constructor(
    private readonly file: string,
    private readonly options: TableOptions,
    private readonly issues: Issue[],
    private readonly onRecord: (view: RecordView) => void,
  ) {
    this.cursor = new RowView({});
  }

  /** The header's columns once found (a workbook reader reads date columns' numbers as dates). */
  get columns(): ColumnMap | null {
    return this.columnMap;
  }

  /** Whether reading should stop: the header lacks a required column. */
  get done(): boolean {
    return this.stopped;
  }

  /** One row (its cells and its line); blank rows are to be left out by the caller. */
  row(cells: string[], line: number): void {
    if (this.stopped) return;
    const columns = this.columnMap;
    if (columns === null) {
      this.findHeader(cells, line);
      return;
    }
    // Extra cells left empty (a ";" at the end of each line) are no harm.
    if (cells.length > this.width && isBlank(cells, this.width)) cells = cells.slice(0, this.width);
    const number = trim(cellOf(cells, columns.number));
    if (this.isSkipped(cells, columns, number)) {
      this.skippedCount += 1;
      if (this.skipped.length < 5) this.skipped.push(line);
      if (this.clientInHeadings !== null) this.clientInHeadings.client = headingClientOf(cells) ?? this.clientInHeadings.client;
      return;
    }
    if (cells.length !== this.width) {
      const separator = this.options.separator;
      const hint = separator === undefined ? 'check that row' : `check for a "${separator === '\t' ? '\\t' : separator}" inside a value that is not in quotes`;
      this.issues.push(error(this.file, line, undefined, `this line has ${cells.length} fields where the header has ${this.width}`, hint));
      return;
    }
    if (this.clientInHeadings !== null) {
      const { client, missing } = this.clientInHeadings;
      if (client === null) {
        this.issues.push(missing);
        this.stopped = true;
        return;
      }
      cells = [...cells, client];
    }
    const group = this.group;
    if (group !== null && number !== '' && number === group.number) {
      group.rows.push(cells);
      group.lines.push(line);
      return;
    }
    this.flush();
    this.group = { number, rows: [cells], lines: [line] };
  }

  /** Once every row is given: the last invoice, the note of rows skipped, a missing header. */
  finish(): void {
    this.flush();
    if (this.columnMap === null && !this.stopped && this.firstLine !== null) this.takeHeader(this.firstLine.cells, this.firstLine.line);
    if (this.skippedCount > 0) {
      const lines = `${this.skipped.join(', ')}${this.skippedCount > this.skipped.length ? '…' : ''}`;
      const rows = this.skippedCount === 1 ? '1 row' : `${formatCount(this.skippedCount)} rows`;
      this.issues.push(warning(this.file, undefined, undefined, `${rows} skipped as totals, subtotals or group headings (line${this.skippedCount === 1 ? '' : 's'} ${lines})`, 'nothing to do: such rows are no invoices'));
    }
  }

  /** Whether a header was found (or taken): false for a table with no line at all. */
  get hasHeader(): boolean {
    return this.columnMap !== null || this.stopped;
  }

  private findHeader(cells: string[], line: number): void {
    this.firstLine ??= { cells, line };
    this.searched += 1;
    if (knownNames(cells, this.options.columns) >= 2) this.takeHeader(cells, line);
    else if (this.searched >= HEADER_SEARCH_LINES) this.takeHeader(this.firstLine.cells, this.firstLine.line);
  }

  private takeHeader(cells: string[], line: number): void {
    let found: Issue[] = [];
    let columns = matchHeader(cells, this.file, line, this.options, found);
    const errors = found.filter((i) => i.severity === 'error');
    if (columns === null && errors.length === 1 && errors[0]!.field === 'client') {
      // No client column: the client may be in the groups' headings; said at the first row if not.
      const again: Issue[] = [];
      columns = matchHeader(cells, this.file, line, { ...this.options, clientInHeadings: true }, again);
      if (columns !== null) {
        this.clientInHeadings = { missing: errors[0]!, client: null };
        columns = { ...columns, client: cells.length };
        found = again;
      }
    }
    for (const issue of found) this.issues.push(issue);
    if (columns === null) {
      this.stopped = true;
      return;
    }
    this.columnMap = columns;
    this.width = cells.length;
    this.cursor.columnOf = columns;
  }

  /** A total, a subtotal, a group's heading: no number (or "Total" in its place), and no client or only a label. */
  private isSkipped(cells: readonly string[], columns: ColumnMap, number: string): boolean {
    if (number !== '') return mayBeLabel(number) && isTotalOrHeadingLabel(number);
    const client = this.clientInHeadings === null ? trim(cellOf(cells, columns.client)) : '';
    if (client === '') return true;
    let filled = 0;
    let first = '';
    for (const cell of cells) {
      if (cell === '' || trim(cell) === '') continue;
      if (filled === 0) first = cell;
      filled += 1;
    }
    return filled <= 1 || isTotalOrHeadingLabel(first);
  }

  private flush(): void {
    const group = this.group;
    if (group === null) return;
    this.group = null;
    if (group.rows.length === 1) {
      this.cursor.move(group.rows[0]!, group.lines[0]!);
      this.onRecord(this.cursor);
      return;
    }
    const merged = mergeRows(group.rows, group.lines, this.columnMap!, group.number, this.file, this.issues);
    if (merged !== null) this.onRecord(merged);
  }
}

// The first letters of the labels (Total, Sous-total, Subtotal, Grand total, Client :, Customer:,
// Tiers :, Compte :): an invoice number starting otherwise is not looked at further.
function mayBeLabel(text: string): boolean {
  const c = text.charCodeAt(0) | 0x20;
  return c === 0x74 || c === 0x73 || c === 0x67 || c === 0x63; // t s g c
}

/** The client a row that heads a group names ("Client : Dupont SARL"), or null. */
function headingClientOf(cells: readonly string[]): string | null {
  for (const cell of cells) if (cell !== '' && trim(cell) !== '') return clientOfHeading(trim(cell));
  return null;
}

function cellOf(cells: readonly string[], column: number | undefined): string {
  return column === undefined ? '' : (cells[column] ?? '');
}

function isBlank(cells: readonly string[], from: number): boolean {
  for (let i = from; i < cells.length; i++) if (cells[i] !== '' && cells[i]!.trim() !== '') return false;
  return true;
}

/**
 * The rows of one invoice as one record. They must agree on the invoice's own fields; the
 * payment columns either repeat on every row (one row per line item: taken once) or differ
 * (one row per payment: each is a payment, and the balance is the smallest, the latest).
 */
function mergeRows(rows: readonly string[][], lines: readonly number[], columns: ColumnMap, number: string, file: string, issues: Issue[]): RecordView | null {
  let agree = true;
  for (const [field, column] of Object.entries(columns) as [InvoiceField, number][]) {
    if (PAYMENT_FIELDS.has(field)) continue;
    const first = trim(rows[0]![column]!);
    for (let i = 1; i < rows.length; i++) {
      const other = trim(rows[i]![column]!);
      if (other === first) continue;
      issues.push(
        error(file, lines[i], field, `invoice ${quote(number)} is on lines ${lines[0]} and ${lines[i]}, which disagree on its ${field.replace('_', ' ')} (${quote(first)} and ${quote(other)})`, 'the rows of one invoice (one per line item or per payment) must agree on its own fields; if these are two invoices, give them two numbers'),
      );
      agree = false;
      break;
    }
  }
  if (!agree) return null;
  const paid = columns.paid_amount;
  const paidOn = columns.paid_date;
  const same = (column: number | undefined) => column === undefined || rows.every((r) => trim(r[column]!) === trim(rows[0]![column]!));
  const onePayment = same(paid) && same(paidOn);
  let payments: RawPayment[] | undefined;
  if (!onePayment && paid !== undefined) {
    payments = [];
    rows.forEach((r, i) => {
      const amount = trim(r[paid]!);
      if (amount === '') return;
      const date = paidOn === undefined ? '' : trim(r[paidOn]!);
      payments!.push({ amount: { text: amount, line: lines[i]! }, date: date === '' ? undefined : { text: date, line: lines[i]! }, line: lines[i]! });
    });
  }
  const balance = columns.balance;
  let balanceRow = 0;
  if (balance !== undefined && !same(balance)) {
    let least = Number.POSITIVE_INFINITY;
    rows.forEach((r, i) => {
      const cents = parseAmount(trim(r[balance]!));
      if (cents !== null && cents < least) {
        least = cents;
        balanceRow = i;
      }
    });
  }
  const base = rows[0]!;
  const line = lines[0]!;
  return {
    line,
    text: (field) => {
      if (payments !== undefined && (field === 'paid_amount' || field === 'paid_date')) return '';
      const column = columns[field];
      if (column === undefined) return '';
      return field === 'balance' ? rows[balanceRow]![column]! : base[column]!;
    },
    lineOf: (field) => (field === 'balance' ? lines[balanceRow]! : line),
    payments,
  };
}

/** The one view moved along the rows: the validator reads it before the next row comes. */
class RowView implements RecordView {
  line = 0;
  private values: readonly string[] = [];
  constructor(public columnOf: Readonly<ColumnMap>) {}
  move(values: readonly string[], line: number): void {
    this.values = values;
    this.line = line;
  }
  text(field: InvoiceField): string {
    const column = this.columnOf[field];
    return column === undefined ? '' : (this.values[column] ?? '');
  }
  lineOf(): number {
    return this.line;
  }
}
