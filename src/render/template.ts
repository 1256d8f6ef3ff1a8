// Reminder templates: `<dir>/<language>/<name>.hbs` is a YAML front matter giving the
// `subject` (itself a template) between `---` lines, then the plain-text body; an optional
// `<name>.html.hbs` beside it gives an HTML part. Folders are searched in order (the
// config's own first, then the shipped one).
//
// A template is checked when it is loaded, not when cron first takes a rare branch: every
// variable in every branch is looked up in the shape of ReminderContext, then the template
// is rendered for two sample clients (B2B with everything filled in, B2C with every
// optional value null). Handlebars' own strict mode stays on as the last net.

import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type Handlebars from 'handlebars';
import type { ClientType, Language } from '../domain/invoice.js';
import type { Creditor } from '../io/config.js';
import type { Issue } from '../domain/issue.js';
import { error, warning } from '../domain/issue.js';
import { parseYaml } from '../io/yaml-file.js';
import { HELPER_ARITY, HelperError, createEnvironment } from './template-helpers.js';

export { SHIPPED_TEMPLATES_DIR } from '../io/shipped.js';

/** An invoice as a template sees it: money as "1234.50", dates as "YYYY-MM-DD". */
export interface ReminderInvoice {
  number: string;
  issue_date: string | null;
  due_date: string;
  amount: string;
  paid: string;
  balance: string;
  /** Negative before the due date. */
  days_late: number;
  interest: string;
  flat_fee: string;
  total: string;
  /** The attached file's name, or null. */
  attachment: string | null;
}

/** What every template sees (DESIGN.md § Templates); every key is always present. */
export interface ReminderContext {
  language: Language;
  client: {
    name: string;
    /** The recipients, joined with ", ". */
    email: string;
    type: ClientType;
    is_b2b: boolean;
    is_b2c: boolean;
  };
  /** From the config; each may be null. */
  creditor: Creditor;
  invoices: ReminderInvoice[];
  /** The first of `invoices`. */
  invoice: ReminderInvoice;
  totals: { balance: string; interest: string; flat_fee: string; total: string; count: number };
  step: { id: string; day: number; channel: string };
  /** Earlier reminders for these invoices, oldest first. */
  previous: { step: string; date: string; subject: string | null }[];
  /** The date by which a formal notice demands payment. */
  deadline: { days: number; date: string };
  /** The recorded formal notice (B2C interest runs from it), or a null date. */
  notice: { date: string | null };
  today: string;
}

export interface TemplateDir {
  path: string;
  /** How messages name the folder (as the user wrote it). */
  display: string;
}

type Env = typeof Handlebars;
type Render = (context: unknown) => string;

/** One compiled file (or the subject in it), with what turns Handlebars' lines into the file's. */
export interface TemplatePart {
  readonly file: string;
  /** Added to a line of the Handlebars source to give the line in the file. */
  readonly lineOffset: number;
  readonly field: 'subject' | undefined;
  readonly render: Render;
}

export interface ReminderTemplate {
  readonly name: string;
  readonly language: Language;
  /** The `.hbs` file, as the user would name it. */
  readonly file: string;
  readonly subject: TemplatePart;
  readonly text: TemplatePart;
  readonly html: TemplatePart | null;
}

export interface RenderedReminder {
  subject: string;
  text: string;
  html: string | null;
}

const VARIABLES_HINT =
  'check the spelling; variables available: language, client, creditor, invoices, invoice, totals, step, previous, deadline, notice, today; helpers: money, date, plural, gt';

const ENVIRONMENTS: Record<Language, Env> = { fr: createEnvironment('fr'), en: createEnvironment('en') };

// Every helper is declared, so that with knownHelpersOnly an unknown one fails to compile.
const KNOWN_HELPERS = { ...Object.fromEntries(Object.keys(HELPER_ARITY).map((h) => [h, true])), lookup: false, log: false };

type CompileOptions = Parameters<Env['compile']>[1];

function compileOptions(escape: boolean): CompileOptions {
  // A fresh object each time: Handlebars writes into the options it is given.
  return { strict: true, knownHelpersOnly: true, knownHelpers: { ...KNOWN_HELPERS }, noEscape: !escape };
}

// ---------------------------------------------------------------------------------------
// Finding and loading

/** A file name, never a path: a policy cannot reach outside the templates folder. */
function isTemplateName(name: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name) && !name.includes('..');
}

function candidates(name: string, language: Language, dirs: readonly TemplateDir[]): { path: string; display: string }[] {
  return dirs.map((d) => ({
    path: join(d.path, language, `${name}.hbs`),
    display: `${d.display.replace(/[\\/]+$/, '')}/${language}/${name}.hbs`,
  }));
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

async function findTemplateFile(name: string, language: Language, dirs: readonly TemplateDir[]): Promise<{ path: string; display: string } | null> {
  if (!isTemplateName(name)) return null;
  for (const c of candidates(name, language, dirs)) {
    if (await isFile(c.path)) return c;
  }
  return null;
}

/** Whether `<dir>/<language>/<name>.hbs` exists in one of the folders (for checking a policy). */
export async function templateExists(name: string, language: Language, dirs: readonly TemplateDir[]): Promise<boolean> {
  return (await findTemplateFile(name, language, dirs)) !== null;
}

/**
 * Finds, reads, checks and compiles a template (compiled once per file and process: a
 * cron renders many messages with one template). `template` is null when there is any error.
 */
export async function loadTemplate(
  name: string,
  language: Language,
  dirs: readonly TemplateDir[],
): Promise<{ template: ReminderTemplate | null; issues: Issue[] }> {
  const tried = candidates(name, language, dirs);
  const found = await findTemplateFile(name, language, dirs);
  if (!found) {
    const hint = name.endsWith('.hbs')
      ? `name the template without its extension: "${name.replace(/(\.html)?\.hbs$/, '')}"`
      : `create ${tried[0]?.display ?? `${language}/${name}.hbs`}, or check the template name in the policy`;
    const where = tried.length > 0 ? `; tried ${tried.map((c) => c.display).join(', ')}` : '';
    const message = isTemplateName(name)
      ? `no template "${name}" in ${language === 'fr' ? 'French' : 'English'}${where}`
      : `"${name}" is not a template name (letters, digits, ".", "_" and "-" only)`;
    return { template: null, issues: [error(tried[0]?.display ?? name, undefined, undefined, message, hint)] };
  }

  const main = await loadCached(found.path, found.display, language, 'text');
  const htmlPath = found.path.replace(/\.hbs$/, '.html.hbs');
  const htmlDisplay = found.display.replace(/\.hbs$/, '.html.hbs');
  const html = (await isFile(htmlPath)) ? await loadCached(htmlPath, htmlDisplay, language, 'html') : null;

  const issues = [...main.issues, ...(html?.issues ?? [])];
  if (!main.subject || !main.text || (html && !html.text) || issues.some((i) => i.severity === 'error')) {
    return { template: null, issues };
  }
  return {
    template: { name, language, file: found.display, subject: main.subject, text: main.text, html: html?.text ?? null },
    issues,
  };
}

interface LoadedFile {
  subject: TemplatePart | null;
  text: TemplatePart | null;
  issues: Issue[];
}

const cache = new Map<string, { stamp: string; loaded: LoadedFile }>();

async function loadCached(path: string, display: string, language: Language, kind: 'text' | 'html'): Promise<LoadedFile> {
  const key = `${kind}\0${language}\0${display}\0${path}`;
  let stamp: string;
  let source: string;
  try {
    const s = await stat(path);
    stamp = `${s.mtimeMs}:${s.size}`;
    const hit = cache.get(key);
    if (hit && hit.stamp === stamp) return hit.loaded;
    source = await readFile(path, 'utf8');
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    return { subject: null, text: null, issues: [error(display, undefined, undefined, `cannot read the template: ${reason}`)] };
  }
  const loaded = kind === 'text' ? loadTextFile(source, display, language) : loadHtmlFile(source, display, language);
  cache.set(key, { stamp, loaded });
  return loaded;
}

function loadHtmlFile(source: string, display: string, language: Language): LoadedFile {
  const issues: Issue[] = [];
  const text = compilePart(normalise(source), { file: display, lineOffset: 0, field: undefined }, language, true, issues);
  return { subject: null, text, issues };
}

function normalise(source: string): string {
  return source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

const FRONT_MATTER_KEYS = new Set(['subject']);

function loadTextFile(source: string, display: string, language: Language): LoadedFile {
  const issues: Issue[] = [];
  const lines = normalise(source).split('\n');
  const fence = /^---\s*$/;
  const layoutHint = 'begin the file with a line ---, then subject: …, then a line ---, then the text of the message';
  if (!fence.test(lines[0] ?? '')) {
    issues.push(error(display, 1, undefined, 'no front matter: the first line must be ---', layoutHint));
    return { subject: null, text: null, issues };
  }
  const close = lines.findIndex((l, i) => i > 0 && fence.test(l));
  if (close < 0) {
    issues.push(error(display, 1, undefined, 'the front matter opened on line 1 is never closed by a line ---', layoutHint));
    return { subject: null, text: null, issues };
  }

  // The YAML keeps its opening `---`, so the lines it reports are the file's.
  const front = parseYaml(lines.slice(0, close).join('\n'), display);
  for (const i of front.issues) {
    const bad = i.line === undefined ? undefined : lines[i.line - 1];
    issues.push(bad !== undefined && /^subject:\s*\{/.test(bad) ? { ...i, hint: 'a subject that starts with {{ must be in quotes' } : i);
  }
  if (front.issues.length > 0) return { subject: null, text: null, issues };

  const data = front.data;
  const fields = data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
  for (const key of Object.keys(fields)) {
    if (!FRONT_MATTER_KEYS.has(key)) {
      issues.push(warning(display, front.lineOf([key]), key, `unknown front-matter key "${key}" is ignored`, 'the front matter takes: subject'));
    }
  }
  const subjectSource = fields.subject;
  let subject: TemplatePart | null = null;
  if (typeof subjectSource !== 'string' || subjectSource.trim() === '') {
    const line = subjectSource === undefined ? 1 : front.lineOf(['subject']);
    issues.push(error(display, line, 'subject', 'the front matter has no subject', 'add a line such as: subject: \'Facture {{invoice.number}}\''));
  } else {
    const subjectLine = front.lineOf(['subject']) ?? 2;
    subject = compilePart(subjectSource, { file: display, lineOffset: subjectLine - 1, field: 'subject' }, language, false, issues);
  }
  // The body's first line is the one after the closing `---` (index `close` + 1).
  const text = compilePart(lines.slice(close + 1).join('\n'), { file: display, lineOffset: close + 1, field: undefined }, language, false, issues);
  return { subject, text, issues };
}

type Where = Pick<TemplatePart, 'file' | 'lineOffset' | 'field'>;

/** Parses, checks, compiles and test-renders one template source; null (and issues) when it fails. */
function compilePart(source: string, where: Where, language: Language, escape: boolean, issues: Issue[]): TemplatePart | null {
  const env = ENVIRONMENTS[language];
  let ast: hbs.AST.Program;
  try {
    ast = env.parseWithoutProcessing(source);
  } catch (e) {
    issues.push(issueFromError(e, where, source));
    return null;
  }
  const problems: Problem[] = [];
  checkProgram(ast, { contexts: [{ shape: ROOT_SHAPE, label: null }], blockParams: new Map(), inEach: false }, problems);
  if (problems.length > 0) {
    for (const p of problems) issues.push(error(where.file, p.line + where.lineOffset, where.field, p.message, p.hint));
    return null;
  }
  const compiled = env.compile(ast, compileOptions(escape));
  const part: TemplatePart = { ...where, render: (context) => compiled(context) };
  for (const sample of SAMPLES) {
    try {
      part.render(sample.context(language));
    } catch (e) {
      const issue = issueFromError(e, where);
      issues.push({ ...issue, message: `${issue.message} (when rendered for ${sample.description})` });
      return null;
    }
  }
  return part;
}

// ---------------------------------------------------------------------------------------
// Rendering

/** Renders the subject (one line), the text and the HTML part; issues (and no message) when it fails. */
export function renderReminder(
  template: ReminderTemplate,
  context: ReminderContext,
): { message: RenderedReminder | null; issues: Issue[] } {
  const issues: Issue[] = [];
  const run = (part: TemplatePart): string => {
    try {
      return part.render(context);
    } catch (e) {
      issues.push(issueFromError(e, part));
      return '';
    }
  };
  // One line: a newline in a subject would break the message's headers.
  const subject = run(template.subject).replace(/\s+/g, ' ').trim();
  const text = tidyText(run(template.text));
  const html = template.html ? run(template.html) : null;
  if (issues.length === 0 && subject === '') {
    const { file, lineOffset } = template.subject;
    issues.push(error(file, lineOffset + 1, 'subject', 'the subject is empty for this message', 'give the subject some fixed text, e.g. the invoice number'));
  }
  if (issues.length > 0) return { message: null, issues };
  return { message: { subject, text, html }, issues };
}

/** No trailing spaces, no run of blank lines left by a skipped block, one final newline. */
function tidyText(text: string): string {
  return (
    text
      .split('\n')
      .map((l) => (l === '-- ' ? l : l.trimEnd())) // "-- " is the signature delimiter
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .replace(/^\n+/, '')
      .replace(/\n*$/, '\n')
  );
}

function issueFromError(e: unknown, where: Where, source?: string): Issue {
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

// ---------------------------------------------------------------------------------------
// Sample contexts: the shape every variable is checked against, and two test renders.

const FULL_INVOICE: ReminderInvoice = {
  number: 'F-2026-014',
  issue_date: '2026-10-01',
  due_date: '2026-10-31',
  amount: '1200.00',
  paid: '0.00',
  balance: '1200.00',
  days_late: 22,
  interest: '9.17',
  flat_fee: '40.00',
  total: '1249.17',
  attachment: 'F-2026-014.pdf',
};

function fullContext(language: Language): ReminderContext {
  const second: ReminderInvoice = { ...FULL_INVOICE, number: 'F-2026-015', issue_date: null, paid: '100.00', balance: '1100.00', total: '1148.41', interest: '8.41', attachment: null };
  return {
    language,
    client: { name: 'Atelier Martin', email: 'compta@martin.example', type: 'b2b', is_b2b: true, is_b2c: false },
    creditor: {
      name: 'Atelier Dupont SARL',
      email: 'compta@atelier-dupont.example',
      phone: '01 23 45 67 89',
      address: '12 rue des Lilas, 75011 Paris',
      siren: '123456789',
      iban: 'FR76 3000 6000 0112 3456 7890 189',
      payment_link: 'https://pay.example/atelier-dupont',
    },
    invoices: [FULL_INVOICE, second],
    invoice: FULL_INVOICE,
    totals: { balance: '2300.00', interest: '17.58', flat_fee: '80.00', total: '2397.58', count: 2 },
    step: { id: 'relance-2', day: 15, channel: 'email' },
    previous: [{ step: 'relance-1', date: '2026-11-02', subject: 'Facture F-2026-014' }],
    deadline: { days: 8, date: '2026-11-30' },
    notice: { date: '2026-11-20' },
    today: '2026-11-22',
  };
}

function sparseContext(language: Language): ReminderContext {
  const invoice: ReminderInvoice = { ...FULL_INVOICE, issue_date: null, interest: '0.00', flat_fee: '0.00', total: '1200.00', attachment: null };
  return {
    ...fullContext(language),
    client: { name: 'Jeanne Petit', email: '', type: 'b2c', is_b2b: false, is_b2c: true },
    creditor: { name: null, email: null, phone: null, address: null, siren: null, iban: null, payment_link: null },
    invoices: [invoice],
    invoice,
    totals: { balance: '1200.00', interest: '0.00', flat_fee: '0.00', total: '1200.00', count: 1 },
    previous: [],
    notice: { date: null },
  };
}

const SAMPLES = [
  { description: 'a sample B2B client with two invoices', context: fullContext },
  { description: 'a sample B2C client with one invoice, no formal notice and no optional creditor details', context: sparseContext },
];

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

interface Problem {
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
