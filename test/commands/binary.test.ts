// Most command tests run `runCli` in the test's process (no child process: the suite would
// spend most of its time starting Node). That stands for the built binary only if both say
// the same: here every command is run both ways on a copy of examples/, and what a user
// sees — stdout, stderr, the exit code — must be byte for byte the same.

import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRelance, runRelanceInProcess } from '../helpers/run-cli.js';

const EXAMPLES = new URL('../../examples/', import.meta.url);
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'relance-binary-'));
  await cp(EXAMPLES, dir, { recursive: true });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const TODAY = ['--today', '2026-11-22'];

describe.concurrent('the built binary and runCli say the same', () => {
  it.each([
    ['status', ['status', ...TODAY]],
    ['status --format json', ['status', '--all', '--format', 'json', ...TODAY]],
    ['send --dry-run', ['send', '--dry-run', ...TODAY]],
    ['preview', ['preview', 'F-2026-014', ...TODAY]],
    ['log', ['log', 'F-2026-014']],
    ['penalty', ['penalty', '1000', '--due', '2026-01-31', '--paid', '2026-03-15']],
    ['rates', ['rates']],
    ['check', ['check', ...TODAY]],
    ['report --format json', ['report', '--format', 'json', ...TODAY]],
    ['a mistake: exit 2', ['status', '--today', '31/02/2026']],
    ['an unknown command', ['relancer']],
    ['--help', ['--help']],
  ])('%s', async (_name, args) => {
    const binary = await runRelance(args, { cwd: dir });
    const inProcess = await runRelanceInProcess(args, { cwd: dir, now: new Date() });
    expect(inProcess).toEqual(binary);
  });
});
