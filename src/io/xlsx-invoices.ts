// Invoices from an .xlsx workbook: one sheet (the first visible one, or `sheet:` in the
// config) read into typed cells (xlsx-file.ts), each cell turned into the text every table
// reader hands on, and the rows made into records by the same rules as a CSV file's
// (domain/table-records.ts). A number in a date column is an Excel serial date (a workbook
// written without date formats); a number in an amount column is taken to the cent.

import type { InvoiceField } from '../domain/invoice-fields.js';
import type { HeaderOptions } from '../domain/header-match.js';
import type { Issue } from '../domain/issue.js';
import { error } from '../domain/issue.js';
import { fieldTooLong } from '../domain/invoice-facts.js';
import { formatIsoDay } from '../domain/dates.js';
import { centsFromNumber, formatCents } from '../domain/money.js';
import type { RecordView } from '../domain/record-view.js';
import { TableRecords } from '../domain/table-records.js';
import { MAX_FIELD_LENGTH, quote, shorten } from '../domain/user-text.js';
import type { XlsxBook, XlsxCell } from './xlsx-file.js';
import { cellText, readXlsxRows } from './xlsx-file.js';

export interface XlsxInvoiceOptions extends HeaderOptions {
  sheet?: string;
}

const DATE_FIELDS: ReadonlySet<InvoiceField> = new Set(['issue_date', 'due_date', 'paid_date', 'paused_until', 'notice_date', 'insolvency_date', 'bodacc_date']);
const AMOUNT_FIELDS: ReadonlySet<InvoiceField> = new Set(['amount', 'paid_amount', 'balance']);

/** Reads the sheet, calling `onRecord` for each invoice's record; returns the file-level issues. */
export async function readXlsxInvoices(path: string, file: string, options: XlsxInvoiceOptions, onRecord: (row: RecordView) => void): Promise<Issue[]> {
  const book = await readXlsxRows(path, file, { sheet: options.sheet });
  if (book.issues.length > 0) return book.issues;
  const issues: Issue[] = [];
  const table = new TableRecords(file, options, issues, onRecord);
  let fieldOf: (InvoiceField | undefined)[] | null = null;
  for await (const row of book.rows) {
    if (fieldOf === null && table.columns !== null) fieldOf = columnFields(table.columns);
    const cells = row.cells.map((cell, column) => textOf(cell, fieldOf?.[column], book));
    const long = cells.findIndex((v) => v.length > MAX_FIELD_LENGTH);
    if (long >= 0) {
      issues.push(fieldTooLong(file, row.line, undefined, cells[long]!.length));
      continue;
    }
    table.row(cells, row.line);
    if (table.done) break;
  }
  table.finish();
  if (!table.hasHeader && issues.length === 0) {
    issues.push(error(file, undefined, undefined, `the sheet ${quote(shorten(book.sheet, 40))} has no header line`, 'put the invoices on the first sheet with a header line, or name their sheet under sheet: in relance.yaml'));
  }
  return issues;
}

/** Each column's field, by position. */
function columnFields(columns: Partial<Record<InvoiceField, number>>): (InvoiceField | undefined)[] {
  const fields: (InvoiceField | undefined)[] = [];
  for (const [field, column] of Object.entries(columns) as [InvoiceField, number][]) fields[column] = field;
  return fields;
}

/** A cell as a table reader's text: a serial number in a date column as its day, a number in an amount column to the cent. */
function textOf(cell: XlsxCell, field: InvoiceField | undefined, book: XlsxBook): string {
  if (cell.kind === 'number' && field !== undefined) {
    if (DATE_FIELDS.has(field)) {
      const day = book.dayOfSerial(cell.value);
      if (day !== null) return formatIsoDay(day);
    } else if (AMOUNT_FIELDS.has(field)) {
      const cents = centsFromNumber(cell.value);
      if (cents !== null) return formatCents(cents);
    }
  }
  return cellText(cell);
}
