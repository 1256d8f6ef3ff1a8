// The typed errors that reach the one catch in cli.ts, each with its exit code.
// Exit codes (docs/contract.md § Exit codes): 0 done, 1 some sends failed, 2 bad input or
// configuration (nothing sent), 3 another run holds the lock, 70 a bug in relance.

import type { Issue } from './domain/issue.js';

export const EXIT_OK = 0;
export const EXIT_SEND_FAILED = 1;
export const EXIT_BAD_INPUT = 2;
export const EXIT_LOCKED = 3;
/** A bug (EX_SOFTWARE in sysexits.h): not the user's input; the journal says what was done. */
export const EXIT_INTERNAL = 70;

/** Bad input or configuration: every problem found, shown together; exit 2. */
export class InputError extends Error {
  readonly issues: readonly Issue[];
  constructor(issues: readonly Issue[], summary?: string) {
    super(summary ?? `${issues.length} problem${issues.length === 1 ? '' : 's'} in the input`);
    this.name = 'InputError';
    this.issues = issues;
  }
}

/** A problem with the command line itself (a flag's value): exit 2. */
export class UsageError extends Error {
  readonly hint: string | undefined;
  constructor(message: string, hint?: string) {
    super(message);
    this.name = 'UsageError';
    this.hint = hint;
  }
}

/** Another `relance send` holds the journal's lock: exit 3. */
export class LockedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LockedError';
  }
}
