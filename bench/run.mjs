// `npm run bench`: relance against the bare libraries, on the data of bench/generate.mjs.
//
// Each row times a relance command (A) and its baseline (B) in this same run, interleaved
// A, B, A, B…, and keeps the median wall time and the median peak RSS of each side (see
// measure.mjs for how). The table goes to stdout and to bench/RESULTS.md with the machine
// and the date; progress goes to stderr.
//
//   BENCH_RUNS=5          runs of each side per row (penalty: 3× as many, it is short)
//   BENCH_RUNS_SLOW=3     runs for the slow rows: 1M rows, the YAML file, the 10k drafts, the FEC
//   BENCH_SIZES=10k,100k  status sizes to run (default 10k,100k,1M); the YAML row comes with 100k
//   BENCH_ONLY=status,yaml,penalty,send,smtp,xlsx,fec,report   rows to run (default: all)
//   BENCH_TIMEOUT=600     seconds before a single process is killed
//   node bench/run.mjs --no-save   do not write bench/RESULTS.md

import { fork } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DATA_DIR, SEND_COUNT, SIZES, SMTP_COUNT, TODAY, XLSX_SIZE, YAML_SIZE, ensureData } from './generate.mjs';
import { FEC_LINES, ensureFecData } from './generate-fec.mjs';
import { RSS_METHOD, measure } from './measure.mjs';
import { ensureReportData } from './report-data.mjs';

const BENCH = fileURLToPath(new URL('.', import.meta.url));
const ROOT = join(BENCH, '..');
const RELANCE = join(ROOT, 'bin', 'relance');
const RESULTS = join(BENCH, 'RESULTS.md');

const RUNS = positive('BENCH_RUNS', 5);
const RUNS_SLOW = positive('BENCH_RUNS_SLOW', Math.min(RUNS, 3));
const TIMEOUT_MS = positive('BENCH_TIMEOUT', 600) * 1000;
const SIZES_WANTED = (process.env.BENCH_SIZES ?? Object.keys(SIZES).join(','))
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean)
  .map((s) => Object.keys(SIZES).find((k) => k.toLowerCase() === s.toLowerCase()) ?? fail(`BENCH_SIZES: unknown size "${s}" (sizes: ${Object.keys(SIZES).join(', ')})`));
const ONLY = new Set((process.env.BENCH_ONLY ?? 'status,yaml,penalty,send,smtp,xlsx,fec,report').split(',').map((s) => s.trim()).filter(Boolean));
const SAVE = !process.argv.includes('--no-save');

const log = (text) => process.stderr.write(`${text}\n`);

function positive(name, fallback) {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) fail(`${name}="${text}" is not a whole number ≥ 1`);
  return n;
}

function fail(message) {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(2);
}

const rel = (p) => relative(ROOT, p);
const relance = (...args) => [RELANCE, ...args];
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

// ------------------------------------------------------------------ the rows

/**
 * A row: `a` is relance, `b` its baseline. Each side: `args` (to node), optional `env`,
 * `before()` (not timed) and `check(result)` returning an error text or null.
 * `metric`: 'time' (ratio = A/B time, lower is better) or 'rate' (count per second,
 * ratio = A/B rate, higher is better). `target`: { ratio, rssMB } or null.
 * `aPending`: relance's side cannot run yet (says why); the baseline is still measured.
 */
async function buildRows(dirs) {
  const rows = [];
  if (ONLY.has('status')) {
    for (const size of SIZES_WANTED) {
      const dir = dirs[size];
      const file = join(dir, 'factures.csv');
      rows.push({
        id: `status-${size}`,
        figure: `status --format json, ${size} CSV rows`,
        baseline: 'csv-parse stream, arrays',
        runs: size === '1M' ? RUNS_SLOW : RUNS,
        warmup: size !== '1M',
        metric: 'time',
        target: size === '10k' ? null : { ratio: 1.3, rssMB: size === '1M' ? 300 : null },
        a: { args: relance('status', '--format', 'json', '--today', TODAY, '--config', join(dir, 'relance.yaml')) },
        b: { args: [join(BENCH, 'baseline-csv.mjs'), file], captureStdout: true, check: (r) => expectCount(r, SIZES[size] + 1, 'records') },
      });
    }
  }
  if (ONLY.has('yaml') && SIZES_WANTED.includes(YAML_SIZE)) {
    const dir = dirs[YAML_SIZE];
    rows.push({
      id: `yaml-${YAML_SIZE}`,
      figure: `status --format json, ${YAML_SIZE} YAML entries`,
      baseline: '`yaml` parse (failsafe)',
      runs: RUNS_SLOW,
      warmup: false,
      metric: 'time',
      target: null,
      a: { args: relance('status', '--format', 'json', '--today', TODAY, '--config', join(dir, 'relance.yaml'), '--invoices', join(dir, 'factures.yaml')) },
      b: { args: [join(BENCH, 'baseline-yaml.mjs'), join(dir, 'factures.yaml')], captureStdout: true, check: (r) => expectCount(r, SIZES[YAML_SIZE], 'entries') },
    });
  }
  if (ONLY.has('penalty')) {
    rows.push({
      id: 'penalty',
      figure: 'penalty 1234,56 --due 2025-01-31, cold start',
      baseline: '`node -e 0`',
      runs: RUNS * 3,
      warmup: true,
      metric: 'time',
      target: { ratio: 2, rssMB: null },
      a: { args: relance('penalty', '1234,56', '--due', '2025-01-31', '--today', TODAY) },
      b: { args: ['-e', '0'] },
    });
  }
  if (ONLY.has('send')) {
    const dir = dirs.send;
    const outA = join(dir, 'out-relance');
    const outB = join(dir, 'out-baseline');
    rows.push({
      id: 'send-dry-run',
      figure: `send --dry-run --out DIR, ${SEND_COUNT / 1000}k due invoices`,
      baseline: 'Handlebars + MailComposer + writeFile',
      unit: 'drafts/s',
      count: SEND_COUNT,
      runs: RUNS_SLOW,
      warmup: false,
      metric: 'rate',
      target: null,
      a: {
        args: relance('send', '--dry-run', '--out', outA, '--format', 'json', '--today', TODAY, '--config', join(dir, 'relance.yaml')),
        before: () => rm(outA, { recursive: true, force: true }),
        check: async () => expectFiles(outA, SEND_COUNT),
      },
      b: {
        args: [join(BENCH, 'baseline-drafts.mjs'), join(dir, 'factures.csv'), outB, TODAY],
        before: () => rm(outB, { recursive: true, force: true }),
        captureStdout: true,
        check: async (r) => expectCount(r, SEND_COUNT, 'drafts') ?? (await expectFiles(outB, SEND_COUNT)),
      },
    });
  }
  if (ONLY.has('smtp')) rows.push(await smtpRow(dirs.smtp, 0), await smtpRow(dirs.smtp, 5));
  if (ONLY.has('xlsx')) rows.push(await xlsxRow(dirs.xlsx));
  if (ONLY.has('fec')) {
    // Issue 15: `relance status` on a 1M-line FEC alone (no config: the legal 30 days for
    // the due dates), to its JSON, against a bare csv-parse pass over the same file.
    rows.push({
      id: 'fec-1M',
      figure: `status --format json, ${FEC_LINES / 1_000_000}M-line FEC`,
      baseline: 'csv-parse stream, arrays',
      runs: RUNS_SLOW,
      warmup: false,
      metric: 'time',
      target: { ratio: 1.5, rssMB: 300 },
      a: { args: relance('status', '--format', 'json', '--today', '2026-12-31', '--invoices', dirs.fec) },
      b: { args: [join(BENCH, 'baseline-fec.mjs'), dirs.fec], captureStdout: true, check: (r) => expectCount(r, FEC_LINES + 1, 'records') },
    });
  }
  if (ONLY.has('report')) rows.push(reportRow(await ensureReportData('100k', log)));
  return rows;
}

// ------------------------------------------------------------------ the .xlsx row

async function xlsxRow(dir) {
  const file = join(dir, 'factures.xlsx');
  const status = (invoices) => relance('status', '--format', 'json', '--today', TODAY, '--config', join(dir, 'relance.yaml'), '--invoices', invoices);
  return {
    id: `xlsx-${XLSX_SIZE}`,
    figure: `status --format json, ${XLSX_SIZE} .xlsx rows`,
    baseline: 'read-excel-file `readSheet`, arrays',
    runs: RUNS_SLOW,
    warmup: false,
    metric: 'time',
    target: null,
    a: { args: status(file) },
    b: { args: [join(BENCH, 'baseline-xlsx.mjs'), file], captureStdout: true, check: (r) => expectCount(r, SIZES[XLSX_SIZE] + 1, 'rows') },
  };
}

/** The report page of the 100k invoices and their journal; the page's size goes into the figure. */
function reportRow(dir) {
  const page = join(dir, 'page.html');
  const config = join(dir, 'relance.yaml');
  const row = {
    id: 'report-100k',
    figure: 'report (the HTML page), 100k CSV rows + a 180-day journal',
    baseline: 'status --format json, same files',
    runs: RUNS_SLOW,
    warmup: false,
    metric: 'time',
    target: null,
    a: {
      args: relance('report', '--today', TODAY, '--config', config, '--out', page),
      before: () => rm(page, { force: true }),
      check: async () => {
        const size = (await stat(page).catch(() => null))?.size;
        if (!size) return `no page written at ${rel(page)}`;
        row.figure = `report (the HTML page, ${Math.round(size / 1024)} KB), 100k CSV rows + a 180-day journal`;
        return null;
      },
    },
    b: { args: relance('status', '--format', 'json', '--quiet', '--today', TODAY, '--config', config) },
  };
  return row;
}

function expectCount(result, expected, what) {
  const n = Number(result.stdout.trim());
  return n === expected ? null : `expected ${expected} ${what}, got ${result.stdout.trim() || 'nothing'}`;
}

async function expectFiles(dir, expected) {
  const n = (await readdir(dir).catch(() => [])).filter((f) => f.endsWith('.eml')).length;
  return n === expected ? null : `expected ${expected} .eml files in ${rel(dir)}, found ${n}`;
}

// ------------------------------------------------------------------ the SMTP row

/** The local servers, by the delay of their answers (ms). */
const sinks = new Map();

async function startSink(delay) {
  const child = fork(join(BENCH, 'smtp-sink.mjs'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env: { ...process.env, SINK_DELAY: String(delay) } });
  // One question at a time: each answer goes to the oldest waiting one.
  const waiting = [];
  let exited = null;
  child.on('message', (msg) => waiting.shift()?.resolve(msg));
  child.on('exit', (code) => {
    exited = new Error(`the SMTP server exited (${code})`);
    for (const w of waiting.splice(0)) w.reject(exited);
  });
  const answer = () => new Promise((resolve, reject) => (exited ? reject(exited) : waiting.push({ resolve, reject })));
  const ask = (msg) => {
    const p = answer();
    child.send(msg);
    return p;
  };
  const { port } = await answer();
  return { port, count: () => ask('count'), reset: () => ask('reset'), stop: () => child.kill() };
}

/** `delay`: milliseconds the server takes to answer each message (0: at once; 5: a server that writes and scans). */
async function smtpRow(dir, delay) {
  const row = {
    id: delay === 0 ? 'smtp' : `smtp-${delay}ms`,
    figure: `send over SMTP, ${SMTP_COUNT.toLocaleString('en')} messages to local smtp-server${delay === 0 ? '' : ` answering in ${delay} ms`}`,
    baseline: 'raw pooled nodemailer (5 conn.)',
    unit: 'msg/s',
    count: SMTP_COUNT,
    runs: RUNS,
    warmup: true,
    metric: 'rate',
    target: { ratio: 0.8, atLeast: true, rssMB: null },
  };
  if (!existsSync(join(ROOT, 'dist', 'mail', 'live-outbox.js'))) {
    return { ...row, pending: 'dist/mail/live-outbox.js not built yet' };
  }
  // The baseline sends relance's own messages: drafted once (dry run, not timed), parsed back.
  const drafts = join(dir, 'drafts');
  await rm(drafts, { recursive: true, force: true });
  await rm(join(dir, 'state'), { recursive: true, force: true }); // an earlier run's journal: nothing would be due
  const dry = await measure(relance('send', '--dry-run', '--out', drafts, '--format', 'json', '--today', TODAY, '--config', join(dir, 'relance.yaml')), { cwd: ROOT, timeoutMs: TIMEOUT_MS });
  if (dry.code !== 0) return { ...row, error: `drafting the messages failed (exit ${dry.code}): ${firstLines(dry.stderr)}` };
  const messagesFile = join(dir, 'messages.json');
  const { default: PostalMime } = await import('postal-mime');
  const bcc = /^\s*bcc:\s*(\S+)/m.exec(readFileSync(join(dir, 'relance.yaml'), 'utf8'))?.[1];
  const messages = [];
  for (const f of (await readdir(drafts)).filter((n) => n.endsWith('.eml')).sort()) {
    const email = await PostalMime.parse(await readFile(join(drafts, f)));
    const header = (name) => email.headers.find((h) => h.key === name.toLowerCase())?.value;
    messages.push({
      from: email.from,
      to: email.to,
      replyTo: email.replyTo,
      bcc,
      subject: email.subject,
      text: email.text,
      html: email.html,
      messageId: email.messageId,
      headers: { 'X-Relance-Invoice': header('X-Relance-Invoice'), 'X-Relance-Step': header('X-Relance-Step') },
    });
  }
  if (messages.length !== SMTP_COUNT) return { ...row, error: `the dry run drafted ${messages.length} messages, not ${SMTP_COUNT}` };
  await writeFile(messagesFile, JSON.stringify(messages));

  if (!sinks.has(delay)) sinks.set(delay, await startSink(delay));
  const sink = sinks.get(delay);
  const env = { RELANCE_SMTP_URL: `smtp://127.0.0.1:${sink.port}` };
  const received = async () => {
    const { count } = await sink.count();
    return count === SMTP_COUNT ? null : `the server received ${count} messages, not ${SMTP_COUNT}`;
  };
  return {
    ...row,
    a: {
      args: relance('send', '--format', 'json', '--today', TODAY, '--config', join(dir, 'relance.yaml')),
      env,
      // A fresh journal (and sent/ archive) each run, so every message is due again.
      before: async () => {
        await rm(join(dir, 'state'), { recursive: true, force: true });
        await sink.reset();
      },
      check: received,
    },
    b: {
      args: [join(BENCH, 'baseline-smtp.mjs'), messagesFile, String(sink.port)],
      before: () => sink.reset(),
      captureStdout: true,
      check: async (r) => expectCount(r, SMTP_COUNT, 'messages accepted') ?? (await received()),
    },
  };
}

// ------------------------------------------------------------------ running

async function runSide(row, side) {
  await side.before?.();
  const result = await measure(side.args, { cwd: ROOT, env: side.env, captureStdout: side.captureStdout, timeoutMs: TIMEOUT_MS });
  if (result.code !== 0) {
    const why = result.code === 'timeout' ? `killed after ${TIMEOUT_MS / 1000} s (BENCH_TIMEOUT)` : `exit ${result.code}`;
    throw new Error(`${why}: ${firstLines(result.stderr)}`);
  }
  const problem = await side.check?.(result);
  if (problem) throw new Error(problem);
  return result;
}

function firstLines(text) {
  return text.trim().split('\n').slice(0, 4).join(' | ').slice(0, 400) || '(no message)';
}

function show(r, row) {
  const time = r.ms >= 1000 ? `${(r.ms / 1000).toFixed(2)} s` : `${Math.round(r.ms)} ms`;
  const rss = r.rssMB === null ? '? MB' : `${Math.round(r.rssMB)} MB`;
  return row.metric === 'rate' ? `${Math.round(row.count / (r.ms / 1000))} ${row.unit} (${time}) · ${rss}` : `${time} · ${rss}`;
}

async function runRow(row) {
  if (row.pending || row.error) return row;
  const tag = `[${row.id}]`;
  const side = (name) => (name === 'a' ? 'relance' : 'baseline');
  const samples = { a: [], b: [] };
  try {
    const names = row.aPending ? ['b'] : ['a', 'b'];
    if (row.warmup) {
      log(`${tag} warm-up`);
      for (const name of names) await runSide(row, row[name]);
    }
    for (let i = 1; i <= row.runs; i++) {
      const line = [];
      for (const name of names) {
        const r = await runSide(row, row[name]);
        samples[name].push(r);
        line.push(`${side(name)} ${show(r, row)}`);
      }
      log(`${tag} run ${i}/${row.runs}: ${line.join(' | ')}`);
    }
  } catch (e) {
    log(`${tag} FAILED: ${e.message}`);
    return { ...row, error: e.message, samples };
  }
  return { ...row, samples };
}

function summarize(row) {
  const base = { figure: row.figure, baselineName: row.baseline, target: targetText(row) };
  if (row.pending) return { ...base, a: 'pending', b: '', ratio: '', verdict: `pending (${row.pending})` };
  if (row.error) return { ...base, a: 'FAILED', b: '', ratio: '', verdict: `FAILED: ${row.error}` };
  const med = (name) => {
    const ms = median(row.samples[name].map((r) => r.ms));
    const rss = row.samples[name].map((r) => r.rssMB).filter((x) => x !== null);
    return { ms, rssMB: rss.length ? median(rss) : null, maxRssMB: rss.length ? Math.max(...rss) : null };
  };
  const b = med('b');
  if (row.aPending) return { ...base, a: row.aPending, b: show(b, row), ratio: '', verdict: `pending (${row.aPending})`, runs: { a: [], b: row.samples.b } };
  const a = med('a');
  const ratio = row.metric === 'rate' ? b.ms / a.ms : a.ms / b.ms;
  const misses = [];
  if (row.target?.ratio !== undefined) {
    if (row.target.atLeast ? ratio < row.target.ratio : ratio > row.target.ratio) misses.push(row.metric === 'rate' ? 'rate' : 'time');
  }
  if (row.target?.rssMB && (a.maxRssMB === null || a.maxRssMB >= row.target.rssMB)) misses.push('memory');
  const verdict = row.target === null ? '—' : misses.length === 0 ? 'ok' : `MISSES (${misses.join(', ')})`;
  return {
    ...base,
    a: show(a, row),
    b: show(b, row),
    ratio: `${ratio.toFixed(2)}×`,
    verdict,
    runs: row.samples,
    aMed: a,
    bMed: b,
  };
}

function targetText(row) {
  if (!row.target) return '—';
  const parts = [];
  if (row.target.ratio !== undefined) parts.push(`${row.target.atLeast ? '≥' : '≤'} ${row.target.ratio}×`);
  if (row.target.rssMB) parts.push(`RSS < ${row.target.rssMB} MB`);
  return parts.join(', ');
}

function table(summaries) {
  const head = ['relance command', 'relance', 'baseline', 'baseline is', 'ratio', 'target', 'verdict'];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map((h, i) => (i === 0 || i === 3 || i === 6 ? ':---' : '---:')).join('|')}|`];
  for (const s of summaries) lines.push(`| ${[s.figure, s.a, s.b, s.baselineName, s.ratio, s.target, s.verdict].map((c) => String(c).replace(/\|/g, '\\|')).join(' | ')} |`);
  return lines.join('\n');
}

function machine() {
  const cpuinfo = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? cpus()[0]?.model ?? 'unknown';
  let nproc;
  try {
    nproc = execFileSync('nproc', { encoding: 'utf8' }).trim();
  } catch {
    nproc = String(cpus().length);
  }
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    // not a git checkout
  }
  return { model, nproc, node: process.version, memGB: (totalmem() / 2 ** 30).toFixed(1), commit };
}

function commandLine() {
  const env = ['BENCH_RUNS', 'BENCH_RUNS_SLOW', 'BENCH_SIZES', 'BENCH_ONLY', 'BENCH_TIMEOUT'].filter((k) => process.env[k]).map((k) => `${k}=${process.env[k]}`);
  return [...env, 'npm run bench'].join(' ');
}

function runsDetail(summaries) {
  const out = [];
  for (const s of summaries) {
    if (!s.runs) continue;
    const time = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);
    const list = (rs) => rs.map((r) => `${time(r.ms)}/${r.rssMB === null ? '?' : Math.round(r.rssMB)} MB`).join(', ');
    out.push(`- ${s.figure}: relance ${list(s.runs.a)}; baseline ${list(s.runs.b)}`);
  }
  return out.join('\n');
}

// ------------------------------------------------------------------ main

const started = new Date();
const load0 = loadavg()[0];
const info = machine();
log(`bench: ${info.nproc} cores (${info.model}), Node ${info.node}; runs ${RUNS} (slow rows ${RUNS_SLOW}); sizes ${SIZES_WANTED.join(', ')}; rows ${[...ONLY].join(', ')}`);
log(`bench: peak RSS by ${RSS_METHOD}`);
if (load0 > 0.5) log(`bench: load average is ${load0.toFixed(2)} before starting: other work on this machine will add noise`);

await mkdir(DATA_DIR, { recursive: true });
const dirs = await ensureData({ sizes: SIZES_WANTED, send: ONLY.has('send') || ONLY.has('smtp'), xlsx: ONLY.has('xlsx'), log });
if (ONLY.has('fec')) dirs.fec = await ensureFecData({ log });

const rows = await buildRows(dirs);
const done = [];
try {
  for (const row of rows) {
    const t0 = Date.now();
    done.push(await runRow(row));
    if (!row.pending && !row.error) log(`[${row.id}] done in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  }
} finally {
  for (const sink of sinks.values()) sink.stop();
}

// The live outbox may have landed while we ran: say so rather than leave a stale "pending".
for (const row of done) {
  if (row.pending && existsSync(join(ROOT, 'dist', 'mail', 'live-outbox.js'))) row.pending += '; it exists now: run `BENCH_ONLY=smtp npm run bench`';
}

const summaries = done.map(summarize);
const elapsed = (Date.now() - started.getTime()) / 1000;
const load1 = loadavg()[0];
const tableText = table(summaries);
process.stdout.write(`\n${tableText}\n\n`);
log(`bench: ${elapsed.toFixed(0)} s in all; load average ${load0.toFixed(2)} → ${load1.toFixed(2)}`);

if (SAVE) {
  const md = `# Benchmark results

Written by \`bench/run.mjs\` (\`npm run bench\`); the last run overwrites it.

- **Date:** ${started.toISOString().replace(/\.\d+Z$/, 'Z')} (took ${elapsed.toFixed(0)} s)
- **Command:** \`${commandLine()}\`
- **Machine:** ${info.nproc} cores (\`nproc\`), ${info.model}, ${info.memGB} GiB; Node ${info.node}
- **Commit:** ${info.commit} (plus whatever was uncommitted in the working tree)
- **Load average (1 min):** ${load0.toFixed(2)} at the start, ${load1.toFixed(2)} at the end — other work on the machine adds noise
- **Runs:** median of ${RUNS} runs per side (${RUNS_SLOW} for 1M rows, the YAML file, the drafts and the FEC; ${RUNS * 3} for the cold start), A and B interleaved, one untimed warm-up of each on the short rows
- **Data:** \`bench/generate.mjs\` and \`bench/generate-fec.mjs\`, seeded; \`--today ${TODAY}\`
- **Peak RSS:** ${RSS_METHOD}
- **Wall time:** from spawn to exit of the measured process; rates count the whole process (start-up included) for relance and the baseline alike

${tableText}

Ratio: relance ÷ baseline for times; relance rate ÷ baseline rate for drafts/s and msg/s.
Targets from issues 7 and 15 (a memory target is checked against the highest peak of the runs).
"—": no target, for information.

## Each run

${runsDetail(summaries)}
`;
  await writeFile(RESULTS, md);
  log(`bench: wrote ${rel(RESULTS)}`);
}
process.exitCode = summaries.some((s) => s.verdict.startsWith('FAILED')) ? 1 : 0;
