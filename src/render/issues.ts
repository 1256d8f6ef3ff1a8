// One style for every problem relance reports, after hledger:
//   file:line: field: what is wrong — how to fix it

import type { Issue } from '../domain/issue.js';
import { redactSecrets } from './redact.js';

export function formatIssue(issue: Issue): string {
  const where = issue.line === undefined ? issue.file : `${issue.file}:${issue.line}`;
  const prefix = issue.severity === 'warning' ? 'warning: ' : '';
  const field = issue.field ? `${issue.field}: ` : '';
  const hint = issue.hint ? ` — ${issue.hint}` : '';
  // A value quoted back to the user may be an SMTP URL with its password.
  return redactSecrets(`${where}: ${prefix}${field}${issue.message}${hint}`);
}

/** Errors first, each file's problems in line order, so the list reads like the file. */
export function sortIssues(issues: readonly Issue[]): Issue[] {
  return [...issues].sort(
    (a, b) =>
      (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) ||
      a.file.localeCompare(b.file) ||
      (a.line ?? 0) - (b.line ?? 0),
  );
}
