// The configured zone read through Intl, and the domain's own Paris rule checked against it.

import { describe, expect, it } from 'vitest';
import { PARIS_OFFSET, formatIsoDay, parseDate } from '../../src/domain/dates.js';
import { zoneOffsetFor } from '../../src/io/time-zone.js';

describe('zoneOffsetFor', () => {
  it('gives a zone its offset at each instant', () => {
    const paris = zoneOffsetFor('Europe/Paris')!;
    expect(paris(Date.parse('2026-07-01T12:00:00Z') / 60_000)).toBe(120);
    expect(paris(Date.parse('2026-01-01T12:00:00Z') / 60_000)).toBe(60);
    expect(zoneOffsetFor('America/Martinique')!(Date.parse('2026-07-01T12:00:00Z') / 60_000)).toBe(-240);
    expect(zoneOffsetFor('Asia/Kolkata')!(Date.parse('2026-07-01T12:00:00Z') / 60_000)).toBe(330);
  });

  it('is null for a name that is no time zone', () => {
    expect(zoneOffsetFor('Europe/Pariss')).toBeNull();
    expect(zoneOffsetFor('')).toBeNull();
  });

  it('gives parseDate the day in that zone', () => {
    const text = '2026-09-30T22:00:00Z';
    expect(formatIsoDay(parseDate(text, zoneOffsetFor('Europe/Paris')!)!)).toBe('2026-10-01');
    expect(formatIsoDay(parseDate(text, zoneOffsetFor('UTC')!)!)).toBe('2026-09-30');
    expect(formatIsoDay(parseDate(text, zoneOffsetFor('Indian/Reunion')!)!)).toBe('2026-10-01');
    expect(formatIsoDay(parseDate(text, zoneOffsetFor('America/Cayenne')!)!)).toBe('2026-09-30');
  });

  it("agrees with the domain's Paris rule on every quarter hour around each change, 1996–2040", () => {
    const paris = zoneOffsetFor('Europe/Paris')!;
    for (let year = 1996; year <= 2040; year++) {
      for (const month of [2, 9]) {
        // The last days of March and of October, every 15 minutes.
        const start = Date.UTC(year, month, 24) / 60_000;
        for (let m = start; m < start + 8 * 1440; m += 15) expect(PARIS_OFFSET(m), new Date(m * 60_000).toISOString()).toBe(paris(m));
      }
    }
  });
});
