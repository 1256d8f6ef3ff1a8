// Deterministic invoice files for the benchmark, in bench/data/ (git-ignored):
//
//   <size>/factures.csv     10k, 100k, 1M rows of a French export (BOM, CRLF, ";", 1 234,56, dd/mm/yyyy)
//   100k/factures.yaml      the same 100k invoices as a YAML list (number/client/email/… keys)
//   <size>/relance.yaml     a config naming the file, with a creditor, mail.from and a journal here
//   send-10k/               10k invoices of 10k clients, each with relance-1 due on TODAY
//   smtp-1k/                the first 1,000 of them, for the real SMTP send
//   xlsx-100k/factures.xlsx the 100k invoices of 100k/factures.csv as an Excel workbook
//                           (generate-xlsx.mjs), and probe.xlsx: its first 2 rows
//
// Rows come from a seeded PRNG (no Math.random), one row after the other, so the 10k file
// is the first 10k rows of the 100k and of the 1M file. A dataset is written only when its
// folder lacks a `.done` holding GENERATOR_VERSION: bump it whenever the output changes.
//
//   node bench/generate.mjs [10k,100k,1M,xlsx]      (run.mjs calls ensureData itself)

import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeInvoicesXlsx } from './generate-xlsx.mjs';

export const GENERATOR_VERSION = 'relance-bench-data v1';
export const DATA_DIR = join(dirname(fileURLToPath(import.meta.url)), 'data');
/** The day every benchmark runs as (`--today`). */
export const TODAY = '2026-11-22';
export const SIZES = { '10k': 10_000, '100k': 100_000, '1M': 1_000_000 };
export const YAML_SIZE = '100k';
export const XLSX_SIZE = '100k';
export const SEND_COUNT = 10_000;
export const SMTP_COUNT = 1_000;

const HEADER = 'N° facture;Client;Email;Type client;Date;Échéance;Montant TTC;Payé;Date de paiement;Statut;Étiquettes;Langue;PDF';
const NBSP = '\u00a0';
const CLIENT_COUNT = 4_000;

// ------------------------------------------------------------------ randomness and days

/** sfc32: small, fast, and the same sequence on every machine for a given seed. */
export function prng(seed) {
  let a = 0x9e3779b9, b = 0x243f6a88, c = 0xb7e15162, d = seed >>> 0;
  const next = () => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 20; i++) next();
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (list) => list[Math.floor(next() * list.length)],
  };
}

const DAY_MS = 86_400_000;
const dayOf = (iso) => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / DAY_MS;
const TODAY_DAY = dayOf(TODAY);
const FIRST_ISSUE = dayOf('2024-01-01');
const LAST_ISSUE = dayOf('2026-12-10');

function ymd(day) {
  const d = new Date(day * DAY_MS);
  return [d.getUTCFullYear(), String(d.getUTCMonth() + 1).padStart(2, '0'), String(d.getUTCDate()).padStart(2, '0')];
}
const frenchDate = (day) => { const [y, m, d] = ymd(day); return `${d}/${m}/${y}`; };
const isoDate = (day) => ymd(day).join('-');

/** 123456 cents → "1 234,56" with a no-break space, as French spreadsheets export it. */
function frenchAmount(cents, space = NBSP) {
  const euros = String(Math.floor(cents / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, space);
  return `${euros},${String(cents % 100).padStart(2, '0')}`;
}

// ------------------------------------------------------------------ clients

const TRADES = ['Boulangerie', 'Menuiserie', 'Garage', 'Cabinet', 'Atelier', 'Librairie', 'Transports', 'Studio', 'Pharmacie', 'Plomberie', 'Électricité', 'Imprimerie', 'Fromagerie', 'Brasserie', 'Ferronnerie', 'Agence', 'Boucherie', 'Maçonnerie', 'Pépinières', 'Toiture', 'Carrosserie', 'Optique', 'Hôtel', 'Restaurant', 'Cave', 'Quincaillerie', 'Serrurerie', 'Traiteur', 'Laboratoire', 'Clinique vétérinaire'];
const FORMS = ['', '', '', ' SARL', ' SAS', ' & Fils', ' EURL', ' et Associés'];
const SURNAMES = ['Dupont', 'Leroy', 'Rousseau', 'Martin', 'Girard', 'Morel', 'Blanc', 'Fontaine', 'Petit', 'Benali', 'Marchal', 'Durand', 'Lefèvre', 'Moreau', 'Laurent', 'Simon', 'Michel', 'Garnier', 'Faure', 'André', 'Mercier', 'Bonnet', 'François', 'Lambert', 'Chevalier', 'Robin', 'Masson', 'Sanchez', 'Muller', 'Nguyen', 'Roussel', 'Perrin', 'Morin', 'Mathieu', 'Clément', 'Gauthier', 'Dumont', 'Lopez', 'Fournier', 'Guérin', 'Boyer', 'Rivière', 'Gaillard', 'Brun', 'Barbier', 'Arnaud', 'Renaud', 'Colin', 'Vidal', 'Caron', 'Picard', 'Roger', 'Fabre', 'Aubert', 'Lemoine', 'Meyer', 'Dufour', 'Meunier', 'Lacroix', 'Giraud'];
const FIRST_NAMES = [['M.', 'Julien'], ['M.', 'Karim'], ['M.', 'Thomas'], ['M.', 'Lucas'], ['M.', 'Hugo'], ['M.', 'Paul'], ['Mme', 'Claire'], ['Mme', 'Sophie'], ['Mme', 'Camille'], ['Mme', 'Léa'], ['Mme', 'Inès'], ['Mme', 'Chloé']];
const CITIES = ['Paris', 'Lyon', 'Lille', 'Nantes', 'Rennes', 'Bordeaux', 'Toulouse', 'Nice', 'Dijon', 'Tours', 'Metz', 'Reims', 'Brest', 'Caen', 'Nancy', 'Rouen', 'Angers', 'Nîmes', 'Pau', 'Annecy'];

const slug = (text) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/&/g, 'et').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** `count` distinct clients: ~5 % consumers (B2C), ~5 % English-speaking, ~5 % tagged fidele. */
export function makeClients(count, rng) {
  const clients = [];
  const names = new Set();
  for (let i = 0; i < count; i++) {
    const b2c = rng.next() < 0.05;
    let name;
    let email;
    if (b2c) {
      const [civ, first] = rng.pick(FIRST_NAMES);
      const last = rng.pick(SURNAMES);
      name = `${civ} ${first} ${last}`;
      if (names.has(name)) name = `${name} (${rng.pick(CITIES)})`;
      if (names.has(name)) name = `${civ} ${first} ${last} (${i})`;
      email = `${slug(first)}.${slug(last)}.${i}@mail.example`;
    } else {
      const base = `${rng.pick(TRADES)} ${rng.pick(SURNAMES)}`;
      name = `${base}${rng.pick(FORMS)}`;
      if (names.has(name)) name = `${base} ${rng.pick(CITIES)}`;
      if (names.has(name)) name = `${base} ${i}`;
      email = `${rng.pick(['compta', 'factures', 'contact', 'gestion'])}@${slug(name)}.example`;
    }
    names.add(name);
    clients.push({ name, email, type: b2c ? 'b2c' : 'b2b', language: rng.next() < 0.05 ? 'en' : 'fr', tags: rng.next() < 0.05 ? 'fidele' : '' });
  }
  return clients;
}

// ------------------------------------------------------------------ invoices

/**
 * The invoice stream of the status files: issue dates over 2024-01-01…2026-12-10 with
 * 30/45/60-day terms (≈ 94 % due before TODAY); 15 % paid, 10 % partly paid, 1.5 % in
 * dispute, the rest unpaid; amounts 50 € to 25 000 €, log-uniform.
 */
function* invoiceStream() {
  const rng = prng(20261122);
  const clients = makeClients(CLIENT_COUNT, rng);
  for (let seq = 1; ; seq++) {
    // Some clients get many more invoices than others.
    const client = clients[Math.floor(CLIENT_COUNT * rng.next() ** 1.6)];
    const issue = rng.int(FIRST_ISSUE, LAST_ISSUE);
    const terms = rng.pick([30, 30, 30, 30, 30, 30, 30, 45, 45, 60]);
    const due = issue + terms;
    const amount = Math.round(Math.exp(Math.log(5_000) + rng.next() * Math.log(500)));
    const roll = rng.next();
    const settled = issue < TODAY_DAY - 1;
    const paidDay = Math.min(issue + rng.int(1, terms + 60), TODAY_DAY - 1);
    let paid = null;
    let status = 'Impayée';
    if (settled && roll < 0.15) {
      paid = amount;
      status = 'Payée';
    } else if (settled && roll < 0.25) {
      paid = Math.max(1, Math.round(amount * (0.2 + 0.6 * rng.next())));
      status = 'Partiellement payée';
    } else if (roll < 0.265) {
      status = 'Litige';
    }
    yield {
      number: `F-${ymd(issue)[0]}-${String(seq).padStart(7, '0')}`,
      client,
      issue,
      due,
      amount,
      paid,
      paidDay: paid === null ? null : paidDay,
      status,
    };
  }
}

/**
 * The send files: invoice i to client i, all unpaid (10 % partly paid), due 2 to 5 days
 * before TODAY with an empty journal, so relance-1 (day 2) is due for every one of them
 * and each makes one message of its own.
 */
function* sendStream(count) {
  const rng = prng(4242);
  const clients = makeClients(count, rng);
  for (let i = 0; i < count; i++) {
    const due = TODAY_DAY - 2 - (i % 4);
    const issue = due - 30;
    const amount = Math.round(Math.exp(Math.log(5_000) + rng.next() * Math.log(500)));
    const partly = rng.next() < 0.1;
    yield {
      number: `R-2026-${String(i + 1).padStart(6, '0')}`,
      client: clients[i],
      issue,
      due,
      amount,
      paid: partly ? Math.max(1, Math.round(amount * 0.4)) : null,
      paidDay: partly ? due - 5 : null,
      status: partly ? 'Partiellement payée' : 'Impayée',
    };
  }
}

function csvLine(inv) {
  const c = inv.client;
  return `${inv.number};${c.name};${c.email};${c.type};${frenchDate(inv.issue)};${frenchDate(inv.due)};${frenchAmount(inv.amount)};${inv.paid === null ? '' : frenchAmount(inv.paid)};${inv.paidDay === null ? '' : frenchDate(inv.paidDay)};${inv.status};${c.tags};${c.language};\r\n`;
}

function yamlEntry(inv) {
  const c = inv.client;
  const lines = [
    `- number: ${inv.number}`,
    `  client: ${c.name}`,
    `  email: ${c.email}`,
    `  client_type: ${c.type}`,
    `  issue_date: ${isoDate(inv.issue)}`,
    `  due_date: ${isoDate(inv.due)}`,
    `  amount: ${frenchAmount(inv.amount, ' ')}`,
  ];
  if (inv.paid !== null) lines.push(`  paid_amount: ${frenchAmount(inv.paid, ' ')}`, `  paid_date: ${isoDate(inv.paidDay)}`);
  lines.push(`  status: ${inv.status}`);
  if (c.tags) lines.push(`  tags: ${c.tags}`);
  lines.push(`  language: ${c.language}`, '');
  return lines.join('\n');
}

// ------------------------------------------------------------------ files

/** Writes `count` items of `stream` through `format` to `path` (via a temp file), in batches. */
async function writeStream(path, head, stream, count, format) {
  const tmp = `${path}.tmp`;
  const out = createWriteStream(tmp);
  const write = (text) => (out.write(text) ? null : new Promise((r) => out.once('drain', r)));
  await write(head);
  let batch = [];
  let n = 0;
  for (const item of stream) {
    batch.push(format(item));
    if (++n === count) break;
    if (batch.length === 5_000) {
      await write(batch.join(''));
      batch = [];
    }
  }
  await write(batch.join(''));
  await new Promise((resolve, reject) => out.end((err) => (err ? reject(err) : resolve())));
  await rename(tmp, path);
}

function configText({ invoices, journal, comment }) {
  return `# ${comment}
# Written by bench/generate.mjs (${GENERATOR_VERSION}); regenerated when the version changes.
invoices: ${invoices}
journal: ${journal}
timezone: Europe/Paris

creditor:
  name: Atelier Dupont SARL
  email: compta@atelier-dupont.example
  phone: 01 23 45 67 89
  address: 12 rue des Lilas, 75011 Paris
  siren: "123456789"
  iban: FR76 3000 6000 0112 3456 7890 189
  payment_link: https://pay.example/atelier-dupont

mail:
  from: "Atelier Dupont <compta@atelier-dupont.example>"
  reply_to: compta@atelier-dupont.example
  bcc: archives@atelier-dupont.example
`;
}

function isFresh(dir) {
  const marker = join(dir, '.done');
  return existsSync(marker) && readFileSync(marker, 'utf8').trim() === GENERATOR_VERSION;
}

async function dataset(name, log, build) {
  const dir = join(DATA_DIR, name);
  if (isFresh(dir)) return dir;
  const started = Date.now();
  log(`generating bench/data/${name} …`);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await build(dir);
  await writeFile(join(dir, '.done'), `${GENERATOR_VERSION}\n`);
  log(`generated bench/data/${name} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return dir;
}

function* take(stream, count) {
  let n = 0;
  for (const item of stream) {
    if (n++ === count) return;
    yield item;
  }
}

/**
 * Makes sure the datasets for these sizes exist (plus the YAML file when its size is
 * asked for, the send sets when `send` is true, the workbook when `xlsx` is); returns
 * their folders.
 */
export async function ensureData({ sizes = Object.keys(SIZES), send = true, xlsx = false, log = (m) => process.stderr.write(`${m}\n`) } = {}) {
  const dirs = {};
  for (const size of sizes) {
    const count = SIZES[size];
    if (count === undefined) throw new Error(`unknown size "${size}" (sizes: ${Object.keys(SIZES).join(', ')})`);
    dirs[size] = await dataset(size, log, async (dir) => {
      await writeStream(join(dir, 'factures.csv'), `\ufeff${HEADER}\r\n`, invoiceStream(), count, csvLine);
      if (size === YAML_SIZE) {
        await writeStream(join(dir, 'factures.yaml'), `# ${count} invoices, the same as factures.csv (bench/generate.mjs)\n`, invoiceStream(), count, yamlEntry);
      }
      await writeFile(join(dir, 'relance.yaml'), configText({ invoices: 'factures.csv', journal: 'journal.jsonl', comment: `benchmark: ${size} invoices, an empty journal` }));
    });
  }
  if (send) {
    dirs.send = await dataset(`send-${SEND_COUNT / 1000}k`, log, async (dir) => {
      await writeStream(join(dir, 'factures.csv'), `\ufeff${HEADER}\r\n`, sendStream(SEND_COUNT), SEND_COUNT, csvLine);
      await writeFile(join(dir, 'relance.yaml'), configText({ invoices: 'factures.csv', journal: 'journal.jsonl', comment: `benchmark: ${SEND_COUNT} invoices with relance-1 due on ${TODAY}, an empty journal` }));
    });
    dirs.smtp = await dataset(`smtp-${SMTP_COUNT / 1000}k`, log, async (dir) => {
      await writeStream(join(dir, 'factures.csv'), `\ufeff${HEADER}\r\n`, sendStream(SEND_COUNT), SMTP_COUNT, csvLine);
      // state/ is wiped before each run: a fresh journal (and sent/ archive) every time.
      await writeFile(join(dir, 'relance.yaml'), configText({ invoices: 'factures.csv', journal: 'state/journal.jsonl', comment: `benchmark: ${SMTP_COUNT} reminders due on ${TODAY}, sent for real to a local SMTP server` }));
    });
  }
  if (xlsx) {
    dirs.xlsx = await dataset(`xlsx-${XLSX_SIZE}`, log, async (dir) => {
      const header = HEADER.split(';');
      await writeInvoicesXlsx(join(dir, 'factures.xlsx'), header, take(invoiceStream(), SIZES[XLSX_SIZE]));
      await writeInvoicesXlsx(join(dir, 'probe.xlsx'), header, take(invoiceStream(), 2));
      await writeFile(join(dir, 'relance.yaml'), configText({ invoices: 'factures.xlsx', journal: 'journal.jsonl', comment: `benchmark: the ${XLSX_SIZE} invoices as an .xlsx workbook, an empty journal` }));
    });
  }
  return dirs;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const wanted = (process.argv[2] ?? Object.keys(SIZES).join(',')).split(',').filter(Boolean);
  await ensureData({ sizes: wanted.filter((s) => s !== 'xlsx'), xlsx: wanted.includes('xlsx'), send: wanted.some((s) => s !== 'xlsx') });
}
