// French public holidays (jours fériés, art. L3133-1 Code du travail) and the business days
// they leave, on integer day numbers. Easter is computed, not tabled, so any year works.
// Alsace-Moselle (départements 57, 67, 68) keeps two more under its local law: Good
// Friday and 26 December (art. L3134-13). Not modelled: 8 May was no holiday 1959–1981.

import type { Day } from './dates.js';
import { dayFromYmd, ymdFromDay } from './dates.js';

/** `france`: the whole country; `alsace-moselle`: Moselle, Bas-Rhin and Haut-Rhin. */
export type HolidayRegion = 'france' | 'alsace-moselle';

export const HOLIDAY_REGIONS: readonly HolidayRegion[] = ['france', 'alsace-moselle'];

export interface PublicHoliday {
  day: Day;
  /** Its French name; two holidays on one day (1 May and Ascension in 2008) share it. */
  name: string;
}

/** Easter Sunday of a Gregorian year: the anonymous algorithm of Meeus (after Butcher). */
export function easterSunday(year: number): Day {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const n = h + l - 7 * m + 114;
  return dayFromYmd(year, Math.floor(n / 31), (n % 31) + 1);
}

/** The year's public holidays in the region, in date order. */
export function publicHolidays(year: number, region: HolidayRegion): PublicHoliday[] {
  const easter = easterSunday(year);
  const on = (month: number, day: number): Day => dayFromYmd(year, month, day);
  const days: [Day, string][] = [
    [on(1, 1), 'Jour de l’an'],
    [easter + 1, 'Lundi de Pâques'],
    [on(5, 1), 'Fête du Travail'],
    [on(5, 8), 'Victoire 1945'],
    [easter + 39, 'Ascension'],
    [easter + 50, 'Lundi de Pentecôte'],
    [on(7, 14), 'Fête nationale'],
    [on(8, 15), 'Assomption'],
    [on(11, 1), 'Toussaint'],
    [on(11, 11), 'Armistice 1918'],
    [on(12, 25), 'Noël'],
  ];
  if (region === 'alsace-moselle') days.push([easter - 2, 'Vendredi saint'], [on(12, 26), 'Saint-Étienne']);
  const byDay = new Map<Day, string>();
  for (const [day, name] of days.sort((x, y) => x[0] - y[0])) byDay.set(day, byDay.has(day) ? `${byDay.get(day)!} · ${name}` : name);
  return [...byDay].map(([day, name]) => ({ day, name }));
}

// A cron asks about the same few years all day long: each year's set is built once.
const holidaySets = new Map<string, ReadonlySet<Day>>();

function holidaySet(year: number, region: HolidayRegion): ReadonlySet<Day> {
  const key = `${region}:${year}`;
  let set = holidaySets.get(key);
  if (set === undefined) holidaySets.set(key, (set = new Set(publicHolidays(year, region).map((h) => h.day))));
  return set;
}

export function isPublicHoliday(day: Day, region: HolidayRegion): boolean {
  return holidaySet(ymdFromDay(day).year, region).has(day);
}

/** 0 Sunday, 1 Monday … 6 Saturday (1970-01-01, day 0, was a Thursday). */
export function weekday(day: Day): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** Monday to Friday and not a public holiday of the region. */
export function isBusinessDay(day: Day, region: HolidayRegion): boolean {
  const w = weekday(day);
  return w !== 0 && w !== 6 && !isPublicHoliday(day, region);
}

/** The first business day after `day` (a Friday gives the Monday, unless it is Easter Monday). */
export function nextBusinessDay(day: Day, region: HolidayRegion): Day {
  return businessDayOnOrAfter(day + 1, region);
}

/** `day` itself when it is a business day, else the next one: when a step due on `day` goes out. */
export function businessDayOnOrAfter(day: Day, region: HolidayRegion): Day {
  let d = day;
  while (!isBusinessDay(d, region)) d += 1;
  return d;
}
