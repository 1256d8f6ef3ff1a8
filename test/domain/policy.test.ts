import { describe, expect, it } from 'vitest';
import type { Issue } from '../../src/domain/issue.js';
import type { Invoice } from '../../src/domain/invoice.js';
import type { Policy } from '../../src/domain/policy.js';
import { segmentFor, stepsFor } from '../../src/domain/policy.js';
import { validatePolicy } from '../../src/domain/policy-validate.js';
import { parseYaml } from '../../src/io/yaml-file.js';

const TEMPLATES = new Set(['rappel', 'relance-1', 'relance-1-fidele', 'relance-2', 'mise-en-demeure']);

function validate(text: string) {
  const source = parseYaml(text, 'policy.yaml');
  expect(source.issues).toEqual([]);
  return validatePolicy(source.data, 'policy.yaml', source.lineOf, (name) => TEMPLATES.has(name));
}

const err = (line: number | undefined, field: string | undefined, message: string, hint: string): Issue => ({
  severity: 'error',
  file: 'policy.yaml',
  line,
  field,
  message,
  hint,
});

const ONE_STEP = 'steps:\n  - { id: relance-1, day: 2, template: relance-1 }\n';

describe('validatePolicy: every problem, with file, line, field, message and hint', () => {
  it.each<{ problem: string; yaml: string; issue: Issue }>([
    {
      problem: 'unknown channel',
      yaml: 'steps:\n  - id: relance-1\n    day: 2\n    channel: fax\n    template: relance-1\n',
      issue: err(4, 'steps[0].channel', 'unknown channel "fax"', 'use one of: email, letter, call, task'),
    },
    {
      problem: 'duplicate id',
      yaml: 'steps:\n  - id: relance-1\n    day: 2\n    template: relance-1\n  - id: relance-1\n    day: 15\n    template: relance-2\n',
      issue: err(5, 'steps[1].id', 'step id "relance-1" is used twice', 'the step on line 2 has it already; give every step its own id'),
    },
    {
      problem: 'template that does not exist',
      yaml: 'steps:\n  - id: relance-1\n    day: 2\n    template: relance-un\n',
      issue: err(4, 'steps[0].template', 'template "relance-un" does not exist', 'create relance-un.hbs in the templates folder, or name an existing template'),
    },
    {
      problem: 'no template on a letter step',
      yaml: 'steps:\n  - id: mise-en-demeure\n    day: 30\n    channel: letter\n',
      issue: err(2, 'steps[0].template', 'step "mise-en-demeure" has no template', 'a letter step needs one: add template: NAME (templates/<language>/NAME.hbs)'),
    },
    {
      problem: 'unknown key in a step: the closest known key',
      yaml: 'steps:\n  - id: relance-1\n    day: 2\n    tempalte: relance-1\n    template: relance-1\n',
      issue: err(4, 'steps[0].tempalte', 'unknown key "tempalte" in a step', 'did you mean "template"?'),
    },
    {
      problem: 'unknown key at the top: a shortened name',
      yaml: `${ONE_STEP}min_gap: 5\n`,
      issue: err(3, 'min_gap', 'unknown key "min_gap" in the policy', 'did you mean "min_gap_days"?'),
    },
    {
      problem: 'unknown key nowhere near a known one: the known keys',
      yaml: 'steps:\n  - { id: relance-1, day: 2, template: relance-1, colour: red }\n',
      issue: err(2, 'steps[0].colour', 'unknown key "colour" in a step', 'the keys of a step are: id, day, channel, template, attach_previous, deadline_days'),
    },
    {
      problem: 'segment referring to an unknown step id',
      yaml: `${ONE_STEP}segments:\n  - match: { tags: [fidele] }\n    templates: { relance-one: relance-1-fidele }\n`,
      issue: err(5, 'segments[0].templates.relance-one', 'no step has the id "relance-one"', 'did you mean "relance-1"?'),
    },
    {
      problem: 'segment naming a template that does not exist',
      yaml: `${ONE_STEP}segments:\n  - match: { tags: [fidele] }\n    templates: { relance-1: relance-1-amical }\n`,
      issue: err(5, 'segments[0].templates.relance-1', 'template "relance-1-amical" does not exist', 'create relance-1-amical.hbs in the templates folder, or name an existing template'),
    },
    {
      problem: 'steps out of day order',
      yaml: 'steps:\n  - { id: relance-1, day: 15, template: relance-1 }\n  - { id: relance-2, day: 2, template: relance-2 }\n',
      issue: err(3, 'steps[1].day', 'step "relance-2" (day 2) comes after step "relance-1" (day 15)', 'list the steps in increasing day order: they are done in the order they are listed'),
    },
    {
      problem: 'day that is not a whole number',
      yaml: 'steps:\n  - { id: relance-1, day: "J+2", template: relance-1 }\n',
      issue: err(2, 'steps[0].day', 'day "J+2" is not a whole number of days', 'write the days from the due date, e.g. day: 15 or day: -3'),
    },
    {
      problem: 'step without a day',
      yaml: 'steps:\n  - { id: relance-1, template: relance-1 }\n',
      issue: err(2, 'steps[0].day', 'step "relance-1" has no day', 'add day: N, the number of days after the due date (negative = before it)'),
    },
    {
      problem: 'step without an id',
      yaml: 'steps:\n  - day: 2\n    template: relance-1\n',
      issue: err(2, 'steps[0].id', 'the step has no id', 'give it a short, stable id such as relance-1: the journal records it'),
    },
    {
      problem: 'id with a space',
      yaml: 'steps:\n  - { id: "relance 1", day: 2, template: relance-1 }\n',
      issue: err(2, 'steps[0].id', 'id "relance 1" is not a usable id', 'use letters, digits, "-", "_" and "." only, e.g. relance-1'),
    },
    {
      problem: 'negative min_gap_days',
      yaml: `${ONE_STEP}min_gap_days: -1\n`,
      issue: err(3, 'min_gap_days', 'min_gap_days -1 is not a whole number of days ≥ 0', 'write e.g. min_gap_days: 5'),
    },
    {
      problem: 'attach_previous that is not a boolean',
      yaml: 'steps:\n  - { id: relance-1, day: 2, template: relance-1, attach_previous: oui }\n',
      issue: err(2, 'steps[0].attach_previous', 'attach_previous "oui" is not true or false', 'write attach_previous: true or leave it out'),
    },
    {
      problem: 'deadline_days of zero',
      yaml: 'steps:\n  - { id: mise-en-demeure, day: 30, channel: letter, template: mise-en-demeure, deadline_days: 0 }\n',
      issue: err(2, 'steps[0].deadline_days', 'deadline_days 0 is not a positive whole number of days', 'write e.g. deadline_days: 8'),
    },
    {
      problem: 'unknown client_type in a match',
      yaml: `${ONE_STEP}segments:\n  - match: { client_type: particulier }\n    templates: { relance-1: relance-1-fidele }\n`,
      issue: err(4, 'segments[0].match.client_type', 'unknown client_type "particulier"', 'use one of: b2b, b2c, public'),
    },
    {
      problem: 'segment without a match',
      yaml: `${ONE_STEP}segments:\n  - templates: { relance-1: relance-1-fidele }\n`,
      issue: err(4, 'segments[0].match', 'the segment has no match', 'add match: { tags: [TAG] } and/or match: { client_type: b2c }'),
    },
    {
      problem: 'no steps',
      yaml: 'min_gap_days: 5\n',
      issue: err(1, 'steps', 'no steps are given', 'list at least one step: - { id: relance-1, day: 2, template: relance-1 }'),
    },
    {
      problem: 'steps that are not a list',
      yaml: 'steps: relance-1\n',
      issue: err(1, 'steps', 'steps must be a list, not "relance-1"', 'write each step on its own line starting with "- "'),
    },
    {
      problem: 'an empty file',
      yaml: '',
      issue: err(undefined, undefined, 'the policy file is empty', 'start from the shipped policy: relance init writes one'),
    },
  ])('$problem', ({ yaml, issue }) => {
    const { value, issues } = validate(yaml);
    expect(issues).toEqual([issue]);
    expect(value).toBeNull();
  });

  it('a segment that changes nothing is a warning, and the policy still loads', () => {
    const { value, issues } = validate(`${ONE_STEP}segments:\n  - match: { tags: [fidele] }\n`);
    expect(issues).toEqual([
      { severity: 'warning', file: 'policy.yaml', line: 4, field: 'segments[0]', message: 'the segment changes nothing', hint: 'give it templates: { STEP: TEMPLATE } or its own steps:' },
    ]);
    expect(value?.segments).toHaveLength(1);
  });

  it('collects every problem at once, in a segment’s own steps too', () => {
    const { issues } = validate(
      [
        'steps:',
        '  - { id: relance-1, day: 2, channel: fax, template: relance-1 }',
        '  - { id: relance-1, day: 1, template: relance-deux }',
        'min_gap_days: 2.5',
        'segments:',
        '  - match: { client_type: b2c }',
        '    steps:',
        '      - { id: a, day: 3, template: relance-1 }',
        '      - { id: a, day: 1, channel: sms }',
        '',
      ].join('\n'),
    );
    expect(issues.map((i) => `${i.line} ${i.field} ${i.message}`)).toEqual([
      '2 steps[0].channel unknown channel "fax"',
      '3 steps[1].template template "relance-deux" does not exist',
      '3 steps[1].id step id "relance-1" is used twice',
      '3 steps[1].day step "relance-1" (day 1) comes after step "relance-1" (day 2)',
      '4 min_gap_days min_gap_days 2.5 is not a whole number of days ≥ 0',
      '9 segments[0].steps[1].channel unknown channel "sms"',
      '9 segments[0].steps[1].id step id "a" is used twice',
      '9 segments[0].steps[1].day step "a" (day 1) comes after step "a" (day 3)',
    ]);
  });

  it('fills in the defaults', () => {
    const { value, issues } = validate(
      'steps:\n  - { id: rappel, day: -3, template: rappel }\n  - { id: appel, day: 7, channel: call }\n  - { id: mise-en-demeure, day: 30, channel: letter, template: mise-en-demeure, attach_previous: true }\n',
    );
    expect(issues).toEqual([]);
    expect(value).toEqual<Policy>({
      steps: [
        { id: 'rappel', day: -3, channel: 'email', template: 'rappel', attachPrevious: false, deadlineDays: 8 },
        { id: 'appel', day: 7, channel: 'call', template: null, attachPrevious: false, deadlineDays: 8 },
        { id: 'mise-en-demeure', day: 30, channel: 'letter', template: 'mise-en-demeure', attachPrevious: true, deadlineDays: 8 },
      ],
      minGapDays: 5,
      segments: [],
    });
  });

  it('reads segments with a match, templates and steps of their own', () => {
    const { value, issues } = validate(
      `${ONE_STEP}segments:\n  - match: { tags: [fidele, vip], client_type: b2c }\n    templates: { relance-1: relance-1-fidele }\n    steps:\n      - { id: relance-1, day: 5, template: relance-1 }\n`,
    );
    expect(issues).toEqual([]);
    expect(value?.segments).toEqual([
      {
        match: { tags: ['fidele', 'vip'], clientType: 'b2c' },
        templates: { 'relance-1': 'relance-1-fidele' },
        steps: [{ id: 'relance-1', day: 5, channel: 'email', template: 'relance-1', attachPrevious: false, deadlineDays: 8 }],
      },
    ]);
  });
});

describe('segments applied to an invoice', () => {
  const { value } = validate(
    [
      'steps:',
      '  - { id: relance-1, day: 2, template: relance-1 }',
      '  - { id: relance-2, day: 15, template: relance-2 }',
      'segments:',
      '  - match: { tags: [fidele], client_type: b2c }',
      '    steps: [ { id: relance-1, day: 10, template: relance-1 } ]',
      '  - match: { tags: [fidele] }',
      '    templates: { relance-1: relance-1-fidele }',
      '',
    ].join('\n'),
  );
  const policy = value!;
  const inv = (tags: string[], clientType: Invoice['clientType']) => ({ tags, clientType });

  it.each<{ name: string; tags: string[]; clientType: Invoice['clientType']; expected: string[] }>([
    { name: 'no tag: the policy steps', tags: [], clientType: 'b2b', expected: ['relance-1 2 relance-1', 'relance-2 15 relance-2'] },
    { name: 'fidele: its template', tags: ['fidele'], clientType: 'b2b', expected: ['relance-1 2 relance-1-fidele', 'relance-2 15 relance-2'] },
    { name: 'fidele and b2c: the first match, its own steps', tags: ['vip', 'fidele'], clientType: 'b2c', expected: ['relance-1 10 relance-1'] },
    { name: 'b2c without the tag: no match', tags: [], clientType: 'b2c', expected: ['relance-1 2 relance-1', 'relance-2 15 relance-2'] },
  ])('$name', ({ tags, clientType, expected }) => {
    expect(stepsFor(policy, inv(tags, clientType)).map((s) => `${s.id} ${s.day} ${s.template}`)).toEqual(expected);
  });

  it('segmentFor is null when nothing matches', () => {
    expect(segmentFor(policy, inv(['autre'], 'b2b'))).toBeNull();
  });
});
