// The `fec:` section of relance.yaml: which accounts of a FEC hold the receivables
// (`accounts: [411, 416]`; default 411, 416 and 419 — 418 is never read, nothing is billed there).

import { quote } from '../domain/user-text.js';
import type { ConfigReader } from './config-reader.js';

export const FEC_KEYS = ['fec'] as const;

/** The account prefixes, or null for the reader's default. */
export function readFecAccounts(reader: ConfigReader): string[] | null {
  const section = reader.section('fec', ['accounts']);
  const raw = section.accounts;
  if (raw === undefined || raw === null || raw === '') return null;
  const values = Array.isArray(raw) ? raw.map((v, i) => reader.text(['fec', 'accounts', i], v)) : [reader.text(['fec', 'accounts'])];
  const accounts: string[] = [];
  values.forEach((v, i) => {
    if (v === null) return;
    const path = Array.isArray(raw) ? ['fec', 'accounts', i] : ['fec', 'accounts'];
    for (const part of v.split(/[,\s]+/).filter((p) => p !== '')) {
      if (/^\d{2,}[0-9A-Z]*$/i.test(part)) accounts.push(part);
      else reader.fail(path, `${quote(part)} is not an account number`, 'write the account prefixes of the customer accounts, e.g. accounts: [411, 416]');
    }
  });
  return accounts.length > 0 ? accounts : null;
}
