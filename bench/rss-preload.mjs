// Fallback peak-RSS probe when GNU time is not installed (see measure.mjs): loaded with
// `node --import`, it writes the process's ru_maxrss in KiB to $BENCH_RSS_FILE at exit.
import { writeFileSync } from 'node:fs';

const file = process.env.BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    writeFileSync(file, `${process.resourceUsage().maxRSS}\n`);
  });
}
