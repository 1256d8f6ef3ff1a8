// What reaches the terminal from the user's data: control characters made visible, so a
// client name holding "\u001b[2J" or a CR prints as text and never moves the cursor,
// clears the screen or fakes a line. Applied at the output edge (tables, issue lines),
// before any colour of relance's own is added.

// C0 controls (tab and line feed included: a cell or an issue is one line), DEL, C1
// controls, the line and paragraph separators, and the bidirectional overrides.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const UNSAFE_ALL = new RegExp(UNSAFE.source, 'g');

/** `\u001b` → `␛`, `\r` → `␍` (the Unicode control pictures); the others as `\u009b`. */
export function visible(text: string): string {
  return UNSAFE.test(text) ? text.replace(UNSAFE_ALL, picture) : text;
}

function picture(c: string): string {
  const code = c.charCodeAt(0);
  if (code < 0x20) return String.fromCharCode(0x2400 + code);
  if (code === 0x7f) return '\u2421';
  return `\\u${code.toString(16).padStart(4, '0')}`;
}
