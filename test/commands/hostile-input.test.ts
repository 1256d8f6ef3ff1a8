// Hostile input stays bounded, through the built binary on generated files: alias bombs
// in every YAML file relance reads, a 50 MB header line, 500 000 bad rows, a field of
// 10 001 characters, templates nested 20 000 deep or holding 200 000 variables. Each is a
// located error (exit 2) whose output stays a few kilobytes.

import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRelance } from '../helpers/run-cli.js';

const TODAY = ['--today', '2026-11-22'];
const HEADER = 'number;client;email;amount;due_date\n';
const ROW = 'F-1;Atelier Martin SARL;compta@martin.example;1200;2026-10-31\n';
const CONFIG = 'invoices: factures.csv\ncreditor:\n  name: Atelier Dupont SARL\n  email: compta@atelier-dupont.example\n';

// Six levels of nine: 9^6 = 531 441 strings from a 300-byte file.
const BOMB = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...'bcdef'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcde'[i]}`).join(',')}]`)].join('\n');
const ALIAS_ERROR = 'too many aliases: the & and * references expand to far more than the file holds (an "alias bomb") — write the values out instead of repeating them with & and *';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'relance-hostile-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

/** A folder with a relance.yaml and the files given. */
async function setup(name: string, files: Record<string, string | Buffer>, config = CONFIG): Promise<string> {
  const dir = join(root, name);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'relance.yaml'), config);
  for (const [file, content] of Object.entries(files)) {
    await mkdir(join(dir, file, '..'), { recursive: true });
    await writeFile(join(dir, file), content);
  }
  return dir;
}

describe('YAML alias bombs are located input errors', () => {
  it.each([
    ['in an invoices file', { 'factures.yaml': `${BOMB}\ninvoices: []\n` }, CONFIG.replace('factures.csv', 'factures.yaml'), 'factures.yaml:2'],
    ['in relance.yaml', { 'factures.csv': HEADER + ROW }, `${CONFIG}${BOMB}\n`, 'relance.yaml:6'],
    ['in the policy', { 'factures.csv': HEADER + ROW, 'policy.yaml': `${BOMB}\nsteps: []\n` }, `${CONFIG}policy: policy.yaml\n`, 'policy.yaml:2'],
    ['in a rates file', { 'factures.csv': HEADER + ROW, 'rates.yaml': `${BOMB}\n` }, `${CONFIG}rates: rates.yaml\n`, 'rates.yaml:2'],
  ])('%s', async (name, files, config, where) => {
    const dir = await setup(`bomb-${name.replace(/\W+/g, '-')}`, files, config);
    const { code, stdout, stderr } = await runRelance(['status', ...TODAY], { cwd: dir });
    expect(stderr).toBe(`${where}: ${ALIAS_ERROR}\nrelance: 1 error, nothing was done.\n`);
    expect(stdout).toBe('');
    expect(code).toBe(2);
  });
});

describe('huge files print a few lines', () => {
  it('a header line of 50 MB: reading stops, one error', async () => {
    const dir = await setup('big-header', { 'factures.csv': `number;client;${'x'.repeat(50_000_000)}\n${ROW}` });
    const { code, stdout, stderr } = await runRelance(['status', ...TODAY], { cwd: dir });
    expect(stderr).toBe(
      'factures.csv:1: a line of more than 1 000 000 characters: reading stopped there — check that this is the invoices export, and the quotes before that line (an unclosed quote runs to the end of the file)\nrelance: 1 error, nothing was done.\n',
    );
    expect(stdout).toBe('');
    expect(code).toBe(2);
  }, 60_000);

  it('500 000 bad rows: the first 50 errors and a count of the rest, in status and check', async () => {
    const rows = Array.from({ length: 500_000 }, (_, i) => `F-${i};Client ${i};;abc;2026-10-31\n`).join('');
    const dir = await setup('bad-rows', { 'factures.csv': HEADER + rows });
    const status = await runRelance(['status', ...TODAY], { cwd: dir });
    const lines = status.stderr.split('\n');
    expect(lines).toHaveLength(53);
    expect(lines[0]).toBe('factures.csv:2: amount: "abc" is not an amount — write it like 1234.56, 1 234,56 or 1.234,56 €');
    expect(lines[49]).toBe('factures.csv:51: amount: "abc" is not an amount — write it like 1234.56, 1 234,56 or 1.234,56 €');
    expect(lines.slice(50)).toEqual(['… and 499 950 more (relance check --format json lists them all)', 'relance: 500 000 errors, nothing was done.', '']);
    expect(status.code).toBe(2);

    const check = await runRelance(['check', ...TODAY], { cwd: dir });
    expect(check.stdout.length).toBeLessThan(10_000);
    expect(check.stdout.split('\n').slice(49)).toEqual([
      'factures.csv:51: amount: "abc" is not an amount — write it like 1234.56, 1 234,56 or 1.234,56 €',
      '… and 499 950 more (relance check --format json lists them all)',
      'relance check: 500 000 errors, 0 warnings',
      '',
    ]);
    expect(check.code).toBe(2);
  }, 180_000);

  it('500 000 warnings: status prints 50 of them and a count', async () => {
    const rows = Array.from({ length: 500_000 }, (_, i) => `F-${i};Client ${i};;1200;2026-10-31;USD\n`).join('');
    const dir = await setup('many-warnings', { 'factures.csv': HEADER.replace('\n', ';currency\n') + rows });
    const { code, stderr } = await runRelance(['status', ...TODAY], { cwd: dir });
    const lines = stderr.split('\n');
    expect(lines).toHaveLength(52);
    expect(lines[50]).toBe('… and 499 950 more (all of them are in --format json)');
    expect(code).toBe(0);
  }, 120_000);
});

describe('long values', () => {
  it('a field of 10 001 characters is an error, and no message echoes it whole', async () => {
    const long = 'A'.repeat(10_001);
    const dir = await setup('long-field', { 'factures.csv': `${HEADER}F-1;${long};;1200;2026-10-31\nF-2;Bon;;${'9x'.repeat(2000)};2026-10-31\n` });
    const { code, stderr } = await runRelance(['status', ...TODAY], { cwd: dir });
    expect(stderr).toBe(
      [
        'factures.csv:2: client: a value of 10 001 characters: at most 10 000 — this is no invoice data: check the export (or the quotes on that line)',
        `factures.csv:3: amount: "${'9x'.repeat(39)}9…" (4 000 characters) is not an amount — write it like 1234.56, 1 234,56 or 1.234,56 €`,
        'relance: 2 errors, nothing was done.',
        '',
      ].join('\n'),
    );
    expect(code).toBe(2);
  });

  it('a YAML value of 10 001 characters too', async () => {
    const dir = await setup('long-yaml', { 'factures.yaml': `- number: F-1\n  client: ${'A'.repeat(10_001)}\n  amount: 1200\n  due_date: 2026-10-31\n` }, CONFIG.replace('factures.csv', 'factures.yaml'));
    const { code, stderr } = await runRelance(['status', ...TODAY], { cwd: dir });
    expect(stderr).toBe('factures.yaml:2: client: a value of 10 001 characters: at most 10 000 — this is no invoice data: check the export (or the quotes on that line)\nrelance: 1 error, nothing was done.\n');
    expect(code).toBe(2);
  });
});

describe('templates past the limits are refused before Handlebars parses them', () => {
  const template = (body: string) => `---\nsubject: 'Facture {{invoice.number}}'\n---\n${body}\n`;
  it.each([
    ['20 000 nested blocks', `${'{{#if invoice.number}}'.repeat(20_000)}x${'{{/if}}'.repeat(20_000)}`, 'blocks nested more than 100 deep: at most 100 levels of {{#if}}, {{#each}}… — close each block ({{/if}}, {{/each}}) before opening the next one where you can'],
    ['200 000 variables', '{{client.name}} '.repeat(200_000), 'more than 10 000 {{…}} expressions: a template may hold at most 10 000 — a reminder needs far fewer: repeat with {{#each invoices}} instead of writing each one out'],
  ])('%s', async (name, body, message) => {
    const dir = await setup(`template-${name.replace(/\W+/g, '-')}`, { 'factures.csv': HEADER + ROW, 'templates/fr/relance-1.hbs': template(body) }, `${CONFIG}templates: templates\n`);
    const started = Date.now();
    const { code, stdout } = await runRelance(['check', ...TODAY], { cwd: dir });
    expect(stdout).toBe(`templates/fr/relance-1.hbs:4: ${message}\nrelance check: 1 error, 0 warnings\n`);
    expect(code).toBe(2);
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});
