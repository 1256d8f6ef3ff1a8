// What `relance check` looks at, in order: the setup as the one setup reader returns it
// (config, rates, policy, journal, every problem in them), then each invoice as it is
// read (the law's rules of src/domain/checks.ts), the attachments, the journal against
// the archive, each template in each language the invoices use, and the SMTP login.

import { Claims, isClaimed } from '../domain/claim.js';
import { Snapshots, staleSnapshotIssues } from '../domain/balances-as-of.js';
import { calendarOf } from '../domain/send-calendar.js';
import { configRuleIssues, missingAddressIssue, missingEmailIssue, prescriptionIssue, rateTableIssues, templatesOfPolicy, termsBeyondLimitIssue } from '../domain/checks.js';
import { emptyHistory } from '../domain/history.js';
import type { Invoice, Language } from '../domain/invoice.js';
import { STATE_RULES } from '../domain/invoice-state.js';
import { balanceOf } from '../domain/invoice.js';
import type { Issue } from '../domain/issue.js';
import { formatCount } from '../domain/user-text.js';
import type { Policy } from '../domain/policy.js';
import { invoiceSources, readInvoices } from '../io/invoices.js';
import { displayPath } from '../io/paths.js';
import type { TemplateDir } from '../io/template-dirs.js';
import { archiveDir } from '../mail/archive.js';
import { formatIssue } from '../render/issues.js';
import { loadTemplate, templateExists } from '../render/template.js';
import { archiveIssues, bouncedIssue, uncertainIssues } from './check-journal.js';
import type { ServerFeatures } from '../mail/smtp-probe.js';
import { attachmentIssues, smtpCheck, smtpUtf8Issues } from './check-mail.js';
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
  /** The client directory: its rows, and how many some invoice used; null without one. */
  clients: { rows: number; used: number } | null;
  /** What the server announced, with --smtp. */
  server: ServerFeatures | null;
}

export interface CheckReport {
  issues: Issue[];
  checked: Checked;
  /** The config could not be read: nothing else was checked. */
  stopped: boolean;
}

export async function runChecks(opts: CheckOptions, cli: Cli): Promise<CheckReport> {
  const checked: Checked = { invoices: 0, claimed: 0, invoiceFiles: 0, steps: null, templates: 0, languages: [], journalEntries: 0, smtp: null, clients: null, server: null };
  const setup = await readSetupFor(opts, cli);
  const { config, today, policy, histories } = setup;
  const issues = setup.issues;
  if (config === null) return { issues, checked, stopped: true };
  checked.steps = policy?.steps.length ?? null;
  checked.journalEntries = setup.journal.length;
  issues.push(...configRuleIssues({ display: config.display, file: config.file, creditor: config.creditor, mailFrom: config.mail.from }, policy, setup.configLines));

  // The invoices, streamed: each is checked as it is read.
  const claimsFor = () => new Claims({ today, rates: setup.rates, rateMode: config.rateMode, law: config.law });
  let claims = claimsFor();
  const calendar = calendarOf(config.law);
  let languages = new Map<Language, { first: string; count: number }>();
  let attachments: Invoice[] = [];
  let found: Issue[] = [];
  let snapshots = new Snapshots();
  /** Owed invoices with an address beyond ASCII: --smtp says whether the server carries it. */
  let unicode: Invoice[] = [];
  const restart = () => {
    // The files are read again (credit notes found): what the first reading counted is forgotten.
    claims = claimsFor();
    languages = new Map();
    attachments = [];
    found = [];
    snapshots = new Snapshots();
    unicode = [];
    checked.invoices = 0;
    checked.claimed = 0;
  };
  const sources = { ...invoiceSources(config, cli.cwd), onDirectory: (rows: number, used: number) => (checked.clients = { rows, used }) };
  const invoiceIssues = await readInvoices(sources, { restart, invoice: (invoice) => {
    checked.invoices += 1;
    snapshots.add(invoice);
    const seen = languages.get(invoice.language);
    if (seen) seen.count += 1;
    else languages.set(invoice.language, { first: invoice.number, count: 1 });
    const history = histories.get(invoice.number) ?? emptyHistory(invoice.number);
    const claim = claims.of(invoice, history);
    const owed = claim.missingRate === null ? isClaimed(claim) : balanceOf(invoice) > 0 && STATE_RULES[invoice.status].owed;
    if (!owed) return;
    checked.claimed += 1;
    if (invoice.emails.some((e) => /[^\x00-\x7f]/.test(e))) unicode.push(invoice);
    const each = [termsBeyondLimitIssue(invoice), prescriptionIssue(invoice, today, history), policy ? missingEmailIssue(invoice, policy, history, today, calendar) : null, policy ? missingAddressIssue(invoice, policy, history, today, calendar) : null, bouncedIssue(invoice, history)];
    for (const issue of each) if (issue) found.push(issue);
    if (invoice.attachment !== null) attachments.push(invoice);
  } });
  for (const issue of found) issues.push(issue); // maybe 500 000: no spread
  checked.invoiceFiles = config.invoices.length;
  for (const issue of [...invoiceIssues, ...claims.missingRateIssues(), ...staleSnapshotIssues(snapshots.list(), today)]) issues.push(issue); // maybe 500 000: no spread
  // Where rates are fixed: the user's rates file, else the rates: setting relance.yaml would have.
  const ratesAt = config.rates !== null ? { file: displayPath(config.rates, cli.cwd) } : { file: config.display, field: 'rates' };
  issues.push(...rateTableIssues(setup.rates, today, claims.provisionalWarnings(), ratesAt));
  // The server first, with --smtp: its SIZE tells which messages it would refuse.
  if (opts.smtp) {
    const smtp = await smtpCheck(config, cli.env);
    issues.push(...smtp.issues);
    checked.smtp = smtp.display;
    checked.server = smtp.server;
    if (smtp.server !== null) issues.push(...smtpUtf8Issues(unicode, smtp.server, smtp.display!));
  }
  issues.push(...(await attachmentIssues(attachments, config, checked.server)));
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
