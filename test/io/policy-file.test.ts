import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Issue } from '../../src/domain/issue.js';
import type { Policy } from '../../src/domain/policy.js';
import { readPolicyFile, readShippedPolicy } from '../../src/io/policy-file.js';
import { SHIPPED_POLICY_FILE } from '../../src/io/shipped.js';

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/policy/${name}`, import.meta.url));
const TEMPLATES = new Set(['rappel', 'relance-1', 'relance-1-fidele', 'relance-2', 'mise-en-demeure']);
const exists = (name: string): boolean => TEMPLATES.has(name);

const err = (file: string, line: number | undefined, field: string, message: string, hint: string): Issue => ({
  severity: 'error',
  file,
  line,
  field,
  message,
  hint,
});

describe('the shipped policy', () => {
  it('sits at templates/policy.yaml', () => {
    expect(SHIPPED_POLICY_FILE).toBe(fileURLToPath(new URL('../../templates/policy.yaml', import.meta.url)));
    expect(existsSync(SHIPPED_POLICY_FILE)).toBe(true);
  });

  it('is valid and is the cycle DESIGN.md describes', async () => {
    const { value, issues } = await readShippedPolicy(exists);
    expect(issues).toEqual([]);
    const s = (id: string, day: number, channel: string, template: string | null, more: object = {}) => ({
      id,
      day,
      channel,
      template,
      attachPrevious: false,
      deadlineDays: 8,
      ...more,
    });
    expect(value).toEqual<Policy>({
      steps: [
        s('rappel', -3, 'email', 'rappel'),
        s('relance-1', 2, 'email', 'relance-1'),
        s('appel', 7, 'call', null),
        s('relance-2', 15, 'email', 'relance-2', { attachPrevious: true }),
        s('mise-en-demeure', 30, 'letter', 'mise-en-demeure', { deadlineDays: 8 }),
        s('recouvrement', 90, 'task', null),
      ] as Policy['steps'],
      minGapDays: 5,
      segments: [{ match: { tags: ['fidele'], clientType: null }, templates: { 'relance-1': 'relance-1-fidele' }, steps: null }],
    });
  });

  it('names exactly the shipped templates', async () => {
    const asked = new Set<string>();
    await readShippedPolicy((name) => {
      asked.add(name);
      return true;
    });
    expect([...asked].sort()).toEqual([...TEMPLATES].sort());
  });
});

describe('readPolicyFile', () => {
  it('reads a policy of one’s own', async () => {
    const { value, issues } = await readPolicyFile(fixture('custom.yaml'), 'custom.yaml', exists);
    expect(issues).toEqual([]);
    expect(value?.minGapDays).toBe(7);
    expect(value?.steps.map((s) => `${s.id} ${s.day} ${s.channel} ${s.deadlineDays}`)).toEqual([
      'relance-1 5 email 8',
      'relance-2 15 email 8',
      'mise-en-demeure 30 letter 15',
    ]);
    expect(value?.segments[0]?.steps?.map((s) => s.id)).toEqual(['relance-1', 'mise-en-demeure']);
  });

  it('reports every problem of a file, each on its line', async () => {
    const { value, issues } = await readPolicyFile(fixture('problems.yaml'), 'policy.yaml', exists);
    expect(value).toBeNull();
    expect(issues).toEqual([
      err('policy.yaml', 13, 'min_gap', 'unknown key "min_gap" in the policy', 'did you mean "min_gap_days"?'),
      err('policy.yaml', 8, 'steps[1].channel', 'unknown channel "fax"', 'use one of: email, letter, call, task'),
      err('policy.yaml', 11, 'steps[2].template', 'template "relance-deux" does not exist', 'create relance-deux.hbs in the templates folder, or name an existing template'),
      err('policy.yaml', 12, 'steps[2].attach_previous', 'attach_previous "yes please" is not true or false', 'write attach_previous: true or leave it out'),
      err('policy.yaml', 9, 'steps[2].id', 'step id "relance-1" is used twice', 'the step on line 3 has it already; give every step its own id'),
      err('policy.yaml', 16, 'segments[0].templates.relance-un', 'no step has the id "relance-un"', 'did you mean "relance-1"?'),
    ]);
  });

  it('a file that is not YAML is reported, and not validated', async () => {
    const { value, issues } = await readPolicyFile(fixture('not-yaml.yaml'), 'policy.yaml', exists);
    expect(value).toBeNull();
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ severity: 'error', file: 'policy.yaml', message: expect.stringMatching(/^not valid YAML: /) });
  });

  it('a missing file is an issue, not a throw', async () => {
    expect(await readPolicyFile(fixture('nowhere.yaml'), 'nowhere.yaml', exists)).toEqual({
      value: null,
      issues: [
        err('nowhere.yaml', undefined, 'policy', 'the policy file does not exist', 'check policy: in relance.yaml (relative to it), or leave it out to use the shipped policy'),
      ],
    });
  });
});
