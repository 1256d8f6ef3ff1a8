// Baseline for `relance status --invoices FILE.yaml`: a bare `yaml` parse of the same file
// into plain data, with the failsafe schema relance reads invoice files with.
//   node bench/baseline-yaml.mjs FILE     → prints the number of entries
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

const data = parse(readFileSync(process.argv[2], 'utf8'), { schema: 'failsafe' });
process.stdout.write(`${Array.isArray(data) ? data.length : 0}\n`);
