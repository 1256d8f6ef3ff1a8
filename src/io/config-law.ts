// The settings of relance.yaml that choose a reading of the law, or tell it what it needs
// to know (docs/law.md): how partial payments are imputed, what a contractual
// rate below its floor becomes, which days reminders go out on and whose holidays count,
// the creditor's sector, and whether the creditor is outside metropolitan France.

import { HOLIDAY_REGIONS } from '../domain/holidays.js';
import type { HolidayRegion } from '../domain/holidays.js';
import { SECTORS } from '../domain/invoice.js';
import type { Sector } from '../domain/invoice.js';
import { normalizeName } from '../domain/invoice-fields.js';
import type { FloorRule, Imputation, LawSettings, SendDays } from '../domain/law-settings.js';
import { DEFAULT_LAW, FLOOR_RULES, IMPUTATIONS, SEND_DAYS, isOutsideMetropole } from '../domain/law-settings.js';
import { quote } from '../domain/user-text.js';
import { SECTOR_WORDS } from '../domain/vocabulary.js';
import type { ConfigReader } from './config-reader.js';

export const LAW_KEYS = ['imputation', 'floor', 'send_days', 'region', 'sector'] as const;

export function readLaw(reader: ConfigReader): LawSettings {
  const imputation = reader.oneOf<Imputation>('imputation', IMPUTATIONS, DEFAULT_LAW.imputation);
  const floor = reader.oneOf<FloorRule>('floor', FLOOR_RULES, DEFAULT_LAW.floor);
  const sendDays = reader.oneOf<SendDays>('send_days', SEND_DAYS, DEFAULT_LAW.sendDays);
  const region = reader.oneOf<HolidayRegion>('region', HOLIDAY_REGIONS, DEFAULT_LAW.region);
  const sectorText = reader.text(['sector']);
  let sector: Sector | null = null;
  if (sectorText !== null) {
    sector = SECTOR_WORDS[normalizeName(sectorText)] ?? null;
    if (sector === null) reader.fail(['sector'], `${quote(sectorText)} is not a sector relance knows`, `write one of: ${SECTORS.join(', ')} — or leave it out for the general limits`);
  }
  const country = reader.text(['creditor', 'country']);
  return { imputation, floor, sendDays, region, sector, creditorOutsideMetropole: isOutsideMetropole(country === null ? null : normalizeName(country)) };
}
