// French public holidays and business days, as tables. The expected lists are the
// published calendars (service-public.fr "Jours fériés", the Alsace-Moselle local law):
// 2026 as the brief gives it, 2008 when 1 May and Ascension fell on the same Thursday,
// 2024/2025/2027 around them, and the extreme Easter dates (22 March 2285, 25 April 2038).

import { describe, expect, it } from 'vitest';
import { formatIsoDay } from '../../src/domain/dates.js';
import {
  businessDayOnOrAfter,
  easterSunday,
  isBusinessDay,
  isPublicHoliday,
  nextBusinessDay,
  publicHolidays,
  weekday,
  type HolidayRegion,
} from '../../src/domain/holidays.js';
import { day } from '../helpers/factories.js';

const mmdd = (year: number, region: HolidayRegion): string[] => publicHolidays(year, region).map((h) => formatIsoDay(h.day).slice(5));

describe('easterSunday (Meeus/Butcher)', () => {
  it.each([
    [2008, '2008-03-23'],
    [2011, '2011-04-24'],
    [2019, '2019-04-21'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'], // the latest possible date
    [2285, '2285-03-22'], // the earliest possible date
    [1900, '1900-04-15'],
    [2000, '2000-04-23'],
  ])('%i: %s', (year, expected) => {
    expect(formatIsoDay(easterSunday(year))).toBe(expected);
    expect(weekday(easterSunday(year))).toBe(0);
  });
});

describe('publicHolidays', () => {
  it.each([
    // 1 Jan, Easter Monday, 1 May, 8 May, Ascension, Whit Monday, 14 Jul, 15 Aug, 1 Nov, 11 Nov, 25 Dec
    [2026, ['01-01', '04-06', '05-01', '05-08', '05-14', '05-25', '07-14', '08-15', '11-01', '11-11', '12-25']],
    [2025, ['01-01', '04-21', '05-01', '05-08', '05-29', '06-09', '07-14', '08-15', '11-01', '11-11', '12-25']],
    [2024, ['01-01', '04-01', '05-01', '05-08', '05-09', '05-20', '07-14', '08-15', '11-01', '11-11', '12-25']],
    [2027, ['01-01', '03-29', '05-01', '05-06', '05-08', '05-17', '07-14', '08-15', '11-01', '11-11', '12-25']],
    // 1 May and Ascension on the same day: ten days, not eleven.
    [2008, ['01-01', '03-24', '05-01', '05-08', '05-12', '07-14', '08-15', '11-01', '11-11', '12-25']],
    // Easter at its latest: Whit Monday on 14 June.
    [2038, ['01-01', '04-26', '05-01', '05-08', '06-03', '06-14', '07-14', '08-15', '11-01', '11-11', '12-25']],
  ])('France %i', (year, expected) => {
    expect(mmdd(year, 'france')).toEqual(expected);
  });

  it.each([
    [2026, ['01-01', '04-03', '04-06', '05-01', '05-08', '05-14', '05-25', '07-14', '08-15', '11-01', '11-11', '12-25', '12-26']],
    [2025, ['01-01', '04-18', '04-21', '05-01', '05-08', '05-29', '06-09', '07-14', '08-15', '11-01', '11-11', '12-25', '12-26']],
    [2008, ['01-01', '03-21', '03-24', '05-01', '05-08', '05-12', '07-14', '08-15', '11-01', '11-11', '12-25', '12-26']],
  ])('Alsace-Moselle %i adds Good Friday and 26 December', (year, expected) => {
    expect(mmdd(year, 'alsace-moselle')).toEqual(expected);
  });

  it('names each day, and both holidays of a shared one', () => {
    const h2008 = publicHolidays(2008, 'france');
    expect(h2008.find((h) => formatIsoDay(h.day) === '2008-05-01')!.name).toBe('Fête du Travail · Ascension');
    expect(publicHolidays(2026, 'alsace-moselle').map((h) => h.name)).toEqual([
      'Jour de l’an', 'Vendredi saint', 'Lundi de Pâques', 'Fête du Travail', 'Victoire 1945', 'Ascension', 'Lundi de Pentecôte',
      'Fête nationale', 'Assomption', 'Toussaint', 'Armistice 1918', 'Noël', 'Saint-Étienne',
    ]);
  });
});

describe('isBusinessDay', () => {
  it.each([
    // date, weekday, France, Alsace-Moselle
    ['2026-04-02', 'Thursday', true, true],
    ['2026-04-03', 'Good Friday', true, false],
    ['2026-04-04', 'Saturday', false, false],
    ['2026-04-05', 'Easter Sunday', false, false],
    ['2026-04-06', 'Easter Monday', false, false],
    ['2026-04-07', 'Tuesday', true, true],
    ['2026-08-15', 'Assumption on a Saturday', false, false],
    ['2026-11-01', 'All Saints on a Sunday', false, false],
    ['2026-11-11', 'Armistice, a Wednesday', false, false],
    ['2026-12-26', 'Saint-Étienne on a Saturday', false, false],
    ['2025-12-26', 'Saint-Étienne, a Friday', true, false],
    ['2008-05-01', '1 May and Ascension, a Thursday', false, false],
    ['2008-05-02', 'Friday', true, true],
    ['2027-05-08', '8 May on a Saturday', false, false],
  ])('%s (%s): France %s, Alsace-Moselle %s', (date, _what, france, alsace) => {
    expect(isBusinessDay(day(date), 'france')).toBe(france);
    expect(isBusinessDay(day(date), 'alsace-moselle')).toBe(alsace);
  });

  it('a holiday on a weekend is still a holiday, and no business day', () => {
    expect(weekday(day('2026-08-15'))).toBe(6);
    expect(isPublicHoliday(day('2026-08-15'), 'france')).toBe(true);
    expect(isPublicHoliday(day('2026-08-14'), 'france')).toBe(false);
  });
});

describe('nextBusinessDay and businessDayOnOrAfter', () => {
  it.each([
    // from, region, next business day after it, business day on or after it
    ['2026-04-02', 'france', '2026-04-03', '2026-04-02'],
    ['2026-04-02', 'alsace-moselle', '2026-04-07', '2026-04-02'], // Good Friday, the weekend, Easter Monday
    ['2026-04-03', 'france', '2026-04-07', '2026-04-03'],
    ['2026-04-03', 'alsace-moselle', '2026-04-07', '2026-04-07'],
    ['2026-12-24', 'france', '2026-12-28', '2026-12-24'], // Christmas on a Friday, then the weekend
    ['2025-12-24', 'france', '2025-12-26', '2025-12-24'],
    ['2025-12-24', 'alsace-moselle', '2025-12-29', '2025-12-24'], // 25 and 26 December, then the weekend
    ['2025-12-25', 'france', '2025-12-26', '2025-12-26'],
    ['2008-04-30', 'france', '2008-05-02', '2008-04-30'],
    ['2027-05-05', 'france', '2027-05-07', '2027-05-05'], // Ascension on Thursday 6 May
    ['2027-05-07', 'france', '2027-05-10', '2027-05-07'], // 8 May on the Saturday
    ['2026-12-31', 'france', '2027-01-04', '2026-12-31'], // over the new year and a weekend
    ['2027-01-01', 'france', '2027-01-04', '2027-01-04'],
  ] as const)('%s in %s: next %s, on or after %s', (from, region, next, onOrAfter) => {
    expect(formatIsoDay(nextBusinessDay(day(from), region))).toBe(next);
    expect(formatIsoDay(businessDayOnOrAfter(day(from), region))).toBe(onOrAfter);
  });
});
