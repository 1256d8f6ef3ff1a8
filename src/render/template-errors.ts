// Handlebars' errors as relance's issues: the file's own line (the front matter shifts
// it), "unknown variable" for strict mode's "not defined", and for a block never closed the
// line where it opened rather than the parser's "got EOF" on the last line.

import type { Issue } from '../domain/issue.js';
import { error } from '../domain/issue.js';
import type { Where } from './template-types.js';
import { VARIABLES_HINT } from './template-check.js';
import { HelperError } from './template-helpers.js';

export function issueFromError(e: unknown, where: Where, source?: string): Issue {
  let line: number | undefined;
  let message: string;
  let hint = VARIABLES_HINT;
  if (e instanceof HelperError) {
    line = e.loc?.start.line;
    message = e.message;
    hint = e.hint ?? 'check the value given to the helper';
  } else if (e instanceof Error) {
    const parse = /^Parse error on line (\d+):\n(.*)\n.*\n(.*)/.exec(e.message);
    const located = (e as { lineNumber?: unknown }).lineNumber;
    const open = parse && /got 'EOF'/.test(parse[3]!) && source !== undefined ? unclosedBlock(source) : null;
    if (open) {
      line = open.line;
      message = `{{#${open.name}}} is never closed`;
      hint = `end the block with {{/${open.name}}}`;
    } else if (parse) {
      line = Number(parse[1]);
      message = `not valid Handlebars near "${parse[2]!.trim().replace(/^\.\.\./, '…')}"`;
      hint = 'check the braces {{ }} and the quotes on that line';
    } else {
      if (typeof located === 'number') line = located;
      message = e.message.replace(/ - \d+:\d+$/, '');
      const missing = /^"(.+)" not defined in /.exec(message);
      if (missing) message = `unknown variable "${missing[1]}"`;
    }
  } else {
    message = String(e);
  }
  return error(where.file, line === undefined ? undefined : line + where.lineOffset, where.field, message, hint);
}

/**
 * The innermost block still open at the end of a source, for a better message than the
 * parser's "got EOF" on the last line. Comments are skipped; `{{else}}` does not matter.
 */
function unclosedBlock(source: string): { name: string; line: number } | null {
  const open: { name: string; line: number }[] = [];
  const tag = /\{\{!--[\s\S]*?--\}\}|\{\{![\s\S]*?\}\}|\{\{~?\s*([#^/])\s*([^\s}~]+)/g;
  for (const m of source.matchAll(tag)) {
    if (m[1] === undefined) continue;
    if (m[1] === '/') open.pop();
    else open.push({ name: m[2]!, line: source.slice(0, m.index).split('\n').length });
  }
  return open.at(-1) ?? null;
}
