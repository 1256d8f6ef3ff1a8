// The check a template passes when it is loaded, not when cron first takes a rare branch:
// every variable in every branch is looked up in the shape of ReminderContext (taken
// from a full sample), and the template is then rendered for two sample clients — a B2B
// one with everything filled in, a B2C one with every optional value null.

// The parsed-template types (the global `hbs` namespace) come with handlebars.
import type {} from 'handlebars';
import { fullContext } from './template-samples.js';
import { HELPER_ARITY } from './template-helpers.js';

export const VARIABLES_HINT =
  'check the spelling; variables available: language, client, creditor, invoices, invoice, totals, step, previous, deadline, notice, today; helpers: money, date, plural, gt';

// ---------------------------------------------------------------------------------------
// The template check: every path looked up in the shape of ReminderContext.

type Shape = { kind: 'value' } | { kind: 'object'; fields: ReadonlyMap<string, Shape> } | { kind: 'list'; item: Shape };

const VALUE: Shape = { kind: 'value' };

function shapeOf(value: unknown): Shape {
  if (Array.isArray(value)) return { kind: 'list', item: shapeOf(value[0]) };
  if (value !== null && typeof value === 'object') {
    return { kind: 'object', fields: new Map(Object.entries(value).map(([k, v]) => [k, shapeOf(v)])) };
  }
  return VALUE;
}

const ROOT_SHAPE = shapeOf(fullContext('fr'));

export interface Problem {
  line: number;
  message: string;
  hint: string;
}

interface Scope {
  /** Innermost first: `contexts[n]` is what `n` times `../` reaches. `label` names it in hints. */
  contexts: { shape: Shape; label: string | null }[];
  blockParams: ReadonlyMap<string, Shape>;
  inEach: boolean;
}

const BLOCK_HELPERS = new Set(['if', 'unless', 'each', 'with']);
const HELPERS_HINT = `helpers available: ${Object.keys(HELPER_ARITY).join(', ')}; blocks: #if, #unless, #each, #with`;

function lineOf(node: hbs.AST.Node): number {
  return node.loc?.start.line ?? 1;
}

/** Every problem of a parsed template: unknown variables and helpers, wrong arities, misplaced blocks. */
export function checkTemplate(ast: hbs.AST.Program): Problem[] {
  const problems: Problem[] = [];
  checkProgram(ast, { contexts: [{ shape: ROOT_SHAPE, label: null }], blockParams: new Map(), inEach: false }, problems);
  return problems;
}

function checkProgram(program: hbs.AST.Program | undefined, scope: Scope, out: Problem[]): void {
  for (const statement of program?.body ?? []) {
    switch (statement.type) {
      case 'ContentStatement':
      case 'CommentStatement':
        break;
      case 'MustacheStatement':
        checkCall(statement as hbs.AST.MustacheStatement, scope, out, true);
        break;
      case 'BlockStatement':
        checkBlock(statement as hbs.AST.BlockStatement, scope, out);
        break;
      default:
        out.push({
          line: lineOf(statement),
          message: `${statement.type.replace(/Statement|Block/g, '').toLowerCase()}s are not available in relance templates`,
          hint: `use variables and ${HELPERS_HINT}`,
        });
    }
  }
}

/** `key=value` arguments: the parser leaves `hash` out when there are none. */
function hashPairs(node: { hash?: hbs.AST.Hash }): hbs.AST.HashPair[] {
  return node.hash?.pairs ?? [];
}

/** The helper a path names (`money`, `if`), or null for a variable. */
function helperName(path: hbs.AST.PathExpression | hbs.AST.Literal): string | null {
  if (path.type !== 'PathExpression') return null;
  const p = path as hbs.AST.PathExpression;
  if (p.data || p.depth > 0 || p.parts.length !== 1 || /^(\.|this\b)/.test(p.original)) return null;
  return p.parts[0]!;
}

/** `{{x}}`, `{{helper a b}}` or `(helper a b)`; returns the shape of what it gives. */
function checkCall(node: hbs.AST.MustacheStatement | hbs.AST.SubExpression, scope: Scope, out: Problem[], printed: boolean): Shape | null {
  const line = lineOf(node);
  const name = helperName(node.path);
  const pairs = hashPairs(node);
  const args = [...node.params, ...pairs.map((p) => p.value)];
  if (name !== null && name in HELPER_ARITY) {
    const arity = HELPER_ARITY[name]!;
    if (node.params.length !== arity || pairs.length > 0) {
      out.push({ line, message: `${name} takes ${arity} argument${arity === 1 ? '' : 's'}, given ${args.length}`, hint: 'e.g. {{money invoice.balance}}, {{date invoice.due_date}}, {{plural totals.count "facture" "factures"}}, (gt totals.count 1)' });
    }
    for (const a of args) checkExpression(a, scope, out);
    return VALUE;
  }
  if (name !== null && BLOCK_HELPERS.has(name)) {
    out.push({ line, message: `${name} is a block: write {{#${name} …}}…{{/${name}}}`, hint: HELPERS_HINT });
    return null;
  }
  if (args.length > 0 || node.type === 'SubExpression') {
    const shown = node.path.type === 'PathExpression' ? (node.path as hbs.AST.PathExpression).original : node.path.type;
    out.push({ line, message: `unknown helper "${shown}"`, hint: `check the spelling; ${HELPERS_HINT}` });
    return null;
  }
  if (node.path.type !== 'PathExpression') return VALUE; // {{"text"}}, {{true}}: harmless
  const path = node.path as hbs.AST.PathExpression;
  const shape = resolvePath(path, scope, out);
  if (shape && printed && shape.kind !== 'value') {
    out.push({
      line,
      message: `"${path.original}" is ${shape.kind === 'list' ? 'a list' : 'an object'}, not something to print`,
      hint: shape.kind === 'list' ? `go through it with {{#each ${path.original}}}…{{/each}}` : `print one of its fields: ${fieldList(shape)}`,
    });
  }
  return shape;
}

function checkExpression(expr: hbs.AST.Expression, scope: Scope, out: Problem[]): Shape | null {
  if (expr.type === 'PathExpression') return resolvePath(expr as hbs.AST.PathExpression, scope, out);
  if (expr.type === 'SubExpression') return checkCall(expr as hbs.AST.SubExpression, scope, out, false);
  return VALUE; // a literal
}

function checkBlock(node: hbs.AST.BlockStatement, scope: Scope, out: Problem[]): void {
  const line = lineOf(node);
  const name = helperName(node.path);
  if (name === null || !BLOCK_HELPERS.has(name)) {
    const isHelper = name !== null && name in HELPER_ARITY;
    out.push({
      line,
      message: isHelper ? `${name} is not a block: write {{${name} …}} without # and /` : `"#${node.path.original}" is not a block`,
      hint: `blocks are #if, #unless, #each and #with, e.g. {{#if creditor.iban}}…{{/if}}`,
    });
    return;
  }
  if (node.params.length !== 1 || hashPairs(node).length > 0) {
    out.push({ line, message: `#${name} takes exactly one value, given ${node.params.length + hashPairs(node).length}`, hint: `e.g. {{#${name} ${name === 'each' ? 'invoices' : 'creditor.iban'}}}` });
    return;
  }
  const param = node.params[0]!;
  const shape = checkExpression(param, scope, out);
  const label = param.type === 'PathExpression' ? (param as hbs.AST.PathExpression).original : name;
  let inner = scope;
  if (name === 'each' || name === 'with') {
    if (shape === null) return;
    const wanted = name === 'each' ? 'list' : 'object';
    if (shape.kind !== wanted) {
      out.push({ line, message: `#${name} needs ${wanted === 'list' ? 'a list' : 'an object'}, and "${label}" is not one`, hint: name === 'each' ? 'lists: invoices, previous' : 'objects: client, creditor, invoice, totals, step, deadline, notice' });
      return;
    }
    const context = shape.kind === 'list' ? shape.item : shape;
    const params = new Map(scope.blockParams);
    const names = node.program.blockParams ?? [];
    if (names.length > (name === 'each' ? 2 : 1)) {
      out.push({ line, message: `too many block parameters for #${name}`, hint: name === 'each' ? 'e.g. {{#each invoices as |inv i|}}' : 'e.g. {{#with invoice as |inv|}}' });
      return;
    }
    if (names[0] !== undefined) params.set(names[0], context);
    if (names[1] !== undefined) params.set(names[1], VALUE);
    inner = {
      contexts: [{ shape: context, label: name === 'each' ? `each of ${label}` : label }, ...scope.contexts],
      blockParams: params,
      inEach: scope.inEach || name === 'each',
    };
  }
  checkProgram(node.program, inner, out);
  checkProgram(node.inverse, scope, out);
}

function resolvePath(path: hbs.AST.PathExpression, scope: Scope, out: Problem[]): Shape | null {
  // Handlebars' strict mode checks the path of {{x}} but only the parents of a helper's
  // argument ({{#if x}} passes when x is missing): marking every path strict closes that gap.
  (path as hbs.AST.PathExpression & { strict?: boolean }).strict = true;
  const line = lineOf(path);
  const unknown = (where: Shape, label: string | null, extra = ''): null => {
    out.push({ line, message: `unknown variable "${path.original}"`, hint: fieldsHint(where, label) + extra });
    return null;
  };
  if (path.data) {
    const [head, ...rest] = path.parts;
    if (head === 'root') return walk(ROOT_SHAPE, rest, null, unknown);
    if ((head === 'index' || head === 'first' || head === 'last') && rest.length === 0) {
      if (scope.inEach) return VALUE;
      out.push({ line, message: `"@${head}" only exists inside {{#each}}`, hint: 'use it between {{#each …}} and {{/each}}' });
      return null;
    }
    out.push({ line, message: `unknown variable "${path.original}"`, hint: 'the @ variables are @index, @first, @last (inside #each) and @root' });
    return null;
  }
  const head = path.parts[0];
  const scoped = /^(\.|this\b)/.test(path.original);
  if (path.depth === 0 && !scoped && head !== undefined && scope.blockParams.has(head)) {
    return walk(scope.blockParams.get(head)!, path.parts.slice(1), head, unknown);
  }
  const base = scope.contexts[path.depth];
  if (!base) {
    out.push({ line, message: `"${path.original}" goes up more levels (../) than there are blocks around it`, hint: 'use @root. to reach the top, e.g. @root.client.name' });
    return null;
  }
  const insideEach = path.depth === 0 && scope.contexts.length > 1;
  return walk(base.shape, path.parts, base.label, (where, label) =>
    unknown(where, label, insideEach && where === base.shape ? '; the message\'s own variables are reached with ../ or @root. (e.g. @root.client.name)' : ''),
  );
}

function walk(start: Shape, parts: readonly string[], startLabel: string | null, unknown: (where: Shape, label: string | null) => null): Shape | null {
  let shape = start;
  let label = startLabel;
  for (const part of parts) {
    let next: Shape | undefined;
    if (shape.kind === 'object') next = shape.fields.get(part);
    else if (shape.kind === 'list') next = part === 'length' ? VALUE : /^\d+$/.test(part) ? shape.item : undefined;
    if (next === undefined) return unknown(shape, label);
    shape = next;
    label = label === null ? part : `${label}.${part}`;
  }
  return shape;
}

function fieldList(shape: Shape): string {
  if (shape.kind === 'object') return [...shape.fields.keys()].join(', ');
  if (shape.kind === 'list') return 'length, or go through it with #each';
  return 'nothing: it is a single value';
}

function fieldsHint(shape: Shape, label: string | null): string {
  if (label === null && shape === ROOT_SHAPE) return VARIABLES_HINT;
  return `check the spelling; ${label ?? 'this'} has: ${fieldList(shape)}`;
}
