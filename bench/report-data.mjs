// The data of the report benchmark: the invoices of bench/data/<size>/factures.csv with a
// journal, as if relance had been running the shipped policy for the last 180 days, so the
// page has reminder effectiveness and per-client histories to show. Written to
// bench/data/report-<size>/ (git-ignored), once per REPORT_DATA_VERSION.
//
//   node bench/report-data.mjs [10k,100k]      (run.mjs calls ensureReportData itself)

import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { DATA_DIR, TODAY, ensureData } from './generate.mjs';

export const REPORT_DATA_VERSION = 'relance-report-bench v1';

const DAY_MS = 86_400_000;
const dayOf = (text) => {
  const [d, m, y] = text.split('/').map(Number);
  return Date.UTC(y, m - 1, d) / DAY_MS;
};
const iso = (day) => new Date(day * DAY_MS).toISOString().slice(0, 10);
const TODAY_DAY = Date.UTC(+TODAY.slice(0, 4), +TODAY.slice(5, 7) - 1, +TODAY.slice(8, 10)) / DAY_MS;
const STARTED = TODAY_DAY - 180;
/** The shipped policy after the due date: day, step, how `send` journals it. */
const STEPS = [
  [2, 'relance-1', 'sent', 'email'],
  [7, 'appel', 'issued', 'call'],
  [15, 'relance-2', 'sent', 'email'],
  [30, 'mise-en-demeure', 'issued', 'letter'],
  [90, 'recouvrement', 'issued', 'task'],
];

function entry(type, day, invoice, step, channel) {
  const date = iso(day);
  return JSON.stringify({
    type, date, at: `${date}T07:00:00.000Z`, invoice, step, channel,
    message_id: type === 'sent' ? `<relance.${invoice}.${step}@atelier-dupont.example>` : null,
    subject: null, to: null, error: null, event: null, until: null, note: null, run: `${date}.bench`,
  });
}

/** The journal lines of one CSV row: every step due since relance started, until it was paid in full. */
function linesOf(row) {
  const [number, , , , , dueText, , , paidDateText, status] = row.split(';');
  if (status === 'Litige') return [];
  const due = dayOf(dueText);
  const settled = status === 'Payée' && paidDateText ? dayOf(paidDateText) : Infinity;
  const lines = [];
  for (const [offset, step, type, channel] of STEPS) {
    const day = due + offset;
    if (day < STARTED || day > TODAY_DAY || day >= settled) continue;
    lines.push({ day, text: entry(type, day, number, step, channel) });
  }
  return lines;
}

export async function ensureReportData(size, log = (m) => process.stderr.write(`${m}\n`)) {
  const source = (await ensureData({ sizes: [size], send: false, log }))[size];
  const dir = join(DATA_DIR, `report-${size}`);
  const marker = join(dir, '.done');
  if (existsSync(marker) && readFileSync(marker, 'utf8').trim() === REPORT_DATA_VERSION) return dir;
  log(`generating bench/data/report-${size} …`);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const all = [];
  let first = true;
  for await (const line of createInterface({ input: createReadStream(join(source, 'factures.csv'), 'utf8'), crlfDelay: Infinity })) {
    if (first) {
      first = false;
      continue;
    }
    if (line !== '') for (const l of linesOf(line)) all.push(l);
  }
  // The journal is in the order things happened.
  all.sort((a, b) => a.day - b.day);
  await writeFile(join(dir, 'journal.jsonl'), all.map((l) => l.text).join('\n') + '\n');
  await writeFile(
    join(dir, 'relance.yaml'),
    `# benchmark: the ${size} invoices of bench/data/${size} with ${all.length} journal entries (180 days of the shipped policy)\n# Written by bench/report-data.mjs (${REPORT_DATA_VERSION}).\ninvoices: ../${size}/factures.csv\njournal: journal.jsonl\ncreditor:\n  name: Atelier Dupont SARL\n`,
  );
  await writeFile(marker, `${REPORT_DATA_VERSION}\n`);
  log(`generated bench/data/report-${size}: ${all.length} journal entries`);
  return dir;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const size of (process.argv[2] ?? '10k,100k').split(',').filter(Boolean)) await ensureReportData(size);
}
