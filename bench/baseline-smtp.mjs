// Baseline for `relance send` over SMTP: raw pooled nodemailer (pool of 5, maxMessages
// Infinity, every message queued at once; the transport options relance's smtp.ts uses on
// loopback) sending the same messages — taken from relance's own drafts of that run, see
// run.mjs — to the same local server. nodemailer builds each MIME message itself, as
// relance does.
//   node bench/baseline-smtp.mjs MESSAGES.json PORT   → prints the number accepted
import { readFileSync } from 'node:fs';
import nodemailer from 'nodemailer';

const [file, port] = process.argv.slice(2);
const messages = JSON.parse(readFileSync(file, 'utf8'));
const transport = nodemailer.createTransport({
  pool: true,
  host: '127.0.0.1',
  port: Number(port),
  secure: false,
  tls: { rejectUnauthorized: false },
  maxConnections: 5,
  maxMessages: Infinity,
  logger: false,
  debug: false,
});
const results = await Promise.allSettled(messages.map((m) => transport.sendMail({ ...m, date: new Date() })));
transport.close();
const failed = results.filter((r) => r.status === 'rejected');
if (failed.length > 0) {
  process.stderr.write(`${failed.length} failed: ${failed[0].reason?.message}\n`);
  process.exitCode = 1;
}
process.stdout.write(`${results.length - failed.length}\n`);
