// A deterministic FEC of a mid-sized company for the benchmark, in bench/data/fec-1M/
// (git-ignored): 123456789FEC20261231.txt, exactly FEC_LINES lines after the header,
// "|" separated, UTF-8 with a BOM, CRLF, decimal commas: one fiscal year (2026) of
//
//   AN    opening entries: detailed per invoice for most customers, one balance for some
//   VE    sales: 411 / 706 / 44571 (and credit notes, 411 on the credit side)
//   BQ    receipts 512 / 411, lettered with their invoice (paid in full, in part, or after
//         the closing date); supplier payments 401 / 512
//   AC    purchases 607 / 44566 / 401
//   OD    payroll 641 / 645 / 421 / 431, and transfers to 416 (clients douteux)
//
// about a fifth of the lines on customer accounts, as in a real FEC. Seeded PRNG, so the
// same bytes on every machine; rewritten only when `.done` lacks FEC_GENERATOR_VERSION.
//
//   node bench/generate-fec.mjs          (run.mjs and measure-fec.mjs call ensureFecData)

import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DATA_DIR, makeClients, prng } from './generate.mjs';

export const FEC_GENERATOR_VERSION = 'relance-bench-fec v1';
export const FEC_LINES = 1_000_000;
export const FEC_NAME = '123456789FEC20261231.txt';
const CUSTOMERS = 4_000;
const SUPPLIERS = 300;
// Enough for the year to pass FEC_LINES; the file stops there (in late December).
const ENTRIES_A_DAY = 800;

const HEADER = 'JournalCode|JournalLib|EcritureNum|EcritureDate|CompteNum|CompteLib|CompAuxNum|CompAuxLib|PieceRef|PieceDate|EcritureLib|Debit|Credit|EcritureLet|DateLet|ValidDate|Montantdevise|Idevise';
const DAY_MS = 86_400_000;
const FIRST = Date.UTC(2026, 0, 1) / DAY_MS;
const LAST = Date.UTC(2026, 11, 31) / DAY_MS;

const ymd = (day) => new Date(day * DAY_MS).toISOString().slice(0, 10).replace(/-/g, '');
const amount = (cents) => `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}`;
/** A, B, … Z, AA, AB…: lettering codes as accounting software hands them out. */
const letterCode = (n) => {
  let s = '';
  for (n += 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};

/** The year's entries, one array of lines per entry, in date order. */
function* entries() {
  const rng = prng(20261231);
  const customers = makeClients(CUSTOMERS, rng).map((c, i) => ({ code: `C${String(i + 1).padStart(5, '0')}`, name: c.name, letters: 0 }));
  const suppliers = makeClients(SUPPLIERS, rng).map((c, i) => ({ code: `F${String(i + 1).padStart(4, '0')}`, name: c.name }));
  const num = { AN: 0, VE: 0, BQ: 0, AC: 0, OD: 0 };
  const lib = { AN: 'A-nouveaux', VE: 'Ventes', BQ: 'Banque', AC: 'Achats', OD: 'Opérations diverses' };
  // Receipts waiting for their day: day → [{ customer, invoice, cents, letter, date }].
  const due = new Map();
  const schedule = (day, receipt) => {
    if (day > LAST) return;
    const list = due.get(day);
    if (list) list.push(receipt);
    else due.set(day, [receipt]);
  };
  const line = (j, n, day, account, accountLabel, aux, auxLabel, ref, pieceDay, label, debit, credit, letter = '', letterDay = null) =>
    `${j}|${lib[j]}|${n}|${ymd(day)}|${account}|${accountLabel}|${aux}|${auxLabel}|${ref}|${ymd(pieceDay)}|${label}|${amount(debit)}|${amount(credit)}|${letter}|${letterDay === null ? '' : ymd(letterDay)}|${ymd(Math.min(day + 2, LAST))}||`;
  /** Decides how an invoice is paid: its 411 line's letter, and the receipts to come. */
  const plan = (c, number, day, cents) => {
    const roll = rng.next();
    const paidDay = day + rng.int(10, 90);
    if (roll < 0.7) {
      const letter = letterCode(c.letters++);
      schedule(paidDay, { c, number, cents, letter, letterDay: paidDay });
      return { letter, letterDay: paidDay }; // paid in full, lettered (maybe after the closing date)
    }
    if (roll < 0.8) {
      const letter = letterCode(c.letters++).toLowerCase();
      schedule(paidDay, { c, number, cents: Math.round(cents * 0.4), letter, letterDay: paidDay });
      return { letter, letterDay: paidDay }; // partial payment, partial lettering
    }
    if (roll < 0.9) schedule(paidDay, { c, number, cents, letter: '', letterDay: null }); // paid, not lettered
    return { letter: '', letterDay: null };
  };

  // Opening entries: last year's unpaid invoices, one line each; a few customers, one balance.
  const opening = [];
  let total = 0;
  num.AN++;
  for (const c of customers) {
    const roll = rng.next();
    if (roll < 0.05) {
      const cents = rng.int(10_000, 2_000_000);
      total += cents;
      opening.push(line('AN', num.AN, FIRST, '411000', 'Clients', c.code, c.name, 'AN2026', FIRST, 'Solde à nouveau', cents, 0));
    } else if (roll < 0.35) {
      for (let k = rng.int(1, 3); k > 0; k--) {
        const issued = FIRST - rng.int(5, 120);
        const number = `F2025-${String(rng.int(1, 99_999)).padStart(5, '0')}`;
        const cents = rng.int(5_000, 1_500_000);
        total += cents;
        const { letter, letterDay } = plan(c, number, FIRST, cents);
        opening.push(line('AN', num.AN, FIRST, '411000', 'Clients', c.code, c.name, number, issued, `${number} ${c.name}`, cents, 0, letter, letterDay));
      }
    }
  }
  opening.push(line('AN', num.AN, FIRST, '890000', "Bilan d'ouverture", '', '', 'AN2026', FIRST, 'Contrepartie à-nouveaux clients', 0, total));
  yield opening;

  let invoiceSeq = 0;
  for (let day = FIRST; day <= LAST; day++) {
    for (const r of due.get(day) ?? []) {
      num.BQ++;
      const ref = `REL${ymd(day).slice(4)}-${num.BQ}`;
      const label = `Virement ${r.c.name} ${r.number}`;
      yield [line('BQ', num.BQ, day, '512000', 'Banque', '', '', ref, day, label, r.cents, 0), line('BQ', num.BQ, day, '411000', 'Clients', r.c.code, r.c.name, ref, day, label, 0, r.cents, r.letter, r.letterDay)];
    }
    due.delete(day);
    for (let k = 0; k < ENTRIES_A_DAY; k++) {
      const roll = rng.next();
      if (roll < 0.42) {
        // A sale; one in 40 a credit note.
        const c = customers[Math.floor(CUSTOMERS * rng.next() ** 1.6)];
        const ht = rng.int(2_000, 2_000_000);
        const tva = Math.round(ht * 0.2);
        num.VE++;
        if (rng.next() < 0.025) {
          const number = `AV2026-${String(num.VE).padStart(6, '0')}`;
          const label = `Avoir ${number} ${c.name}`;
          yield [line('VE', num.VE, day, '411000', 'Clients', c.code, c.name, number, day, label, 0, ht + tva), line('VE', num.VE, day, '706000', 'Prestations de services', '', '', number, day, label, ht, 0), line('VE', num.VE, day, '445710', 'TVA collectée', '', '', number, day, label, tva, 0)];
          continue;
        }
        const number = `F2026-${String(++invoiceSeq).padStart(6, '0')}`;
        const label = `${number} ${c.name}`;
        const { letter, letterDay } = plan(c, number, day, ht + tva);
        yield [line('VE', num.VE, day, '411000', 'Clients', c.code, c.name, number, day, label, ht + tva, 0, letter, letterDay), line('VE', num.VE, day, '706000', 'Prestations de services', '', '', number, day, label, 0, ht), line('VE', num.VE, day, '445710', 'TVA collectée', '', '', number, day, label, 0, tva)];
      } else if (roll < 0.8) {
        const s = suppliers[rng.int(0, SUPPLIERS - 1)];
        const ht = rng.int(1_000, 800_000);
        const tva = Math.round(ht * 0.2);
        const ref = `FA-${rng.int(1, 999_999)}`;
        const label = `${s.name} ${ref}`;
        num.AC++;
        yield [line('AC', num.AC, day, '607000', 'Achats de marchandises', '', '', ref, day - 2, label, ht, 0), line('AC', num.AC, day, '445660', 'TVA déductible', '', '', ref, day - 2, label, tva, 0), line('AC', num.AC, day, '401000', 'Fournisseurs', s.code, s.name, ref, day - 2, label, 0, ht + tva)];
      } else if (roll < 0.96) {
        const s = suppliers[rng.int(0, SUPPLIERS - 1)];
        const cents = rng.int(1_000, 900_000);
        num.BQ++;
        const ref = `VIR${num.BQ}`;
        yield [line('BQ', num.BQ, day, '401000', 'Fournisseurs', s.code, s.name, ref, day, `Règlement ${s.name}`, cents, 0), line('BQ', num.BQ, day, '512000', 'Banque', '', '', ref, day, `Règlement ${s.name}`, 0, cents)];
      } else if (roll < 0.995) {
        const gross = rng.int(150_000, 600_000);
        const employer = Math.round(gross * 0.42);
        const employee = Math.round(gross * 0.22);
        num.OD++;
        const ref = `PAIE-${num.OD}`;
        yield [
          line('OD', num.OD, day, '641000', 'Rémunérations du personnel', '', '', ref, day, 'Salaires', gross, 0),
          line('OD', num.OD, day, '645000', 'Charges de sécurité sociale', '', '', ref, day, 'Charges patronales', employer, 0),
          line('OD', num.OD, day, '421000', 'Personnel - rémunérations dues', '', '', ref, day, 'Net à payer', 0, gross - employee),
          line('OD', num.OD, day, '431000', 'Sécurité sociale', '', '', ref, day, 'Cotisations', 0, employee + employer),
        ];
      } else {
        // A doubtful debt: moved from 411 to 416.
        const c = customers[rng.int(0, CUSTOMERS - 1)];
        const cents = rng.int(10_000, 500_000);
        num.OD++;
        const ref = `DOUT-${num.OD}`;
        yield [line('OD', num.OD, day, '416000', 'Clients douteux', c.code, c.name, ref, day, `Transfert clients douteux ${c.name}`, cents, 0), line('OD', num.OD, day, '411000', 'Clients', c.code, c.name, ref, day, `Transfert clients douteux ${c.name}`, 0, cents)];
      }
    }
  }
}

/** Writes the file (via a temp file): exactly FEC_LINES lines after the header. */
async function writeFec(path) {
  const tmp = `${path}.tmp`;
  const out = createWriteStream(tmp);
  const write = (text) => (out.write(text) ? null : new Promise((r) => out.once('drain', r)));
  await write(`\ufeff${HEADER}\r\n`);
  let written = 0;
  let batch = [];
  for (const entry of entries()) {
    // The last entry is cut to fit: a benchmark file need not balance its final lines.
    const lines = entry.slice(0, FEC_LINES - written);
    batch.push(...lines);
    written += lines.length;
    if (batch.length >= 5_000 || written === FEC_LINES) {
      await write(`${batch.join('\r\n')}\r\n`);
      batch = [];
    }
    if (written === FEC_LINES) break;
  }
  if (written < FEC_LINES) throw new Error(`the year made only ${written} lines: raise ENTRIES_A_DAY`);
  await new Promise((resolve, reject) => out.end((err) => (err ? reject(err) : resolve())));
  await rename(tmp, path);
}

/** Makes sure the FEC exists; returns its path. */
export async function ensureFecData({ log = (m) => process.stderr.write(`${m}\n`) } = {}) {
  const dir = join(DATA_DIR, 'fec-1M');
  const marker = join(dir, '.done');
  const path = join(dir, FEC_NAME);
  if (existsSync(marker) && readFileSync(marker, 'utf8').trim() === FEC_GENERATOR_VERSION) return path;
  const started = Date.now();
  log('generating bench/data/fec-1M …');
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await writeFec(path);
  await writeFile(marker, `${FEC_GENERATOR_VERSION}\n`);
  log(`generated bench/data/fec-1M in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return path;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await ensureFecData();
