// What `relance check` looks at, in order: the setup as the one setup reader returns it
// (config, rates, policy, journal, every problem in them), then each invoice as it is
// read (the law's rules of src/domain/checks.ts), the attachments, the journal against
// the archive, each template in each language the invoices use, and the SMTP login.

import { Claims, isClaimed } from '../domain/claim.js';
import { configRuleIssues, missingEmailIssue, prescriptionIssue, rateTableIssues, templatesOfPolicy, termsBeyondLimitIssue } from '../domain/checks.js';
import { emptyHistory } from '../domain/history.js';
import type { Invoice, Language } from '../domain/invoice.js';
import { STATE_RULES } from '../domain/invoice-state.js';
import { balanceOf } from '../domain/invoice.js';
import type { Issue } from '../domain/issue.js';
import { error } from '../domain/issue.js';
import { formatCount } from '../domain/user-text.js';
import type { Policy } from '../domain/policy.js';
import { InputError } from '../errors.js';
import { checkAttachment } from '../io/attachment-rules.js';
import type { Config } from '../io/config.js';
import { invoiceSources, readInvoices } from '../io/invoices.js';
import { displayPath } from '../io/paths.js';
import type { TemplateDir } from '../io/template-dirs.js';
import { archiveDir } from '../mail/archive.js';
import { formatIssue } from '../render/issues.js';
import { loadTemplate, templateExists } from '../render/template.js';
import { archiveIssues, uncertainIssues } from './check-journal.js';
import type { Cli, SetupOptions } from './common.js';
import { readSetupFor } from './common.js';

export interface CheckOptions extends SetupOptions {
  smtp?: boolean;
}

/** What was looked at, for the summary line. */
export interface Checked {
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

export async function runChecks(opts: CheckOptions, cli: Cli): Promise<CheckReport> {
  const checked: Checked = { invoices: 0, claimed: 0, invoiceFiles: 0, steps: null, templates: 0, languages: [], journalEntries: 0, smtp: null };
  const setup = await readSetupFor(opts, cli);
  const { config, today, policy, histories } = setup;
  const issues = setup.issues;
  if (config === null) return { issues, checked, stopped: true };
  checked.steps = policy?.steps.length ?? null;
  checked.journalEntries = setup.journal.length;
  issues.push(...configRuleIssues({ display: config.display, file: config.file, creditor: config.creditor, mailFrom: config.mail.from }, policy, setup.configLines));

  // The invoices, streamed: each is checked as it is read.
  let claims = new Claims({ today, rates: setup.rates, rateMode: config.rateMode });
  let languages = new Map<Language, { first: string; count: number }>();
  let attachments: Invoice[] = [];
  let found: Issue[] = [];
  const restart = () => {
    // The files are read again (credit notes found): what the first reading counted is forgotten.
    claims = new Claims({ today, rates: setup.rates, rateMode: config.rateMode });
    languages = new Map();
    attachments = [];
    found = [];
    checked.invoices = 0;
    checked.claimed = 0;
  };
  const invoiceIssues = await readInvoices(invoiceSources(config, cli.cwd), { restart, invoice: (invoice) => {
    checked.invoices += 1;
    const seen = languages.get(invoice.language);
    if (seen) seen.count += 1;
    else languages.set(invoice.language, { first: invoice.number, count: 1 });
    const history = histories.get(invoice.number) ?? emptyHistory(invoice.number);
    const claim = claims.of(invoice, history);
    const owed = claim.missingRate === null ? isClaimed(claim) : balanceOf(invoice) > 0 && STATE_RULES[invoice.status].owed;
    if (!owed) return;
    checked.claimed += 1;
    const each = [termsBeyondLimitIssue(invoice), prescriptionIssue(invoice, today), policy ? missingEmailIssue(invoice, policy, history, today) : null];
    for (const issue of each) if (issue) found.push(issue);
    if (invoice.attachment !== null) attachments.push(invoice);
  } });
  for (const issue of found) issues.push(issue); // maybe 500 000: no spread
  checked.invoiceFiles = config.invoices.length;
  for (const issue of [...invoiceIssues, ...claims.missingRateIssues()]) issues.push(issue); // maybe 500 000: no spread
  // Where rates are fixed: the user's rates file, else the rates: setting relance.yaml would have.
  const ratesAt = config.rates !== null ? { file: displayPath(config.rates, cli.cwd) } : { file: config.display, field: 'rates' };
  issues.push(...rateTableIssues(setup.rates, today, claims.provisionalWarnings(), ratesAt));
  issues.push(...(await attachmentIssues(attachments, config)));
  const journalFile = displayPath(config.journal, cli.cwd);
  issues.push(...uncertainIssues(histories, journalFile, config.mail.bcc));
  issues.push(...(await archiveIssues(setup.journal, config.journal, journalFile, displayPath(archiveDir(config.journal), cli.cwd))));

  if (policy) {
    const used = languages.size > 0 ? languages : new Map([[config.defaults.language, { first: '', count: 0 }]]);
    const result = await templateIssues(policy, used, setup.templateDirs);
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

/** Each template the policy names, in each language the invoices use, loaded and test-rendered. */
async function templateIssues(policy: Policy, languages: ReadonlyMap<Language, { first: string; count: number }>, dirs: readonly TemplateDir[]): Promise<{ issues: Issue[]; names: number }> {
  const names = templatesOfPolicy(policy);
  const issues: Issue[] = [];
  for (const [language, users] of languages) {
    for (const name of names) {
      const { issues: found } = await loadTemplate(name, language, dirs);
      const missing = found.length > 0 && users.count > 0 && !(await templateExists(name, language, dirs));
      const others = users.count - 1;
      const needed = ` (needed for invoice ${users.first}${others > 0 ? ` and ${formatCount(others)} other${others === 1 ? '' : 's'}` : ''} in ${language === 'fr' ? 'French' : 'English'})`;
      for (const issue of found) issues.push(missing ? { ...issue, message: `${issue.message}${needed}` } : issue);
    }
  }
  return { issues: dedupe(issues), names: names.length };
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
async function attachmentIssues(invoices: readonly Invoice[], config: Config): Promise<Issue[]> {
  const issues: Issue[] = [];
  for (const invoice of invoices) {
    const found = await checkAttachment(invoice, config);
    if (found.kind !== 'ok') issues.push(found.issue);
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
