// Which days reminders may go out on: any day (the default), or with `send_days: business`
// only Monday to Friday outside French public holidays (holidays.ts, Alsace-Moselle's two
// more with `region: alsace-moselle`). A step due on another day waits for the next
// business day, and says so.

import type { Day } from './dates.js';
import type { HolidayRegion } from './holidays.js';
import { businessDayOnOrAfter, isBusinessDay, publicHolidays, weekday } from './holidays.js';
import { ymdFromDay } from './dates.js';
import type { LawSettings, SendDays } from './law-settings.js';

export interface SendCalendar {
  days: SendDays;
  region: HolidayRegion;
}

export const EVERY_DAY: SendCalendar = { days: 'any', region: 'france' };

/** The calendar relance.yaml's `send_days` and `region` make. */
export function calendarOf(law: Pick<LawSettings, 'sendDays' | 'region'>): SendCalendar {
  return { days: law.sendDays, region: law.region };
}

/** Whether anything may go out on `day`. */
export function isSendingDay(day: Day, calendar: SendCalendar): boolean {
  return calendar.days === 'any' || isBusinessDay(day, calendar.region);
}

/**
 * The day a step due on `due` goes out, seen from `today`: `due` itself on a sending day,
 * else the next business day; a step already due waits, on a day off, for the next
 * business day after today. `movedFrom` is the day it fell due when it moved.
 */
export function sendingDay(due: Day, today: Day, calendar: SendCalendar): { date: Day; movedFrom: Day | null } {
  if (calendar.days === 'any') return { date: due, movedFrom: null };
  const date = due <= today && !isBusinessDay(today, calendar.region) ? businessDayOnOrAfter(today, calendar.region) : businessDayOnOrAfter(due, calendar.region);
  return { date, movedFrom: date === due ? null : due };
}

const WEEKDAYS_EN = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** `Saturday`, `Sunday`, or the public holiday's name (`Lundi de Pâques`); null on a business day. */
export function dayOffName(day: Day, region: HolidayRegion): string | null {
  const holiday = publicHolidays(ymdFromDay(day).year, region).find((h) => h.day === day);
  if (holiday) return `${WEEKDAYS_EN[weekday(day)]}, ${holiday.name}`;
  const w = weekday(day);
  return w === 0 || w === 6 ? WEEKDAYS_EN[w]! : null;
}
