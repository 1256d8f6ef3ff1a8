// The rate tables in use: the shipped ones, with a user's rates file (rates: in
// relance.yaml) adding or replacing half-years.

import type { Issue } from '../domain/issue.js';
import type { RateTable } from '../domain/rates.js';
import { SHIPPED_RATES, mergeRates, validateRatesFile } from '../domain/rates.js';
import { displayPath, fileError } from './paths.js';
import { readYamlFile } from './yaml-file.js';

export async function loadRates(path: string | null, cwd: string): Promise<{ rates: RateTable; issues: Issue[] }> {
  if (path === null) return { rates: SHIPPED_RATES, issues: [] };
  const file = displayPath(path, cwd);
  let source;
  try {
    source = await readYamlFile(path, file);
  } catch (e) {
    return { rates: SHIPPED_RATES, issues: [fileError(e, file)] };
  }
  if (source.issues.length > 0) return { rates: SHIPPED_RATES, issues: source.issues };
  const { value, issues } = validateRatesFile(source.data, file, (p) => source.lineOf(p));
  return { rates: mergeRates(SHIPPED_RATES, value), issues };
}
