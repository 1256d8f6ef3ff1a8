// relance check — every problem in the setup at once, before a cron run meets it: the
// config, the rate tables, the policy, the templates (rendered for sample clients), the
// invoices, the journal, and what the law says of each open invoice. Nothing is sent or
// written. Exit 2 when there is an error, 0 with warnings only.

import type { Command } from 'commander';
import type { Issue } from '../domain/issue.js';
import { formatCount } from '../domain/user-text.js';
import { EXIT_BAD_INPUT, EXIT_OK } from '../errors.js';
import { formatIssue, issueLines, sortIssues } from '../render/issues.js';
import { redactSecrets } from '../render/redact.js';
import type { CheckOptions, CheckReport, Checked } from './check-run.js';
import { featuresLine } from './check-mail.js';
import { runChecks } from './check-run.js';
import type { Cli } from './common.js';
import { addCommonOptions, writeOut } from './common.js';

const EXAMPLES = `
Examples:
  relance check                           the setup in this folder
  relance check --config ~/relances/relance.yaml
  relance check --smtp                    also log in to the SMTP server (nothing is sent) and
                                          say what it announces: SIZE, SMTPUTF8, STARTTLS, AUTH
  relance check --today 2027-03-01        as it will stand that day (rates, limitation)
  relance check --invoices export.csv     an export alone, with the shipped policy and templates
  relance check --format json             the problems as one JSON document
  relance check --quiet && relance send   in cron: send only when the setup is sound

Checks relance.yaml (unknown settings, \${VARIABLES} not set, placeholders left by init),
the rates file, the policy, each template the policy uses in each language the invoices
use (rendered for a sample B2B and a sample B2C client), the invoices, the journal, and
for each invoice still owed: a rate for every day of delay, payment terms within the
legal limits (60 days, or 45 days end of month, art. L441-10 C. com.), the limitation
period (5 years B2B, 2 years B2C), an e-mail address for the e-mail steps to come (and
one not refused for good), the attached PDF and the size of the e-mails it makes (above
10 MB many servers refuse them; with --smtp, the server's own SIZE and SMTPUTF8).
Each problem: file:line: field: what is wrong — how to fix it.

Exit codes: 0 no errors (warnings maybe) · 2 at least one error`;

export function register(program: Command, cli: Cli): void {
  addCommonOptions(program.command('check'), ['table', 'json'])
    .description('Check the whole setup — settings, policy, templates, invoices, journal, legal limits — and report every problem at once. Sends and writes nothing.')
    .option('--smtp', 'also connect to the SMTP server and log in (no mail is sent)')
    .option('-i, --invoices <file>', 'check this CSV, .xlsx or YAML file instead of the config’s (works without relance.yaml)')
    .addHelpText('after', EXAMPLES)
    .action(async (opts: CheckOptions) => {
      cli.exitCode = await check(opts, cli);
    });
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
    const { server, smtp } = report.checked;
    if (server !== null && smtp !== null && !opts.quiet) lines.push(featuresLine(smtp, server));
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
    c.clients === null ? null : `${plural(c.clients.rows, 'client')} in the directory (${formatCount(c.clients.used)} with invoices)`,
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
      ...(c.server === null ? {} : { smtp_server: { size: c.server.size, smtputf8: c.server.smtpUtf8, tls: c.server.tls, auth: c.server.auth } }),
    },
  };
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}
