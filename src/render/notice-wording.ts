// The fixed wording of a formal notice's layout, in one place: the registered-letter
// mention, the deadline counted from receipt (the notice takes effect when received, not
// when written), and how figures are written in French documents.

import type { Day } from '../domain/dates.js';
import { formatFrenchDay, formatIsoDay } from '../domain/dates.js';
import type { Rate } from '../domain/money.js';
import { formatPercent } from '../domain/money.js';
import { formatLongDate } from './template-helpers.js';

export const REGISTERED_MENTION = 'Lettre recommandée avec demande d’avis de réception';

const UNITS = ['zéro', 'un', 'deux', 'trois', 'quatre', 'cinq', 'six', 'sept', 'huit', 'neuf', 'dix', 'onze', 'douze', 'treize', 'quatorze', 'quinze', 'seize'];
const TENS: Record<number, string> = { 2: 'vingt', 3: 'trente', 4: 'quarante', 5: 'cinquante', 6: 'soixante' };

/** 8 → `huit`, 15 → `quinze`, 21 → `vingt et un`, 30 → `trente`; digits beyond 69. */
export function frenchNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 69) return String(n);
  if (n < UNITS.length) return UNITS[n]!;
  if (n < 20) return `dix-${UNITS[n - 10]}`;
  const tens = TENS[Math.floor(n / 10)]!;
  const unit = n % 10;
  if (unit === 0) return tens;
  return unit === 1 ? `${tens} et un` : `${tens}-${UNITS[unit]}`;
}

/** `sous huit jours à compter de la réception de la présente` */
export function receiptDeadline(days: number): string {
  return `sous ${frenchNumber(days)} ${days > 1 ? 'jours' : 'jour'} à compter de la réception de la présente`;
}

/** `22 novembre 2026`, `1er septembre 2026`: a formal document writes the first of the month as French typography does. */
export function longDate(day: Day): string {
  return formatLongDate(formatIsoDay(day), 'fr')!;
}

/** `22/11/2026` */
export const shortDate = formatFrenchDay;

/** `12,40 %` */
export function frenchPercent(rate: Rate): string {
  return `${formatPercent(rate).replace('.', ',')} %`;
}
