// A problem found in the user's files, kept as a value so that every one of them can be
// shown at once. Only the CLI prints them and picks the exit code.

export type Severity = 'error' | 'warning';

export interface Issue {
  severity: Severity;
  /** The file as the user named it (relative to the working folder when inside it). */
  file: string;
  /** 1-based line in that file, when one line is to blame. */
  line?: number;
  /** The field (column, key) at fault. */
  field?: string;
  /** What is wrong, quoting the offending text. */
  message: string;
  /** How to fix it. */
  hint?: string;
}

export function error(file: string, line: number | undefined, field: string | undefined, message: string, hint?: string): Issue {
  return { severity: 'error', file, line, field, message, hint };
}

export function warning(file: string, line: number | undefined, field: string | undefined, message: string, hint?: string): Issue {
  return { severity: 'warning', file, line, field, message, hint };
}

export function hasErrors(issues: readonly Issue[]): boolean {
  return issues.some((i) => i.severity === 'error');
}
