// Limits a template must keep before Handlebars parses it: the parser recurses once per
// nested block and builds a node per expression, so 20 000 nested {{#if}} overflow its
// stack and 200 000 {{x}} take gigabytes. A reminder needs a few levels and a few
// hundred expressions; these limits are far above that and far below trouble.

import { formatCount } from '../domain/user-text.js';

export const MAX_NESTING = 100;
export const MAX_EXPRESSIONS = 10_000;

export interface LimitProblem {
  line: number;
  message: string;
  hint: string;
}

// A comment (which may hold braces), or the start of a tag with its kind: # or ^ opens a
// block, / closes one. `{{^}}` alone is an {{else}}.
const TAG = /\{\{!--[\s\S]*?--\}\}|\{\{![\s\S]*?\}\}|\{\{~?\s*(?:([#/])|(\^)\s*([^\s}~]))?/g;

/** The first limit the source goes past, found by a scan of its tags (no parsing), or null. */
export function templateLimitProblem(source: string): LimitProblem | null {
  let depth = 0;
  let expressions = 0;
  for (const m of source.matchAll(TAG)) {
    if (m[0].startsWith('{{!')) continue;
    expressions += 1;
    if (expressions > MAX_EXPRESSIONS) {
      return {
        line: lineAt(source, m.index),
        message: `more than ${formatCount(MAX_EXPRESSIONS)} {{…}} expressions: a template may hold at most ${formatCount(MAX_EXPRESSIONS)}`,
        hint: 'a reminder needs far fewer: repeat with {{#each invoices}} instead of writing each one out',
      };
    }
    if (m[1] === '/') depth = Math.max(0, depth - 1);
    else if (m[1] === '#' || (m[2] === '^' && m[3] !== undefined)) {
      depth += 1;
      if (depth > MAX_NESTING) {
        return {
          line: lineAt(source, m.index),
          message: `blocks nested more than ${MAX_NESTING} deep: at most ${MAX_NESTING} levels of {{#if}}, {{#each}}…`,
          hint: 'close each block ({{/if}}, {{/each}}) before opening the next one where you can',
        };
      }
    }
  }
  return null;
}

function lineAt(source: string, index: number): number {
  let line = 1;
  for (let at = source.indexOf('\n'); at !== -1 && at < index; at = source.indexOf('\n', at + 1)) line++;
  return line;
}
