// The layers of src/ import downward only (docs/architecture.md): domain ← io ← render ←
// mail ← commands ← cli. This reads every import of src/ and fails on an arrow upward,
// on a cycle between files, and on I/O or the clock in the pure domain.

import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));

// errors.ts holds the typed errors and exit codes: below io, above the domain.
const LAYERS: Record<string, number> = { domain: 0, 'errors.ts': 1, io: 2, render: 3, mail: 4, commands: 5, 'cli.ts': 6 };

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

function layerOf(file: string): number {
  const top = relative(SRC, file).split('/')[0]!;
  const layer = LAYERS[top];
  if (layer === undefined) throw new Error(`${relative(SRC, file)} is in no layer: add its folder to LAYERS`);
  return layer;
}

/** The files of src/ a file imports (relative imports; type-only ones too). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]/g)].map((m) => resolve(dirname(file), m[1]!).replace(/\.js$/, '.ts'));
}

const files = sources(SRC);
const graph = new Map(files.map((f) => [f, importsOf(f)]));
const name = (f: string) => relative(SRC, f);

describe('the layers of src/', () => {
  it('import downward only: domain ← errors ← io ← render ← mail ← commands ← cli', () => {
    const upward: string[] = [];
    for (const [file, imports] of graph) {
      for (const target of imports) if (layerOf(target) > layerOf(file)) upward.push(`${name(file)} → ${name(target)}`);
    }
    expect(upward).toEqual([]);
  });

  it('have no cycle between files', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, path: string[]): void => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...path.slice(path.indexOf(file)), file].map(name).join(' → '));
        return;
      }
      state.set(file, 'open');
      for (const target of graph.get(file) ?? []) visit(target, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of files) visit(file, []);
    expect(cycles).toEqual([]);
  });

  it('keep the domain pure: no file system, process, console, colours, mail or clock', () => {
    const impure = /from ['"](node:)?(fs|fs\/promises|child_process|net|http|os|process)['"]|from ['"](chalk|nodemailer|cli-table3|commander|luxon)['"]|Date\.now\(|new Date\(\)|\bconsole\.|\bprocess\./;
    const found = files.filter((f) => layerOf(f) === 0).filter((f) => impure.test(readFileSync(f, 'utf8'))).map(name);
    expect(found).toEqual([]);
  });

  it('every import resolves to a file of src/ (the test sees every arrow)', () => {
    const missing: string[] = [];
    for (const [file, imports] of graph) for (const target of imports) if (!graph.has(target)) missing.push(`${name(file)} → ${name(target)}`);
    expect(missing).toEqual([]);
  });
});
