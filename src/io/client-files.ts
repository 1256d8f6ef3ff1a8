// The client directory's files (`clients:` in relance.yaml), each told by its content: an
// .xlsx workbook, a YAML list, else a CSV table (any separator and encoding the invoice
// files may have). Every row is checked by the domain (client-directory.ts) and every
// problem of every file comes back at once. A directory is small (one row a client): each
// file is read whole.

import { extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { ClientEntry, DirectoryColumns, DirectoryField, DirectoryRow } from '../domain/client-directory.js';
import { ClientDirectory, DIRECTORY_FIELDS, createClientReader, directoryFieldForHeader, matchDirectoryHeader } from '../domain/client-directory.js';
import { suggestion } from '../domain/closest.js';
import type { Issue } from '../domain/issue.js';
import { error, warning } from '../domain/issue.js';
import { shorten } from '../domain/user-text.js';
import { detectDelimiter } from './csv-invoices.js';
import { fileKindIssue, sniffFile } from './file-kind.js';
import { displayPath, fileError } from './paths.js';
import { encodingIssue, readUserText } from './text-file.js';
import { cellText, readXlsxRows } from './xlsx-file.js';
import { readYamlFile } from './yaml-file.js';

export interface ClientDirectoryReading {
  directory: ClientDirectory;
  issues: Issue[];
}

/** Reads every file of the directory (absolute paths); never throws for the user's mistakes. */
export async function readClientDirectory(paths: readonly string[], cwd: string): Promise<ClientDirectoryReading> {
  const directory = new ClientDirectory();
  const issues: Issue[] = [];
  for (const path of paths) {
    const file = displayPath(path, cwd);
    const readEntry = createClientReader(file, issues);
    const onRow = (row: DirectoryRow): void => {
      const entry: ClientEntry | null = readEntry(row);
      if (entry !== null) directory.add(entry, issues);
      else directory.addRejected(row.text('client_code'), file, row.lineOf('client_code'), issues);
    };
    try {
      const sniffed = await sniffFile(path);
      const refused = fileKindIssue(file, sniffed);
      if (refused !== null) issues.push({ ...refused, message: refused.message.replace('a table of invoices', 'a table of clients') });
      else if (sniffed.kind === 'xlsx') await readXlsxDirectory(path, file, onRow, issues);
      else if (isYaml(path)) await readYamlDirectory(path, file, onRow, issues);
      else await readCsvDirectory(path, file, onRow, issues);
    } catch (e) {
      issues.push(fileError(e, file));
    }
  }
  return { directory, issues };
}

function isYaml(path: string): boolean {
  return ['.yaml', '.yml'].includes(extname(path).toLowerCase());
}

/** A table's row (CSV or a sheet), read through the header's columns. */
function tableRow(values: readonly string[], line: number, columns: DirectoryColumns): DirectoryRow {
  return {
    line,
    text: (field) => {
      const column = columns[field];
      return column === undefined ? '' : (values[column] ?? '');
    },
    lineOf: () => line,
  };
}

const isBlank = (values: readonly string[]): boolean => values.every((v) => v.trim() === '');

/** Rows after the header (the first line that is not blank), each with its line. */
function readTable(rows: Iterable<{ values: readonly string[]; line: number }>, file: string, onRow: (row: DirectoryRow) => void, issues: Issue[]): void {
  let columns: DirectoryColumns | null | undefined;
  for (const { values, line } of rows) {
    if (isBlank(values)) continue;
    if (columns === undefined) {
      columns = matchDirectoryHeader(values, file, line, issues);
      if (columns === null) return;
      continue;
    }
    onRow(tableRow(values, line, columns!));
  }
  if (columns === undefined) issues.push(error(file, undefined, undefined, 'the file is empty', 'write a header line (Code client;Client;Email…) and one line per client'));
}

async function readCsvDirectory(path: string, file: string, onRow: (row: DirectoryRow) => void, issues: Issue[]): Promise<void> {
  const read = await readUserText(path);
  if ('problem' in read) {
    issues.push(encodingIssue(file, read.problem));
    return;
  }
  let records: string[][];
  try {
    records = parse(read.text, { delimiter: detectDelimiter(read.text.slice(0, 4096)), relax_column_count: true, relax_quotes: true, skip_empty_lines: false });
  } catch (e) {
    const { lines, message } = e as { lines?: number; message?: string };
    issues.push(error(file, lines, undefined, `not readable as CSV: ${shorten(message ?? String(e), 200)}`, 'check the quotes on that line'));
    return;
  }
  // A record takes one line plus the line breaks inside its quoted fields.
  let next = 1;
  const rows = records.map((values) => {
    const line = next;
    next += 1 + values.reduce((n, v) => n + (v.match(/\n/g)?.length ?? 0), 0);
    return { values, line };
  });
  readTable(rows, file, onRow, issues);
}

async function readXlsxDirectory(path: string, file: string, onRow: (row: DirectoryRow) => void, issues: Issue[]): Promise<void> {
  const book = await readXlsxRows(path, file);
  for (const issue of book.issues) issues.push(issue);
  const rows: { values: string[]; line: number }[] = [];
  for await (const row of book.rows) rows.push({ values: row.cells.map(cellText), line: row.line });
  if (book.issues.length === 0) readTable(rows, file, onRow, issues);
}

// A YAML entry's lists: e-mails and tags as one text, address lines one a line.
const JOINED: Partial<Record<DirectoryField, string>> = { email: '; ', tags: ', ', address: '\n' };

async function readYamlDirectory(path: string, file: string, onRow: (row: DirectoryRow) => void, issues: Issue[]): Promise<void> {
  const source = await readYamlFile(path, file, { schema: 'failsafe' });
  if (source.issues.length > 0) {
    for (const issue of source.issues) issues.push(issue);
    return;
  }
  const data = source.data;
  const inRoot = Array.isArray(data);
  const list: unknown = inRoot ? data : isRecord(data) ? data.clients : undefined;
  if (!Array.isArray(list)) {
    issues.push(error(file, 1, undefined, 'no list of clients found', 'write a list of entries (each starting with "- client_code: …" or "- client: …"), or put it under clients:'));
    return;
  }
  const at = (...path: (string | number)[]) => source.lineOf(inRoot ? path : ['clients', ...path]) ?? 1;
  list.forEach((entry, index) => {
    const line = at(index);
    if (!isRecord(entry)) {
      issues.push(error(file, line, undefined, 'this entry is not a client (a map of fields)', 'write each client as "- client_code: …" followed by its fields, indented'));
      return;
    }
    const fields = new Map<DirectoryField, { text: string; line: number }>();
    let bad = false;
    for (const [key, value] of Object.entries(entry)) {
      const keyLine = at(index, key);
      const field = directoryFieldForHeader(key);
      if (field === null) {
        issues.push(warning(file, keyLine, shorten(key, 40), 'unknown field, ignored', suggestion(key, DIRECTORY_FIELDS, `known fields: ${DIRECTORY_FIELDS.join(', ')}`)));
        continue;
      }
      if (field === 'address' && isRecord(value)) {
        // address: { lines: [...], postcode, city, country }
        for (const [part, partValue] of Object.entries(value)) {
          const partField = part === 'lines' || part === 'street' ? 'address' : directoryFieldForHeader(part);
          const text = scalarText(partValue, '\n');
          if (partField === null || text === null) issues.push(warning(file, at(index, key, part), `address.${shorten(part, 40)}`, 'unknown part of an address, ignored', 'write lines, postcode, city and country'));
          else fields.set(partField, { text, line: at(index, key, part) });
        }
        continue;
      }
      const text = scalarText(value, JOINED[field] ?? ', ');
      if (text !== null) fields.set(field, { text, line: keyLine });
      else {
        issues.push(error(file, keyLine, field, 'expected a single value or a list of values here', 'write the value on the same line as the key'));
        bad = true;
      }
    }
    if (!bad) onRow({ line, text: (f) => fields.get(f)?.text ?? '', lineOf: (f) => fields.get(f)?.line ?? line });
  });
}

function scalarText(value: unknown, separator: string): string | null {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.every((v) => typeof v === 'string') ? value.join(separator) : null;
  return typeof value === 'string' ? value : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
