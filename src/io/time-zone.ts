// A configured time zone (`timezone:` in relance.yaml) as the offset function the domain's
// date reader takes: `Intl` knows the zones' rules, the domain only does arithmetic.

import type { ZoneOffset } from '../domain/dates.js';

// Offsets change on the quarter hour at the finest: one lookup per quarter hour seen.
const SLOT_MINUTES = 15;
const MAX_CACHED = 10_000;

// One function per zone for the process: building an Intl.DateTimeFormat costs about 0.2 ms,
// and every e-mail's Date header asks for its zone.
const ZONES = new Map<string, ZoneOffset | null>();

/** The offset function of an IANA zone (`Europe/Paris`, `America/Martinique`), or null for an unknown name. */
export function zoneOffsetFor(timeZone: string): ZoneOffset | null {
  let zone = ZONES.get(timeZone);
  if (zone === undefined) {
    zone = makeZoneOffset(timeZone);
    ZONES.set(timeZone, zone);
  }
  return zone;
}

function makeZoneOffset(timeZone: string): ZoneOffset | null {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' });
  } catch {
    return null;
  }
  const cache = new Map<number, number>();
  return (utcMinutes) => {
    const slot = Math.floor(utcMinutes / SLOT_MINUTES);
    let offset = cache.get(slot);
    if (offset === undefined) {
      offset = offsetAt(format, slot * SLOT_MINUTES);
      if (cache.size >= MAX_CACHED) cache.clear();
      cache.set(slot, offset);
    }
    return offset;
  };
}

/** The wall clock in the zone minus UTC, in minutes, at `utcMinutes`. */
function offsetAt(format: Intl.DateTimeFormat, utcMinutes: number): number {
  const parts: Record<string, number> = {};
  for (const part of format.formatToParts(new Date(utcMinutes * 60_000))) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!) / 60_000;
  return wall - utcMinutes;
}
