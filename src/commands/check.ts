// relance check — every problem in the setup at once, before a cron run meets it: the
// config, the rate tables, the policy, the templates (rendered for sample clients), the
// invoices, the journal, and what the law says of each open invoice. Nothing is sent or
// written. Exit 2 when there is an error, 0 with warnings only.

import type { Command } from 'commander';
import type { Claim } from '../domain/claim.js';
import { claimOf, provisionalRateWarnings } from '../domain/claim.js';
import { MissingRates, isClaimed, missingEmailIssue, prescriptionIssue, rateTableIssues, termsBeyondLimitIssue } from '../domain/checks.js';
import type { Day } from '../domain/dates.js';
import { emptyHistory, historiesOf } from '../domain/history.js';
import type { Invoice, Language } from '../domain/invoice.js';
import { balanceOf } from '../domain/invoice.js';
import type { Issue } from '../domain/issue.js';
import { error, warning } from '../domain/issue.js';
import { formatCount } from '../domain/user-text.js';
import { MissingRateError } from '../domain/penalty.js';
import type { Policy } from '../domain/policy.js';
import { InputError, UsageError, EXIT_BAD_INPUT, EXIT_OK } from '../errors.js';
import { checkAttachment } from '../io/attachment-rules.js';
import type { Config } from '../io/config.js';
import { readInvoices } from '../io/invoices.js';
import { readJournal } from '../io/journal.js';
import { displayPath, fileError } from '../io/paths.js';
import { readPolicyFile, readShippedPolicy } from '../io/policy-file.js';
import { loadRates } from '../io/rates-file.js';
import { resolveConfig, templateNames } from '../io/setup.js';
import { SHIPPED_TEMPLATES_DIR } from '../io/shipped.js';
import type { YamlPath } from '../io/yaml-file.js';
import { readYamlFile } from '../io/yaml-file.js';
import { formatIssue, issueLines, sortIssues } from '../render/issues.js';
import { redactSecrets } from '../render/redact.js';
import { PLACEHOLDERS } from '../render/starter-files.js';
import { archiveDir } from '../mail/archive.js';
import type { TemplateDir } from '../render/template.js';
import { loadTemplate, templateExists } from '../render/template.js';
import type { Cli, CommonOptions } from './common.js';
import { archiveIssues, uncertainIssues } from './check-journal.js';
import { addCommonOptions, resolveToday, writeOut } from './common.js';

interface CheckOptions extends CommonOptions {
  smtp?: boolean;
  /** `--invoices FILE`: this file instead of the config's; no relance.yaml needed. */
  invoices?: string;
}

const EXAMPLES = `
Examples:
  relance check                           the setup in this folder
  relance check --config ~/relances/relance.yaml
  relance check --smtp                    also log in to the SMTP server (nothing is sent)
  relance check --today 2027-03-01        as it will stand that day (rates, limitation)
  relance check --invoices export.csv     an export alone, with the shipped policy and templates
  relance check --format json             the problems as one JSON document
  relance check --quiet && relance send   in cron: send only when the setup is sound

Checks relance.yaml (unknown settings, \${VARIABLES} not set, placeholders left by init),
the rates file, the policy, each template the policy uses in each language the invoices
use (rendered for a sample B2B and a sample B2C client), the invoices, the journal, and
for each invoice still owed: a rate for every day of delay, payment terms within the
legal limits (60 days, or 45 days end of month, art. L441-10 C. com.), the limitation
period (5 years B2B, 2 years B2C), an e-mail address for the e-mail steps to come, the
attached PDF. Each problem: file:line: field: what is wrong — how to fix it.

Exit codes: 0 no errors (warnings maybe) · 2 at least one error`;

export function register(program: Command, cli: Cli): void {
  addCommonOptions(program.command('check'), ['table', 'json'])
    .description('Check the whole setup — settings, policy, templates, invoices, journal, legal limits — and report every problem at once. Sends and writes nothing.')
    .option('--smtp', 'also connect to the SMTP server and log in (no mail is sent)')
    .option('-i, --invoices <file>', 'check this CSV or YAML file instead of the config’s (works without relance.yaml)')
    .addHelpText('after', EXAMPLES)
    .action(async (opts: CheckOptions) => {
      cli.exitCode = await check(opts, cli);
    });
}

/** What was looked at, for the summary line. */
interface Checked {
  invoices: number;
  claimed: number;
  invoiceFiles: number;
  steps: number | null;
  templates: number;
  languages: Language[];
  journalEntries: number;
  smtp: string | null;
}

export interface CheckReport {
  issues: Issue[];
  checked: Checked;
  /** The config could not be read: nothing else was checked. */
  stopped: boolean;
}

export async function check(opts: CheckOptions, cli: Cli): Promise<number> {
  const report = await runChecks(opts, cli);
  const issues = sortIssues(report.issues);
  const errors = issues.filter((i) => i.severity === 'error').length;
  const warnings = issues.length - errors;
  if (opts.format === 'json') {
    await writeJson(cli, report, issues, errors, warnings);
  } else {
    const shown = opts.quiet ? issues.filter((i) => i.severity === 'error') : issues;
    const lines = issueLines(shown);
    if (errors > 0 || (!opts.quiet && warnings > 0)) lines.push(summaryLine(errors, warnings, report.stopped));
    else if (!opts.quiet) lines.push(`relance check: all good (${describeChecked(report.checked)})`);
    if (lines.length > 0) await writeOut(cli, `${lines.join('\n')}\n`);
  }
  return errors > 0 ? EXIT_BAD_INPUT : EXIT_OK;
}

function summaryLine(errors: number, warnings: number, stopped: boolean): string {
  const counts = `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
  return `relance check: ${counts}${stopped ? ' (the other files are checked once the configuration can be read)' : ''}`;
}

function describeChecked(c: Checked): string {
  const parts = [
    `${plural(c.invoices, 'invoice')} in ${plural(c.invoiceFiles, 'file')}, ${c.claimed} still owed`,
    c.steps === null ? null : `${plural(c.steps, 'policy step')}`,
    `${plural(c.templates, 'template')} in ${c.languages.join(' and ') || 'no language'}`,
    `${plural(c.journalEntries, 'journal entry', 'journal entries')}`,
    c.smtp === null ? null : `SMTP login to ${c.smtp}`,
  ];
  return parts.filter((p) => p !== null).join(', ');
}

/**
 * The report as one JSON document, written as JSON.stringify(…, null, 2) would write it but
 * a slice of issues at a time: 500 000 of them never sit in memory as one string.
 */
async function writeJson(cli: Cli, report: CheckReport, issues: readonly Issue[], errors: number, warnings: number): Promise<void> {
  const [head, tail] = JSON.stringify(jsonReport(report, errors, warnings), null, 2).split('"issues": []') as [string, string];
  if (issues.length === 0) return writeOut(cli, `${head}"issues": []${tail}\n`);
  await writeOut(cli, `${head}"issues": [`);
  for (let i = 0; i < issues.length; i += 2000) {
    const slice = issues.slice(i, i + 2000).map((issue) => `\n${JSON.stringify(jsonIssue(issue), null, 2).replace(/^/gm, '    ')}`);
    await writeOut(cli, `${i === 0 ? '' : ','}${slice.join(',')}`);
  }
  await writeOut(cli, `\n  ]${tail}\n`);
}

function jsonIssue(i: Issue) {
  return { severity: i.severity, file: i.file, line: i.line ?? null, field: i.field ?? null, message: redactSecrets(i.message), hint: i.hint === undefined ? null : redactSecrets(i.hint), text: formatIssue(i) };
}

function jsonReport(report: CheckReport, errors: number, warnings: number) {
  const c = report.checked;
  return {
    ok: errors === 0,
    errors,
    warnings,
    issues: [],
    checked: {
      complete: !report.stopped,
      invoice_files: c.invoiceFiles,
      invoices: c.invoices,
      still_owed: c.claimed,
      policy_steps: c.steps,
      templates: c.templates,
      languages: c.languages,
      journal_entries: c.journalEntries,
      smtp: c.smtp,
    },
  };
}

// ---------------------------------------------------------------- the checks

export async function runChecks(opts: CheckOptions, cli: Cli): Promise<CheckReport> {
  const checked: Checked = { invoices: 0, claimed: 0, invoiceFiles: 0, steps: null, templates: 0, languages: [], journalEntries: 0, smtp: null };
  const issues: Issue[] = [];

  // The config first: without it there is nothing else to find.
  let config: Config;
  try {
    const resolved = await resolveConfig(opts, cli);
    config = resolved.config;
    issues.push(...resolved.warnings);
  } catch (e) {
    if (e instanceof InputError) return { issues: [...e.issues], checked, stopped: true };
    const display = displayPath(opts.config ?? 'relance.yaml', cli.cwd);
    return { issues: [fileError(e, display)], checked, stopped: true };
  }
  const lineOf = await configLines(config);
  const today = await checkedToday(opts, cli, config, lineOf, issues);

  const templateDirs: TemplateDir[] = [
    ...(config.templates ? [{ path: config.templates, display: displayPath(config.templates, cli.cwd) }] : []),
    { path: SHIPPED_TEMPLATES_DIR, display: 'templates (shipped)' },
  ];
  const names = await templateNames(templateDirs);
  const journalFile = displayPath(config.journal, cli.cwd);
  const [rates, policy, journal] = await Promise.all([
    loadRates(config.rates, cli.cwd),
    config.policy ? readPolicyFile(config.policy, displayPath(config.policy, cli.cwd), (n) => names.has(n)) : readShippedPolicy((n) => names.has(n)),
    readJournal(config.journal, journalFile).catch((e: unknown) => ({ entries: [], issues: [fileError(e, journalFile)] })),
  ]);
  for (const issue of [...rates.issues, ...policy.issues, ...journal.issues]) issues.push(issue); // maybe 500 000: no spread
  checked.steps = policy.value?.steps.length ?? null;
  checked.journalEntries = journal.entries.length;
  const histories = historiesOf(journal.entries);

  issues.push(...configIssues(config, policy.value, lineOf));

  // The invoices, streamed: each is checked as it is read.
  const ctx = { today, rates: rates.rates, rateMode: config.rateMode };
  const missingRates = new MissingRates();
  const provisionalRates = new Set<string>();
  const languages = new Map<Language, { first: string; count: number }>();
  const attachments: Invoice[] = [];
  const invoiceIssues = await readInvoices({ files: config.invoices, cwd: cli.cwd, defaults: config.defaults, columns: config.columns }, (invoice) => {
    checked.invoices += 1;
    const seen = languages.get(invoice.language);
    if (seen) seen.count += 1;
    else languages.set(invoice.language, { first: invoice.number, count: 1 });
    const history = histories.get(invoice.number) ?? emptyHistory(invoice.number);
    let claim: Claim | null = null;
    try {
      claim = claimOf(invoice, history, ctx);
      for (const w of provisionalRateWarnings([claim])) provisionalRates.add(w);
    } catch (e) {
      if (!(e instanceof MissingRateError)) throw e;
      missingRates.add(invoice, e);
    }
    const owed = claim ? isClaimed(claim) : balanceOf(invoice) > 0 && invoice.status !== 'paid' && invoice.status !== 'cancelled';
    if (!owed) return;
    checked.claimed += 1;
    const found = [termsBeyondLimitIssue(invoice), prescriptionIssue(invoice, today), policy.value ? missingEmailIssue(invoice, policy.value, history, today) : null];
    for (const issue of found) if (issue) issues.push(issue);
    if (invoice.attachment !== null) attachments.push(invoice);
  });
  checked.invoiceFiles = config.invoices.length;
  for (const issue of [...invoiceIssues, ...missingRates.issues()]) issues.push(issue);
  // Where rates are fixed: the user's rates file, else the rates: setting relance.yaml would have.
  const ratesAt = config.rates !== null ? { file: displayPath(config.rates, cli.cwd) } : { file: config.display, field: 'rates' };
  issues.push(...rateTableIssues(rates.rates, today, provisionalRates, ratesAt));
  issues.push(...(await attachmentIssues(attachments, config, cli.cwd)));
  issues.push(...uncertainIssues(histories, journalFile, config.mail.bcc));
  issues.push(...(await archiveIssues(journal.entries, config.journal, journalFile, displayPath(archiveDir(config.journal), cli.cwd))));

  if (policy.value) {
    const used = languages.size > 0 ? languages : new Map([[config.defaults.language, { first: '', count: 0 }]]);
    const result = await templateIssues(policy.value, used, templateDirs);
    issues.push(...result.issues);
    checked.templates = result.names;
    checked.languages = [...used.keys()].sort((a, b) => (a === 'fr' ? -1 : b === 'fr' ? 1 : a.localeCompare(b)));
  }

  if (opts.smtp) {
    const smtp = await smtpIssues(config, cli.env);
    issues.push(...smtp.issues);
    checked.smtp = smtp.display;
  }
  return { issues, checked, stopped: false };
}

/** The lines of relance.yaml's keys, for the checks the loader does not make. */
async function configLines(config: Config): Promise<(path: YamlPath) => number | undefined> {
  if (config.file === null) return () => undefined;
  const source = await readYamlFile(config.file, config.display).catch(() => null);
  return source ? (p) => source.lineOf(p) : () => undefined;
}

/** Today; a time zone that does not exist is a problem of the config, reported with the others. */
async function checkedToday(opts: CheckOptions, cli: Cli, config: Config, lineOf: (p: YamlPath) => number | undefined, issues: Issue[]): Promise<Day> {
  let timezone = config.timezone;
  if (timezone !== null) {
    try {
      await resolveToday(undefined, cli, timezone);
    } catch (e) {
      if (!(e instanceof UsageError)) throw e;
      issues.push(error(config.display, lineOf(['timezone']), 'timezone', e.message, e.hint));
      timezone = null;
    }
  }
  return resolveToday(opts.today, cli, timezone);
}

function configIssues(config: Config, policy: Policy | null, lineOf: (p: YamlPath) => number | undefined): Issue[] {
  const issues: Issue[] = [];
  const placeholder = (key: 'name' | 'email', what: string): void => {
    if (config.creditor[key] === PLACEHOLDERS[key]) {
      issues.push(warning(config.display, lineOf(['creditor', key]), `creditor.${key}`, `${JSON.stringify(PLACEHOLDERS[key])} is the placeholder relance init wrote`, what));
    }
  };
  placeholder('name', 'put your company’s name: it signs every reminder');
  placeholder('email', 'put the address your clients should reply to: the e-mails go out from it');
  if (config.file === null) return issues;
  const emailSteps = policy !== null && [policy.steps, ...policy.segments.map((s) => s.steps ?? [])].some((steps) => steps.some((s) => s.channel === 'email'));
  if (emailSteps && !config.mail.from && !config.creditor.email) {
    issues.push(error(config.display, undefined, 'mail.from', 'no sender address for the e-mails', 'set mail.from (or creditor.email) in relance.yaml'));
  }
  return issues;
}

/** Each template the policy names, in each language the invoices use, loaded and test-rendered. */
async function templateIssues(policy: Policy, languages: ReadonlyMap<Language, { first: string; count: number }>, dirs: readonly TemplateDir[]): Promise<{ issues: Issue[]; names: number }> {
  const names = new Set<string>();
  const add = (steps: Policy['steps']) => steps.forEach((s) => s.template !== null && names.add(s.template));
  add(policy.steps);
  for (const segment of policy.segments) {
    if (segment.steps) add(segment.steps);
    for (const t of Object.values(segment.templates)) names.add(t);
  }
  const issues: Issue[] = [];
  for (const [language, users] of languages) {
    for (const name of [...names].sort()) {
      const { issues: found } = await loadTemplate(name, language, dirs);
      const missing = found.length > 0 && users.count > 0 && !(await templateExists(name, language, dirs));
      const needed = ` (needed for invoice ${users.first}${users.count > 1 ? ` and ${plural(users.count - 1, 'other')}` : ''} in ${language === 'fr' ? 'French' : 'English'})`;
      for (const issue of found) issues.push(missing ? { ...issue, message: `${issue.message}${needed}` } : issue);
    }
  }
  return { issues: dedupe(issues), names: names.size };
}

/** The same template file seen twice (an HTML part shared…) is reported once. */
function dedupe(issues: readonly Issue[]): Issue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = formatIssue(i);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The attached PDFs: there, and within the rules (attachment-rules.ts) that send applies. */
async function attachmentIssues(invoices: readonly Invoice[], config: Config, cwd: string): Promise<Issue[]> {
  const issues: Issue[] = [];
  for (const invoice of invoices) {
    const found = await checkAttachment(invoice, config);
    if (found.kind === 'refused') issues.push(found.issue);
    if (found.kind === 'missing') {
      issues.push(error(invoice.source.file, invoice.source.line, 'attachment', `${JSON.stringify(displayPath(invoice.attachment!, cwd))} does not exist (the PDF of invoice ${invoice.number})`, 'check the path: it is relative to the invoices file'));
    }
  }
  return issues;
}

/** Connects and logs in, sends nothing. The password never appears in what is printed. */
async function smtpIssues(config: Config, env: Cli['env']): Promise<{ issues: Issue[]; display: string | null }> {
  const { DEFAULT_TUNING, scrubFor, smtpSettings, smtpTransport } = await import('../mail/smtp.js');
  let settings;
  try {
    settings = smtpSettings(config, env);
  } catch (e) {
    if (e instanceof InputError) return { issues: [...e.issues], display: null };
    throw e;
  }
  const transport = smtpTransport(settings, { ...DEFAULT_TUNING, connections: 1 });
  try {
    await transport.verify();
    return { issues: [], display: settings.display };
  } catch (e) {
    const err = e as { code?: string; message?: string };
    const fromEnv = env.RELANCE_SMTP_URL !== undefined && env.RELANCE_SMTP_URL.trim() !== '';
    const reason = scrubFor(settings, (err.message ?? String(e)).split('\n')[0]!);
    return {
      issues: [error(fromEnv ? 'RELANCE_SMTP_URL' : config.display, undefined, fromEnv ? undefined : 'mail.smtp', `cannot log in to ${settings.display}: ${reason}`, smtpHint(err.code))],
      display: null,
    };
  } finally {
    transport.close();
  }
}

function smtpHint(code: string | undefined): string {
  if (code === 'EAUTH' || code === 'ENOAUTH') return 'check the user name in the URL and the password in RELANCE_SMTP_PASSWORD';
  if (code === 'ETLS') return 'the server does not offer STARTTLS: use smtps://host:465 if it speaks TLS, or ask your provider';
  if (code === 'EDNS') return 'check the server name in the URL';
  return 'check the server name and port, and that this machine may reach it (a firewall, a provider that blocks port 25)';
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}
