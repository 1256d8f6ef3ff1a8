// What day it is, from the one reading of the clock that cli.ts makes.

import type { Day } from '../domain/dates.js';
import { parseIsoDay } from '../domain/dates.js';
import { UsageError } from '../errors.js';

/**
 * Today as a calendar day: `--today`, else the date on the wall clock in the configured
 * time zone (a cron on a UTC server still acts on the Paris date), else the local date.
 */
export async function todayFrom(flag: string | undefined, now: Date, timezone: string | null): Promise<Day> {
  if (flag !== undefined) {
    const day = parseIsoDay(flag);
    if (day === null) throw new UsageError(`--today "${flag}" is not a date`, 'write it as YYYY-MM-DD, e.g. --today 2026-11-22');
    return day;
  }
  if (timezone) {
    // luxon only here, at the edge: the zone's date for this instant.
    const { DateTime } = await import('luxon');
    const local = DateTime.fromJSDate(now, { zone: timezone });
    if (!local.isValid) throw new UsageError(`timezone "${timezone}" is not a known time zone`, 'use an IANA name such as Europe/Paris');
    return parseIsoDay(local.toISODate()!)!;
  }
  return parseIsoDay(`${now.getFullYear()}-${now.getMonth() + 1}-${now.getDate()}`)!;
}
