import { describe, expect, it } from 'vitest';
import { formatIsoDay, parseIsoDay, type Day } from '../../src/domain/dates.js';
import { prescriptionOf } from '../../src/domain/prescription.js';

const day = (text: string): Day => parseIsoDay(text)!;

describe('prescriptionOf', () => {
  it.each([
    // B2B, 5 years (L110-4 C. com.): due 2025-01-31 → limit 2030-01-31; near from 2029-07-31
    { regime: 'b2b', due: '2025-01-31', today: '2025-03-01', limit: '2030-01-31', state: 'ok' },
    { regime: 'b2b', due: '2025-01-31', today: '2029-07-30', limit: '2030-01-31', state: 'ok' },
    { regime: 'b2b', due: '2025-01-31', today: '2029-07-31', limit: '2030-01-31', state: 'near' },
    { regime: 'b2b', due: '2025-01-31', today: '2030-01-31', limit: '2030-01-31', state: 'near' },
    { regime: 'b2b', due: '2025-01-31', today: '2030-02-01', limit: '2030-01-31', state: 'past' },
    // B2C, 2 years (L218-2 C. conso.): due 2025-01-31 → limit 2027-01-31; near from 2026-07-31
    { regime: 'b2c', due: '2025-01-31', today: '2026-07-30', limit: '2027-01-31', state: 'ok' },
    { regime: 'b2c', due: '2025-01-31', today: '2026-07-31', limit: '2027-01-31', state: 'near' },
    { regime: 'b2c', due: '2025-01-31', today: '2027-01-31', limit: '2027-01-31', state: 'near' },
    { regime: 'b2c', due: '2025-01-31', today: '2027-02-01', limit: '2027-01-31', state: 'past' },
    // 29 February + 5 years has no same day: the last day of February (art. 641 CPC)
    { regime: 'b2b', due: '2024-02-29', today: '2029-02-28', limit: '2029-02-28', state: 'near' },
    { regime: 'b2b', due: '2024-02-29', today: '2029-03-01', limit: '2029-02-28', state: 'past' },
    // 31 August − 6 months = 28 February (clamped): near from there
    { regime: 'b2c', due: '2025-08-31', today: '2027-02-27', limit: '2027-08-31', state: 'ok' },
    { regime: 'b2c', due: '2025-08-31', today: '2027-02-28', limit: '2027-08-31', state: 'near' },
  ] as const)('$regime due $due, today $today → $state', ({ regime, due, today, limit, state }) => {
    const p = prescriptionOf(regime, day(due), day(today));
    expect({ limit: formatIsoDay(p.limit), state: p.state }).toEqual({ limit, state });
  });
});
