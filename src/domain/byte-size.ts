// Sizes as people write them in relance.yaml: `10 MB`, `500 kB`, `2 Mo` (French), `1,5 Mo`,
// `4 MiB`, or a number of bytes. kB/MB/GB are powers of 1000, as mail providers quote
// their limits; KiB/MiB/GiB powers of 1024.

const UNITS: Record<string, number> = {
  '': 1, b: 1, o: 1, byte: 1, bytes: 1, octet: 1, octets: 1,
  k: 1e3, kb: 1e3, ko: 1e3, m: 1e6, mb: 1e6, mo: 1e6, g: 1e9, gb: 1e9, go: 1e9,
  kib: 1024, kio: 1024, mib: 1024 ** 2, mio: 1024 ** 2, gib: 1024 ** 3, gio: 1024 ** 3,
};

/** A size in bytes, or null when the text is not one. */
export function parseByteSize(text: string): number | null {
  const m = /^(\d+(?:[.,]\d+)?)\s*([a-z]*)$/i.exec(text.trim());
  if (m === null) return null;
  const unit = UNITS[m[2]!.toLowerCase()];
  if (unit === undefined) return null;
  const bytes = Math.round(Number(m[1]!.replace(',', '.')) * unit);
  return Number.isSafeInteger(bytes) && bytes > 0 ? bytes : null;
}

/** `12.5 MB`, `800 kB`, `512 bytes`: one decimal at most, the unit that reads best. */
export function formatByteSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`;
  const [unit, size] = bytes < 1e6 ? ['kB', 1e3] : bytes < 1e9 ? ['MB', 1e6] : ['GB', 1e9];
  return `${Number((bytes / (size as number)).toFixed(1))} ${unit as string}`;
}
