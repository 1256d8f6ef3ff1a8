// CSV for machines and spreadsheets: comma-separated, RFC 4180 quoting, one header line.
// A cell that a spreadsheet would run as a formula (=, +, -, @, tab or CR first: OWASP's
// CSV injection) is written with a leading ' so that it opens as text; plain numbers
// such as -12.50 are left as they are.

export function csvLine(values: readonly (string | number | null)[]): string {
  return values.map(csvField).join(',') + '\n';
}

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?\d+(?:[.,]\d+)?$/;

function csvField(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text) && !PLAIN_NUMBER.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
