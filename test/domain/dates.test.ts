import { describe, expect, it } from 'vitest';
import {
  addMonths,
  addYears,
  dayFromYmd,
  endOfMonth,
  formatFrenchDay,
  formatIsoDay,
  halfYearKey,
  halfYearOf,
  halfYearStart,
  parseDate,
  parseHalfYearKey,
  parseIsoDay,
  ymdFromDay,
} from '../../src/domain/dates.js';

const iso = (d: number | null): string | null => (d === null ? null : formatIsoDay(d));

describe('parseDate', () => {
  it.each([
    ['2025-03-01', '2025-03-01'],
    ['2025-3-1', '2025-03-01'],
    ['01/03/2025', '2025-03-01'],
    ['01-03-2025', '2025-03-01'],
    ['01.03.2025', '2025-03-01'],
    ['1/3/2025', '2025-03-01'],
    ['29/02/2024', '2024-02-29'],
    [' 2025-03-01 ', '2025-03-01'],
    ['2025-03-01 00:00:00', '2025-03-01'],
    ['2025-03-01T00:00:00', '2025-03-01'],
    ['01/03/2025 12:30', '2025-03-01'],
  ])('%j → %s', (text, expected) => {
    expect(iso(parseDate(text))).toBe(expected);
  });

  it.each(['31/02/2025', '29/02/2025', '2025-02-29', '2025-13-01', '00/01/2025', '32/01/2025', '2025-04-31', '01/03/25', '2025/03/01', 'hier', ''])(
    '%j is not a date',
    (text) => {
      expect(parseDate(text)).toBeNull();
    },
  );

  it('parseIsoDay takes only YYYY-MM-DD', () => {
    expect(iso(parseIsoDay('2025-03-01'))).toBe('2025-03-01');
    expect(parseIsoDay('01/03/2025')).toBeNull();
  });
});

describe('day numbers', () => {
  it('count from 1970-01-01', () => {
    expect(dayFromYmd(1970, 1, 1)).toBe(0);
    expect(ymdFromDay(dayFromYmd(2024, 2, 29))).toEqual({ year: 2024, month: 2, day: 29 });
    // 2024 is a leap year: 366 days from 31 Dec 2023 to 31 Dec 2024
    expect(dayFromYmd(2024, 12, 31) - dayFromYmd(2023, 12, 31)).toBe(366);
    expect(formatFrenchDay(dayFromYmd(2025, 3, 1))).toBe('01/03/2025');
  });

  it.each([
    ['2025-01-31', 1, '2025-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2025-08-31', -6, '2025-02-28'],
    ['2025-11-15', 3, '2026-02-15'],
  ])('addMonths(%s, %i) = %s', (from, months, expected) => {
    expect(iso(addMonths(parseIsoDay(from)!, months))).toBe(expected);
  });

  it('addYears clamps 29 February', () => {
    expect(iso(addYears(parseIsoDay('2024-02-29')!, 5))).toBe('2029-02-28');
    expect(iso(endOfMonth(parseIsoDay('2024-02-10')!))).toBe('2024-02-29');
  });
});

describe('half-years', () => {
  it.each([
    ['2025-01-01', '2025-H1', '2025-01-01', '2025-06-30'],
    ['2025-06-30', '2025-H1', '2025-01-01', '2025-06-30'],
    ['2025-07-01', '2025-H2', '2025-07-01', '2025-12-31'],
    ['2025-12-31', '2025-H2', '2025-07-01', '2025-12-31'],
  ])('%s is in %s', (date, key, start, end) => {
    const h = halfYearOf(parseIsoDay(date)!);
    const next = h.half === 1 ? { year: h.year, half: 2 as const } : { year: h.year + 1, half: 1 as const };
    expect([halfYearKey(h), iso(halfYearStart(h)), iso(halfYearStart(next) - 1)]).toEqual([key, start, end]);
  });

  it('reads keys', () => {
    expect(parseHalfYearKey('2027-H1')).toEqual({ year: 2027, half: 1 });
    expect(parseHalfYearKey('2027-H3')).toBeNull();
  });
});

describe('parseDate: the digit-by-digit path for ten-character dates', () => {
  it('agrees with the general reading on every day of 2024 and 2025, in every form', () => {
    for (let d = parseIsoDay('2024-01-01')!; d <= parseIsoDay('2025-12-31')!; d++) {
      const iso = formatIsoDay(d);
      const [y, m, day] = iso.split('-');
      for (const text of [iso, `${day}/${m}/${y}`, `${day}-${m}-${y}`, `${day}.${m}.${y}`]) {
        expect(parseDate(text)).toBe(d);
        expect(parseDate(` ${text}`)).toBe(d); // the general path
      }
    }
  });

  it.each(['31/02/2026', '2026-02-30', '00/01/2026', '1a/01/2026', '2026-13-01', '12/12/12345'])('%j is not a date', (text) => {
    expect(parseDate(text)).toBeNull();
  });
});

