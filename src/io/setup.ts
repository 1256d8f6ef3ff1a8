// What most commands start from: the config (or `--invoices` alone), today, the rate
// tables, the policy and the journal's histories. Every problem found in any of them is
// reported together; a command never starts on a half-valid setup.

import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Day } from '../domain/dates.js';
import type { History } from '../domain/history.js';
import { historiesOf } from '../domain/history.js';
import type { Issue } from '../domain/issue.js';
import { hasErrors } from '../domain/issue.js';
import type { Policy } from '../domain/policy.js';
import type { RateTable } from '../domain/rates.js';
import type { Cli, CommonOptions } from '../commands/common.js';
import { todayFrom } from './clock.js';
import { InputError } from '../errors.js';
import type { Config } from './config.js';
import { configExists, configForInvoicesFile, loadConfig } from './config.js';
import type { JournalEntry } from '../domain/journal-entry.js';
import { readJournal } from './journal.js';
import { displayPath } from './paths.js';
import { readPolicyFile, readShippedPolicy } from './policy-file.js';
import { loadRates } from './rates-file.js';
import type { TemplateDir } from '../render/template.js';
import { SHIPPED_TEMPLATES_DIR } from './shipped.js';

export interface SetupOptions extends CommonOptions {
  /** `--invoices FILE`: this file instead of the config's; no relance.yaml needed. */
  invoices?: string;
}

export interface Setup {
  config: Config;
  today: Day;
  rates: RateTable;
  policy: Policy;
  /** The config's templates folder first, then the shipped one. */
  templateDirs: TemplateDir[];
  journal: JournalEntry[];
  histories: Map<string, History>;
  warnings: Issue[];
}

export interface SetupHooks {
  /** Runs once the config is known, before the journal is read: `send` takes its lock here. */
  beforeJournal?: (config: Config) => Promise<void>;
}

/**
 * The config: relance.yaml (or `--config`), with `--invoices FILE` in place of its
 * invoices; `--invoices` alone, with no relance.yaml here, needs no config at all.
 * Throws InputError when the config has errors.
 */
export async function resolveConfig(opts: SetupOptions, cli: Cli): Promise<{ config: Config; warnings: Issue[] }> {
  const configPath = opts.config ?? 'relance.yaml';
  if (opts.invoices !== undefined && opts.config === undefined && !(await configExists(resolve(cli.cwd, configPath)))) {
    return { config: configForInvoicesFile(opts.invoices, cli.cwd), warnings: [] };
  }
  const loaded = await loadConfig(configPath, cli.cwd, cli.env);
  const config = opts.invoices === undefined ? loaded.config : { ...loaded.config, invoices: [resolve(cli.cwd, opts.invoices)] };
  return { config, warnings: loaded.warnings };
}

export async function loadSetup(opts: SetupOptions, cli: Cli, hooks: SetupHooks = {}): Promise<Setup> {
  const { config, warnings } = await resolveConfig(opts, cli);
  const issues: Issue[] = [...warnings];
  const today = await todayFrom(opts.today, cli.now, config.timezone);
  await hooks.beforeJournal?.(config);

  const templateDirs: TemplateDir[] = [
    ...(config.templates ? [{ path: config.templates, display: displayPath(config.templates, cli.cwd) }] : []),
    { path: SHIPPED_TEMPLATES_DIR, display: 'templates (shipped)' },
  ];
  const names = await templateNames(templateDirs);
  const exists = (name: string): boolean => names.has(name);

  const [rates, policy, journal] = await Promise.all([
    loadRates(config.rates, cli.cwd),
    config.policy ? readPolicyFile(config.policy, displayPath(config.policy, cli.cwd), exists) : readShippedPolicy(exists),
    readJournal(config.journal, displayPath(config.journal, cli.cwd)),
  ]);
  for (const issue of [...rates.issues, ...policy.issues, ...journal.issues]) issues.push(issue); // maybe 500 000: no spread
  if (hasErrors(issues) || policy.value === null) throw new InputError(issues);
  return {
    config,
    today,
    rates: rates.rates,
    policy: policy.value,
    templateDirs,
    journal: journal.entries,
    histories: historiesOf(journal.entries),
    warnings: issues,
  };
}

/** Every template name found in the folders, any language: what a policy may name. */
export async function templateNames(dirs: readonly TemplateDir[]): Promise<Set<string>> {
  const names = new Set<string>();
  for (const dir of dirs) {
    for (const language of ['fr', 'en']) {
      const files = await readdir(join(dir.path, language)).catch(() => [] as string[]);
      for (const f of files) if (f.endsWith('.hbs') && !f.endsWith('.html.hbs')) names.add(f.slice(0, -'.hbs'.length));
    }
  }
  return names;
}
