// Mixed encodings, through the built binary on real files: UTF-8, Windows-1252,
// ISO-8859-15 and UTF-16 (with its BOM) exports, separated by ; , tab or |, are read right; a UTF-8 export with one stray Windows-1252 byte (with or without BOM),
// or bytes that are text in neither, is an error naming the line and the byte.

import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRelanceInProcess } from '../helpers/run-cli.js';

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
  return runRelanceInProcess(['status', '--invoices', file, '--all', '--format', 'json', ...TODAY, ...args], { cwd: dir });
}

/** 4 081, 2 000 123: as the messages group digits. */
const grouped = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');

const clients = (stdout: string): string[] => (JSON.parse(stdout) as { invoices: { client: string }[] }).invoices.map((i) => i.client);

describe('files in one encoding are read right', () => {
  const rows = 'F-1;Société Générale;1 200,00;31/10/2026\nF-2;Cœur d’Artichaut « Bio » SAS;800,00;31/10/2026\nF-3;CAFÉ DE LA GARE SAS;10,00 €;31/10/2026\n';
  const names = ['Société Générale', 'Cœur d’Artichaut « Bio » SAS', 'CAFÉ DE LA GARE SAS'];

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
    const { code, stderr } = await runRelanceInProcess(['status', ...TODAY], { cwd: dir });
    expect(stderr).toBe(`relance.yaml:3: byte 52: 0xC9 is not UTF-8; the rest of the file is UTF-8 — ${REEXPORT}\nrelance: 1 error, nothing was done.\n`);
    expect(code).toBe(2);
  });
});

/** ISO-8859-15 bytes: Latin-1 but for the eight places where it has € Š š Ž ž Œ œ Ÿ. */
function iso885915(text: string): Buffer {
  const extra: Record<string, number> = { '€': 0xa4, Š: 0xa6, š: 0xa8, Ž: 0xb4, ž: 0xb8, Œ: 0xbc, œ: 0xbd, Ÿ: 0xbe };
  return Buffer.from(
    [...text].map((c) => {
      const byte = extra[c] ?? c.charCodeAt(0);
      if (byte > 0xff || (extra[c] === undefined && Object.values(extra).includes(byte))) throw new Error(`${c} is not in ISO-8859-15`);
      return byte;
    }),
  );
}
const utf16le = (text: string) => Buffer.from(`\ufeff${text}`, 'utf16le');
const utf16be = (text: string) => {
  const bytes = utf16le(text);
  for (let i = 0; i < bytes.length; i += 2) [bytes[i], bytes[i + 1]] = [bytes[i + 1]!, bytes[i]!];
  return bytes;
};

interface Row {
  number: string;
  client: string;
  balance: string;
  due_date: string;
}
const rowsOf = (stdout: string): Row[] => (JSON.parse(stdout) as { invoices: Row[] }).invoices.map(({ number, client, balance, due_date }) => ({ number, client, balance, due_date }));

describe('ISO-8859-15, UTF-16 and the other separators', () => {
  const expected: Row[] = [
    { number: 'F-1', client: 'Cœur de Lion SARL', balance: '1200.00', due_date: '2026-10-31' },
    { number: 'F-2', client: 'L’Œuf & Cie', balance: '800.50', due_date: '2026-10-31' },
  ];

  it('ISO-8859-15: 0xA4 is read as €, 0xBD as œ (not ¤ and ½ as Windows-1252 would)', async () => {
    // No ’ in ISO-8859-15: the second client is written with a plain apostrophe.
    const text = `${HEADER}F-1;Cœur de Lion SARL;1 200,00 €;31/10/2026\nF-2;L'Œuf & Cie;800,50 €;31/10/2026\n`;
    const { code, stdout, stderr } = await status('iso-8859-15', 'factures.csv', iso885915(text));
    expect(stderr).toBe('');
    expect(rowsOf(stdout)).toEqual([expected[0], { ...expected[1]!, client: "L'Œuf & Cie" }]);
    expect(code).toBe(0);
  });

  it('Windows-1252 with ¤ and € both: 0x80 is €, 0xA4 stays ¤', async () => {
    const text = `${HEADER}F-1;Cœur ¤ Lion SARL;1 200,00 €;31/10/2026\n`;
    const { code, stdout } = await status('cp1252-currency-sign', 'factures.csv', cp1252(text));
    expect(rowsOf(stdout)).toEqual([{ ...expected[0]!, client: 'Cœur ¤ Lion SARL' }]);
    expect(code).toBe(0);
  });

  it('Excel\'s "Texte Unicode": UTF-16 LE with its BOM, TAB-separated, CRLF', async () => {
    const text = 'N° facture\tClient\tMontant TTC\tÉchéance\r\nF-1\tCœur de Lion SARL\t1 200,00\t31/10/2026\r\nF-2\tL’Œuf & Cie\t800,50\t31/10/2026\r\n';
    const { code, stdout, stderr } = await status('utf16le', 'factures.txt', utf16le(text));
    expect(stderr).toBe('');
    expect(rowsOf(stdout)).toEqual(expected);
    expect(code).toBe(0);
  });

  it('UTF-16 BE with its BOM, ";"-separated', async () => {
    const text = `${HEADER}F-1;Cœur de Lion SARL;1 200,00;31/10/2026\nF-2;L’Œuf & Cie;800,50;31/10/2026\n`;
    const { code, stdout } = await status('utf16be', 'factures.csv', utf16be(text));
    expect(rowsOf(stdout)).toEqual(expected);
    expect(code).toBe(0);
  });

  it('a UTF-16 file of many rows: characters cut between two chunks are read whole', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => `F-${i}\tCœur ${i} – Société\t10,00\t31/10/2026\r\n`).join('');
    const { code, stdout } = await status('utf16le-big', 'factures.txt', utf16le(`N° facture\tClient\tMontant TTC\tÉchéance\r\n${rows}`));
    const got = rowsOf(stdout);
    expect(got).toHaveLength(20_000);
    expect(got.every((r) => r.client === `Cœur ${r.number.slice(2)} – Société`)).toBe(true);
    expect(new Set(got.map((r) => r.number)).size).toBe(20_000);
    expect(code).toBe(0);
  });

  it('"|" as the separator', async () => {
    const text = 'N° facture|Client|Montant TTC|Échéance\nF-1|Cœur de Lion SARL|1 200,00|31/10/2026\nF-2|L’Œuf & Cie|800,50|31/10/2026\n';
    const { code, stdout } = await status('pipe', 'factures.csv', utf8(text));
    expect(rowsOf(stdout)).toEqual(expected);
    expect(code).toBe(0);
  });

  it('a quoted "sep=;" first line, padded with separators, and line numbers still right', async () => {
    const text = `"sep=;";;;\r\n${HEADER}F-1;Cœur de Lion SARL;1 200,00;31/10/2026\r\nF-2;L’Œuf & Cie;800,50;31/02/2026\r\n`;
    const { code, stderr } = await status('quoted-sep', 'factures.csv', utf8(text));
    expect(stderr).toBe('factures.csv:4: due_date: "31/02/2026" is not a real date — write dd/mm/yyyy or yyyy-mm-dd, e.g. 31/01/2026\nrelance: 1 error, nothing was done.\n');
    expect(code).toBe(2);
  });

  it('a quoted "sep=,"', async () => {
    const text = '"sep=,"\nN° facture,Client,Montant TTC,Échéance\nF-1,Cœur;Lion,"1 200,00",31/10/2026\n';
    const { code, stdout } = await status('quoted-sep-comma', 'factures.csv', utf8(text));
    expect(rowsOf(stdout)).toEqual([{ ...expected[0]!, client: 'Cœur;Lion' }]);
    expect(code).toBe(0);
  });
});
