// Reminder templates: `<dir>/<language>/<name>.hbs` is a YAML front matter giving the
// `subject` (itself a template) between `---` lines, then the plain-text body; an optional
// `<name>.html.hbs` beside it gives an HTML part. Folders are searched in order (the
// config's own first, then the shipped one).
//
// A template is checked when it is loaded (template-check.ts: every variable of every
// branch, then a render for two sample clients). Handlebars' own strict mode stays on as
// the last net.

import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type Handlebars from 'handlebars';
import type { Language } from '../domain/invoice.js';
import type { TemplateDir } from '../io/template-dirs.js';
import type { Issue } from '../domain/issue.js';
import { error, warning } from '../domain/issue.js';
import { encodingIssue, readUserText } from '../io/text-file.js';
import { parseYaml } from '../io/yaml-file.js';
import { checkTemplate } from './template-check.js';
import { SAMPLES } from './template-samples.js';
import { issueFromError } from './template-errors.js';
import { HELPER_ARITY, createEnvironment } from './template-helpers.js';
import { templateLimitProblem } from './template-limits.js';

import type { ReminderTemplate, TemplatePart, Where } from './template-types.js';

const ENVIRONMENTS: Record<Language, Env> = { fr: createEnvironment('fr'), en: createEnvironment('en') };

// Every helper is declared, so that with knownHelpersOnly an unknown one fails to compile.
const KNOWN_HELPERS = { ...Object.fromEntries(Object.keys(HELPER_ARITY).map((h) => [h, true])), lookup: false, log: false };

type Env = typeof Handlebars;
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
    const read = await readUserText(path);
    if ('problem' in read) return { subject: null, text: null, issues: [encodingIssue(display, read.problem)] };
    source = read.text;
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


/** Parses, checks, compiles and test-renders one template source; null (and issues) when it fails. */
function compilePart(source: string, where: Where, language: Language, escape: boolean, issues: Issue[]): TemplatePart | null {
  const env = ENVIRONMENTS[language];
  const limit = templateLimitProblem(source);
  if (limit !== null) {
    issues.push(error(where.file, limit.line + where.lineOffset, where.field, limit.message, limit.hint));
    return null;
  }
  let ast: hbs.AST.Program;
  try {
    ast = env.parseWithoutProcessing(source);
  } catch (e) {
    issues.push(issueFromError(e, where, source));
    return null;
  }
  const problems = checkTemplate(ast);
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
