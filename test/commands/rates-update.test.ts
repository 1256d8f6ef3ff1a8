// `relance rates --update` through the built binary, against a real HTTP server on
// 127.0.0.1 that serves answers in the ECB Data Portal's format (CSV columns KEY, FREQ, …,
// TIME_PERIOD, OBS_VALUE, … as documented at https://data.ecb.europa.eu/help/api/data and
// …/help/api/content-negotiation; see test/fixtures/ecb/). The case that matters: the ECB
// cuts its rate to 2.15 on 2026-12-16, after the shipped tables (last row 2026-H2, MRO
// 2.40) were made, so 2027-H1 carried forward at 12.40 % is wrong; the update writes
// 2027-H1 with MRO 2.15, and penalty uses 12.15 % with no provisional mark.

import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startHttpServer, type TestHttp } from '../helpers/http-server.js';
import { closedPort } from '../helpers/ports.js';
import { type RunResult, runRelanceInProcess } from '../helpers/run-cli.js';

const SERIES_PATH = '/service/data/FM/D.U2.EUR.4F.KR.MRR_FR.LEV';
const fixture = (name: string): Promise<string> => readFile(new URL(`../fixtures/ecb/${name}`, import.meta.url), 'utf8');

let http: TestHttp;
let decemberCut: string;
let dir: string;

beforeAll(async () => {
  decemberCut = await fixture('mro-december-cut.csv');
  const csv = (body: string) => (_req: unknown, res: import('node:http').ServerResponse) => void res.writeHead(200, { 'content-type': 'text/csv' }).end(body);
  http = await startHttpServer({
    [SERIES_PATH]: csv(decemberCut),
    '/missing': (_req, res) =>
      void res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ title: 'Not Found', status: 404, detail: 'No Series was returned for the given query' })),
    '/broken': (_req, res) => void res.writeHead(500, { 'content-type': 'text/plain' }).end('Internal Server Error'),
    '/html': (_req, res) => void res.writeHead(200, { 'content-type': 'text/html' }).end('<!DOCTYPE html>\n<html><head><title>ECB Data Portal</title></head></html>\n'),
    '/cut-line': csv(decemberCut.slice(0, decemberCut.indexOf('2026-12-20') + 14)),
    '/cut-connection': (_req, res) => {
      // Promises more than it sends, then hangs up.
      res.writeHead(200, { 'content-type': 'text/csv', 'content-length': String(decemberCut.length) });
      res.write(decemberCut.slice(0, 1000), () => setTimeout(() => res.socket?.destroy(), 200));
    },
    '/silent': () => undefined,
  });
});

afterAll(async () => {
  await http.close();
});

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'relance-rates-update-'));
  return () => rm(dir, { recursive: true, force: true });
});

const CONFIG = `# Atelier Dupont — relance
invoices: factures.csv      # exported every morning
timezone: Europe/Paris

mail:
  from: "Atelier Dupont <compta@atelier-dupont.example>"   # the sender
`;

const relance = (...args: string[]): Promise<RunResult> => runRelanceInProcess(args, { cwd: dir });
const update = (from: string, today: string, ...more: string[]): Promise<RunResult> => relance('rates', '--update', '--from', from, '--today', today, ...more);
const read = (name: string): Promise<string> => readFile(join(dir, name), 'utf8');
const files = async (): Promise<string[]> => (await readdir(dir)).sort();

const LEGAL_NOTE = (keys: string, file: string) =>
  `Legal interest rates still carried forward, provisional: ${keys}. They cannot be fetched: confirm them from the arrêté fixing the taux de l'intérêt légal, published in the Journal officiel each December and June, relayed by service-public.fr (« Taux d'intérêt légal »); then write them in ${file} and remove legal_provisional: true.`;
const LEGAL_SOURCE_2027_H1 =
  "carried forward from 2026-H2, not confirmed: the legal rates of 2027-H1 are set by the arrêté fixing the taux de l'intérêt légal, published in the Journal officiel each December and June, relayed by service-public.fr (« Taux d'intérêt légal »)";

describe('relance rates --update from the ECB Data Portal', () => {
  it('corrects the carried-forward 2027-H1 after the December cut: 12.15 %, no provisional mark', async () => {
    await writeFile(join(dir, 'relance.yaml'), CONFIG);
    const penalty = () => relance('penalty', '1000', '--due', '2026-12-15', '--today', '2027-02-01', '--format', 'json');

    // Before: 2027-H1 carried forward from 2026-H2 at 2.40 + 10, provisional.
    const before = JSON.parse((await penalty()).stdout) as { periods: { rate: string; provisional: boolean }[]; warnings: string[] };
    expect(before.periods.map((p) => [p.rate, p.provisional])).toEqual([['12.40', false], ['12.40', true]]);
    expect(before.warnings).toHaveLength(1);

    const url = http.url(`${SERIES_PATH}?format=csvdata&startPeriod=2015-01-01`);
    const r = await update(url, '2027-02-01');
    expect(r).toEqual({
      code: 0,
      stderr: '',
      stdout: [
        `ECB main refinancing rate: 51 observations (CSV, ${url}, fetched 01/02/2027).`,
        'Added to rates.yaml (new file):',
        '  2027-H1  ECB rate 2.15 % (in force on 1 January 2027, since 16/12/2026): B2B rate 12.15 %; legal rates 6.84 / 2.75 % carried forward from 2026-H2, provisional',
        'relance.yaml: added the line "rates: rates.yaml".',
        LEGAL_NOTE('2027-H1', 'rates.yaml'),
        '',
      ].join('\n'),
    });
    expect(http.requests.at(-1)).toBe(`${SERIES_PATH}?format=csvdata&startPeriod=2015-01-01`);
    // The config gains one line at its end; every other line and comment is as it was.
    expect(await read('relance.yaml')).toBe(`${CONFIG}rates: rates.yaml\n`);
    expect(await read('rates.yaml')).toBe(
      [
        '# Rates for relance, by half-year, in percent (relance rates --help shows the format).',
        '# A half-year here replaces the shipped one whole; relance rates --update adds the missing ones.',
        '',
        '# Added by relance rates --update on 2027-02-01: the ECB main refinancing rate; the legal',
        '# rates carried forward until you confirm them (then remove legal_provisional).',
        '2027-H1:',
        '  mro: 2.15',
        '  legal_individual: 6.84',
        '  legal_other: 2.75',
        '  legal_provisional: true',
        `  source: "ECB Data Portal, main refinancing operations rate (FM.D.U2.EUR.4F.KR.MRR_FR.LEV): 2.15 % in force on 1 January 2027, since 2026-12-16; ${url}, fetched 2027-02-01"`,
        `  legal_source: "${LEGAL_SOURCE_2027_H1}"`,
        '',
      ].join('\n'),
    );
    expect(await files()).toEqual(['rates.yaml', 'relance.yaml']);

    // After: 1 Jan – 1 Feb 2027, 32 d at 12.15 (2.15 + 10), confirmed → 100 000 × 12.15 % × 32 / 365 = 1 065.21 c → 10.65;
    // 16–31 Dec 2026, 16 d at 12.40 → 543.56 c; exact sum 1 608.77 c → 16.09; + 1 000 + 40 = 1 056.09.
    const after = await penalty();
    expect(after.code).toBe(0);
    expect(after.stderr).toBe('');
    expect(JSON.parse(after.stdout)).toMatchObject({
      periods: [
        { from: '2026-12-16', to: '2026-12-31', days: 16, rate: '12.40', interest: '5.44', provisional: false },
        { from: '2027-01-01', to: '2027-02-01', days: 32, rate: '12.15', interest: '10.65', provisional: false },
      ],
      interest: '16.09', total: '1056.09', warnings: [],
    });

    // The legal rates stay provisional, and relance rates says so and how to confirm them.
    const table = await relance('rates', '--today', '2027-02-01');
    expect(table.stdout).toMatch(/^ 2027-H1 +2\.15 \(user\) +12\.15 \(user\) +6\.84\* \(user\) +2\.75\* \(user\) *$/m);
    expect(table.stdout).toContain(
      '* provisional: the legal rates of 2027-H1 are carried forward (legal_provisional: true in rates.yaml): confirm them from the arrêté published in the Journal officiel (service-public.fr, « Taux d\'intérêt légal »), write them there and remove legal_provisional.',
    );
    const json = JSON.parse((await relance('rates', '--today', '2027-02-01', '--format', 'json')).stdout) as { half_year: string; sources: Record<string, string> }[];
    expect(json.at(-1)).toMatchObject({ half_year: '2027-H1', mro: '2.15', b2b: '12.15', provisional: true, origin: 'user', sources: { legal_other: LEGAL_SOURCE_2027_H1 } });

    // A consumer's claim uses the legal rate: still provisional, and penalty says how to confirm it.
    const b2c = await relance('penalty', '1000', '--due', '2026-12-15', '--b2c', '--notice', '2026-12-20', '--today', '2027-02-01', '--format', 'json');
    expect(JSON.parse(b2c.stdout)).toMatchObject({
      periods: [{ rate: '2.75', provisional: false }, { rate: '2.75', provisional: true }],
      warnings: ['the legal interest rate for 2027-H1 (2.75 %) is provisional: confirm the legal rate in the Journal officiel, or set 2027-H1 in a rates file'],
    });

    // Run again: nothing to add, nothing changed.
    const [config, rates] = [await read('relance.yaml'), await read('rates.yaml')];
    const again = await update(url, '2027-03-01');
    expect(again).toEqual({
      code: 0,
      stderr: '',
      stdout: [
        `ECB main refinancing rate: 51 observations (CSV, ${url}, fetched 01/03/2027).`,
        'Nothing to add: every half-year up to 2027-H1 is already in the tables or in rates.yaml.',
        LEGAL_NOTE('2027-H1', 'rates.yaml'),
        '',
      ].join('\n'),
    });
    expect([await read('relance.yaml'), await read('rates.yaml')]).toEqual([config, rates]);
  });

  it('adds only the missing half-years to the rates file the user has, and keeps it as it is', async () => {
    const mine =
      '# My rates, checked by hand\n2027-H1: { mro: 2.15, legal_individual: 6.90, legal_other: 2.80, source: "ECB, JO du 28/12/2026" }   # confirmed\n';
    await writeFile(join(dir, 'relance.yaml'), 'invoices: factures.csv\nrates: my-rates.yaml\n');
    await writeFile(join(dir, 'my-rates.yaml'), mine);
    // The change dates alone (the B series), with the December cut.
    const changes = `${await fixture('mro-changes.csv')}FM.B.U2.EUR.4F.KR.MRR_FR.LEV,B,U2,EUR,4F,KR,MRR_FR,LEV,2026-12-16,2.15,A,F,,,P1D,,E,,,,,,,,,,2,,4F0,,Main refinancing operations,"Euro area, Key interest rate",PCPA,0\n`;
    await writeFile(join(dir, 'ecb-changes.csv'), changes);

    const r = await update('ecb-changes.csv', '2027-08-01');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n').slice(0, 3)).toEqual([
      'ECB main refinancing rate: 11 observations (CSV, saved answer ecb-changes.csv).',
      'Added to my-rates.yaml:',
      // The legal rates carried from the user's 2027-H1, the last row before.
      '  2027-H2  ECB rate 2.15 % (in force on 1 July 2027, since 16/12/2026): B2B rate 12.15 %; legal rates 6.90 / 2.80 % carried forward from 2027-H1, provisional',
    ]);
    expect(r.stdout).toContain(LEGAL_NOTE('2027-H2', 'my-rates.yaml'));
    const after = await read('my-rates.yaml');
    expect(after.startsWith(`${mine}\n# Added by relance rates --update on 2027-08-01`)).toBe(true);
    expect(after).toContain('\n2027-H2:\n  mro: 2.15\n  legal_individual: 6.90\n  legal_other: 2.80\n  legal_provisional: true\n  source: "ECB Data Portal, main refinancing operations rate (FM.D.U2.EUR.4F.KR.MRR_FR.LEV): 2.15 % in force on 1 July 2027, since 2026-12-16; saved answer ecb-changes.csv, read 2027-08-01"\n');
    // relance.yaml already names the file: left alone.
    expect(await read('relance.yaml')).toBe('invoices: factures.csv\nrates: my-rates.yaml\n');
  });

  it('reports a user entry the ECB contradicts, and changes nothing', async () => {
    const mine = '2027-H1: { mro: 2.40, legal_individual: 6.84, legal_other: 2.75 }\n';
    await writeFile(join(dir, 'rates.yaml'), mine);
    const r = await update(http.url(SERIES_PATH), '2027-02-01', '--rates', 'rates.yaml');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`ECB main refinancing rate: 51 observations (CSV, ${http.url(SERIES_PATH)}, fetched 01/02/2027).\nNothing to add: every half-year up to 2027-H1 is already in the tables or in rates.yaml.\n`);
    expect(r.stderr).toBe(
      'warning: 2027-H1: rates.yaml says ECB rate 2.40 %, the ECB data 2.15 % in force on 1 January 2027 (since 16/12/2026): not changed — check it, and correct rates.yaml by hand if the ECB is right\n',
    );
    expect(await read('rates.yaml')).toBe(mine);
  });

  it('reads a saved CSV with --from FILE into the file --rates names, with no config', async () => {
    await cp(new URL('../fixtures/ecb/mro-december-cut.csv', import.meta.url), join(dir, 'ecb.csv'));
    const r = await update('ecb.csv', '2027-02-01', '--rates', 'taux.yaml');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n').slice(0, 3)).toEqual([
      'ECB main refinancing rate: 51 observations (CSV, saved answer ecb.csv).',
      'Added to taux.yaml (new file):',
      '  2027-H1  ECB rate 2.15 % (in force on 1 January 2027, since 16/12/2026): B2B rate 12.15 %; legal rates 6.84 / 2.75 % carried forward from 2026-H2, provisional',
    ]);
    expect(await files()).toEqual(['ecb.csv', 'taux.yaml']);
    const penalty = await relance('penalty', '1000', '--due', '2026-12-31', '--today', '2027-01-10', '--rates', 'taux.yaml', '--format', 'json');
    // 10 d at 12.15 → 100 000 × 12.15 % × 10 / 365 = 332.88 c → 3.33
    expect(JSON.parse(penalty.stdout)).toMatchObject({ periods: [{ rate: '12.15', interest: '3.33', provisional: false }], warnings: [] });
  });

  it('reads the saved SDMX-JSON, and adds nothing it cannot know', async () => {
    await cp(new URL('../fixtures/ecb/mro-sample.json', import.meta.url), join(dir, 'ecb.json'));
    // The sample's daily series ends on 1 July 2026: it says nothing of 1 January 2027.
    const r = await update('ecb.json', '2027-02-01', '--rates', 'rates.yaml');
    expect(r).toEqual({
      code: 0,
      stdout: 'ECB main refinancing rate: 28 observations (SDMX-JSON, saved answer ecb.json).\nNothing added to rates.yaml.\n',
      stderr:
        'warning: 2027-H1: the ECB data ends on 01/07/2026, before 1 January 2027: not added, its rates are still carried forward — fetch it again (leave --from out) once the ECB has published that day\n',
    });
    expect(await files()).toEqual(['ecb.json']);
    // Within the tables, the same answer agrees with every shipped half-year it covers.
    expect((await update('ecb.json', '2026-11-22', '--rates', 'rates.yaml')).stdout).toBe(
      'ECB main refinancing rate: 28 observations (SDMX-JSON, saved answer ecb.json).\nNothing to add: the shipped tables reach 2026-H2, and today falls in 2026-H2.\n',
    );
  });
});

describe('relance rates --update when it cannot', () => {
  const untouched = async (): Promise<void> => {
    expect(await files()).toEqual(['relance.yaml']);
    expect(await read('relance.yaml')).toBe(CONFIG);
  };
  beforeEach(async () => {
    await writeFile(join(dir, 'relance.yaml'), CONFIG);
  });
  const OFFLINE = 'check the connection and try again, or save the answer from a browser and pass --from FILE';

  it('offline: nothing listens', async () => {
    const port = await closedPort();
    expect(await update(`http://127.0.0.1:${port}${SERIES_PATH}?format=csvdata`, '2027-02-01')).toEqual({
      code: 2,
      stdout: '',
      stderr: `relance: cannot reach 127.0.0.1:${port} (the connection was refused); nothing was changed — ${OFFLINE}\n`,
    });
    await untouched();
  });

  it('no answer in time', async () => {
    expect(await update(http.url('/silent'), '2027-02-01', '--timeout', '0.5')).toEqual({
      code: 2,
      stdout: '',
      stderr: `relance: no answer from 127.0.0.1:${http.port} within 0.5 s; nothing was changed — ${OFFLINE} (--timeout SECONDS waits longer)\n`,
    });
    await untouched();
  });

  it.each([
    ['/missing', '404 Not Found: No Series was returned for the given query', 'check the --from URL: the series is FM.D.U2.EUR.4F.KR.MRR_FR.LEV (…/service/data/FM/D.U2.EUR.4F.KR.MRR_FR.LEV?format=csvdata)'],
    ['/broken', '500 Internal Server Error', 'the ECB Data Portal is having trouble: try again later, or pass --from FILE with an answer saved from a browser'],
  ])('the server answers an error: %s', async (path, status, hint) => {
    expect(await update(http.url(path), '2027-02-01')).toEqual({
      code: 2,
      stdout: '',
      stderr: `relance: 127.0.0.1:${http.port} answered ${status}; nothing was changed — ${hint}\n`,
    });
    await untouched();
  });

  it('a web page instead of the CSV', async () => {
    expect(await update(http.url('/html'), '2027-02-01')).toEqual({
      code: 2,
      stdout: '',
      stderr:
        `${http.url('/html')}: the answer is a web page, not the ECB’s CSV (it starts with "<!DOCTYPE html>") — add ?format=csvdata (or ?format=jsondata) to the URL, or leave --from out\n` +
        'relance: 1 error, nothing was done.\n',
    });
    await untouched();
  });

  it('an answer cut short in a line', async () => {
    // Cut at "…,2026-12-20,2.1": a value that still reads as a rate, but 10 fields of 34, on line 36.
    expect(await update(http.url('/cut-line'), '2027-02-01')).toEqual({
      code: 2,
      stdout: '',
      stderr: `${http.url('/cut-line')}:36: 10 fields where the header has 34: the answer is cut short or broken — fetch it again, or leave --from out\nrelance: 1 error, nothing was done.\n`,
    });
    await untouched();
  });

  it('a connection closed in the middle of the answer', async () => {
    expect(await update(http.url('/cut-connection'), '2027-02-01')).toEqual({
      code: 2,
      stdout: '',
      stderr: `relance: the answer was cut short (the connection was closed); nothing was changed — ${OFFLINE}\n`,
    });
    await untouched();
  });

  it('a saved file that is not there', async () => {
    expect(await update('ecb.csv', '2027-02-01')).toEqual({
      code: 2,
      stdout: '',
      stderr: 'relance: --from ecb.csv: the file does not exist — give a saved answer of the ECB Data Portal (CSV or SDMX-JSON), or a URL starting with https://\n',
    });
    await untouched();
  });

  it('a rates file in a folder that does not exist', async () => {
    expect(await update(http.url(SERIES_PATH), '2027-02-01', '--rates', join('nowhere', 'rates.yaml'))).toEqual({
      code: 2,
      stdout: '',
      stderr: `relance: cannot write ${join('nowhere', 'rates.yaml')} (its folder does not exist); nothing was changed — check the path and who may write in its folder, then run the update again\n`,
    });
    await untouched();
  });

  it('no config and no --rates: nowhere to write', async () => {
    await rm(join(dir, 'relance.yaml'));
    expect(await update(http.url(SERIES_PATH), '2027-02-01')).toEqual({
      code: 2,
      stdout: '',
      stderr: 'relance: rates --update needs a rates file to write, and there is no relance.yaml here — pass --rates FILE (created if absent), or run it in the folder of your relance.yaml\n',
    });
    expect(await files()).toEqual([]);
  });

  it('relance.yaml with an empty rates: says so, with its line', async () => {
    await writeFile(join(dir, 'relance.yaml'), `${CONFIG}rates: \${MY_RATES}\n`);
    expect(await update(http.url(SERIES_PATH), '2027-02-01')).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'relance.yaml:7: rates: is empty, or its ${VARIABLE} is not set: rates --update does not know which file to write — write the file’s name there, e.g. rates: rates.yaml, or pass --rates FILE\n' +
        'relance.yaml:7: warning: rates: ${MY_RATES} is not set in the environment: the setting is left out — export MY_RATES=… before running relance, or write the value itself\n' +
        'relance: 1 error, nothing was done.\n',
    });
    expect(await files()).toEqual(['relance.yaml']);
  });

  it('a rates file with an error is refused before anything is fetched', async () => {
    await writeFile(join(dir, 'bad.yaml'), '2027-H1: { mro: "2.15 pct", legal_individual: 6.50, legal_other: 2.60 }\n');
    const count = http.requests.length;
    expect(await update(http.url(SERIES_PATH), '2027-02-01', '--rates', 'bad.yaml')).toEqual({
      code: 2,
      stdout: '',
      stderr: 'bad.yaml:1: 2027-H1.mro: "2.15 pct" is not a rate in percent — write a number such as 2.40 (for 2.40 %), with at most four decimals\nrelance: 1 error, nothing was done.\n',
    });
    expect(http.requests.length).toBe(count);
  });

  it('rates --help says how to update', async () => {
    const help = await relance('rates', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('-u, --update');
    expect(help.stdout).toContain('--from <url-or-file>');
    expect(help.stdout).toContain('--timeout <seconds>');
    expect(help.stdout).toContain('legal_provisional: true the legal rates alone');
  });

  it('--from without --update', async () => {
    expect(await relance('rates', '--from', 'ecb.csv')).toEqual({
      code: 2,
      stdout: '',
      stderr: 'relance: --from goes with --update — run relance rates --update --from …\n',
    });
  });
});
