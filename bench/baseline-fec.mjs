// Baseline for relance's FEC reader: a bare csv-parse streaming pass over the same file,
// records as arrays, "|" separated, the reader's own options (relax_quotes,
// relax_column_count), counting them.
//   node bench/baseline-fec.mjs FILE      → prints the number of records (header included)
import { createReadStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { parse } from 'csv-parse';

const parser = createReadStream(process.argv[2]).pipe(parse({ delimiter: '|', bom: true, columns: false, relax_quotes: true, relax_column_count: true }));
let records = 0;
parser.on('readable', () => {
  while (parser.read() !== null) records++;
});
await finished(parser);
process.stdout.write(`${records}\n`);
