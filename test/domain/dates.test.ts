import { describe, expect, it } from 'vitest';
import {
  addMonths,
  addYears,
  PARIS_OFFSET,
  dayFromExcelSerial,
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
    ['2025-03-01T23:59:59.999', '2025-03-01'],
    ['03/01/2025 11:30 PM', '2025-01-03'],
  ])('%j → %s', (text, expected) => {
    expect(iso(parseDate(text))).toBe(expected);
  });

  it.each(['31/02/2025', '29/02/2025', '2025-02-29', '2025-13-01', '00/01/2025', '32/01/2025', '2025-04-31', '01/03/025', '2025/03/01', 'hier', ''])(
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

describe('parseDate: two-digit years are 20xx', () => {
  it.each([
    ['31/10/26', '2026-10-31'],
    ['01/03/25', '2025-03-01'],
    ['1/3/25', '2025-03-01'],
    ['31-10-26', '2026-10-31'],
    ['31.10.26', '2026-10-31'],
    ['29/02/24', '2024-02-29'],
    ['01/01/00', '2000-01-01'],
    ['31/12/99', '2099-12-31'], // never 1999: the rule has no pivot year
    ['31/10/26 14:30', '2026-10-31'],
    [' 31/10/26 ', '2026-10-31'],
  ])('%j → %s', (text, expected) => {
    expect(iso(parseDate(text))).toBe(expected);
  });

  it.each(['29/02/25', '31/04/26', '00/10/26', '31/13/26', '31/10/2', '31/10/026', '26/10/31x', '10/26'])('%j is not a date', (text) => {
    expect(parseDate(text)).toBeNull();
  });
});

describe('parseDate: a timestamp with a zone is the day it was in the configured zone', () => {
  const utcPlus = (hours: number) => () => hours * 60;
  it.each([
    // Paris by default: UTC+2 in summer, UTC+1 in winter.
    ['2026-09-30T22:00:00Z', '2026-10-01'],
    ['2026-09-30T21:59:59Z', '2026-09-30'],
    ['2026-09-30T22:00:00+00:00', '2026-10-01'],
    ['2026-09-30T22:00:00.000Z', '2026-10-01'],
    ['2026-09-30 22:00:00+00', '2026-10-01'],
    ['2026-09-30T22:00:00+0000', '2026-10-01'],
    ['2026-09-30T22:00:00+02:00', '2026-09-30'], // 22:00 in Paris already
    ['2026-10-01T00:30:00+02:00', '2026-10-01'],
    ['2026-09-30T23:30:00-05:00', '2026-10-01'], // 04:30 UTC, 06:30 in Paris
    ['2026-12-31T23:00:00Z', '2027-01-01'], // winter: UTC+1
    ['2026-12-31T22:59:00Z', '2026-12-31'],
    ['2026-03-28T23:00:00Z', '2026-03-29'], // the night summer time begins (29 March 2026)
    ['2026-10-24T22:00:00Z', '2026-10-25'], // the night it ends (25 October 2026): still +2
    ['2026-10-25T22:59:00Z', '2026-10-25'], // then +1
    ['2026-10-25T23:00:00Z', '2026-10-26'],
    ['2024-02-28T23:30:00Z', '2024-02-29'],
    ['2026-09-30T22:00Z', '2026-10-01'], // no seconds
  ])('%j → %s in Europe/Paris', (text, expected) => {
    expect(iso(parseDate(text))).toBe(expected);
  });

  it('takes the zone as a parameter: UTC, or Martinique at UTC−4', () => {
    expect(iso(parseDate('2026-09-30T22:00:00Z', utcPlus(0)))).toBe('2026-09-30');
    expect(iso(parseDate('2026-10-01T02:00:00Z', utcPlus(-4)))).toBe('2026-09-30');
    expect(iso(parseDate('2026-10-01T04:00:00Z', utcPlus(-4)))).toBe('2026-10-01');
  });

  it('a time without a zone is the wall clock where it was written: only its date counts', () => {
    expect(iso(parseDate('2026-09-30T22:00:00'))).toBe('2026-09-30');
    expect(iso(parseDate('2026-09-30T23:59:59', utcPlus(-10)))).toBe('2026-09-30');
  });

  it.each(['2026-09-30T24:00:00Z', '2026-09-30T22:60:00Z', '2026-09-31T22:00:00Z', '2026-09-30T22:00:00+15:00', '2026-09-30T22:00:00+02:60', '2026-09-30T22:00:00 UTC+2', '2026-09-30 22:00 CET', '30/09/2026T22:00:00Z', '01/03/2025 12:30 hier'])(
    '%j is not a date',
    (text) => {
      expect(parseDate(text)).toBeNull();
    },
  );
});

describe('PARIS_OFFSET: the EU summer-time rule', () => {
  const at = (isoInstant: string) => Date.parse(isoInstant) / 60_000;
  it.each([
    ['2026-03-29T00:59:00Z', 60],
    ['2026-03-29T01:00:00Z', 120],
    ['2026-10-25T00:59:00Z', 120],
    ['2026-10-25T01:00:00Z', 60],
    ['2027-03-28T01:00:00Z', 120], // last Sunday of March 2027
    ['2027-03-27T01:00:00Z', 60],
    ['2030-07-14T12:00:00Z', 120],
    ['2030-01-15T12:00:00Z', 60],
  ])('%s → UTC+%i minutes', (instant, minutes) => {
    expect(PARIS_OFFSET(at(instant))).toBe(minutes);
  });
});

describe('dayFromExcelSerial', () => {
  it.each([
    [45731, false, '2025-03-15'],
    [45731.75, false, '2025-03-15'], // a time of day is dropped
    [46296, false, '2026-10-01'],
    [1, false, '1900-01-01'],
    [59, false, '1900-02-28'],
    [61, false, '1900-03-01'], // after the phantom 29 February 1900
    [36526, false, '2000-01-01'],
    [44269, true, '2025-03-15'], // the 1904 system: 1 462 days fewer
    [0, true, '1904-01-01'],
  ])('%d (1904: %s) → %s', (serial, date1904, expected) => {
    expect(iso(dayFromExcelSerial(serial, date1904))).toBe(expected);
  });

  it.each([
    [60, false], // 29/02/1900, which never was
    [0, false],
    [-1, false],
    [-1, true],
    [Number.NaN, false],
    [2_958_466, false], // past 9999-12-31, and far beyond the years relance reads
  ])('%d (1904: %s) is no date', (serial, date1904) => {
    expect(dayFromExcelSerial(serial, date1904)).toBeNull();
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

