// `relance send` when its own files fail it, through the built binary with a real SMTP
// server: a journal that cannot grow (a real file-size limit, prlimit --fsize), an archive
// or a letters folder with a file in the way. Whatever went out is told as sent, nothing
// is ever said sent that the journal does not hold, and the journal stays whole.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, truncateSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { journalEntry, serializeEntry } from '../../src/domain/journal-entry.js';
import { readJournal } from '../../src/io/journal.js';
import { archivedIds } from '../../src/mail/archive.js';
import { runRelance, startRelance } from '../helpers/run-cli.js';
import type { TestSmtp } from '../helpers/smtp-server.js';
import { serversClosedAfterEach } from '../helpers/smtp-server.js';
import { journalOf, messageIdOf, removeTempDirs, sendFolder, tempDir } from './outgoing.js';

const TODAY = '2026-11-03';

afterAll(removeTempDirs);
const server = serversClosedAfterEach();

const journalPath = (dir: string) => join(dir, '.relance', 'journal.jsonl');
const idsOf = (smtp: TestSmtp) => smtp.received.map((m) => messageIdOf(m.raw));

describe('the archive or the letters folder cannot be written', () => {
  it('a file where .relance/sent/ should be: the e-mails sent are told as sent, the archive failure named with them, exit 1', async () => {
    const smtp = await server();
    const dir = await sendFolder(3);
    await mkdir(join(dir, '.relance'));
    await writeFile(join(dir, '.relance', 'sent'), 'not a folder\n');
    const env = { RELANCE_SMTP_URL: smtp.url() };
    const run = await runRelance(['send', '--today', TODAY], { cwd: dir, env });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('relance send, 03/11/2026: 3 e-mails sent, 0 failed, 0 to-dos issued, 0 uncertain\n');
    const lines = run.stderr.split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^relance: \.relance\/sent\/2026-11-03\.mbox: could not be written: a file is where (its|a) folder should be \((EEXIST|ENOTDIR)\) — 3 e-mails sent are not in it \(F-\d <relance\.[^>]+>, F-\d <[^>]+>, F-\d <[^>]+>\): they went out and the journal says so, but the attach_previous of a later step will miss them$/,
    );
    for (const id of idsOf(smtp)) expect(lines[0]).toContain(id);
    const entries = await journalOf(journalPath(dir));
    expect(entries.filter((e) => e.type === 'sent').map((e) => e.message_id).sort()).toEqual(idsOf(smtp).sort());

    // Sent is sent: the next run sends none of them again.
    const again = await runRelance(['send', '--today', TODAY, '--format', 'json'], { cwd: dir, env });
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).actions).toEqual([]);
    expect(smtp.received).toHaveLength(3);
  });

  it('a file where .relance/letters/ should be, after an e-mail went out: the e-mail told as sent, the letter not issued, exit 1', async () => {
    const smtp = await server();
    const dir = await tempDir();
    await writeFile(join(dir, 'relance.yaml'), ['invoices: factures.csv', 'policy: policy.yaml', 'creditor:', '  name: Atelier Dupont SARL', '  email: compta@atelier-dupont.example', '  address: 12 rue des Lilas, 75011 Paris', ''].join('\n'));
    await writeFile(
      join(dir, 'policy.yaml'),
      ['steps:', '  - { id: relance-1, day: 2, template: relance-1 }', 'segments:', '  - match: { client_type: b2c }', '    steps:', '      - { id: mise-en-demeure, day: 2, channel: letter, template: mise-en-demeure }', ''].join('\n'),
    );
    await writeFile(
      join(dir, 'factures.csv'),
      ['number,client,email,client_type,amount,issue_date,due_date,client_address', 'F-1,Atelier Martin,compta@martin.example,b2b,1200.00,2026-10-01,2026-10-31,', 'F-2,Jeanne Dupuis,jeanne@dupuis.example,b2c,600.00,2026-10-01,2026-10-31,"3 rue Haute, 69001 Lyon"', ''].join('\n'),
    );
    await mkdir(join(dir, '.relance'));
    await writeFile(join(dir, '.relance', 'letters'), 'not a folder\n');
    const env = { RELANCE_SMTP_URL: smtp.url() };
    const run = await runRelance(['send', '--today', TODAY], { cwd: dir, env });
    expect(run.stderr).toBe(
      'relance: F-2 mise-en-demeure: the letter could not be written to .relance/letters/2026-11-03_F-2_mise-en-demeure.pdf: a file is where its folder should be (EEXIST) — it is issued again on the next run\n',
    );
    expect(run.code).toBe(1);
    expect(run.stdout.split('\n')[0]).toBe('relance send, 03/11/2026: 1 e-mail sent, 1 failed, 0 to-dos issued, 0 uncertain');
    expect(smtp.received).toHaveLength(1);
    const entries = await journalOf(journalPath(dir));
    expect(entries.map((e) => `${e.type} ${e.invoice} ${e.step}`)).toEqual(['intent F-1 relance-1', 'sent F-1 relance-1']);

    // Once the folder can be made, the letter is issued, and the e-mail not sent again.
    await rm(join(dir, '.relance', 'letters'));
    const again = await runRelance(['send', '--today', TODAY], { cwd: dir, env });
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    expect(again.stdout.split('\n')[0]).toBe('relance send, 03/11/2026: 0 e-mails sent, 0 failed, 1 to-do issued, 0 uncertain');
    expect(existsSync(join(dir, '.relance', 'letters', '2026-11-03_F-2_mise-en-demeure.pdf'))).toBe(true);
    expect(smtp.received).toHaveLength(1);
  });
});

describe('the archive read back after the run', () => {
  it('messages gone from the archive during the run (someone truncated it): the run names them, exit 1, and relance check too', async () => {
    const dir = await sendFolder(20);
    const mbox = join(dir, '.relance', 'sent', `${TODAY}.mbox`);
    let truncated = false;
    const smtp = await server({
      onArrival: () => {
        if (truncated || !existsSync(mbox)) return;
        if ((readFileSync(mbox, 'latin1').match(/^From relance /gm) ?? []).length >= 3) {
          truncateSync(mbox, 0);
          truncated = true;
        }
      },
    });
    const run = await runRelance(['send', '--today', TODAY], { cwd: dir, env: { RELANCE_SMTP_URL: smtp.url() } });
    expect(truncated).toBe(true);
    expect(run.code).toBe(1);
    expect(run.stdout.split('\n')[0]).toBe('relance send, 03/11/2026: 20 e-mails sent, 0 failed, 0 to-dos issued, 0 uncertain');
    const archived = archivedIds(await readFile(mbox, 'latin1'));
    const missing = idsOf(smtp).filter((id) => !archived.has(id));
    expect(missing.length).toBeGreaterThanOrEqual(3);
    const lines = run.stderr.split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      new RegExp(`^relance: \\.relance/sent/2026-11-03\\.mbox: ${missing.length} e-mails sent by this run are not in it \\((F-\\d+ <[^>]+>(, )?){${missing.length}}\\): they went out and the journal says so, but the attach_previous of a later step will miss them$`),
    );
    for (const id of missing) expect(lines[0]).toContain(id);

    const check = await runRelance(['check', '--today', TODAY], { cwd: dir });
    expect(check.code).toBe(0);
    // Each one named, the first ten; then how many more.
    const warned = check.stdout.split('\n').filter((l) => l.includes('is not in .relance/sent/'));
    expect(warned).toHaveLength(Math.min(missing.length, 10));
    const journal = await journalOf(journalPath(dir));
    const expected = missing.map((id) => {
      const e = journal.find((x) => x.type === 'sent' && x.message_id === id)!;
      return `.relance/journal.jsonl: warning: ${e.invoice}: the e-mail sent on ${TODAY} (relance-1, Message-ID ${id}) is not in .relance/sent/ — it went out (the journal says so); the Bcc mailbox or the SMTP server's sent folder has a copy, the attach_previous of a later step will go without it`;
    });
    for (const line of warned) expect(expected).toContain(line);
    if (missing.length > 10) expect(check.stdout).toContain(`.relance/journal.jsonl: warning: and ${missing.length - 10} more e-mails sent are not in .relance/sent/ — `);
  });
});

// RLIMIT_FSIZE makes a write past the limit fail with EFBIG (Node ignores SIGXFSZ): a disk
// that fills up in the middle of a run, for the journal alone when it is the big file.
const prlimit = spawnSync('prlimit', ['--version']).status === 0;
if (!prlimit) console.log('skipped: the journal-write fault tests need prlimit (util-linux), not installed here');

describe.runIf(prlimit)('the journal cannot be written (a file-size limit, prlimit --fsize)', () => {
  /** A journal of `bytes` (give or take a line) of earlier, well-formed entries. */
  async function earlierJournal(dir: string, bytes: number): Promise<string> {
    const lines: string[] = [];
    let size = 0;
    for (let i = 0; size < bytes; i++) {
      const line = `${serializeEntry(journalEntry({ type: 'record', event: 'call', date: '2026-10-01', at: '2026-10-01T08:00:00.000Z', invoice: `OLD-${i}`, note: 'x'.repeat(400) }))}\n`;
      lines.push(line);
      size += Buffer.byteLength(line);
    }
    await mkdir(join(dir, '.relance'), { recursive: true });
    await writeFile(journalPath(dir), lines.join(''));
    return lines.join('');
  }
  const limited = (limit: number) => ['prlimit', `--fsize=${limit}`];

  it('no room for the first intents: nothing is sent, the journal is left as it was, the next run sends everything', async () => {
    const smtp = await server();
    const dir = await sendFolder(5);
    const before = await earlierJournal(dir, 60_000);
    const env = { RELANCE_SMTP_URL: smtp.url() };
    const run = await startRelance(['send', '--today', TODAY], { cwd: dir, env, under: limited(Buffer.byteLength(before) + 100) }).done;
    // Not a byte of a torn line left for the next append to glue onto.
    expect(await readFile(journalPath(dir), 'utf8')).toBe(before);
    expect(smtp.received).toHaveLength(0);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('relance send, 03/11/2026: 0 e-mails sent, 0 failed, 5 not attempted, 0 to-dos issued, 0 uncertain\n');
    expect(run.stderr.split('\n').filter((l) => l !== '')).toEqual([
      expect.stringMatching(/^relance: 5 e-mails not attempted: the journal could not be written — F-\d relance-1, F-\d relance-1, F-\d relance-1, F-\d relance-1, F-\d relance-1: the next run sends them$/),
      "relance: .relance/journal.jsonl: could not be written: file too large (EFBIG) — sending stopped at once, and the journal is as it was before that write; once it can be written again (room on the disk, the file's rights), run relance send again",
    ]);

    const again = await runRelance(['send', '--today', TODAY], { cwd: dir, env });
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^relance send, 03\/11\/2026: 5 e-mails sent, 0 failed, 0 to-dos issued, 0 uncertain$/m);
    expect(smtp.received).toHaveLength(5);
  });

  it('room for the intents, not the outcomes: the e-mails the server took are told uncertain, never sent, and the journal parses', async () => {
    // The intents' size, from the same run without a limit (every field of fixed length).
    const probe = await server();
    const probeDir = await sendFolder(3);
    expect((await runRelance(['send', '--today', TODAY], { cwd: probeDir, env: { RELANCE_SMTP_URL: probe.url() } })).code).toBe(0);
    const probeLines = (await readFile(journalPath(probeDir), 'utf8')).split('\n').filter((l) => l.startsWith('{"type":"intent"'));
    const intents = probeLines.reduce((n, l) => n + Buffer.byteLength(l) + 1, 0);

    // A slow answer: every intent is on disk before the first outcome.
    const smtp = await server({ delay: 300 });
    const dir = await sendFolder(3);
    const before = await earlierJournal(dir, 60_000);
    const env = { RELANCE_SMTP_URL: smtp.url() };
    const run = await startRelance(['send', '--today', TODAY], { cwd: dir, env, under: limited(Buffer.byteLength(before) + intents + 60) }).done;
    expect(run.code).toBe(1);
    expect(smtp.received).toHaveLength(3);
    expect(run.stdout.split('\n')[0]).toBe('relance send, 03/11/2026: 0 e-mails sent, 0 failed, 0 to-dos issued, 3 uncertain');
    const lines = run.stderr.split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(5);
    for (const id of idsOf(smtp)) {
      expect(lines).toContainEqual(
        expect.stringMatching(
          new RegExp(
            `^relance: F-\\d relance-1: uncertain — the server took it, but the journal could not record this \\(file too large \\(EFBIG\\)\\); look for Message-ID ${id.replace(/[.]/g, '\\.')} in the Bcc mailbox archives@atelier-dupont\\.example or in the SMTP server's sent folder or log \\(not in relance's own archive, which may lack it\\), then: relance record F-\\d sent --step relance-1 if it is there, or not-sent to send it again$`,
          ),
        ),
      );
    }
    expect(lines.at(-1)).toMatch(/^relance: \.relance\/journal\.jsonl: could not be written: file too large \(EFBIG\) — sending stopped at once, and the journal is as it was before that write;/);

    // Whole lines only: the earlier ones, then the three intents; no torn or glued line.
    const text = await readFile(journalPath(dir), 'utf8');
    expect(text.startsWith(before)).toBe(true);
    expect(text.slice(before.length).split('\n')).toEqual([expect.stringMatching(/^\{"type":"intent"/), expect.stringMatching(/^\{"type":"intent"/), expect.stringMatching(/^\{"type":"intent"/), '']);
    expect((await readJournal(journalPath(dir))).issues).toEqual([]);

    // The next run sends none of them again: it asks what became of them.
    const again = await runRelance(['send', '--today', TODAY, '--format', 'json'], { cwd: dir, env });
    expect(again.code).toBe(1);
    expect((JSON.parse(again.stdout).actions as { status: string }[]).map((a) => a.status)).toEqual(['uncertain', 'uncertain', 'uncertain']);
    expect(smtp.received).toHaveLength(3);
  });
});
