// Tables for the terminal: cli-table3, bordered when colour is on, plain columns when not
// (a plain table pastes into an e-mail or a ticket). Only ever given a screenful of rows:
// cli-table3 costs 11 s on 10,000 rows (docs/performance.md).

import Table from 'cli-table3';

export type Align = 'left' | 'right';

export interface Column {
  header: string;
  align?: Align;
}

export function renderTable(columns: readonly Column[], rows: readonly string[][], options: { color: boolean }): string {
  const table = new Table({
    head: columns.map((c) => c.header),
    colAligns: columns.map((c) => c.align ?? 'left'),
    style: { head: options.color ? ['bold'] : [], border: options.color ? ['grey'] : [], compact: true, 'padding-left': 1, 'padding-right': 1 },
    chars: options.color ? undefined : PLAIN,
  });
  for (const row of rows) table.push(row);
  return table.toString();
}

// Borderless: columns apart by the padding and one space, no rules.
const PLAIN = {
  top: '', 'top-mid': '', 'top-left': '', 'top-right': '',
  bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '',
  left: '', 'left-mid': '', mid: '', 'mid-mid': '',
  right: '', 'right-mid': '', middle: ' ',
};
