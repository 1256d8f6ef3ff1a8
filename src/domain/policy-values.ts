// How the policy reader shows what it read: a value as the user wrote it, a path to
// it (`steps[2].channel`), and the known name a typo stands for.

import { closestName } from './closest.js';
import { quote as quoteText, shorten } from './user-text.js';

export type Path = readonly (string | number)[];

export function name(step: { id: string | null; index: number }): string {
  return step.id === null ? `#${step.index + 1}` : `"${step.id}"`;
}

export function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value);
}

/** `steps[2].channel`, `segments[0].templates.relance-1`. */
export function formatPath(path: Path): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? key : `.${key}`;
  }
  return out;
}

/** The offending value as the user wrote it. */
export function quote(value: unknown): string {
  if (typeof value === 'string') return quoteText(value);
  if (value === null || value === undefined) return 'empty';
  if (typeof value === 'object') return shorten(JSON.stringify(value));
  return String(value);
}

export function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null || value === undefined) return 'empty';
  if (typeof value === 'object') return 'a mapping';
  return quote(value);
}

/** The known name nearest to a typo, or the one a shortened name (`min_gap`) stands for. */
export function closest(word: string, known: readonly string[]): string | null {
  const near = closestName(word, known);
  if (near !== null) return near;
  const w = word.toLowerCase();
  const prefixed = known.filter((k) => w.length >= 3 && (k.toLowerCase().startsWith(w) || w.startsWith(k.toLowerCase())));
  return prefixed.length === 1 ? prefixed[0]! : null;
}

