// Reads a policy YAML file (the user's, or the shipped default) and validates it.

import type { Issue } from '../domain/issue.js';
import { error } from '../domain/issue.js';
import type { Policy } from '../domain/policy.js';
import { validatePolicy } from '../domain/policy-validate.js';
import { fileProblem } from './paths.js';
import { encodingIssue, readUserText } from './text-file.js';
import { NotARegularFileError } from './user-file.js';
import { parseYaml } from './yaml-file.js';

import { SHIPPED_POLICY_FILE } from './shipped.js';


export interface PolicyResult {
  value: Policy | null;
  issues: Issue[];
}

/** Parses and validates policy text; `file` names it in the issues. */
export function parsePolicy(text: string, file: string, templateExists: (name: string) => boolean): PolicyResult {
  const source = parseYaml(text, file);
  if (source.issues.length > 0) return { value: null, issues: source.issues };
  return validatePolicy(source.data, file, source.lineOf, templateExists);
}

/**
 * Reads and validates the policy at `path`. `displayName` is how the issues name the
 * file (as the user wrote it in relance.yaml). An unreadable file is an issue, not a throw.
 */
export async function readPolicyFile(path: string, displayName: string, templateExists: (name: string) => boolean): Promise<PolicyResult> {
  let read;
  try {
    read = await readUserText(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const kind = err instanceof NotARegularFileError ? err.kind : code === 'EISDIR' ? 'a folder' : null;
    const message =
      code === 'ENOENT' ? 'the policy file does not exist' : kind !== null ? `the policy is ${kind}, not a file` : `the policy file cannot be read (${fileProblem(err)?.message ?? code ?? String(err)})`;
    return {
      value: null,
      issues: [error(displayName, undefined, 'policy', message, 'check policy: in relance.yaml (relative to it), or leave it out to use the shipped policy')],
    };
  }
  if ('problem' in read) return { value: null, issues: [encodingIssue(displayName, read.problem)] };
  return parsePolicy(read.text, displayName, templateExists);
}

/** The shipped default policy, for a config that names none. */
export function readShippedPolicy(templateExists: (name: string) => boolean): Promise<PolicyResult> {
  return readPolicyFile(SHIPPED_POLICY_FILE, 'policy.yaml (shipped)', templateExists);
}
