// `relance rates --update` names the rates file it created in relance.yaml: one line,
// `rates: rates.yaml`, added at the end, every other line and comment left as it was.

import { isDeepStrictEqual } from 'node:util';
import { parseDocument } from 'yaml';

/** Whether relance.yaml has a `rates` key at all (it may be empty, or a variable not set). */
export function hasRatesKey(text: string): boolean {
  const doc = parseDocument(text, { schema: 'failsafe' });
  return doc.errors.length === 0 && doc.has('rates');
}

/**
 * relance.yaml's text with `rates: NAME` as its last line; null when its layout would
 * not take it: the result is read back and must say what the file said, plus `rates`.
 */
export function configWithRatesLine(text: string, name: string): string | null {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const line = `rates: ${/^[\w./-]+$/.test(name) ? name : JSON.stringify(name)}${eol}`;
  const after = `${text}${text === '' || text.endsWith('\n') ? '' : eol}${line}`;
  const read = (t: string): unknown => {
    const doc = parseDocument(t, { schema: 'failsafe' });
    return doc.errors.length > 0 ? undefined : (doc.toJS() as unknown);
  };
  const old = read(text) ?? null;
  const now = read(after);
  const expected = old === null ? { rates: name } : typeof old === 'object' && !Array.isArray(old) ? { ...old, rates: name } : undefined;
  return expected !== undefined && isDeepStrictEqual(now, expected) ? after : null;
}
