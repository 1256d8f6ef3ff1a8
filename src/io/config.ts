// relance.yaml: where the invoices are, who the creditor is, how to send. Every path in it
// is relative to the file itself; any value may be `${ENV_VAR}` (a secret's only in mail.smtp).
// Reading it never throws for the user's mistakes: every problem comes back as an Issue.

import { access, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Creditor } from '../domain/creditor.js';
import { emptyCreditor } from '../domain/creditor.js';
import { readCreditor } from './config-creditor.js';
import type { Issue } from '../domain/issue.js';
import { error, hasErrors, warning } from '../domain/issue.js';
import type { InvoiceField } from '../domain/invoice-fields.js';
import type { InvoiceDefaults } from '../domain/invoice-record.js';
import { DEFAULT_INVOICE_DEFAULTS } from '../domain/invoice-record.js';
import type { RateMode } from '../domain/penalty.js';
import { quote } from '../domain/user-text.js';
import { InputError } from '../errors.js';
import type { AttachmentRules } from './attachment-rules.js';
import { DEFAULT_ATTACHMENT_RULES, readAttachmentRules } from './attachment-rules.js';
import { expandEnv } from './config-env.js';
import { CLIENT_KEYS, readClientFiles } from './config-clients.js';
import { FEC_KEYS, readFecAccounts } from './config-fec.js';
import { readInvoiceSettings, INVOICE_KEYS } from './config-invoices.js';
import { LAW_KEYS, readLaw } from './config-law.js';
import type { LawSettings } from '../domain/law-settings.js';
import { DEFAULT_LAW } from '../domain/law-settings.js';
import type { StatusMeaning } from '../domain/vocabulary.js';
import type { MailSettings } from './config-mail.js';
import { NO_MAIL, readMail } from './config-mail.js';
import { ConfigReader, isRecord } from './config-reader.js';
import { displayPath, fileError } from './paths.js';
import type { YamlPath } from './yaml-file.js';
import { readYamlFile } from './yaml-file.js';


export interface Config {
  /** Absolute path of relance.yaml, or null when running on `--invoices` alone. */
  file: string | null;
  /** The folder paths are relative to. */
  dir: string;
  /** The config as named in messages. */
  display: string;
  invoices: string[];
  policy: string | null;
  templates: string | null;
  journal: string;
  timezone: string | null;
  rates: string | null;
  rateMode: RateMode;
  creditor: Creditor;
  mail: MailSettings;
  columns: ReadonlyMap<string, InvoiceField>;
  /** `statuses:`: the user's own status words (normalised) and what each means. */
  statuses: ReadonlyMap<string, StatusMeaning>;
  /** `sheet:`: the sheet of a workbook to read (default: the first visible one). */
  sheet: string | null;
  defaults: InvoiceDefaults;
  /** Where attachments may come from, and how big they may be. */
  attachments: AttachmentRules;
  /** The client directory's files (absolute); empty when there is none. */
  clients: string[];
  /** The account prefixes a FEC's receivables are on; null: 411, 416, 419. */
  fecAccounts: string[] | null;
  /** The readings of the law chosen, and what it needs to know of the creditor. */
  law: LawSettings;
}

// Every key the top of the file may hold; each section adds its own.
const TOP_KEYS = ['policy', 'templates', 'journal', 'timezone', 'rates', 'rate_mode', 'creditor', 'mail', 'attachments', 'attachment_max_size', ...INVOICE_KEYS, ...CLIENT_KEYS, ...FEC_KEYS, ...LAW_KEYS] as const;

/** A config for `--invoices FILE` with no relance.yaml: shipped policy and templates. */
export function configForInvoicesFile(invoices: string, cwd: string): Config {
  return {
    file: null,
    dir: cwd,
    display: '(no config)',
    invoices: [resolve(cwd, invoices)],
    policy: null,
    templates: null,
    journal: resolve(cwd, '.relance/journal.jsonl'),
    timezone: null,
    rates: null,
    rateMode: 'half-year',
    creditor: emptyCreditor(),
    mail: NO_MAIL,
    columns: new Map(),
    statuses: new Map(),
    sheet: null,
    defaults: DEFAULT_INVOICE_DEFAULTS,
    attachments: DEFAULT_ATTACHMENT_RULES,
    clients: [],
    fecAccounts: null,
    law: DEFAULT_LAW,
  };
}

export async function configExists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

export interface ConfigReading {
  /** null when the file cannot be read or has errors. */
  config: Config | null;
  /** Every problem found, errors and warnings. */
  issues: Issue[];
  /** The line of a key, for checks made later (`check`). */
  lineOf: (path: YamlPath) => number | undefined;
}

const NO_LINES = (): undefined => undefined;

/** Reads and validates relance.yaml: the config, or null and every problem found. */
export async function readConfig(path: string, cwd: string, env: Readonly<Record<string, string | undefined>>): Promise<ConfigReading> {
  const abs = resolve(cwd, path);
  const display = displayPath(abs, cwd);
  let source;
  try {
    // Every value as written: a phone number or a SIREN keeps its leading zero.
    source = await readYamlFile(abs, display, { schema: 'failsafe' });
  } catch (e) {
    const issue = (e as { code?: string }).code === 'ENOENT'
      ? error(display, undefined, undefined, 'no configuration file here', 'run "relance init" to create one, pass --config FILE, or run on a file alone with --invoices FILE')
      : fileError(e, display);
    return { config: null, issues: [issue], lineOf: NO_LINES };
  }
  const lineOf = (p: YamlPath) => source.lineOf(p);
  if (source.issues.length > 0) return { config: null, issues: source.issues, lineOf };
  const issues: Issue[] = [];
  // A variable that is not set leaves its setting out, with a warning: `mail.smtp:
  // ${RELANCE_SMTP}` exported only for cron must not stop `status` in a shell. A setting
  // that is needed says so where it is needed (no invoices file, no SMTP server…).
  const data = expandEnv(source.data ?? {}, [], env, {
    missing: (p, name) =>
      issues.push(warning(display, lineOf(p), p.join('.'), `\${${name}} is not set in the environment: the setting is left out`, `export ${name}=… before running relance, or write the value itself`)),
    secret: (p, name) =>
      issues.push(
        error(
          display,
          lineOf(p),
          p.join('.'),
          `\${${name}} names a secret, and this setting can reach the reminders or relance's output`,
          'a password, secret or token belongs in mail.smtp (or in RELANCE_SMTP_PASSWORD) only: write this value itself',
        ),
      ),
  });
  if (!isRecord(data)) {
    return { config: null, issues: [error(display, 1, undefined, 'expected settings (key: value lines)', 'start from the relance.yaml that "relance init" writes')], lineOf };
  }
  const reader = new ConfigReader(display, dirname(abs), data, lineOf);
  reader.issues.push(...issues);
  reader.unknownKeys(data, [], TOP_KEYS);

  const creditor = readCreditor(reader);
  const mail = readMail(reader);
  const { invoices, columns, statuses, sheet, defaults: invoiceDefaults } = readInvoiceSettings(reader);
  const law = readLaw(reader);
  const defaults = { ...invoiceDefaults, sector: law.sector };

  const templates = reader.path('templates');
  if (templates !== null && !(await isFolder(templates))) {
    reader.fail(['templates'], `the folder ${quote(reader.text(['templates'])!)} does not exist`, 'create it (relance init writes a copy of the shipped templates), or remove the line to use the shipped ones');
  }
  const attachments = await readAttachmentRules(data.attachments, data.attachment_max_size, reader.dir, (p, m, h) => reader.fail(p, m, h));

  const config: Config = {
    file: abs,
    dir: reader.dir,
    display,
    invoices,
    policy: reader.path('policy'),
    templates,
    journal: reader.path('journal') ?? resolve(reader.dir, '.relance/journal.jsonl'),
    timezone: reader.text(['timezone']),
    rates: reader.path('rates'),
    rateMode: reader.oneOf<RateMode>('rate_mode', ['half-year', 'fixed'], 'half-year'),
    creditor,
    mail,
    columns,
    statuses,
    sheet,
    defaults,
    attachments,
    clients: readClientFiles(reader),
    fecAccounts: readFecAccounts(reader),
    law,
  };
  return { config: hasErrors(reader.issues) ? null : config, issues: reader.issues, lineOf };
}

/** readConfig for a command that cannot go on without it: throws InputError on any error. */
export async function loadConfig(path: string, cwd: string, env: Readonly<Record<string, string | undefined>>): Promise<{ config: Config; warnings: Issue[] }> {
  const { config, issues } = await readConfig(path, cwd, env);
  if (config === null) throw new InputError(issues);
  return { config, warnings: issues };
}

async function isFolder(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
}
