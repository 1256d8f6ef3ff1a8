// Reading the ECB Data Portal's answers (formats: https://data.ecb.europa.eu/help/api/data
// and …/help/api/content-negotiation). test/fixtures/ecb/: mro-sample.csv and .json are the
// same 28 observations of the daily series (an excerpt: the eve and the day of each change
// of 2024–2026, each 1 January and 1 July, a weekend); mro-changes.csv the change dates alone
// (the B series); mro-december-cut.csv adds an ECB cut to 2.15 on 2026-12-16, every day to 2027-01-05.

import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { formatIsoDay } from '../../src/domain/dates.js';
import { formatPercent } from '../../src/domain/money.js';
import { mroInForce } from '../../src/domain/rates-update.js';
import { readEcbResponse } from '../../src/io/ecb-response.js';
import { day } from '../helpers/factories.js';

const fixture = (name: string): Promise<string> => readFile(new URL(`../fixtures/ecb/${name}`, import.meta.url), 'utf8');
const HINT = 'ask for the series FM.D.U2.EUR.4F.KR.MRR_FR.LEV (…/service/data/FM/D.U2.EUR.4F.KR.MRR_FR.LEV?format=csvdata), or leave --from out';
const AGAIN = 'fetch it again, or leave --from out';

describe('readEcbResponse, the answers it reads', () => {
  it('reads the CSV by column name: the daily series', async () => {
    const { value, issues } = readEcbResponse(await fixture('mro-sample.csv'), 'ecb.csv');
    expect(issues).toEqual([]);
    expect(value!.format).toBe('CSV');
    expect(value!.kind).toBe('daily');
    expect(value!.history).toHaveLength(28);
    const at = (d: string): string => formatPercent(mroInForce(value!.history, day(d))!.rate);
    expect([at('2024-01-01'), at('2024-07-01'), at('2025-01-01'), at('2025-07-01'), at('2026-01-01'), at('2026-07-01')]).toEqual(['4.50', '4.25', '3.15', '2.15', '2.15', '2.40']);
  });

  it('reads the SDMX-JSON to the same history', async () => {
    const csv = readEcbResponse(await fixture('mro-sample.csv'), 'ecb.csv').value!;
    const json = readEcbResponse(await fixture('mro-sample.json'), 'ecb.json');
    expect(json.issues).toEqual([]);
    expect(json.value).toEqual({ ...csv, format: 'SDMX-JSON' });
  });

  it('knows the change dates alone (the B series)', async () => {
    const { value } = readEcbResponse(await fixture('mro-changes.csv'), 'b.csv');
    expect(value!.kind).toBe('changes');
    expect(value!.history.map((o) => `${formatIsoDay(o.day)} ${formatPercent(o.rate)}`).slice(-2)).toEqual(['2025-06-11 2.15', '2026-06-17 2.40']);
  });

  it('reads columns in any order, with CRLF and a BOM, and leaves out a missing value', () => {
    const body = '\uFEFFTIME_PERIOD,OBS_STATUS,OBS_VALUE,KEY\r\n2026-12-15,A,2.4,FM.D.U2.EUR.4F.KR.MRR_FR.LEV\r\n2026-12-16,M,,FM.D.U2.EUR.4F.KR.MRR_FR.LEV\r\n2026-12-17,A,2.15,FM.D.U2.EUR.4F.KR.MRR_FR.LEV\r\n';
    const { value, issues } = readEcbResponse(body, 'ecb.csv');
    expect(issues).toEqual([]);
    expect(value!.history.map((o) => `${formatIsoDay(o.day)} ${formatPercent(o.rate)}`)).toEqual(['2026-12-15 2.40', '2026-12-17 2.15']);
  });
});

describe('readEcbResponse, the answers it refuses', () => {
  it('a CSV cut short in the middle of a line', async () => {
    const text = await fixture('mro-sample.csv');
    const cut = text.slice(0, text.indexOf('2026-06-17') + 20); // …,2026-06-17,2.4,A,F,,,
    expect(readEcbResponse(cut, 'ecb.csv').issues).toEqual([
      { severity: 'error', file: 'ecb.csv', line: 28, field: undefined, message: '14 fields where the header has 34: the answer is cut short or broken', hint: AGAIN },
    ]);
  });

  it('a CSV cut short inside a quoted title', async () => {
    const text = await fixture('mro-sample.csv');
    const cut = text.slice(0, text.lastIndexOf('Euro area'));
    const [issue] = readEcbResponse(cut, 'ecb.csv').issues;
    expect(issue).toMatchObject({ file: 'ecb.csv', message: expect.stringMatching(/^the answer is cut short or is not CSV \(.*quote.*\)$/i), hint: AGAIN });
  });

  it.each([
    ['an HTML page', '<!DOCTYPE html>\n<html><body>Service unavailable</body></html>', undefined, 'the answer is a web page, not the ECB’s CSV (it starts with "<!DOCTYPE html>")', 'add ?format=csvdata (or ?format=jsondata) to the URL, or leave --from out'],
    ['SDMX-ML', '<?xml version="1.0" encoding="UTF-8"?>\n<message:GenericData>', undefined, 'the answer is SDMX-ML (XML), not CSV or JSON (it starts with "<?xml version=\\"1.0\\" encoding=\\"UTF-8\\"?>")', 'add ?format=csvdata (or ?format=jsondata) to the URL, or leave --from out'],
    ['an empty answer', ' \n', undefined, 'the answer is empty', HINT],
    ['a header alone', 'KEY,FREQ,TIME_PERIOD,OBS_VALUE\n', undefined, 'the answer holds no observation of the main refinancing rate', HINT],
    ['a CSV of something else', 'date;taux\n2026-12-16;2,15\n', 1, 'the answer is not the ECB’s CSV: no TIME_PERIOD and OBS_VALUE columns (it starts with "date;taux")', HINT],
  ])('%s', (_name, body, line, message, hint) => {
    expect(readEcbResponse(body, 'https://ecb.example/data')).toEqual({ value: null, issues: [{ severity: 'error', file: 'https://ecb.example/data', line, field: undefined, message, hint }] });
  });

  it.each([
    ['another series', 'KEY,TIME_PERIOD,OBS_VALUE\nFM.D.U2.EUR.4F.KR.DFR.LEV,2026-12-16,2\n', 'KEY', '"FM.D.U2.EUR.4F.KR.DFR.LEV" is not the main refinancing rate', HINT],
    ['a rate that is not one', 'KEY,TIME_PERIOD,OBS_VALUE\nFM.D.U2.EUR.4F.KR.MRR_FR.LEV,2026-12-16,n/a\n', 'OBS_VALUE', '"n/a" is not a rate in percent', HINT],
    ['a month instead of a day', 'KEY,TIME_PERIOD,OBS_VALUE\nFM.M.U2.EUR.4F.KR.MRR_FR.LEV,2026-12,2.15\n', 'KEY', '"FM.M.U2.EUR.4F.KR.MRR_FR.LEV" is not the main refinancing rate', HINT],
    ['a period that is not a day', 'TIME_PERIOD,OBS_VALUE\n2026-12,2.15\n', 'TIME_PERIOD', '"2026-12" is not a day', 'ask for the daily series FM.D.U2.EUR.4F.KR.MRR_FR.LEV'],
  ])('%s, with its line', (_name, body, field, message, hint) => {
    expect(readEcbResponse(body, 'ecb.csv').issues).toEqual([{ severity: 'error', file: 'ecb.csv', line: 2, field, message, hint }]);
  });

  it('two rates for one day', () => {
    const body = 'TIME_PERIOD,OBS_VALUE\n2026-12-16,2.15\n2026-12-16,2.40\n';
    expect(readEcbResponse(body, 'ecb.csv').issues).toEqual([
      { severity: 'error', file: 'ecb.csv', line: 3, field: 'TIME_PERIOD', message: 'two different rates for the same day (line 2 and here)', hint: HINT },
    ]);
  });

  it('a JSON answer cut short', async () => {
    const text = await fixture('mro-sample.json');
    const [issue] = readEcbResponse(text.slice(0, 2000), 'ecb.json').issues;
    expect(issue).toMatchObject({ file: 'ecb.json', line: undefined, message: expect.stringMatching(/^the answer is cut short or is not JSON \(/), hint: AGAIN });
  });

  it('the portal’s JSON problem instead of data', () => {
    const body = JSON.stringify({ title: 'Not Found', status: 404, detail: 'No Series was returned for the given query' });
    expect(readEcbResponse(body, 'ecb.json').issues).toEqual([
      { severity: 'error', file: 'ecb.json', line: undefined, field: 'dataSets', message: 'the answer is not SDMX-JSON data: Not Found (No Series was returned for the given query)', hint: HINT },
    ]);
  });

  it('a JSON series that is not the main refinancing rate', async () => {
    const doc = JSON.parse(await fixture('mro-sample.json')) as { structure: { dimensions: { series: { id: string; values: { id: string }[] }[] } } };
    doc.structure.dimensions.series.find((d) => d.id === 'PROVIDER_FM_ID')!.values[0]!.id = 'DFR';
    expect(readEcbResponse(JSON.stringify(doc), 'ecb.json').issues).toEqual([
      { severity: 'error', file: 'ecb.json', line: undefined, field: 'dataSets[0].series["0:0:0:0:0:0:0"]', message: '"FM.D.U2.EUR.4F.KR.DFR.LEV" is not the main refinancing rate', hint: HINT },
    ]);
  });
});
