// Money is integer cents; rates are integer millionths of the annual rate (13.15 % = 131 500).
// Nothing here touches a float: amounts are read digit by digit and interest is an exact
// fraction rounded once.

/** An amount in euro cents (an integer). */
export type Cents = number;

/** An annual rate in millionths: 13.15 % is 131 500, 0.93 % is 9 300. */
export type Rate = number;

export const RATE_ONE_PERCENT: Rate = 10_000;

// Group separators seen in French and English exports: space, no-break space (U+00A0),
// narrow no-break space (U+202F), thin space (U+2009) and the Swiss apostrophe.
const GROUP_SPACES = /[\s\u00a0\u202f\u2009'’]/g;
// `EUR` may touch the digits (`99,99EUR`), but not another letter (`EURO99`, `NEUR`).
const CURRENCY = /€|(?<![a-z])EUR(?![a-z])|\bEuros?\b/gi;
// The fast path: `1234,56`, `1 234,56`, and the `1250.00000000` of SQL-fed exports (two
// decimals, then at least two zeros: a third digit alone may be a thousands group).
const COMMON_AMOUNT = /^(-?)(\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:[.,](\d{1,2})|[.,](\d\d)00+)?$/;

/**
 * Reads an amount as people write it: `1234.56`, `1 234,56`, `1.234,56`, `1,234.56`,
 * `1 234,56 €`, `€1,234.56`, `EUR 99.99`, `99,99 EUR`, `-12,50`, and the accounting
 * negatives `(120,00)` and `120,00-`. Returns cents, or null when the text is not an
 * amount or has more than two decimals.
 *
 * One separator followed by exactly three digits (`1.500`, `1,500`, `12,345`) is a
 * thousands separator: an amount of money has two decimals, never three. Zeros beyond
 * the cents are only padding (`1250.00000000`, `1200,000`: not a thousands group there),
 * any other third decimal is refused (`1234,567`).
 */
export function parseAmount(text: string): Cents | null {
  // Most amounts in an export look like `1234,56` or `1 234,56`: one regex, no rewriting.
  const common = COMMON_AMOUNT.exec(text);
  if (common) {
    const integer = common[2]!.length > 3 ? common[2]!.replace(/\D/g, '') : common[2]!;
    const decimals = common[3] ?? common[4];
    const cents = Number(integer) * 100 + (decimals === undefined ? 0 : Number(decimals.length === 1 ? `${decimals}0` : decimals));
    if (Number.isSafeInteger(cents)) return common[1] ? -cents : cents;
  }
  let s = text.replace(CURRENCY, '').replace(GROUP_SPACES, '');
  let negative = false;
  // Accounting forms: the sign is the brackets or a trailing minus, and then no other sign.
  if (s.startsWith('(') && s.endsWith(')')) {
    negative = true;
    s = s.slice(1, -1);
  } else if (s.endsWith('-') || s.endsWith('−')) {
    negative = true;
    s = s.slice(0, -1);
  } else if (s.startsWith('-') || s.startsWith('−')) {
    negative = true;
    s = s.slice(1);
  } else if (s.startsWith('+')) {
    s = s.slice(1);
  }
  if (!/^\d[\d.,]*$/.test(s) || /[.,]$/.test(s)) return null;

  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  let integer = s;
  let fraction = '';
  if (lastDot >= 0 && lastComma >= 0) {
    // Both kinds: the last one is the decimal mark, the other groups thousands.
    const decimalAt = Math.max(lastDot, lastComma);
    const group = decimalAt === lastDot ? ',' : '.';
    integer = s.slice(0, decimalAt);
    fraction = s.slice(decimalAt + 1);
    if (fraction.includes('.') || fraction.includes(',')) return null;
    if (!isGrouped(integer, group)) return null;
    integer = integer.split(group).join('');
  } else if (lastDot >= 0 || lastComma >= 0) {
    const mark = lastDot >= 0 ? '.' : ',';
    const parts = s.split(mark);
    const tail = parts[parts.length - 1]!;
    if (parts.length === 2 && tail.length <= 2) {
      integer = parts[0]!;
      fraction = tail;
    } else if (isGrouped(s, mark)) {
      integer = parts.join('');
    } else if (parts.length === 2) {
      integer = parts[0]!;
      fraction = tail; // three decimals or more: only zeros may follow the cents (below)
    } else {
      return null;
    }
  }
  if (integer === '') return null;
  if (fraction.length > 2) {
    if (!/^0+$/.test(fraction.slice(2))) return null;
    fraction = fraction.slice(0, 2);
  }
  const cents = Number(integer) * 100 + Number(fraction.padEnd(2, '0'));
  if (!Number.isSafeInteger(cents)) return null;
  return negative ? -cents : cents;
}

/**
 * The cents of a number a spreadsheet holds (an .xlsx cell): `1234.56` is stored as the
 * nearest double, and a sum of cells may carry float noise (`1234.5600000000002`). Noise
 * below a millionth of a cent is rounded off; a real third decimal (`12.345`) is null,
 * like the text `12,345` would be refused were it not a thousands group.
 */
export function centsFromNumber(value: number): Cents | null {
  if (!Number.isFinite(value)) return null;
  const cents = Math.round(value * 100);
  // A millionth of a cent, and the doubles' own relative precision for large amounts.
  if (!Number.isSafeInteger(cents) || Math.abs(value * 100 - cents) > 1e-6 + Math.abs(cents) * 1e-12) return null;
  return cents;
}

/** `1,234,567` grouped by `,`: a first group of 1–3 digits, then groups of exactly 3. */
function isGrouped(text: string, group: string): boolean {
  const parts = text.split(group);
  if (parts.length === 1) return /^\d+$/.test(text);
  return /^\d{1,3}$/.test(parts[0]!) && parts.slice(1).every((p) => /^\d{3}$/.test(p));
}

/** `"1234.50"`: the form of every amount in JSON and CSV output. */
export function formatCents(cents: Cents): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const units = Math.floor(abs / 100);
  const rest = abs % 100;
  return `${sign}${units}.${rest < 10 ? '0' : ''}${rest}`;
}

function groupThousands(units: number, separator: string): string {
  return String(units).replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

/** `1 234,56 €`, spaces as the README shows them (plain spaces read everywhere: mail, terminal, CSV). */
export function formatEurosFr(cents: Cents): string {
  const abs = Math.abs(cents);
  const rest = abs % 100;
  const text = `${groupThousands(Math.floor(abs / 100), ' ')},${rest < 10 ? '0' : ''}${rest} €`;
  return cents < 0 ? `-${text}` : text;
}

/** `€1,234.56`. */
export function formatEurosEn(cents: Cents): string {
  const abs = Math.abs(cents);
  const rest = abs % 100;
  const text = `€${groupThousands(Math.floor(abs / 100), ',')}.${rest < 10 ? '0' : ''}${rest}`;
  return cents < 0 ? `-${text}` : text;
}

/**
 * Reads a rate in percent: `13.15`, `13,15 %`, `2.625`. Up to four decimals (the tables
 * use two). Returns millionths, or null.
 */
export function parsePercent(text: string): Rate | null {
  const m = /^\s*(\d{1,3})(?:[.,](\d{1,4}))?\s*%?\s*$/.exec(text);
  if (!m) return null;
  return Number(m[1]) * RATE_ONE_PERCENT + Number((m[2] ?? '').padEnd(4, '0'));
}

/** `"13.15"`: a rate in percent with at least two decimals, as JSON shows it. */
export function formatPercent(rate: Rate): string {
  const units = Math.floor(rate / RATE_ONE_PERCENT);
  let decimals = String(rate % RATE_ONE_PERCENT).padStart(4, '0');
  while (decimals.length > 2 && decimals.endsWith('0')) decimals = decimals.slice(0, -1);
  return `${units}.${decimals}`;
}

/**
 * Interest as an exact fraction of a cent: balance × rate × days / 365, the numerator
 * over `INTEREST_DENOMINATOR` (365 × 10^6, the rate being in millionths). Numerators are
 * integers: they add up exactly until the one rounding. Plain numbers while they stay
 * below 2^53 (nearly always), BigInt beyond, so a large balance over a long delay is
 * exact too.
 */
export const INTEREST_DENOMINATOR_NUMBER = 365 * 1_000_000;
export const INTEREST_DENOMINATOR = BigInt(INTEREST_DENOMINATOR_NUMBER);

export type Numerator = number | bigint;

const SAFE = Number.MAX_SAFE_INTEGER;

export function interestNumerator(balance: Cents, rate: Rate, days: number): Numerator {
  const perDay = balance * rate;
  if (perDay <= SAFE && perDay * days <= SAFE) return perDay * days;
  return BigInt(balance) * BigInt(rate) * BigInt(days);
}

export function addNumerators(a: Numerator, b: Numerator): Numerator {
  if (typeof a === 'number' && typeof b === 'number' && a + b <= SAFE) return a + b;
  return BigInt(a) + BigInt(b);
}

/** Rounds numerator / denominator to the nearest integer, halves away from zero. */
export function roundHalfUp(numerator: Numerator, denominator: bigint): number {
  if (typeof numerator === 'number' && Math.abs(numerator) < 2 ** 51) {
    const d = Number(denominator);
    const a = 2 * Math.abs(numerator) + d;
    const b = 2 * d;
    // The float quotient may land one off when it is within a rounding error of an
    // integer: correct it with exact integer products.
    let q = Math.floor(a / b);
    if (q * b > a) q -= 1;
    else if ((q + 1) * b <= a) q += 1;
    return numerator < 0 ? -q : q;
  }
  const big = BigInt(numerator);
  const negative = big < 0n;
  const abs = negative ? -big : big;
  const rounded = (2n * abs + denominator) / (2n * denominator);
  return Number(negative ? -rounded : rounded);
}
