// Plain text tables: columns padded with spaces, a rule under the header, long cells
// cut with "…". Cheap at any length (cli-table3 costs seconds on thousands of rows,
// docs/performance.md) and light to load: `penalty` and `rates` start faster without it.

import type { ChalkInstance } from 'chalk';

export interface TextColumn {
  header: string;
  /** Never wider than this. */
  max: number;
  /** Shares what the fixed columns leave of the width, by weight (default 1). */
  flexible?: boolean;
  weight?: number;
  /** Numbers line up on the right. */
  align?: 'left' | 'right';
}

const GAP = '  ';
const MIN_FLEXIBLE = 8;

/**
 * The widths: fixed columns at their natural width; the flexible ones share what is
 * left by weight, a column that needs less than its share giving the rest to the others.
 * None is narrower than its header.
 */
function fitFlexible(columns: readonly TextColumn[], natural: readonly number[], shown: readonly number[], width: number): number[] {
  const widths = [...natural];
  let left = width - GAP.length * (shown.length - 1) - shown.filter((i) => !columns[i]!.flexible).reduce((sum, i) => sum + natural[i]!, 0);
  let open = shown.filter((i) => columns[i]!.flexible);
  const weight = (i: number): number => columns[i]!.weight ?? 1;
  while (open.length > 0) {
    const total = open.reduce((sum, i) => sum + weight(i), 0);
    const fits = open.filter((i) => natural[i]! <= Math.floor((left * weight(i)) / total));
    if (fits.length === 0) {
      let rest = left;
      open.forEach((i, k) => {
        widths[i] = k === open.length - 1 ? rest : Math.floor((left * weight(i)) / total);
        rest -= widths[i]!;
      });
      break;
    }
    for (const i of fits) left -= natural[i]!;
    open = open.filter((i) => !fits.includes(i));
  }
  for (const i of shown) widths[i] = Math.max(widths[i]!, Math.min(natural[i]!, Math.max(MIN_FLEXIBLE, columns[i]!.header.length)));
  return widths;
}

/**
 * The header, a rule and one line per row, fitting `width` columns; long cells end in "…".
 * `tint` colours a cell once padded, so that colour codes never count as width.
 */
export function textTable(
  columns: readonly TextColumn[],
  rows: readonly string[][],
  width: number,
  c: ChalkInstance,
  tint: (column: number, padded: string) => string = (_, padded) => padded,
): string[] {
  const natural = columns.map((col) => col.header.length);
  const filled = columns.map(() => false);
  for (const row of rows) {
    row.forEach((cell, i) => {
      natural[i] = Math.max(natural[i]!, length(cell));
      if (cell !== '') filled[i] = true;
    });
  }
  columns.forEach((col, i) => (natural[i] = Math.min(col.max, natural[i]!)));
  // A flexible column with nothing in it takes no room.
  const shown = columns.map((_, i) => i).filter((i) => !columns[i]!.flexible || filled[i]);
  const widths = fitFlexible(columns, natural, shown, width);
  const line = (cells: readonly string[], paint: (i: number, padded: string) => string): string =>
    shown
      .map((i) => paint(i, fit(cells[i]!, widths[i]!, columns[i]!.align)))
      .join(GAP)
      .trimEnd();
  return [
    c.bold(line(columns.map((col) => col.header), (_, p) => p)),
    c.dim(shown.map((i) => '─'.repeat(widths[i]!)).join(GAP)),
    ...rows.map((row) => line(row, tint)),
  ];
}

function length(text: string): number {
  return [...text].length;
}

export function clip(text: string, width: number): string {
  const chars = [...text];
  return chars.length <= width ? text : `${chars.slice(0, width - 1).join('')}…`;
}

function fit(text: string, width: number, align: TextColumn['align'] = 'left'): string {
  const chars = [...text];
  if (chars.length <= width) return align === 'right' ? ' '.repeat(width - chars.length) + text : text + ' '.repeat(width - chars.length);
  return `${chars.slice(0, width - 1).join('')}…`;
}

