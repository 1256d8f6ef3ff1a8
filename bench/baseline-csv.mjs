// Baseline for `relance status` on a CSV file: a bare csv-parse streaming pass over the
// same file, records as arrays (`columns: false`), delimiter ";", counting them.
//   node bench/baseline-csv.mjs FILE      → prints the number of records (header included)
import { createReadStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { parse } from 'csv-parse';

const parser = createReadStream(process.argv[2]).pipe(parse({ delimiter: ';', bom: true, columns: false }));
let records = 0;
parser.on('readable', () => {
  while (parser.read() !== null) records++;
});
await finished(parser);
process.stdout.write(`${records}\n`);
