// Calendar dates as integer day numbers (days since 1970-01-01), no time zone.
// Integer days cost 0.16 µs a row where a luxon DateTime costs 32 µs (docs/performance.md),
// and "days late" becomes a subtraction.

/** Days since 1970-01-01 in the proleptic Gregorian calendar. */
export type Day = number;

export interface Ymd {
  year: number;
  month: number; // 1..12
  day: number; // 1..31
}

// Howard Hinnant's days_from_civil / civil_from_days: exact for every Gregorian date.
export function dayFromYmd(year: number, month: number, day: number): Day {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function ymdFromDay(d: Day): Ymd {
  const z = d + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The day number of a real calendar date, or null for 31/02 and the like. */
export function validDay(year: number, month: number, day: number): Day | null {
  if (!Number.isInteger(year) || year < 1900 || year > 2999) return null;
  if (!Number.isInteger(month) || month < 1 || month > 12) return null;
  if (!Number.isInteger(day) || day < 1 || day > daysInMonth(year, month)) return null;
  return dayFromYmd(year, month, day);
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** `YYYY-MM-DD`, the format of every date relance writes for machines. */
export function formatIsoDay(d: Day): string {
  const { year, month, day } = ymdFromDay(d);
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

/** `dd/mm/yyyy`, the French way. */
export function formatFrenchDay(d: Day): string {
  const { year, month, day } = ymdFromDay(d);
  return `${pad2(day)}/${pad2(month)}/${year}`;
}

const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const FRENCH_DATE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})$/;
// `2026-09-30T22:00:00Z`, `…+02:00`, `… 22:00:00.000+0200`: an instant, not a calendar day.
const ZONED_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)$/;

const WALL_TIME = /^[T ]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?: ?[AaPp][Mm])?$/;

/**
 * A time zone's offset from UTC, in minutes, at an instant (minutes since
 * 1970-01-01T00:00Z): +60 for Paris in winter, +120 in summer. The io layer builds one for
 * the config's `timezone:` (time-zone.ts); the domain never looks a zone up itself.
 */
export type ZoneOffset = (utcMinutes: number) => number;

/**
 * Europe/Paris, by the EU rule in force since 1996: UTC+2 from 01:00 UTC on the last
 * Sunday of March to 01:00 UTC on the last Sunday of October, UTC+1 otherwise (the
 * default zone: relance's users are French). Before 1996 summer time ended in September.
 */
export const PARIS_OFFSET: ZoneOffset = (utcMinutes) => {
  const day = Math.floor(utcMinutes / 1440);
  const { year } = ymdFromDay(day);
  const summerStarts = lastSunday(year, 3) * 1440 + 60;
  const summerEnds = lastSunday(year, 10) * 1440 + 60;
  return utcMinutes >= summerStarts && utcMinutes < summerEnds ? 120 : 60;
};

function lastSunday(year: number, month: number): Day {
  const last = dayFromYmd(year, month, daysInMonth(year, month));
  return last - ((((last + 4) % 7) + 7) % 7); // day 0, 1970-01-01, was a Thursday (4)
}

/**
 * Reads `2025-03-01` and the French `01/03/2025`, `01-03-2025`, `01.03.2025`, and
 * `01/03/25`: a two-digit year is always 20xx (an invoice is of this century; `99` is
 * 2099, never 1999). Returns null for anything else, including dates that do not exist
 * (31/02/2025).
 *
 * A trailing time (`2025-03-01 00:00:00`, `2025-03-01T00:00:00`) from spreadsheet exports
 * is ignored: only the calendar date matters (a time followed by anything else is null). A timestamp with a zone (`Z`, `+02:00`) is
 * an instant: its day is the day it was in `zone` (the config's time zone, else Paris),
 * so `2026-09-30T22:00:00Z` is 1 October.
 */
export function parseDate(text: string, zone: ZoneOffset = PARIS_OFFSET): Day | null {
  if (text.length === 10 || text.length === 8) {
    const fast = parseFixedForm(text);
    if (fast !== undefined) return fast;
  }
  let s = text.trim();
  const cut = s.search(/[T ]\d{1,2}:\d{2}/);
  if (cut > 0) {
    // Most times have no zone: the wall clock where they were written, dropped.
    if (!WALL_TIME.test(s.slice(cut))) {
      const zoned = ZONED_TIMESTAMP.exec(s);
      // A zone not understood (`UTC+2`, `CET`) is not dropped: the day could be another one.
      return zoned ? zonedDay(zoned, zone) : null;
    }
    s = s.slice(0, cut);
  }
  let m = ISO_DATE.exec(s);
  if (m) return validDay(Number(m[1]), Number(m[2]), Number(m[3]));
  m = FRENCH_DATE.exec(s);
  if (m) return validDay(fullYear(m[3]!), Number(m[2]), Number(m[1]));
  return null;
}

const fullYear = (digits: string): number => (digits.length === 2 ? 2000 + Number(digits) : Number(digits));

/** The day in `zone` of a timestamp matched by ZONED_TIMESTAMP, or null if a part is out of range. */
function zonedDay(m: RegExpExecArray, zone: ZoneOffset): Day | null {
  const day = validDay(Number(m[1]), Number(m[2]), Number(m[3]));
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  if (day === null || hour > 23 || minute > 59 || second > 59) return null;
  let offset = 0;
  if (m[7] === undefined) {
    const hours = Number(m[9]);
    const minutes = m[10] === undefined ? 0 : Number(m[10]);
    if (hours > 14 || minutes > 59) return null;
    offset = (m[8] === '-' ? -1 : 1) * (hours * 60 + minutes);
  }
  const utc = day * 1440 + hour * 60 + minute - offset;
  return Math.floor((utc + zone(utc)) / 1440);
}

/**
 * The fixed-width forms, read digit by digit (a million rows of dates cost nothing):
 * `dd/mm/yyyy` (or `-`, `.`), `yyyy-mm-dd` and `dd/mm/yy`. undefined: not one of them.
 */
function parseFixedForm(s: string): Day | null | undefined {
  const digit = (i: number): number => {
    const c = s.charCodeAt(i) - 48;
    return c >= 0 && c <= 9 ? c : NaN;
  };
  const sep2 = s.charCodeAt(2);
  if ((sep2 === 47 || sep2 === 45 || sep2 === 46) && s.charCodeAt(5) === sep2) {
    const day = digit(0) * 10 + digit(1);
    const month = digit(3) * 10 + digit(4);
    const year = s.length === 8 ? 2000 + digit(6) * 10 + digit(7) : digit(6) * 1000 + digit(7) * 100 + digit(8) * 10 + digit(9);
    return Number.isNaN(day + month + year) ? undefined : validDay(year, month, day);
  }
  if (s.length === 10 && s.charCodeAt(4) === 45 && s.charCodeAt(7) === 45) {
    const year = digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3);
    const month = digit(5) * 10 + digit(6);
    const day = digit(8) * 10 + digit(9);
    return Number.isNaN(day + month + year) ? undefined : validDay(year, month, day);
  }
  return undefined;
}

/**
 * The day of an Excel serial date number: days since 1899-12-30 in the 1900 date system,
 * where serial 60 is the 29 February 1900 that never was (Lotus 1-2-3's leap-year bug:
 * serials 1–59 are one day later than the count says), or since 1904-01-01 in the 1904
 * system (old Mac workbooks, `date1904` in workbook.xml). A time of day (the fraction) is
 * dropped. null for serial 60, for anything below 1 and beyond the years relance reads.
 */
export function dayFromExcelSerial(serial: number, date1904: boolean): Day | null {
  if (!Number.isFinite(serial)) return null;
  const whole = Math.floor(serial);
  let day: Day;
  if (date1904) {
    if (whole < 0) return null;
    day = whole + EXCEL_1904_EPOCH;
  } else {
    if (whole < 1 || whole === 60) return null;
    day = whole + EXCEL_1900_EPOCH + (whole < 60 ? 1 : 0);
  }
  const { year, month, day: dom } = ymdFromDay(day);
  return validDay(year, month, dom);
}

// Day numbers of each system's serial 0: 1899-12-30 (serial 1 being 1900-01-01, with the
// phantom 29 February counted) and 1904-01-01.
const EXCEL_1900_EPOCH = -25569;
const EXCEL_1904_EPOCH = -24107;

/** Only `YYYY-MM-DD`: the form the command line and JSON use. */
export function parseIsoDay(text: string): Day | null {
  const m = ISO_DATE.exec(text.trim());
  return m ? validDay(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

export function endOfMonth(d: Day): Day {
  const { year, month } = ymdFromDay(d);
  return dayFromYmd(year, month, daysInMonth(year, month));
}

/** Same day `months` later, clamped to the end of a shorter month (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(d: Day, months: number): Day {
  const { year, month, day } = ymdFromDay(d);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return dayFromYmd(y, m, Math.min(day, daysInMonth(y, m)));
}

export function addYears(d: Day, years: number): Day {
  return addMonths(d, years * 12);
}

/** A half-year: H1 runs 1 January – 30 June, H2 1 July – 31 December. */
export interface HalfYear {
  year: number;
  half: 1 | 2;
}

export function halfYearOf(d: Day): HalfYear {
  const { year, month } = ymdFromDay(d);
  return { year, half: month <= 6 ? 1 : 2 };
}

/** `2025-H1`: how rate tables and messages name a half-year. */
export function halfYearKey(h: HalfYear): string {
  return `${h.year}-H${h.half}`;
}

export function parseHalfYearKey(text: string): HalfYear | null {
  const m = /^(\d{4})-H([12])$/.exec(text.trim());
  return m ? { year: Number(m[1]), half: Number(m[2]) as 1 | 2 } : null;
}

export function nextHalfYear(h: HalfYear): HalfYear {
  return h.half === 1 ? { year: h.year, half: 2 } : { year: h.year + 1, half: 1 };
}

export function halfYearStart(h: HalfYear): Day {
  return dayFromYmd(h.year, h.half === 1 ? 1 : 7, 1);
}
