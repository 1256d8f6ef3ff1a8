// Rebuilds examples/sent/ (the sent-mail archive of the example setup) for the e-mails its
// journal says were sent and the archive lacks: each is drafted again by the built binary
// as it went out that day (`send --dry-run --out` on a copy whose journal stops the day
// before), then given the journal's Message-ID and time, and appended to the day's mbox.
//
//   npm run build --silent && node scripts/rebuild-example-archive.mjs

import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mboxEntry, sentNotArchived } from '../dist/mail/archive.js';
import { parseIsoDay } from '../dist/domain/dates.js';
import { appendFile } from 'node:fs/promises';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const EXAMPLES = join(ROOT, 'examples');
const journalPath = join(EXAMPLES, 'journal.jsonl');
const lines = readFileSync(journalPath, 'utf8').split('\n').filter((l) => l.trim() !== '');
const entries = lines.map((l) => JSON.parse(l));
const missing = await sentNotArchived(journalPath, entries);
console.log(`${missing.length} e-mails sent are not in examples/sent/`);

for (const entry of missing) {
  const work = mkdtempSync(join(tmpdir(), 'relance-example-archive-'));
  try {
    cpSync(EXAMPLES, work, { recursive: true });
    // The journal as it stood that morning: every line dated before the day of the send.
    const before = lines.filter((l) => JSON.parse(l).date < entry.date);
    writeFileSync(join(work, 'journal.jsonl'), before.map((l) => `${l}\n`).join(''));
    rmSync(join(work, 'sent'), { recursive: true, force: true });
    const out = join(work, 'drafts');
    const draftOf = () => {
      rmSync(out, { recursive: true, force: true });
      execFileSync(process.execPath, [join(ROOT, 'bin', 'relance'), 'send', '--dry-run', '--out', out, '--invoice', entry.invoice, '--today', entry.date, '--config', join(work, 'relance.yaml')], { stdio: 'ignore' });
      return readdirSync(out).filter((f) => f.endsWith('.eml')).map((f) => readFileSync(join(out, f), 'latin1')).find((m) => m.includes(`X-Relance-Step: ${entry.step}`));
    };
    let draft = draftOf();
    if (draft === undefined) {
      // Disputed or paused since: that day it was still open (its status column emptied).
      const csv = join(work, 'factures.csv');
      const rows = readFileSync(csv, 'utf8').split('\n');
      const status = rows[0].split(';').indexOf('Statut');
      writeFileSync(csv, rows.map((r) => (r.startsWith(`${entry.invoice};`) ? r.split(';').map((c, i) => (i === status ? '' : c)).join(';') : r)).join('\n'));
      const yaml = join(work, 'particuliers.yaml');
      writeFileSync(yaml, readFileSync(yaml, 'utf8').replace(/^\s+paused_until:.*\n/gm, ''));
      draft = draftOf();
    }
    if (draft === undefined) throw new Error(`no draft of ${entry.invoice} ${entry.step} on ${entry.date}`);
    const sentAt = new Date(entry.at).toUTCString().replace('GMT', '+0000');
    const message = draft
      .replace(/^Message-ID:[^\n]*(\n[ \t][^\n]*)*/m, `Message-ID: ${entry.message_id}`)
      .replace(/^Date:[^\n]*/m, `Date: ${sentAt}`);
    await appendFile(join(EXAMPLES, 'sent', `${entry.date}.mbox`), mboxEntry(Buffer.from(message, 'latin1'), parseIsoDay(entry.date)));
    console.log(`${entry.date} ${entry.invoice} ${entry.step}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
