// What a user gets from npm: pack the package (its prepack/prepare build a fresh dist/),
// install the tarball into a temporary global prefix, then run the installed `relance`
// from an empty folder: init, check, status, send --dry-run. It finds its shipped
// templates, policy and rates wherever it is installed.
//
// The package is packed from a copy of the sources, so the build it runs never touches
// this tree's dist/ while other tests use it. Installing fetches the dependencies from
// the npm registry (or its cache), like `npm ci` does.

import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const PACKED = ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'bin', 'src', 'templates', 'README.md', 'LICENSE'];

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** The environment without npm's own variables: a nested npm must not act on this repository. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k) && k !== 'FORCE_COLOR') env[k] = v;
  return { ...env, NO_COLOR: '1', ...extra };
}

function run(command: string, args: readonly string[], cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, env: cleanEnv(), shell: process.platform === 'win32', maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

let dir: string;
let relance: string;
let packed: { filename: string; files: { path: string }[] };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'relance-install-'));
  const source = join(dir, 'source');
  await mkdir(source);
  const present = new Set(await readdir(ROOT));
  for (const name of PACKED) if (present.has(name)) await cp(join(ROOT, name), join(source, name), { recursive: true });
  // The build needs the dev dependencies (TypeScript): the tree's own, not a new download.
  await symlink(join(ROOT, 'node_modules'), join(source, 'node_modules'), 'junction');

  const pack = await run('npm', ['pack', '--pack-destination', dir, '--json'], source);
  expect(pack.stderr).not.toMatch(/npm error/);
  expect(pack.code).toBe(0);
  packed = (JSON.parse(pack.stdout) as (typeof packed)[])[0]!;

  const prefix = join(dir, 'prefix');
  const install = await run('npm', ['install', '--global', '--prefix', prefix, '--no-audit', '--no-fund', '--prefer-offline', join(dir, packed.filename)], dir);
  expect(install.stderr).not.toMatch(/npm error/);
  expect(install.code).toBe(0);
  relance = process.platform === 'win32' ? join(prefix, 'relance.cmd') : join(prefix, 'bin', 'relance');
}, 120_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('npm pack, npm install -g, then relance from anywhere', () => {
  it('ships the built CLI and the templates, and nothing of the sources or the tests', () => {
    const paths = packed.files.map((f) => f.path).sort();
    expect(paths).toEqual(expect.arrayContaining(['bin/relance', 'dist/cli.js', 'dist/commands/init.js', 'dist/commands/check.js', 'templates/policy.yaml', 'templates/fr/relance-1.hbs', 'templates/en/relance-1.hbs', 'package.json']));
    expect(paths.filter((p) => /^(src|test|bench|examples|node_modules|\.ci)\//.test(p) || p.endsWith('.ts'))).toEqual([]);
  });

  it('runs init, check, status and send --dry-run in an empty folder', async () => {
    const work = join(dir, 'work');
    await mkdir(work);
    const today = ['--today', '2026-11-22'];

    const version = await run(relance, ['--version'], work);
    expect(version).toEqual({ code: 0, stdout: `${packed.filename.replace(/^relance-|\.tgz$/g, '')}\n`, stderr: '' });

    const init = await run(relance, ['init', ...today], work);
    expect(init.code).toBe(0);
    expect(init.stdout).toContain('  wrote relance.yaml ');
    expect(init.stdout).toContain('  wrote templates/fr/  7 reminder templates in French, to edit');
    expect((await readdir(work)).sort()).toEqual(['.gitignore', 'clients.csv', 'factures.csv', 'policy.yaml', 'relance.yaml', 'templates']);

    const check = await run(relance, ['check', ...today], work);
    expect(check.code).toBe(0);
    expect(check.stdout.trim().split('\n').at(-1)).toBe('relance check: 0 errors, 2 warnings'); // the two placeholders to edit

    const status = await run(relance, ['status', ...today], work);
    expect(status.code).toBe(0);
    expect(status.stdout.replace(/[\u00a0\u202f]/g, ' ')).toContain('4 overdue invoices · balance 6 170,00 €');

    const send = await run(relance, ['send', '--dry-run', ...today], work);
    expect(send.code).toBe(0);
    expect(send.stdout.split('\n')[0]).toBe('relance send --dry-run, 22/11/2026: 5 e-mails, 0 to-dos — nothing is sent, nothing recorded');
    expect((await readdir(work)).sort()).toEqual(['.gitignore', 'clients.csv', 'factures.csv', 'policy.yaml', 'relance.yaml', 'templates']); // a dry run writes nothing
  });
});
