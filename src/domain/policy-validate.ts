// Reading a policy file: every key checked, every problem collected with its line, so a
// typo in a step is caught before a cron run meets it. The result is a Policy
// (policy.ts), or null when there is any error.

import { didYouMean } from './closest.js';
import type { ClientType } from './invoice.js';
import type { Issue } from './issue.js';
import { error, warning } from './issue.js';
import type { Channel, LineOf, Policy, Segment, SegmentMatch, Step } from './policy.js';
import { CHANNELS, DEFAULT_DEADLINE_DAYS, DEFAULT_MIN_GAP_DAYS, TEMPLATE_REQUIRED } from './policy.js';
import type { Path } from './policy-values.js';
import { closest, describe, formatPath, isInteger, isMap, name, quote } from './policy-values.js';


const POLICY_KEYS = ['steps', 'min_gap_days', 'segments'] as const;
const STEP_KEYS = ['id', 'day', 'channel', 'template', 'attach_previous', 'deadline_days'] as const;
const SEGMENT_KEYS = ['match', 'templates', 'steps'] as const;
const MATCH_KEYS = ['tags', 'client_type'] as const;
const CLIENT_TYPES: readonly ClientType[] = ['b2b', 'b2c', 'public'];
const STEP_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/**
 * Checks the policy as read from YAML. Every problem is returned, each with its line;
 * `value` is null when there is any error. `templateExists` answers for a template
 * name (in the templates folder in use), so that a typo is caught before a cron run.
 */
export function validatePolicy(raw: unknown, file: string, lineOf: LineOf, templateExists: (name: string) => boolean): { value: Policy | null; issues: Issue[] } {
  return new PolicyValidator(file, lineOf, templateExists).validate(raw);
}

/** One reading of a policy: each part read by its own method, every problem collected. */
class PolicyValidator {
  readonly issues: Issue[] = [];

  constructor(
    private readonly file: string,
    private readonly lineOf: LineOf,
    private readonly templateExists: (name: string) => boolean,
  ) {}

  validate(raw: unknown): { value: Policy | null; issues: Issue[] } {
    if (!isMap(raw)) {
      this.fail([], raw === null || raw === undefined ? 'the policy file is empty' : `the policy must be a mapping of keys, not ${describe(raw)}`, 'start from the shipped policy: relance init writes one');
      return { value: null, issues: this.issues };
    }

    this.unknownKeys(raw, [], POLICY_KEYS, 'the policy');
    const { steps, ids } = this.readSteps(raw.steps, ['steps']);

    let minGapDays = DEFAULT_MIN_GAP_DAYS;
    if (raw.min_gap_days !== undefined && raw.min_gap_days !== null) {
      if (isInteger(raw.min_gap_days) && raw.min_gap_days >= 0) minGapDays = raw.min_gap_days;
      else this.fail(['min_gap_days'], `min_gap_days ${quote(raw.min_gap_days)} is not a whole number of days ≥ 0`, `write e.g. min_gap_days: ${DEFAULT_MIN_GAP_DAYS}`);
    }

    const segments: Segment[] = [];
    if (raw.segments !== undefined && raw.segments !== null) {
      if (!Array.isArray(raw.segments)) {
        this.fail(['segments'], `segments must be a list, not ${describe(raw.segments)}`, 'write each segment on its own line starting with "- match:"');
      } else {
        raw.segments.forEach((item: unknown, index) => {
          const segment = this.readSegment(item, ['segments', index], ids);
          if (segment) segments.push(segment);
        });
      }
    }

    const failed = this.issues.some((i) => i.severity === 'error');
    return { value: failed || !steps ? null : { steps, minGapDays, segments }, issues: this.issues };
  }

  fail(path: Path, message: string, hint?: string): void {
    this.issues.push(error(this.file, this.lineOf(path), path.length > 0 ? formatPath(path) : undefined, message, hint));
  }

  warn(path: Path, message: string, hint?: string): void {
    this.issues.push(warning(this.file, this.lineOf(path), path.length > 0 ? formatPath(path) : undefined, message, hint));
  }

  unknownKeys(map: Record<string, unknown>, path: Path, known: readonly string[], what: string): void {
    for (const key of Object.keys(map)) {
      if (known.includes(key)) continue;
      const near = closest(key, known);
      this.fail(
        [...path, key],
        `unknown key "${key}" in ${what}`,
        near ? didYouMean(near) : `the keys of ${what} are: ${known.join(', ')}`,
      );
    }
  }

  checkTemplate(name: string, path: Path): void {
    if (!this.templateExists(name)) {
      this.fail(path, `template "${name}" does not exist`, `create ${name}.hbs in the templates folder, or name an existing template`);
    }
  }

  /** The steps (null on any error) and the ids found, which segments are checked against. */
  readSteps(value: unknown, path: Path): { steps: Step[] | null; ids: string[] | null } {
    if (value === undefined || value === null) {
      this.fail(path, 'no steps are given', 'list at least one step: - { id: relance-1, day: 2, template: relance-1 }');
      return { steps: null, ids: null };
    }
    if (!Array.isArray(value)) {
      this.fail(path, `steps must be a list, not ${describe(value)}`, 'write each step on its own line starting with "- "');
      return { steps: null, ids: null };
    }
    if (value.length === 0) {
      this.fail(path, 'the list of steps is empty', 'list at least one step: - { id: relance-1, day: 2, template: relance-1 }');
      return { steps: null, ids: null };
    }
    // Ids and days are checked across every step, even one with other problems.
    const steps: Step[] = [];
    const seen: { id: string | null; day: number | null; index: number }[] = [];
    const firstLineOfId = new Map<string, number | undefined>();
    let ok = true;
    value.forEach((item: unknown, index) => {
      const read = this.readStep(item, [...path, index]);
      if (read.step) steps.push(read.step);
      else ok = false;
      seen.push({ id: read.id, day: read.day, index });
      if (read.id === null) return;
      if (firstLineOfId.has(read.id)) {
        ok = false;
        const first = firstLineOfId.get(read.id);
        this.fail(
          [...path, index, 'id'],
          `step id "${read.id}" is used twice`,
          `${first === undefined ? 'an earlier step' : `the step on line ${first}`} has it already; give every step its own id`,
        );
      } else {
        firstLineOfId.set(read.id, this.lineOf([...path, index, 'id']));
      }
    });
    const dated = seen.filter((s) => s.day !== null);
    for (let i = 1; i < dated.length; i++) {
      const before = dated[i - 1]!;
      const step = dated[i]!;
      if (step.day! < before.day!) {
        ok = false;
        this.fail(
          [...path, step.index, 'day'],
          `step ${name(step)} (day ${step.day}) comes after step ${name(before)} (day ${before.day})`,
          'list the steps in increasing day order: they are done in the order they are listed',
        );
      }
    }
    return { steps: ok ? steps : null, ids: seen.flatMap((x) => (x.id === null ? [] : [x.id])) };
  }

  readStep(item: unknown, path: Path): { step: Step | null; id: string | null; day: number | null } {
    if (!isMap(item)) {
      this.fail(path, `a step must be a mapping of keys, not ${describe(item)}`, 'write it as { id: relance-1, day: 2, template: relance-1 }');
      return { step: null, id: null, day: null };
    }
    const before = this.issues.length;
    this.unknownKeys(item, path, STEP_KEYS, 'a step');

    let id: string | null = null;
    if (item.id === undefined || item.id === null) {
      this.fail([...path, 'id'], 'the step has no id', 'give it a short, stable id such as relance-1: the journal records it');
    } else if (typeof item.id !== 'string' && typeof item.id !== 'number') {
      this.fail([...path, 'id'], `id ${quote(item.id)} is not a name`, 'use letters, digits and dashes, e.g. relance-1');
    } else if (!STEP_ID.test(String(item.id))) {
      this.fail([...path, 'id'], `id ${quote(item.id)} is not a usable id`, 'use letters, digits, "-", "_" and "." only, e.g. relance-1');
    } else {
      id = String(item.id);
    }

    let day: number | null = null;
    if (item.day === undefined || item.day === null) {
      this.fail([...path, 'day'], `step${id ? ` "${id}"` : ''} has no day`, 'add day: N, the number of days after the due date (negative = before it)');
    } else if (!isInteger(item.day)) {
      this.fail([...path, 'day'], `day ${quote(item.day)} is not a whole number of days`, 'write the days from the due date, e.g. day: 15 or day: -3');
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
        this.fail([...path, 'channel'], `unknown channel ${quote(item.channel)}`, `use one of: ${CHANNELS.join(', ')}`);
      }
    }

    let template: string | null = null;
    if (item.template === undefined || item.template === null) {
      if (channelOk && TEMPLATE_REQUIRED.has(channel)) {
        this.fail([...path, 'template'], `step${id ? ` "${id}"` : ''} has no template`, `a ${channel} step needs one: add template: NAME (templates/<language>/NAME.hbs)`);
      }
    } else if (typeof item.template !== 'string' || item.template.trim() === '') {
      this.fail([...path, 'template'], `template ${quote(item.template)} is not a template name`, 'write the name of a template file without .hbs, e.g. template: relance-1');
    } else {
      template = item.template;
      this.checkTemplate(template, [...path, 'template']);
    }

    let attachPrevious = false;
    if (item.attach_previous !== undefined && item.attach_previous !== null) {
      if (typeof item.attach_previous === 'boolean') attachPrevious = item.attach_previous;
      else this.fail([...path, 'attach_previous'], `attach_previous ${quote(item.attach_previous)} is not true or false`, 'write attach_previous: true or leave it out');
    }

    let deadlineDays = DEFAULT_DEADLINE_DAYS;
    if (item.deadline_days !== undefined && item.deadline_days !== null) {
      if (isInteger(item.deadline_days) && item.deadline_days > 0) deadlineDays = item.deadline_days;
      else this.fail([...path, 'deadline_days'], `deadline_days ${quote(item.deadline_days)} is not a positive whole number of days`, `write e.g. deadline_days: ${DEFAULT_DEADLINE_DAYS}`);
    }

    if (this.issues.slice(before).some((i) => i.severity === 'error') || id === null || day === null) return { step: null, id, day };
    return { step: { id, day, channel, template, attachPrevious, deadlineDays }, id, day };
  }

  readSegment(item: unknown, path: Path, baseIds: readonly string[] | null): Segment | null {
    if (!isMap(item)) {
      this.fail(path, `a segment must be a mapping of keys, not ${describe(item)}`, 'write it as - match: { tags: [fidele] } followed by templates: or steps:');
      return null;
    }
    const before = this.issues.length;
    this.unknownKeys(item, path, SEGMENT_KEYS, 'a segment');

    let match: SegmentMatch | null = null;
    if (item.match === undefined || item.match === null) {
      this.fail([...path, 'match'], 'the segment has no match', 'add match: { tags: [TAG] } and/or match: { client_type: b2c }');
    } else if (!isMap(item.match)) {
      this.fail([...path, 'match'], `match must be a mapping, not ${describe(item.match)}`, 'write match: { tags: [fidele] } or match: { client_type: b2c }');
    } else {
      match = this.readMatch(item.match, [...path, 'match']);
    }

    let steps: Step[] | null = null;
    let ids = baseIds;
    if (item.steps !== undefined) {
      const read = this.readSteps(item.steps, [...path, 'steps']);
      steps = read.steps;
      ids = read.ids;
    }

    const templates: Record<string, string> = {};
    if (item.templates !== undefined && item.templates !== null) {
      if (!isMap(item.templates)) {
        this.fail([...path, 'templates'], `templates must be a mapping of step id to template, not ${describe(item.templates)}`, 'write templates: { relance-1: relance-1-fidele }');
      } else {
        for (const [stepId, name] of Object.entries(item.templates)) {
          const where = [...path, 'templates', stepId];
          if (ids && !ids.includes(stepId)) {
            const near = closest(stepId, ids);
            this.fail(where, `no step has the id "${stepId}"`, near ? didYouMean(near) : `the step ids are: ${ids.join(', ')}`);
          }
          if (typeof name !== 'string' || name.trim() === '') {
            this.fail(where, `template ${quote(name)} is not a template name`, 'write the name of a template file without .hbs');
          } else {
            this.checkTemplate(name, where);
            templates[stepId] = name;
          }
        }
      }
    }

    if (item.templates === undefined && item.steps === undefined) {
      this.warn(path, 'the segment changes nothing', 'give it templates: { STEP: TEMPLATE } or its own steps:');
    }
    if (this.issues.slice(before).some((i) => i.severity === 'error') || match === null) return null;
    return { match, templates, steps };
  }

  readMatch(match: Record<string, unknown>, path: Path): SegmentMatch | null {
    const before = this.issues.length;
    this.unknownKeys(match, path, MATCH_KEYS, 'a match');
    let tags: string[] = [];
    if (match.tags !== undefined && match.tags !== null) {
      const list = Array.isArray(match.tags) ? match.tags : [match.tags];
      if (list.every((t) => typeof t === 'string' && t.trim() !== '')) tags = list as string[];
      else this.fail([...path, 'tags'], `tags ${quote(match.tags)} is not a list of tags`, 'write tags: [fidele] or tags: [fidele, grand-compte]');
    }
    let clientType: ClientType | null = null;
    if (match.client_type !== undefined && match.client_type !== null) {
      if (typeof match.client_type === 'string' && (CLIENT_TYPES as readonly string[]).includes(match.client_type)) {
        clientType = match.client_type as ClientType;
      } else {
        this.fail([...path, 'client_type'], `unknown client_type ${quote(match.client_type)}`, `use one of: ${CLIENT_TYPES.join(', ')}`);
      }
    }
    return this.issues.length > before ? null : { tags, clientType };
  }
}
