// relance.yaml: where the invoices are, who the creditor is, how to send. Every path in it
// is relative to the file itself; any value may be `${ENV_VAR}` (a secret's only in mail.smtp).

import { access, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { closestName } from '../domain/closest.js';
import { badMailbox, mailboxAddress } from '../domain/email-address.js';
import { quote, shorten } from '../domain/user-text.js';
import type { Issue } from '../domain/issue.js';
import { error, warning } from '../domain/issue.js';
import type { ClientType, Language } from '../domain/invoice.js';
import type { InvoiceField } from '../domain/invoice-fields.js';
import { INVOICE_FIELDS, isInvoiceField, normalizeName } from '../domain/invoice-fields.js';
import type { InvoiceDefaults } from '../domain/invoice-record.js';
import { DEFAULT_INVOICE_DEFAULTS } from '../domain/invoice-record.js';
import type { EndOfMonthRule } from '../domain/payment-terms.js';
import { parsePaymentTerms } from '../domain/payment-terms.js';
import { InputError } from '../errors.js';
import type { RateMode } from '../domain/penalty.js';
import type { AttachmentRules } from './attachment-rules.js';
import { DEFAULT_ATTACHMENT_RULES, readAttachmentRules } from './attachment-rules.js';
import { displayPath, fileError } from './paths.js';
import type { YamlPath } from './yaml-file.js';
import { readYamlFile } from './yaml-file.js';


export interface Creditor {
  name: string | null;
  email: string | null;
  phone: string | null;
  address: string | null;
  siren: string | null;
  iban: string | null;
  payment_link: string | null;
}

export interface MailSettings {
  from: string | null;
  replyTo: string | null;
  bcc: string | null;
  /** The SMTP URL as written (may hold a password: never print it). */
  smtp: string | null;
}

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
  defaults: InvoiceDefaults;
  /** Where attachments may come from, and how big they may be. */
  attachments: AttachmentRules;
}

const CREDITOR_KEYS = ['name', 'email', 'phone', 'address', 'siren', 'iban', 'payment_link'] as const;
const MAIL_KEYS = ['from', 'reply_to', 'bcc', 'smtp'] as const;
const TOP_KEYS = ['invoices', 'policy', 'templates', 'journal', 'timezone', 'rates', 'rate_mode', 'creditor', 'mail', 'columns', 'payment_terms', 'end_of_month', 'client_type', 'language', 'currency', 'attachments', 'attachment_max_size'] as const;

const emptyCreditor = (): Creditor => ({ name: null, email: null, phone: null, address: null, siren: null, iban: null, payment_link: null });

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
    mail: { from: null, replyTo: null, bcc: null, smtp: null },
    columns: new Map(),
    defaults: DEFAULT_INVOICE_DEFAULTS,
    attachments: DEFAULT_ATTACHMENT_RULES,
  };
}

export async function configExists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/** Reads and validates relance.yaml; throws InputError listing every problem. */
export async function loadConfig(path: string, cwd: string, env: Readonly<Record<string, string | undefined>>): Promise<{ config: Config; warnings: Issue[] }> {
  const abs = resolve(cwd, path);
  const display = displayPath(abs, cwd);
  let source;
  try {
    // Every value as written: a phone number or a SIREN keeps its leading zero.
    source = await readYamlFile(abs, display, { schema: 'failsafe' });
  } catch (e) {
    if ((e as { code?: string }).code === 'ENOENT') {
      throw new InputError([error(display, undefined, undefined, 'no configuration file here', 'run "relance init" to create one, pass --config FILE, or run on a file alone with --invoices FILE')]);
    }
    throw new InputError([fileError(e, display)]);
  }
  if (source.issues.length > 0) throw new InputError(source.issues);
  const issues: Issue[] = [];
  const at = (p: YamlPath) => source.lineOf(p);
  // A variable that is not set leaves its setting out, with a warning: `mail.smtp:
  // ${RELANCE_SMTP}` exported only for cron must not stop `status` in a shell. A setting
  // that is needed says so where it is needed (no invoices file, no SMTP server…).
  const data = expandEnv(source.data ?? {}, [], env, {
    missing: (p, name) =>
      issues.push(warning(display, at(p), p.join('.'), `\${${name}} is not set in the environment: the setting is left out`, `export ${name}=… before running relance, or write the value itself`)),
    secret: (p, name) =>
      issues.push(
        error(
          display,
          at(p),
          p.join('.'),
          `\${${name}} names a secret, and this setting can reach the reminders or relance's output`,
          'a password, secret or token belongs in mail.smtp (or in RELANCE_SMTP_PASSWORD) only: write this value itself',
        ),
      ),
  });
  if (!isRecord(data)) throw new InputError([error(display, 1, undefined, 'expected settings (key: value lines)', 'start from the relance.yaml that "relance init" writes')]);

  const dir = dirname(abs);
  const fail = (p: YamlPath, message: string, hint: string): null => {
    issues.push(error(display, at(p), p.join('.'), message, hint));
    return null;
  };
  const str = (p: YamlPath, value: unknown): string | null => {
    if (value === undefined || value === null || value === '') return null;
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    return fail(p, 'expected a single value', 'write it on the same line as the key');
  };
  const path_ = (key: string): string | null => {
    const value = str([key], data[key]);
    return value === null ? null : resolve(dir, value);
  };
  const oneOf = <T extends string>(key: string, allowed: readonly T[], fallback: T): T => {
    const value = str([key], data[key]);
    if (value === null) return fallback;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    fail([key], `${quote(value)} is not one of ${allowed.join(', ')}`, `write one of: ${allowed.join(', ')}`);
    return fallback;
  };

  for (const key of Object.keys(data)) {
    if (!(TOP_KEYS as readonly string[]).includes(key)) unknownKey(issues, display, at([key]), key, TOP_KEYS);
  }

  let invoices: string[] = [];
  const rawInvoices = data.invoices;
  if (rawInvoices === undefined || rawInvoices === null || rawInvoices === '') {
    fail(['invoices'], 'no invoices file named', 'add "invoices: factures.csv" (a CSV or YAML file, or a list of them)');
  } else if (Array.isArray(rawInvoices)) {
    invoices = rawInvoices.map((v, i) => str(['invoices', i], v)).filter((v): v is string => v !== null).map((v) => resolve(dir, v));
  } else {
    const one = str(['invoices'], rawInvoices);
    if (one !== null) invoices = [resolve(dir, one)];
  }

  const creditor = emptyCreditor();
  const rawCreditor = section(data, 'creditor', issues, display, at);
  for (const key of Object.keys(rawCreditor)) {
    if ((CREDITOR_KEYS as readonly string[]).includes(key)) creditor[key as keyof Creditor] = str(['creditor', key], rawCreditor[key]);
    else unknownKey(issues, display, at(['creditor', key]), key, CREDITOR_KEYS);
  }
  const rawMail = section(data, 'mail', issues, display, at);
  for (const key of Object.keys(rawMail)) if (!(MAIL_KEYS as readonly string[]).includes(key)) unknownKey(issues, display, at(['mail', key]), key, MAIL_KEYS);
  const mail: MailSettings = {
    from: str(['mail', 'from'], rawMail.from),
    replyTo: str(['mail', 'reply_to'], rawMail.reply_to),
    bcc: str(['mail', 'bcc'], rawMail.bcc),
    smtp: str(['mail', 'smtp'], rawMail.smtp),
  };
  // Checked here, so that every command and check say it: a bad From fails every message.
  const addresses = [['from', mail.from, false], ['reply_to', mail.replyTo, false], ['bcc', mail.bcc, true]] as const;
  for (const [key, value, several] of addresses) {
    if (value === null) continue;
    const bad = several ? badMailbox(value) : mailboxAddress(value) === null ? value : null;
    if (bad !== null) fail(['mail', key], `${quote(bad)} is not an e-mail address`, several ? 'write addresses like archives@example.fr, separated by ","' : 'write it like compta@example.fr or "Atelier Dupont <compta@example.fr>"');
  }

  const columns = new Map<string, InvoiceField>();
  const rawColumns = section(data, 'columns', issues, display, at);
  for (const [header, field] of Object.entries(rawColumns)) {
    if (typeof field === 'string' && isInvoiceField(field)) columns.set(normalizeName(header), field);
    else {
      const near = typeof field === 'string' ? closestName(field, INVOICE_FIELDS) : null;
      fail(['columns', header], `${quote(String(field))} is not an invoice field`, near ? `did you mean ${near}?` : `fields: ${INVOICE_FIELDS.join(', ')}`);
    }
  }

  const termsText = str(['payment_terms'], data.payment_terms);
  const paymentTerms = termsText === null ? null : parsePaymentTerms(termsText);
  if (termsText !== null && paymentTerms === null) fail(['payment_terms'], `${quote(termsText)} is not payment terms relance understands`, 'write e.g. 30 jours, 45 jours fin de mois, à réception');
  const defaults: InvoiceDefaults = {
    paymentTerms,
    endOfMonthRule: oneOf<EndOfMonthRule>('end_of_month', ['days-then-eom', 'eom-then-days'], 'days-then-eom'),
    clientType: oneOf<ClientType>('client_type', ['b2b', 'b2c'], 'b2b'),
    language: oneOf<Language>('language', ['fr', 'en'], 'fr'),
    currency: str(['currency'], data.currency) ?? 'EUR',
  };

  const templates = path_('templates');
  if (templates !== null && !(await isFolder(templates))) {
    fail(['templates'], `the folder ${quote(str(['templates'], data.templates)!)} does not exist`, 'create it (relance init writes a copy of the shipped templates), or remove the line to use the shipped ones');
  }
  const attachments = await readAttachmentRules(data.attachments, data.attachment_max_size, dir, fail);

  const config: Config = {
    file: abs,
    dir,
    display,
    invoices,
    policy: path_('policy'),
    templates,
    journal: path_('journal') ?? resolve(dir, '.relance/journal.jsonl'),
    timezone: str(['timezone'], data.timezone),
    rates: path_('rates'),
    rateMode: oneOf<RateMode>('rate_mode', ['half-year', 'fixed'], 'half-year'),
    creditor,
    mail,
    columns,
    defaults,
    attachments,
  };
  if (issues.some((i) => i.severity === 'error')) throw new InputError(issues);
  return { config, warnings: issues };
}

function section(data: Record<string, unknown>, key: string, issues: Issue[], file: string, at: (p: YamlPath) => number | undefined): Record<string, unknown> {
  const value = data[key];
  if (value === undefined || value === null || value === '') return {};
  if (isRecord(value)) return value;
  issues.push(error(file, at([key]), key, 'expected a section of "key: value" lines', `indent the ${key} settings under "${key}:"`));
  return {};
}

function unknownKey(issues: Issue[], file: string, line: number | undefined, key: string, known: readonly string[]): void {
  const near = closestName(key, known);
  issues.push(warning(file, line, shorten(key, 40), 'unknown setting, ignored', near ? `did you mean ${near}?` : `known settings: ${known.join(', ')}`));
}

interface Expansion {
  /** A variable that is not set. */
  missing: (p: YamlPath, name: string) => void;
  /** A secret's variable outside mail.smtp: its value would be printed or mailed. */
  secret: (p: YamlPath, name: string) => void;
}

// A variable whose name says it holds a secret; only mail.smtp may use one (and never prints it).
const SECRET_NAME = /PASSWORD|SECRET|TOKEN/i;

/**
 * Replaces `${NAME}` in every string value by the environment variable; a value that
 * names one that is not set becomes null (never half a path or half a URL), and so does
 * a secret's outside mail.smtp (never expanded, never shown).
 */
function expandEnv(value: unknown, path: (string | number)[], env: Readonly<Record<string, string | undefined>>, on: Expansion): unknown {
  if (typeof value === 'string') {
    let dropped = false;
    const smtp = path.length === 2 && path[0] === 'mail' && path[1] === 'smtp';
    const expanded = value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => {
      if (!smtp && SECRET_NAME.test(name)) {
        on.secret(path, name);
        dropped = true;
        return '';
      }
      const v = env[name];
      if (v === undefined) {
        on.missing(path, name);
        dropped = true;
      }
      return v ?? '';
    });
    return dropped ? null : expanded;
  }
  if (Array.isArray(value)) return value.map((v, i) => expandEnv(v, [...path, i], env, on));
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expandEnv(v, [...path, k], env, on)]));
  return value;
}

async function isFolder(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
