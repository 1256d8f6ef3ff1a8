// One-off measurement of the FEC reader against a bare csv-parse pass over the same
// generated 1M-line FEC (bench/generate-fec.mjs): wall time and peak RSS of each, run in
// turn A, B, A, B… (BENCH_RUNS, default 3), medians and the ratio. Build first:
//   npm run build --silent && node bench/measure-fec.mjs
// This is the reader alone; `npm run bench`'s "fec-1M" row measures `relance status` on the
// same file against the same baseline (BENCH_ONLY=fec runs that row alone).

import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureFecData } from './generate-fec.mjs';
import { RSS_METHOD, measure } from './measure.mjs';

const BENCH = fileURLToPath(new URL('.', import.meta.url));
const ROOT = join(BENCH, '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

if (!existsSync(join(ROOT, 'dist', 'io', 'fec-file.js'))) {
  process.stderr.write('measure-fec: build first (npm run build --silent)\n');
  process.exit(2);
}
const file = await ensureFecData();
const sides = {
  relance: [join(BENCH, 'fec-read.mjs'), file],
  'csv-parse': [join(BENCH, 'baseline-fec.mjs'), file],
};
const runs = { relance: [], 'csv-parse': [] };
process.stderr.write(`measure-fec: ${RUNS} runs a side; peak RSS by ${RSS_METHOD}; load average ${loadavg()[0].toFixed(2)}\n`);
for (let i = 1; i <= RUNS; i++) {
  for (const [name, args] of Object.entries(sides)) {
    const r = await measure(args, { cwd: ROOT, captureStdout: true });
    if (r.code !== 0) throw new Error(`${name} failed (exit ${r.code}): ${r.stderr.slice(0, 400)}`);
    runs[name].push(r);
    process.stderr.write(`  run ${i} ${name}: ${(r.ms / 1000).toFixed(2)} s, ${Math.round(r.rssMB)} MB — ${r.stdout.trim()}\n`);
  }
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const a = { s: median(runs.relance.map((r) => r.ms)) / 1000, mb: Math.max(...runs.relance.map((r) => r.rssMB)) };
const b = { s: median(runs['csv-parse'].map((r) => r.ms)) / 1000, mb: Math.max(...runs['csv-parse'].map((r) => r.rssMB)) };
const ratio = a.s / b.s;
process.stdout.write(`FEC reader ${a.s.toFixed(2)} s, peak ${Math.round(a.mb)} MB | bare csv-parse ${b.s.toFixed(2)} s, peak ${Math.round(b.mb)} MB | ratio ${ratio.toFixed(2)}× (target ≤ 1.5×, < 300 MB): ${ratio <= 1.5 && a.mb < 300 ? 'ok' : 'MISSES'}; load average now ${loadavg()[0].toFixed(2)}\n`);
