// Baseline for `relance status` on an .xlsx workbook: read-excel-file's bare read of its
// first sheet (`readSheet`, every row as an array of values), counting the rows.
//   node bench/baseline-xlsx.mjs FILE      → prints the number of rows (header included)
import { readSheet } from 'read-excel-file/node';

const rows = await readSheet(process.argv[2]);
process.stdout.write(`${rows.length}\n`);
