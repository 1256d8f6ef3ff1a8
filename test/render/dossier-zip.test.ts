// The dossier's ZIP written to a file and opened with fflate: the bound PDF, the request as
// text, the original files byte for byte, the agency's CSV and JSON; and, read from the
// central directory itself, names flagged UTF-8, made on Unix, dated the dossier's day.

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dossier } from '../../src/render/dossier-document.js';
import { renderDossierPdf } from '../../src/render/dossier-pdf.js';
import { dossierZip, safeName } from '../../src/render/dossier-zip.js';
import { nextStepRequest } from '../../src/render/next-step-request.js';
import { requestText } from '../../src/render/request-document.js';
import { AGENCY_COLUMNS } from '../../src/render/request-agence.js';
import { dossier } from '../helpers/documents.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'relance-zip-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function zipped(d: Dossier): Promise<{ bytes: Uint8Array; pdf: Buffer; text: string }> {
  const outcome = nextStepRequest(d);
  if (!outcome.ok) throw new Error('refused');
  const pdf = await renderDossierPdf(d, outcome.request);
  const path = join(dir, 'dossier.zip');
  await writeFile(path, dossierZip(d, pdf, outcome.request));
  return { bytes: new Uint8Array(await readFile(path)), pdf, text: requestText(outcome.request) };
}

interface CentralEntry {
  name: string;
  madeBy: number;
  utf8: boolean;
  date: string;
  unixMode: number;
}

/** The central directory's entries (PKWARE APPNOTE 4.3.12). */
function centralDirectory(zip: Uint8Array): CentralEntry[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const entries: CentralEntry[] = [];
  for (let at = 0; at + 46 <= zip.length; at++) {
    if (view.getUint32(at, true) !== 0x02014b50) continue;
    const flags = view.getUint16(at + 8, true);
    const time = view.getUint16(at + 12, true);
    const date = view.getUint16(at + 14, true);
    const nameLength = view.getUint16(at + 28, true);
    const pad = (n: number): string => String(n).padStart(2, '0');
    entries.push({
      name: new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLength)),
      madeBy: view.getUint8(at + 5),
      utf8: (flags & 0x0800) !== 0,
      date: `${(date >> 9) + 1980}-${pad((date >> 5) & 15)}-${pad(date & 31)} ${pad(time >> 11)}:${pad((time >> 5) & 63)}`,
      unixMode: view.getUint32(at + 38, true) >>> 16,
    });
    at += 45 + nameLength;
  }
  return entries;
}

describe('the dossier ZIP', () => {
  it('holds the PDF, the request as text, the original files as they were and the agency files', async () => {
    const d = await dossier(dir);
    const { bytes, pdf, text } = await zipped(d);
    const files = unzipSync(bytes);
    const folder = 'dossier-F-2026-014';
    expect(Object.keys(files)).toEqual([
      `${folder}/${folder}.pdf`,
      `${folder}/demande-injonction.txt`,
      `${folder}/pieces/02-facture-F-2026-014.pdf`,
      `${folder}/pieces/03-2026-10-12-relance-1-F-2026-014.eml`,
      `${folder}/pieces/04-2026-11-02-relance-2-F-2026-014.eml`,
      `${folder}/pieces/05-mise-en-demeure-F-2026-014.pdf`,
      `${folder}/agence.csv`,
      `${folder}/agence.json`,
    ]);
    expect(Buffer.from(files[`${folder}/${folder}.pdf`]!).equals(pdf)).toBe(true);
    expect(strFromU8(files[`${folder}/demande-injonction.txt`]!)).toBe(text);
    expect(files[`${folder}/pieces/02-facture-F-2026-014.pdf`]).toEqual(d.invoices[0]!.file!.bytes);
    expect(files[`${folder}/pieces/03-2026-10-12-relance-1-F-2026-014.eml`]).toEqual(d.reminders[1]!.message.bytes);
    expect(files[`${folder}/pieces/05-mise-en-demeure-F-2026-014.pdf`]).toEqual(d.notice!.letter!.bytes);

    const csv = strFromU8(files[`${folder}/agence.csv`]!).split('\n');
    expect(csv[0]).toBe(AGENCY_COLUMNS.join(','));
    expect(csv[1]).toBe(
      'F-2026-014,2026-09-01,2026-09-30,1200.00,400.00,800.00,16.44,40.00,856.44,no,Société Bâtiments Œuvre,443 061 841,"Zone artisanale des Prés, 4 allée des Chênes",38200,Vienne,,Service comptabilité,compta@oeuvre.example,04 74 00 00 00,' +
        '2026-11-05,2026-11-05,1A 234 567 8901 2,2026-11-07,,"2026-10-12 relance-1 (e-mail): compta@oeuvre.example; 2026-11-02 relance-2 (e-mail): compta@oeuvre.example; 2026-11-05 mise-en-demeure (letter): LRAR 1A 234 567 8901 2, reçue le 2026-11-07; 2026-11-10 call: Appel au service comptable : facture bien reçue; 2026-11-15 promise: until 2026-11-20"',
    );
    expect(csv).toHaveLength(3); // header, one invoice, final newline

    const json = JSON.parse(strFromU8(files[`${folder}/agence.json`]!)) as { as_of: string; invoices: { invoice: string; total: string; actions: { date: string; what: string }[] }[] };
    expect(json.as_of).toBe('2026-11-22');
    expect(json.invoices.map((i) => [i.invoice, i.total, i.actions.length])).toEqual([['F-2026-014', '856.44', 5]]);
    expect(json.invoices[0]!.actions[0]).toEqual({ date: '2026-10-12', what: 'relance-1 (e-mail)', detail: 'compta@oeuvre.example' });
  });

  it('writes UTF-8 names, made on Unix with mode 644, dated the dossier’s day at noon, and the same bytes each time', async () => {
    const d = await dossier(dir, { reference: 'Société Œuvre/2026' });
    const { bytes } = await zipped(d);
    const entries = centralDirectory(bytes);
    expect(entries[0]!.name).toBe('dossier-Société Œuvre-2026/dossier-Société Œuvre-2026.pdf');
    for (const e of entries) {
      expect(e.madeBy).toBe(3);
      expect(e.date).toBe('2026-11-22 12:00');
      expect(e.unixMode).toBe(0o100644);
      expect(e.utf8).toBe(/[^\x20-\x7e]/.test(e.name));
    }
    const again = await zipped(d);
    expect(Buffer.from(again.bytes).equals(Buffer.from(bytes))).toBe(true);
  });

  it.each([
    ['F-2026/014', 'F-2026-014'],
    ['a:b*c?"d<e>f|g\\h', 'a-b-c--d-e-f-g-h'],
    ['  ', 'sans-nom'],
  ])('names %j as %j', (text, name) => {
    expect(safeName(text)).toBe(name);
  });
});
