// What every command starts from: the config (or `--invoices` alone), today, the rate
// tables, the policy, the templates' folders and the journal with its histories. One
// reader, after beancount's `load`: it never throws for the user's mistakes, it returns
// what it could read and every problem found. `check` reports them all; the other
// commands (`loadSetup`) stop on the first error, before doing anything.

import { resolve } from 'node:path';
import type { Day } from '../domain/dates.js';
import type { History } from '../domain/history.js';
import { historiesOf } from '../domain/history.js';
import type { Issue } from '../domain/issue.js';
import { error, hasErrors } from '../domain/issue.js';
import type { JournalEntry } from '../domain/journal-entry.js';
import type { Policy } from '../domain/policy.js';
import type { RateTable } from '../domain/rates.js';
import { SHIPPED_RATES } from '../domain/rates.js';
import { InputError, UsageError } from '../errors.js';
import { todayFrom } from './clock.js';
import type { Config } from './config.js';
import { configExists, configForInvoicesFile, readConfig } from './config.js';
import { readJournal } from './journal.js';
import { displayPath, fileError } from './paths.js';
import { readPolicyFile, readShippedPolicy } from './policy-file.js';
import { loadRates } from './rates-file.js';
import type { TemplateDir } from './template-dirs.js';
import { templateDirsOf, templateNames } from './template-dirs.js';
import type { YamlPath } from './yaml-file.js';

/** What a command was asked, as typed, and the outside world read once by cli.ts. */
export interface SetupRequest {
  /** `--config FILE`; default ./relance.yaml. */
  config?: string | undefined;
  /** `--invoices FILE`: this file instead of the config's; no relance.yaml needed. */
  invoices?: string | undefined;
  /** `--today YYYY-MM-DD`. */
  today?: string | undefined;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  now: Date;
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
  /** Problems found that do not stop the command. */
  warnings: Issue[];
}

/** Everything that could be read, with every problem: what `check` reports from. */
export interface SetupReading {
  /** null when relance.yaml cannot be read or has errors: nothing else is read then. */
  config: Config | null;
  /** The line of a key of relance.yaml (nothing without one). */
  configLines: (path: YamlPath) => number | undefined;
  today: Day;
  rates: RateTable;
  policy: Policy | null;
  templateDirs: TemplateDir[];
  /** Every template name the folders hold. */
  templateNames: ReadonlySet<string>;
  journal: JournalEntry[];
  histories: Map<string, History>;
  issues: Issue[];
}

export interface SetupHooks {
  /** Runs once the config is known, before the journal is read: `send` takes its lock here. */
  beforeJournal?: (config: Config) => Promise<void>;
}

/**
 * The config: relance.yaml (or `--config`), with `--invoices FILE` in place of its
 * invoices; `--invoices` alone, with no relance.yaml here, needs no config at all.
 */
async function readConfigOf(req: SetupRequest): Promise<{ config: Config | null; issues: Issue[]; lineOf: (p: YamlPath) => number | undefined }> {
  const configPath = req.config ?? 'relance.yaml';
  if (req.invoices !== undefined && req.config === undefined && !(await configExists(resolve(req.cwd, configPath)))) {
    return { config: configForInvoicesFile(req.invoices, req.cwd), issues: [], lineOf: () => undefined };
  }
  const read = await readConfig(configPath, req.cwd, req.env);
  if (read.config === null || req.invoices === undefined) return read;
  return { ...read, config: { ...read.config, invoices: [resolve(req.cwd, req.invoices)] } };
}

/** Reads the whole setup; never throws for a problem in the user's files. */
export async function readSetup(req: SetupRequest, hooks: SetupHooks = {}): Promise<SetupReading> {
  const { config, issues, lineOf } = await readConfigOf(req);
  const today = await todayOf(req, config, lineOf, issues);
  if (config === null) {
    return { config, configLines: lineOf, today, rates: SHIPPED_RATES, policy: null, templateDirs: [], templateNames: new Set(), journal: [], histories: new Map(), issues };
  }
  await hooks.beforeJournal?.(config);
  const templateDirs = templateDirsOf(config, req.cwd);
  const names = await templateNames(templateDirs);
  const exists = (name: string): boolean => names.has(name);
  const journalFile = displayPath(config.journal, req.cwd);
  const [rates, policy, journal] = await Promise.all([
    loadRates(config.rates, req.cwd),
    config.policy ? readPolicyFile(config.policy, displayPath(config.policy, req.cwd), exists) : readShippedPolicy(exists),
    readJournal(config.journal, journalFile).catch((e: unknown) => ({ entries: [], issues: [fileError(e, journalFile)] })),
  ]);
  for (const issue of [...rates.issues, ...policy.issues, ...journal.issues]) issues.push(issue); // maybe 500 000: no spread
  return {
    config,
    configLines: lineOf,
    today,
    rates: rates.rates,
    policy: policy.value,
    templateDirs,
    templateNames: names,
    journal: journal.entries,
    histories: historiesOf(journal.entries),
    issues,
  };
}

/** The setup for a command that cannot go on with a problem: InputError on the first error. */
export async function loadSetup(req: SetupRequest, hooks: SetupHooks = {}): Promise<Setup> {
  const read = await readSetup(req, hooks);
  if (read.config === null || read.policy === null || hasErrors(read.issues)) throw new InputError(read.issues);
  return {
    config: read.config,
    today: read.today,
    rates: read.rates,
    policy: read.policy,
    templateDirs: read.templateDirs,
    journal: read.journal,
    histories: read.histories,
    warnings: read.issues,
  };
}

/**
 * Today: `--today` (a bad one is a usage error), else the date in the config's time zone.
 * A time zone that does not exist is a problem of the config, reported with the others,
 * and the local date serves meanwhile.
 */
async function todayOf(req: SetupRequest, config: Config | null, lineOf: (p: YamlPath) => number | undefined, issues: Issue[]): Promise<Day> {
  let timezone = config?.timezone ?? null;
  if (timezone !== null) {
    try {
      await todayFrom(undefined, req.now, timezone);
    } catch (e) {
      if (!(e instanceof UsageError)) throw e;
      issues.push(error(config!.display, lineOf(['timezone']), 'timezone', e.message, e.hint));
      timezone = null;
    }
  }
  return todayFrom(req.today, req.now, timezone);
}
