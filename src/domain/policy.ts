// The reminder policy: which step goes out how many days from the due date, by which
// channel and with which template, and the segments that change that for some clients.
// `validatePolicy` turns the YAML data into a Policy, collecting every problem at once.

import { closestName } from './closest.js';
import type { ClientType, Invoice } from './invoice.js';
import type { Issue } from './issue.js';
import { error, warning } from './issue.js';
import { quote as quoteText, shorten } from './user-text.js';

export const CHANNELS = ['email', 'letter', 'call', 'task'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Channels that need a template: what goes out is written by relance. */
const TEMPLATE_REQUIRED: ReadonlySet<Channel> = new Set(['email', 'letter']);

export const DEFAULT_MIN_GAP_DAYS = 5;
/** The time a formal notice gives the debtor to pay, "souvent 8 jours". */
export const DEFAULT_DEADLINE_DAYS = 8;

export interface Step {
  /** Unique and stable: the journal records it. */
  readonly id: string;
  /** Offset from the due date; negative = before it. */
  readonly day: number;
  readonly channel: Channel;
  /** Template name; null only for call and task steps without one. */
  readonly template: string | null;
  readonly attachPrevious: boolean;
  /** Days given to pay in a formal notice (shown by the templates). */
  readonly deadlineDays: number;
}

export interface SegmentMatch {
  /** The invoice must carry every one of them. */
  readonly tags: readonly string[];
  readonly clientType: ClientType | null;
}

export interface Segment {
  readonly match: SegmentMatch;
  /** Step id → template name, applied to the steps in force for the segment. */
  readonly templates: Readonly<Record<string, string>>;
  /** Replaces the policy's step list when given. */
  readonly steps: readonly Step[] | null;
}

export interface Policy {
  readonly steps: readonly Step[];
  readonly minGapDays: number;
  readonly segments: readonly Segment[];
}

/** How the YAML reader finds the line of a value: `['steps', 2, 'channel']`. */
export type LineOf = (path: readonly (string | number)[]) => number | undefined;

// ---------------------------------------------------------------- applying a policy

export function segmentMatches(segment: Segment, invoice: Pick<Invoice, 'tags' | 'clientType'>): boolean {
  if (segment.match.clientType !== null && segment.match.clientType !== invoice.clientType) return false;
  return segment.match.tags.every((t) => invoice.tags.includes(t));
}

/** The first segment that matches the invoice (segments are tried in order), or null. */
export function segmentFor(policy: Policy, invoice: Pick<Invoice, 'tags' | 'clientType'>): Segment | null {
  return policy.segments.find((s) => segmentMatches(s, invoice)) ?? null;
}

/** The steps in force for one invoice: its segment's own steps, with its templates. */
export function stepsFor(policy: Policy, invoice: Pick<Invoice, 'tags' | 'clientType'>): readonly Step[] {
  const segment = segmentFor(policy, invoice);
  if (!segment) return policy.steps;
  const steps = segment.steps ?? policy.steps;
  if (Object.keys(segment.templates).length === 0) return steps;
  return steps.map((s) => {
    const template = segment.templates[s.id];
    return template === undefined ? s : { ...s, template };
  });
}

// ---------------------------------------------------------------- validation

type Path = readonly (string | number)[];

const POLICY_KEYS = ['steps', 'min_gap_days', 'segments'] as const;
const STEP_KEYS = ['id', 'day', 'channel', 'template', 'attach_previous', 'deadline_days'] as const;
const SEGMENT_KEYS = ['match', 'templates', 'steps'] as const;
const MATCH_KEYS = ['tags', 'client_type'] as const;
const CLIENT_TYPES: readonly ClientType[] = ['b2b', 'b2c'];
const STEP_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/**
 * Checks the policy as read from YAML. Every problem is returned, each with its line;
 * `value` is null when there is any error. `templateExists` answers for a template
 * name (in the templates folder in use), so that a typo is caught before a cron run.
 */
export function validatePolicy(
  raw: unknown,
  file: string,
  lineOf: LineOf,
  templateExists: (name: string) => boolean,
): { value: Policy | null; issues: Issue[] } {
  const issues: Issue[] = [];
  const fail = (path: Path, message: string, hint?: string): void => {
    issues.push(error(file, lineOf(path), path.length > 0 ? formatPath(path) : undefined, message, hint));
  };
  const warn = (path: Path, message: string, hint?: string): void => {
    issues.push(warning(file, lineOf(path), path.length > 0 ? formatPath(path) : undefined, message, hint));
  };

  const unknownKeys = (map: Record<string, unknown>, path: Path, known: readonly string[], what: string): void => {
    for (const key of Object.keys(map)) {
      if (known.includes(key)) continue;
      const near = closest(key, known);
      fail(
        [...path, key],
        `unknown key "${key}" in ${what}`,
        near ? `did you mean "${near}"?` : `the keys of ${what} are: ${known.join(', ')}`,
      );
    }
  };

  const checkTemplate = (name: string, path: Path): void => {
    if (!templateExists(name)) {
      fail(path, `template "${name}" does not exist`, `create ${name}.hbs in the templates folder, or name an existing template`);
    }
  };

  /** The steps (null on any error) and the ids found, which segments are checked against. */
  const readSteps = (value: unknown, path: Path): { steps: Step[] | null; ids: string[] | null } => {
    if (value === undefined || value === null) {
      fail(path, 'no steps are given', 'list at least one step: - { id: relance-1, day: 2, template: relance-1 }');
      return { steps: null, ids: null };
    }
    if (!Array.isArray(value)) {
      fail(path, `steps must be a list, not ${describe(value)}`, 'write each step on its own line starting with "- "');
      return { steps: null, ids: null };
    }
    if (value.length === 0) {
      fail(path, 'the list of steps is empty', 'list at least one step: - { id: relance-1, day: 2, template: relance-1 }');
      return { steps: null, ids: null };
    }
    // Ids and days are checked across every step, even one with other problems.
    const steps: Step[] = [];
    const seen: { id: string | null; day: number | null; index: number }[] = [];
    const firstLineOfId = new Map<string, number | undefined>();
    let ok = true;
    value.forEach((item: unknown, index) => {
      const read = readStep(item, [...path, index]);
      if (read.step) steps.push(read.step);
      else ok = false;
      seen.push({ id: read.id, day: read.day, index });
      if (read.id === null) return;
      if (firstLineOfId.has(read.id)) {
        ok = false;
        const first = firstLineOfId.get(read.id);
        fail(
          [...path, index, 'id'],
          `step id "${read.id}" is used twice`,
          `${first === undefined ? 'an earlier step' : `the step on line ${first}`} has it already; give every step its own id`,
        );
      } else {
        firstLineOfId.set(read.id, lineOf([...path, index, 'id']));
      }
    });
    const dated = seen.filter((s) => s.day !== null);
    for (let i = 1; i < dated.length; i++) {
      const before = dated[i - 1]!;
      const step = dated[i]!;
      if (step.day! < before.day!) {
        ok = false;
        fail(
          [...path, step.index, 'day'],
          `step ${name(step)} (day ${step.day}) comes after step ${name(before)} (day ${before.day})`,
          'list the steps in increasing day order: they are done in the order they are listed',
        );
      }
    }
    return { steps: ok ? steps : null, ids: seen.flatMap((x) => (x.id === null ? [] : [x.id])) };
  };

  const readStep = (item: unknown, path: Path): { step: Step | null; id: string | null; day: number | null } => {
    if (!isMap(item)) {
      fail(path, `a step must be a mapping of keys, not ${describe(item)}`, 'write it as { id: relance-1, day: 2, template: relance-1 }');
      return { step: null, id: null, day: null };
    }
    const before = issues.length;
    unknownKeys(item, path, STEP_KEYS, 'a step');

    let id: string | null = null;
    if (item.id === undefined || item.id === null) {
      fail([...path, 'id'], 'the step has no id', 'give it a short, stable id such as relance-1: the journal records it');
    } else if (typeof item.id !== 'string' && typeof item.id !== 'number') {
      fail([...path, 'id'], `id ${quote(item.id)} is not a name`, 'use letters, digits and dashes, e.g. relance-1');
    } else if (!STEP_ID.test(String(item.id))) {
      fail([...path, 'id'], `id ${quote(item.id)} is not a usable id`, 'use letters, digits, "-", "_" and "." only, e.g. relance-1');
    } else {
      id = String(item.id);
    }

    let day: number | null = null;
    if (item.day === undefined || item.day === null) {
      fail([...path, 'day'], `step${id ? ` "${id}"` : ''} has no day`, 'add day: N, the number of days after the due date (negative = before it)');
    } else if (!isInteger(item.day)) {
      fail([...path, 'day'], `day ${quote(item.day)} is not a whole number of days`, 'write the days from the due date, e.g. day: 15 or day: -3');
    } else {
      day = item.day;
    }

    let channel: Channel = 'email';
    let channelOk = true;
    if (item.channel !== undefined && item.channel !== null) {
      if (typeof item.channel === 'string' && (CHANNELS as readonly string[]).includes(item.channel)) {
        channel = item.channel as Channel;
      } else {
        channelOk = false;
        fail([...path, 'channel'], `unknown channel ${quote(item.channel)}`, `use one of: ${CHANNELS.join(', ')}`);
      }
    }

    let template: string | null = null;
    if (item.template === undefined || item.template === null) {
      if (channelOk && TEMPLATE_REQUIRED.has(channel)) {
        fail([...path, 'template'], `step${id ? ` "${id}"` : ''} has no template`, `a ${channel} step needs one: add template: NAME (templates/<language>/NAME.hbs)`);
      }
    } else if (typeof item.template !== 'string' || item.template.trim() === '') {
      fail([...path, 'template'], `template ${quote(item.template)} is not a template name`, 'write the name of a template file without .hbs, e.g. template: relance-1');
    } else {
      template = item.template;
      checkTemplate(template, [...path, 'template']);
    }

    let attachPrevious = false;
    if (item.attach_previous !== undefined && item.attach_previous !== null) {
      if (typeof item.attach_previous === 'boolean') attachPrevious = item.attach_previous;
      else fail([...path, 'attach_previous'], `attach_previous ${quote(item.attach_previous)} is not true or false`, 'write attach_previous: true or leave it out');
    }

    let deadlineDays = DEFAULT_DEADLINE_DAYS;
    if (item.deadline_days !== undefined && item.deadline_days !== null) {
      if (isInteger(item.deadline_days) && item.deadline_days > 0) deadlineDays = item.deadline_days;
      else fail([...path, 'deadline_days'], `deadline_days ${quote(item.deadline_days)} is not a positive whole number of days`, `write e.g. deadline_days: ${DEFAULT_DEADLINE_DAYS}`);
    }

    if (issues.slice(before).some((i) => i.severity === 'error') || id === null || day === null) return { step: null, id, day };
    return { step: { id, day, channel, template, attachPrevious, deadlineDays }, id, day };
  };

  const readSegment = (item: unknown, path: Path, baseIds: readonly string[] | null): Segment | null => {
    if (!isMap(item)) {
      fail(path, `a segment must be a mapping of keys, not ${describe(item)}`, 'write it as - match: { tags: [fidele] } followed by templates: or steps:');
      return null;
    }
    const before = issues.length;
    unknownKeys(item, path, SEGMENT_KEYS, 'a segment');

    let match: SegmentMatch | null = null;
    if (item.match === undefined || item.match === null) {
      fail([...path, 'match'], 'the segment has no match', 'add match: { tags: [TAG] } and/or match: { client_type: b2c }');
    } else if (!isMap(item.match)) {
      fail([...path, 'match'], `match must be a mapping, not ${describe(item.match)}`, 'write match: { tags: [fidele] } or match: { client_type: b2c }');
    } else {
      match = readMatch(item.match, [...path, 'match']);
    }

    let steps: Step[] | null = null;
    let ids = baseIds;
    if (item.steps !== undefined) {
      const read = readSteps(item.steps, [...path, 'steps']);
      steps = read.steps;
      ids = read.ids;
    }

    const templates: Record<string, string> = {};
    if (item.templates !== undefined && item.templates !== null) {
      if (!isMap(item.templates)) {
        fail([...path, 'templates'], `templates must be a mapping of step id to template, not ${describe(item.templates)}`, 'write templates: { relance-1: relance-1-fidele }');
      } else {
        for (const [stepId, name] of Object.entries(item.templates)) {
          const where = [...path, 'templates', stepId];
          if (ids && !ids.includes(stepId)) {
            const near = closest(stepId, ids);
            fail(where, `no step has the id "${stepId}"`, near ? `did you mean "${near}"?` : `the step ids are: ${ids.join(', ')}`);
          }
          if (typeof name !== 'string' || name.trim() === '') {
            fail(where, `template ${quote(name)} is not a template name`, 'write the name of a template file without .hbs');
          } else {
            checkTemplate(name, where);
            templates[stepId] = name;
          }
        }
      }
    }

    if (item.templates === undefined && item.steps === undefined) {
      warn(path, 'the segment changes nothing', 'give it templates: { STEP: TEMPLATE } or its own steps:');
    }
    if (issues.slice(before).some((i) => i.severity === 'error') || match === null) return null;
    return { match, templates, steps };
  };

  const readMatch = (match: Record<string, unknown>, path: Path): SegmentMatch | null => {
    const before = issues.length;
    unknownKeys(match, path, MATCH_KEYS, 'a match');
    let tags: string[] = [];
    if (match.tags !== undefined && match.tags !== null) {
      const list = Array.isArray(match.tags) ? match.tags : [match.tags];
      if (list.every((t) => typeof t === 'string' && t.trim() !== '')) tags = list as string[];
      else fail([...path, 'tags'], `tags ${quote(match.tags)} is not a list of tags`, 'write tags: [fidele] or tags: [fidele, grand-compte]');
    }
    let clientType: ClientType | null = null;
    if (match.client_type !== undefined && match.client_type !== null) {
      if (typeof match.client_type === 'string' && (CLIENT_TYPES as readonly string[]).includes(match.client_type)) {
        clientType = match.client_type as ClientType;
      } else {
        fail([...path, 'client_type'], `unknown client_type ${quote(match.client_type)}`, `use one of: ${CLIENT_TYPES.join(', ')}`);
      }
    }
    return issues.length > before ? null : { tags, clientType };
  };

  if (!isMap(raw)) {
    fail([], raw === null || raw === undefined ? 'the policy file is empty' : `the policy must be a mapping of keys, not ${describe(raw)}`, 'start from the shipped policy: relance init writes one');
    return { value: null, issues };
  }

  unknownKeys(raw, [], POLICY_KEYS, 'the policy');
  const { steps, ids } = readSteps(raw.steps, ['steps']);

  let minGapDays = DEFAULT_MIN_GAP_DAYS;
  if (raw.min_gap_days !== undefined && raw.min_gap_days !== null) {
    if (isInteger(raw.min_gap_days) && raw.min_gap_days >= 0) minGapDays = raw.min_gap_days;
    else fail(['min_gap_days'], `min_gap_days ${quote(raw.min_gap_days)} is not a whole number of days ≥ 0`, `write e.g. min_gap_days: ${DEFAULT_MIN_GAP_DAYS}`);
  }

  const segments: Segment[] = [];
  if (raw.segments !== undefined && raw.segments !== null) {
    if (!Array.isArray(raw.segments)) {
      fail(['segments'], `segments must be a list, not ${describe(raw.segments)}`, 'write each segment on its own line starting with "- match:"');
    } else {
      raw.segments.forEach((item: unknown, index) => {
        const segment = readSegment(item, ['segments', index], ids);
        if (segment) segments.push(segment);
      });
    }
  }

  const failed = issues.some((i) => i.severity === 'error');
  return { value: failed || !steps ? null : { steps, minGapDays, segments }, issues };
}

// ---------------------------------------------------------------- small helpers

function name(step: { id: string | null; index: number }): string {
  return step.id === null ? `#${step.index + 1}` : `"${step.id}"`;
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value);
}

/** `steps[2].channel`, `segments[0].templates.relance-1`. */
function formatPath(path: Path): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? key : `.${key}`;
  }
  return out;
}

/** The offending value as the user wrote it. */
function quote(value: unknown): string {
  if (typeof value === 'string') return quoteText(value);
  if (value === null || value === undefined) return 'empty';
  if (typeof value === 'object') return shorten(JSON.stringify(value));
  return String(value);
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null || value === undefined) return 'empty';
  if (typeof value === 'object') return 'a mapping';
  return quote(value);
}

/** The known name nearest to a typo, or the one a shortened name (`min_gap`) stands for. */
function closest(word: string, known: readonly string[]): string | null {
  const near = closestName(word, known);
  if (near !== null) return near;
  const w = word.toLowerCase();
  const prefixed = known.filter((k) => w.length >= 3 && (k.toLowerCase().startsWith(w) || w.startsWith(k.toLowerCase())));
  return prefixed.length === 1 ? prefixed[0]! : null;
}

/** Every step id the policy has, segments included, in order. */
export function policyStepIds(policy: Policy): string[] {
  const ids = new Set<string>(policy.steps.map((s) => s.id));
  for (const segment of policy.segments) for (const s of segment.steps ?? []) ids.add(s.id);
  return [...ids];
}
