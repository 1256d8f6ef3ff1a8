// The FEC row's relance side: relance's FEC reader (the built dist/io/fec-file.js) over a
// file, to its open receivables.
//   node bench/fec-read.mjs FILE   → prints "N open items, M credits, K issues"
import { readFecReceivables } from '../dist/io/fec-file.js';

const read = await readFecReceivables(process.argv[2], 'fec.txt');
const errors = read.issues.filter((i) => i.severity === 'error');
if (errors.length > 0) {
  process.stderr.write(`${errors.length} errors, the first: ${JSON.stringify(errors[0])}\n`);
  process.exit(1);
}
process.stdout.write(`${read.items.length} open items, ${read.credits.length} credits, ${read.issues.length} issues\n`);
