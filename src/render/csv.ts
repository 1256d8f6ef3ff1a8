// CSV for machines and spreadsheets: comma-separated, RFC 4180 quoting, one header line.

export function csvLine(values: readonly (string | number | null)[]): string {
  return values.map(csvField).join(',') + '\n';
}

function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
