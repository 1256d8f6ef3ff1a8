// A user's text inside a message: quoted, its control characters escaped, and cut to a
// readable length, so that a 50 MB cell never becomes a 50 MB message.

/** How much of a user's value a message shows. */
export const SHOWN_CHARACTERS = 80;

/** The longest value a field may hold: beyond, it is not an invoice's data. */
export const MAX_FIELD_LENGTH = 10_000;

/** `"F-2026-014"`, or `"aaaa…" (52 000 000 characters)` for a long one; line breaks shown as \n. */
export function quote(text: string): string {
  if (text.length <= SHOWN_CHARACTERS) return JSON.stringify(text);
  return `${JSON.stringify(`${head(text, SHOWN_CHARACTERS - 1)}…`)} (${formatCount(text.length)} characters)`;
}

/** The text itself, cut like `quote` but not quoted: for a list of names in a message. */
export function shorten(text: string, max = SHOWN_CHARACTERS): string {
  return text.length <= max ? text : `${head(text, max - 1)}… (${formatCount(text.length)} characters)`;
}

/** The first `n` UTF-16 units, never half a surrogate pair. */
function head(text: string, n: number): string {
  const code = text.charCodeAt(n - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? n - 1 : n);
}

/** `4 081`, `52 000 000`: digits in groups of three, as French and English readers both read them. */
export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

// C0 and C1 controls, DEL, and the Unicode line and paragraph separators: none belongs in
// a name or a number, and each can break a line, a header or a terminal.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

const CONTROL_NAMES: Record<number, string> = { 0x09: 'a tab', 0x0a: 'a line break (LF)', 0x0d: 'a carriage return (CR)', 0x1b: 'an escape character (ESC)', 0x00: 'a NUL character', 0x2028: 'a line separator (U+2028)', 0x2029: 'a paragraph separator (U+2029)' };

/** The first control character of `text`, named for a message ("an escape character (ESC)"), or null. */
export function controlCharacterIn(text: string): string | null {
  const m = CONTROL.exec(text);
  if (m === null) return null;
  const code = m[0].charCodeAt(0);
  return CONTROL_NAMES[code] ?? `a control character (U+${code.toString(16).toUpperCase().padStart(4, '0')})`;
}
