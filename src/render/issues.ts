// One style for every problem relance reports, after hledger:
//   file:line: field: what is wrong — how to fix it
// Printed safely: control characters from the data made visible, each line of bounded
// length, and a long list cut after the first ones with a count of the rest.

import type { Issue } from '../domain/issue.js';
import { formatCount, shorten } from '../domain/user-text.js';
import { redactSecrets } from './redact.js';
import { visible } from './visible.js';

/** Problems listed one by one; the rest are counted (500 000 bad rows print 51 lines). */
export const MAX_ISSUES_SHOWN = 50;

// A safety net: messages quote values cut to 80 characters, so only a bug gets near this.
const MAX_PART = 2000;

export function formatIssue(issue: Issue): string {
  const where = issue.line === undefined ? issue.file : `${issue.file}:${issue.line}`;
  const prefix = issue.severity === 'warning' ? 'warning: ' : '';
  const field = issue.field ? `${issue.field}: ` : '';
  const hint = issue.hint ? ` — ${shorten(issue.hint, MAX_PART)}` : '';
  // A value quoted back to the user may be an SMTP URL with its password.
  return visible(redactSecrets(`${shorten(where, MAX_PART)}: ${prefix}${shorten(field, MAX_PART)}${shorten(issue.message, MAX_PART)}${hint}`));
}

/**
 * The lines to print for issues already in order: the first `max`, then one line that
 * counts the others and says where the whole list is.
 */
export function issueLines(sorted: readonly Issue[], where = 'relance check --format json lists them all', max = MAX_ISSUES_SHOWN): string[] {
  const lines = sorted.slice(0, max).map(formatIssue);
  if (sorted.length > max) lines.push(moreLine(sorted.length - max, where));
  return lines;
}

export function moreLine(rest: number, where: string): string {
  return `… and ${formatCount(rest)} more (${where})`;
}

/** Errors first, each file's problems in line order, so the list reads like the file. */
export function sortIssues(issues: readonly Issue[]): Issue[] {
  return [...issues].sort(
    (a, b) =>
      (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) ||
      (a.file === b.file ? 0 : a.file.localeCompare(b.file)) ||
      (a.line ?? 0) - (b.line ?? 0),
  );
}
