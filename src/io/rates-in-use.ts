// The rate tables a command uses when it needs no config (`penalty`, `rates`): a rates
// file named on the line, or the one relance.yaml names, or the shipped tables alone.
// Kept light: YAML and the config loader are imported only when a file is read.

import { access } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Issue } from '../domain/issue.js';
import { hasErrors } from '../domain/issue.js';
import type { RateTable } from '../domain/rates.js';
import { SHIPPED_RATES } from '../domain/rates.js';
import { InputError } from '../errors.js';
import type { Config } from './config.js';
import { displayPath } from './paths.js';

/** What the command line names: `--config FILE`, `--rates FILE`. */
export interface RatesRequest {
  config?: string | undefined;
  /** `--rates FILE`: a user's rates file, instead of the one relance.yaml names. */
  rates?: string | undefined;
}

/** Where the command runs. */
export interface RatesWorld {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
}

export interface RatesInUse {
  rates: RateTable;
  /** The user's rates file as messages name it, or null for the shipped tables alone. */
  file: string | null;
  /** relance.yaml when one was read (given by `--config`, or found in the folder). */
  config: Config | null;
  /** Warnings from the config and the rates file (errors are thrown). */
  warnings: Issue[];
}

/**
 * The rate tables a command should use, without needing a config: `--rates FILE` first,
 * else the `rates:` of relance.yaml when `--config` names one or the folder holds one,
 * else the shipped tables. YAML is only loaded when a file is read.
 */
export async function loadRatesInUse(opts: RatesRequest, cli: RatesWorld): Promise<RatesInUse> {
  const warnings: Issue[] = [];
  let config: Config | null = null;
  const configPath = resolve(cli.cwd, opts.config ?? 'relance.yaml');
  if (opts.config !== undefined || (await exists(configPath))) {
    const { loadConfig } = await import('../io/config.js');
    const loaded = await loadConfig(configPath, cli.cwd, cli.env);
    config = loaded.config;
    warnings.push(...loaded.warnings);
  }
  const ratesPath = opts.rates !== undefined ? resolve(cli.cwd, opts.rates) : (config?.rates ?? null);
  if (ratesPath === null) return { rates: SHIPPED_RATES, file: null, config, warnings };
  const { loadRates } = await import('../io/rates-file.js');
  const { rates, issues } = await loadRates(ratesPath, cli.cwd);
  warnings.push(...issues);
  if (hasErrors(warnings)) throw new InputError(warnings);
  return { rates, file: displayPath(ratesPath, cli.cwd), config, warnings };
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
