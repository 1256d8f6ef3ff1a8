// `relance log` through the built binary, on test/fixtures/record copied to a temp
// folder. The fixture journal: F-2026-014 had relance-1 sent and appel issued, then an
// intent for relance-2 with no outcome; F-2026-020's relance-1 failed; F-2026-040 has
// two intents without outcome.

import { appendFile, copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunResult, runRelanceInProcess } from '../helpers/run-cli.js';

const TODAY = '2026-11-22';
const FIXTURES = new URL('../fixtures/record/', import.meta.url);

const folders: string[] = [];
afterAll(async () => {
  await Promise.all(folders.map((d) => rm(d, { recursive: true, force: true })));
});

async function setup(options: { journal: boolean }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'relance-log-'));
  folders.push(dir);
  await copyFile(new URL('relance.yaml', FIXTURES), join(dir, 'relance.yaml'));
  await copyFile(new URL('factures.csv', FIXTURES), join(dir, 'factures.csv'));
  await mkdir(join(dir, '.relance'));
  if (options.journal) await copyFile(new URL('journal.jsonl', FIXTURES), journalPath(dir));
  return dir;
}

const journalPath = (dir: string): string => join(dir, '.relance', 'journal.jsonl');
const log = (dir: string, ...args: string[]): Promise<RunResult> => runRelanceInProcess(['log', ...args, '--today', TODAY], { cwd: dir });

let dir: string;
let stored: Record<string, unknown>[];
beforeAll(async () => {
  dir = await setup({ journal: true });
  stored = (await readFile(journalPath(dir), 'utf8'))
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
});

const WHOLE = `\
Date        Invoice     What       Step       Channel  To                  Subject / note / error    Message-ID
──────────  ──────────  ─────────  ─────────  ───────  ──────────────────  ────────────────────────  ───────────────────
02/11/2026  F-2026-014  sent       relance-1  email    compta@martin.exa…  Facture F-2026-014 : ra…  20261102070001.a1b…
02/11/2026  F-2026-020  failed     relance-1  email    jeanne@dupuis.exa…  550 5.1.1 User unknown    20261102070003.e5f…
04/11/2026  F-2026-040  UNCERTAIN  relance-1  email    leroy@boulangerie…  Facture F-2026-040 : ra…  20261104070001.000…
04/11/2026  F-2026-040  UNCERTAIN  relance-2  email    leroy@boulangerie…  Facture F-2026-040 : de…  20261104070002.000…
07/11/2026  F-2026-014  issued     appel      call
16/11/2026  F-2026-014  UNCERTAIN  relance-2  email    compta@martin.exa…  Facture F-2026-014 : de…  20261116070001.c3d…
6 entries (and 2 intents followed by their outcome, left out: --format csv lists every line)
3 messages have no outcome (UNCERTAIN): did they go out? Look for each Message-ID
in the SMTP server's sent folder or log (not in relance's own archive, which may lack it):
  F-2026-040 relance-1: <20261104070001.0001@atelier-dupont.example>
  F-2026-040 relance-2: <20261104070002.0002@atelier-dupont.example>
  F-2026-014 relance-2: <20261116070001.c3d4@atelier-dupont.example>
then: "relance record INVOICE sent --step ID" (it went out) or "not-sent" (send it again),
or all at once: "relance record --uncertain sent" (or not-sent)
`;

const ONE_INVOICE = `\
Date        What       Step       Channel  To                     Subject / note / error         Message-ID
──────────  ─────────  ─────────  ───────  ─────────────────────  ─────────────────────────────  ───────────────────────
02/11/2026  sent       relance-1  email    compta@martin.example  Facture F-2026-014 : rappel    20261102070001.a1b2@at…
07/11/2026  issued     appel      call
16/11/2026  UNCERTAIN  relance-2  email    compta@martin.exampl…  Facture F-2026-014 : deuxièm…  20261116070001.c3d4@at…
3 entries (and 1 intent followed by its outcome, left out: --format csv lists every line)

F-2026-014 · Atelier Martin
  steps done     relance-1 02/11/2026 (sent), appel 07/11/2026 (issued)
  last action    16/11/2026
  state          UNCERTAIN: relance-2 (16/11/2026) may not have gone out
                   relance-2: Message-ID <20261116070001.c3d4@atelier-dupont.example>
                   look for it in the SMTP server's sent folder or log (not in relance's own archive, which may lack it),
                   then "relance record F-2026-014 sent" or "not-sent"
  formal notice  –
  next step      relance-2, uncertain since 16/11/2026: settle it first
`;

describe('relance log: the whole journal', () => {
  it('table: oldest first, intents with an outcome left out, no line over 120 columns', async () => {
    const r = await log(dir);
    expect(r).toEqual({ code: 0, stdout: WHOLE, stderr: '' });
    for (const line of r.stdout.split('\n')) expect([...line].length).toBeLessThanOrEqual(120);
  });

  it('json: one document, every entry as stored, in file order', async () => {
    const r = await log(dir, '--format', 'json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ entries: stored });
  });

  it('csv: a header and one line per entry, what happened spelt out', async () => {
    const r = await log(dir, '--format', 'csv');
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('date,at,invoice,what,type,event,step,channel,to,subject,note,error,message_id,until,run');
    expect(lines).toHaveLength(stored.length + 1);
    expect(lines.slice(1).map((l) => l.split(',').slice(2, 5).join(' '))).toEqual([
      'F-2026-014 intent intent',
      'F-2026-014 sent sent',
      'F-2026-020 intent intent',
      'F-2026-020 failed failed',
      'F-2026-040 UNCERTAIN intent',
      'F-2026-040 UNCERTAIN intent',
      'F-2026-014 issued issued',
      'F-2026-014 UNCERTAIN intent',
    ]);
    expect(lines[4]).toBe(
      '2026-11-02,2026-11-02T07:00:04.000Z,F-2026-020,failed,failed,,relance-1,email,jeanne@dupuis.example,Facture F-2026-020 : rappel,,550 5.1.1 User unknown,<20261102070003.e5f6@atelier-dupont.example>,,r1',
    );
    expect(lines[8]).toContain(',compta@martin.example;direction@martin.example,');
  });

  it('--since and --step keep the matching entries', async () => {
    const since = await log(dir, '--since', '2026-11-07', '--format', 'json');
    expect((JSON.parse(since.stdout) as { entries: unknown[] }).entries).toEqual(stored.slice(6));
    const step = await log(dir, '--step', 'relance-2', '--format', 'csv');
    expect(step.stdout.trimEnd().split('\n').slice(1).map((l) => l.split(',')[2])).toEqual(['F-2026-040', 'F-2026-014']);
    const none = await log(dir, '--since', '2026-12-01');
    expect(none).toEqual({ code: 0, stdout: 'No entries in the journal that match --since / --step.\n', stderr: '' });
  });

  it.each([
    { args: ['--since', 'yesterday'], stderr: 'relance: --since "yesterday" is not a date — write it as YYYY-MM-DD, e.g. --since 2026-11-01\n' },
    { args: ['--step', 'relance2'], stderr: 'relance: no step "relance2" in the journal or the policy — did you mean "relance-2"?\n' },
    { args: ['F-2026-14'], stderr: 'relance: invoice "F-2026-14" is neither in the journal nor in the invoice files (factures.csv) — did you mean "F-2026-014"?\n' },
    { args: ['X-1'], stderr: 'relance: invoice "X-1" is neither in the journal nor in the invoice files (factures.csv) — "relance status --all" lists the invoices\n' },
  ])('log $args: exit 2', async ({ args, stderr }) => {
    expect(await log(dir, ...args)).toEqual({ code: 2, stdout: '', stderr });
  });
});

describe('relance log INVOICE: its entries and where its cycle stands', () => {
  it('table: the entries, then the summary', async () => {
    expect(await log(dir, 'F-2026-014')).toEqual({ code: 0, stdout: ONE_INVOICE, stderr: '' });
  });

  it('json: its entries and the summary', async () => {
    const r = await log(dir, 'F-2026-014', '--format', 'json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      entries: stored.filter((e) => e.invoice === 'F-2026-014'),
      summary: {
        invoice: 'F-2026-014',
        client: 'Atelier Martin',
        state: 'uncertain',
        steps_done: [
          { step: 'relance-1', date: '2026-11-02', by: 'sent' },
          { step: 'appel', date: '2026-11-07', by: 'issued' },
        ],
        last_action: '2026-11-16',
        disputed_since: null,
        paused: null,
        paid_by_hand: null,
        uncertain: [{ step: 'relance-2', date: '2026-11-16' }],
        failed: [],
        bounced: [],
        notice_date: null,
        next_step: 'relance-2',
        next_date: '2026-11-16',
      },
    });
  });

  it('a failed send: shown with its SMTP reply, retried by the next send', async () => {
    const r = await log(dir, 'F-2026-020');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^02\/11\/2026 +failed +relance-1 +email +jeanne@dupuis\.example +550 5\.1\.1 User unknown /m);
    expect(r.stdout).toContain('  state          relance-1 failed on 02/11/2026 (550 5.1.1 User unknown): the next send tries again\n');
    expect(r.stdout).toContain('  next step      relance-1, due now (the next "relance send" does it)\n');
  });

  it('an invoice with nothing in the journal yet', async () => {
    expect(await log(dir, 'F-2026-031')).toEqual({
      code: 0,
      stdout: `\
F-2026-031 has no entries in the journal yet.

F-2026-031 · Garage Rousseau
  steps done     –
  last action    –
  state          open
  formal notice  –
  next step      rappel on 28/11/2026
`,
      stderr: '',
    });
  });

  it('after records: disputed, then paused, a B2C formal notice, all in the summary', async () => {
    const d = await setup({ journal: false });
    const run = (...args: string[]) => runRelanceInProcess([...args, '--today', TODAY], { cwd: d });
    expect((await run('record', 'F-2026-020', 'letter', '--date', '2026-11-10')).code).toBe(0);
    expect((await run('record', 'F-2026-020', 'dispute', '--note', 'conteste le montant')).code).toBe(0);
    let r = await run('log', 'F-2026-020');
    expect(r.stdout).toMatch(/^22\/11\/2026 +dispute +conteste le montant$/m);
    expect(r.stdout).toContain('  state          disputed since 22/11/2026: no reminders until "relance record F-2026-020 resume"\n');
    expect(r.stdout).toContain('  formal notice  10/11/2026 (B2C interest from 11/11/2026)\n');
    expect(r.stdout).toContain('  next step      none while disputed\n');

    expect((await run('record', 'F-2026-020', 'resume')).code).toBe(0);
    expect((await run('record', 'F-2026-020', 'pause', '--until', '2026-12-01')).code).toBe(0);
    r = await run('log', 'F-2026-020', '--format', 'json');
    const { summary } = JSON.parse(r.stdout) as { summary: Record<string, unknown> };
    expect(summary).toMatchObject({ state: 'paused', paused: { until: '2026-12-01' }, disputed_since: null, notice_date: '2026-11-10', next_step: 'relance-1', next_date: '2026-12-02' });
    r = await run('log', 'F-2026-020');
    expect(r.stdout).toMatch(/^22\/11\/2026 +pause +until 01\/12\/2026$/m);
    expect(r.stdout).toContain('  state          paused until 01/12/2026: reminders resume on 02/12/2026\n');
  });

  it('an invoice the files no longer have: its journal, and no next step', async () => {
    const d = await setup({ journal: true });
    await appendFile(
      journalPath(d),
      '{"type":"sent","date":"2026-03-02","at":"2026-03-02T07:00:02.000Z","invoice":"F-2025-100","step":"relance-1","channel":"email","message_id":"<old@x>","subject":"Facture F-2025-100","to":["a@b.example"],"error":null,"event":null,"until":null,"note":null,"run":"r0"}\n',
    );
    const r = await log(d, 'F-2025-100');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^02\/03\/2026 +sent +relance-1/m);
    expect(r.stdout).toContain('\nF-2025-100\n  steps done     relance-1 02/03/2026 (sent)\n');
    expect(r.stdout).toContain('  next step      none: the invoice is not in the invoice files\n');
  });
});

describe('relance log on an empty or damaged journal', () => {
  it.each([{ file: false }, { file: true }])('an empty journal says so (file exists: $file)', async ({ file }) => {
    const d = await setup({ journal: false });
    if (file) await writeFile(journalPath(d), '');
    expect(await log(d)).toEqual({ code: 0, stdout: 'The journal is empty (.relance/journal.jsonl): nothing has been sent, issued or recorded yet.\n', stderr: '' });
    expect(await log(d, '--format', 'json')).toEqual({ code: 0, stdout: '{"entries":[]}\n', stderr: '' });
    expect(await log(d, '--format', 'csv')).toEqual({ code: 0, stdout: 'date,at,invoice,what,type,event,step,channel,to,subject,note,error,message_id,until,run\n', stderr: '' });
  });

  it('a torn last line: a warning on stderr, the rest shown as usual', async () => {
    const d = await setup({ journal: true });
    await appendFile(journalPath(d), '{"type":"sent","date":"2026-11-22","at":"2026-11-22T07:00:0');
    const r = await log(d);
    expect(r).toEqual({
      code: 0,
      stdout: WHOLE,
      stderr:
        '.relance/journal.jsonl:9: warning: the last line is incomplete (a run was interrupted while writing): it was ignored — nothing to fix: a step this leaves without outcome is reported as uncertain\n',
    });
    const json = await log(d, '--format', 'json', '--quiet');
    expect(json.stderr).toBe('');
    expect(JSON.parse(json.stdout)).toEqual({ entries: stored });
  });

  it('a record after a torn line starts on a line of its own', async () => {
    const d = await setup({ journal: true });
    await appendFile(journalPath(d), '{"type":"sent","date":"2026-11-22","at":"2026-11-22T07:00:0');
    const rec = await runRelanceInProcess(['record', 'F-2026-014', 'not-sent', '--today', TODAY], { cwd: d });
    expect(rec.code).toBe(0);
    expect(rec.stderr).toContain('.relance/journal.jsonl:9: warning: the last line is incomplete');
    const r = await log(d, 'F-2026-014', '--format', 'json');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('.relance/journal.jsonl:9: warning: the line is incomplete');
    const { entries } = JSON.parse(r.stdout) as { entries: { event: string | null }[] };
    expect(entries.at(-1)!.event).toBe('not-sent');
  });

  it('a line that is not JSON in the middle: exit 2, with where and why', async () => {
    const d = await setup({ journal: false });
    await writeFile(journalPath(d), `${JSON.stringify(stored[0])}\nnot json at all\n${JSON.stringify(stored[1])}\n`);
    const r = await log(d);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('.relance/journal.jsonl:2: the line is not valid JSON: not json at all');
  });
});
