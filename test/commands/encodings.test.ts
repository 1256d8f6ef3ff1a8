// Mixed encodings, through the built binary on real files: UTF-8 and Windows-1252 exports
// are read right; a UTF-8 export with one stray Windows-1252 byte (with or without BOM),
// or bytes that are text in neither, is an error naming the line and the byte.

import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRelance } from '../helpers/run-cli.js';

const TODAY = ['--today', '2026-11-22'];
const HEADER = 'N° facture;Client;Montant TTC;Échéance\n';
const REEXPORT = 're-export it as UTF-8 (in Excel: "CSV UTF-8"), or correct the character on that line';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'relance-encodings-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

const utf8 = (text: string) => Buffer.from(text, 'utf8');
/** Windows-1252 bytes for text made of Latin-1 characters and the few below. */
function cp1252(text: string): Buffer {
  const extra: Record<string, number> = { '€': 0x80, '’': 0x92, '“': 0x93, '”': 0x94, '–': 0x96, '—': 0x97, œ: 0x9c, Œ: 0x8c, '…': 0x85 };
  return Buffer.from([...text].map((c) => extra[c] ?? c.charCodeAt(0)));
}

async function status(name: string, file: string, bytes: Buffer, args: string[] = []) {
  const dir = join(root, name);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, file), bytes);
  return runRelance(['status', '--invoices', file, '--all', '--format', 'json', ...TODAY, ...args], { cwd: dir });
}

/** 4 081, 2 000 123: as the messages group digits. */
const grouped = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');

const clients = (stdout: string): string[] => (JSON.parse(stdout) as { invoices: { client: string }[] }).invoices.map((i) => i.client);

describe('files in one encoding are read right', () => {
  const rows = 'F-1;Société Générale;1 200,00;31/10/2026\nF-2;Cœur d’Artichaut « Bio »;800,00;31/10/2026\nF-3;CAFÉ DE LA GARE;10,00 €;31/10/2026\n';
  const names = ['Société Générale', 'Cœur d’Artichaut « Bio »', 'CAFÉ DE LA GARE'];

  it('UTF-8, with and without BOM', async () => {
    for (const [name, bytes] of [['utf8', utf8(HEADER + rows)], ['utf8-bom', utf8(`\ufeff${HEADER}${rows}`)]] as const) {
      const { code, stdout } = await status(name, 'factures.csv', bytes);
      expect(clients(stdout)).toEqual(names);
      expect(code).toBe(0);
    }
  });

  it('Windows-1252, French letters and punctuation (é, œ, ’, «, €…), a capital before a no-break space too', async () => {
    const { code, stdout, stderr } = await status('cp1252', 'factures.csv', cp1252(`${HEADER}${rows}F-4;ÉTÉ\u00a0SARL;5,00;31/10/2026\n`));
    expect(clients(stdout)).toEqual([...names, 'ÉTÉ\u00a0SARL']);
    expect(stderr).not.toContain('factures.csv');
    expect(code).toBe(0);
  });

  it('a YAML file in Windows-1252', async () => {
    const { code, stdout } = await status('cp1252-yaml', 'factures.yaml', cp1252('- number: F-1\n  client: Société Générale\n  amount: 1200\n  due_date: 2026-10-31\n'));
    expect(clients(stdout)).toEqual(['Société Générale']);
    expect(code).toBe(0);
  });
});

describe('a file that mixes encodings, or is text in neither, is an error at its first bad byte', () => {
  it('a UTF-8 export with one stray Windows-1252 byte', async () => {
    const lines = Array.from({ length: 10 }, (_, i) => `F-${i};Société ${i};100,00;31/10/2026\n`).join('');
    const bytes = Buffer.concat([utf8(HEADER + lines), Buffer.from('F-10;Soci'), Buffer.from([0xe9]), Buffer.from('t\u00e9 10;100,00;31/10/2026\n', 'utf8')]);
    const at = Buffer.byteLength(HEADER + lines) + 'F-10;Soci'.length + 1;
    const { code, stdout, stderr } = await status('mixed', 'factures.csv', bytes);
    expect(stderr).toBe(`factures.csv:12: byte ${grouped(at)}: 0xE9 is not UTF-8; the rest of the file is UTF-8 — ${REEXPORT}\nrelance: 1 error, nothing was done.\n`);
    expect(stdout).toBe('');
    expect(code).toBe(2);
  });

  it('an ASCII file with a BOM and one stray byte', async () => {
    const bytes = Buffer.concat([utf8(`\ufeffInvoice;Client;Amount;Due\nF-1;Soci`), Buffer.from([0xe9]), Buffer.from('te;100;2026-10-31\n')]);
    const { code, stderr } = await status('bom-stray', 'factures.csv', bytes);
    expect(stderr).toBe(`factures.csv:2: byte 38: 0xE9 is not UTF-8, though the file begins with the UTF-8 mark (BOM) — ${REEXPORT}\nrelance: 1 error, nothing was done.\n`);
    expect(code).toBe(2);
  });

  it('the stray byte far in a big file: the line and byte are still right', async () => {
    const row = 'F-{n};Société {n};100,00;31/10/2026\n';
    const rows = Array.from({ length: 60_000 }, (_, i) => row.replaceAll('{n}', String(i))).join('');
    const bytes = Buffer.concat([utf8(HEADER + rows), Buffer.from([0x92]), utf8(';x;1;31/10/2026\n')]);
    const at = Buffer.byteLength(HEADER + rows) + 1;
    const { code, stderr } = await status('mixed-far', 'factures.csv', bytes);
    expect(stderr.split('\n')[0]).toBe(`factures.csv:60002: byte ${grouped(at)}: 0x92 is not UTF-8; the rest of the file is UTF-8 — ${REEXPORT}`);
    expect(code).toBe(2);
  });

  it('bytes that are text in no encoding relance reads', async () => {
    const bytes = Buffer.concat([Buffer.from('Invoice;Client;Amount;Due\nF-1;Soci'), Buffer.from([0xe9, 0x81]), Buffer.from('te;100;2026-10-31\n')]);
    const { code, stderr } = await status('neither', 'factures.csv', bytes);
    expect(stderr).toBe('factures.csv:2: byte 36: 0x81 is text neither in UTF-8 nor in Windows-1252 — save the file as UTF-8 (in Excel: "CSV UTF-8"); relance reads UTF-8 and Windows-1252 files\nrelance: 1 error, nothing was done.\n');
    expect(code).toBe(2);
  });

  it('a YAML config with a stray byte in UTF-8 text', async () => {
    const dir = join(root, 'yaml-config');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'factures.csv'), utf8(`${HEADER}F-1;Un;1;31/10/2026\n`));
    await writeFile(join(dir, 'relance.yaml'), Buffer.concat([utf8('invoices: factures.csv\ncreditor:\n  name: Société '), Buffer.from([0xc9]), Buffer.from('lan\n')]));
    const { code, stderr } = await runRelance(['status', ...TODAY], { cwd: dir });
    expect(stderr).toBe(`relance.yaml:3: byte 52: 0xC9 is not UTF-8; the rest of the file is UTF-8 — ${REEXPORT}\nrelance: 1 error, nothing was done.\n`);
    expect(code).toBe(2);
  });
});
