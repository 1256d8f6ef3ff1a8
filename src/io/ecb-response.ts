// An answer of the ECB Data Portal (SDMX 2.1 REST) read into the history of the main
// refinancing rate. Two readers, tried in turn on what the body looks like:
//   - CSV (`?format=csvdata`, MIME text/csv): one line per observation, columns KEY, FREQ,
//     REF_AREA, CURRENCY, PROVIDER_FM, INSTRUMENT_FM, PROVIDER_FM_ID, DATA_TYPE_FM,
//     TIME_PERIOD, OBS_VALUE, OBS_STATUS, … then the series attributes (TITLE_COMPL is
//     quoted and holds commas). Read by column name, never by position.
//   - SDMX-JSON 1.0 (`?format=jsondata`): dataSets[0].series["0:0:0:0:0:0:0"].observations
//     {"i": [value, …]}, where i indexes structure.dimensions.observation[TIME_PERIOD].values
//     and each series key indexes structure.dimensions.series[k].values.
// Both documented at https://data.ecb.europa.eu/help/api/data (the query syntax and the
// formats) and https://data.ecb.europa.eu/help/api/content-negotiation (the MIME types).

import { parse } from 'csv-parse/sync';
import type { MroHistory, MroObservation, MroSeriesKind } from '../domain/rates-update.js';
import { parseIsoDay } from '../domain/dates.js';
import type { Issue } from '../domain/issue.js';
import { error } from '../domain/issue.js';
import type { Rate } from '../domain/money.js';
import { parsePercent } from '../domain/money.js';

export const MRO_SERIES = 'FM.D.U2.EUR.4F.KR.MRR_FR.LEV';
// The daily series or the change dates alone (B, "business week"): both are the MRO.
const MRO_KEY = /^FM\.[DB]\.U2\.EUR\.4F\.KR\.MRR_FR\.LEV$/;
const SERIES_HINT = `ask for the series ${MRO_SERIES} (…/service/data/FM/D.U2.EUR.4F.KR.MRR_FR.LEV?format=csvdata), or leave --from out`;

export interface EcbHistory {
  format: 'CSV' | 'SDMX-JSON';
  history: MroHistory;
  /** The B series holds the change dates alone; the D series (and an answer that does not say) a value a day. */
  kind: MroSeriesKind;
}

/**
 * The MRO history in an answer, sorted by day; `origin` names it in messages (the URL, or
 * the file as the user typed it). Problems come back as issues, nothing is thrown.
 */
export function readEcbResponse(body: string, origin: string): { value: EcbHistory | null; issues: Issue[] } {
  const text = body.replace(/^\uFEFF/, '');
  const start = text.trimStart();
  if (start === '') return fail(origin, undefined, 'the answer is empty', SERIES_HINT);
  if (start.startsWith('<')) {
    const what = /^<\?xml|<message:/i.test(start) ? 'SDMX-ML (XML), not CSV or JSON' : 'a web page, not the ECB’s CSV';
    return fail(origin, undefined, `the answer is ${what} (it starts with ${quoteStart(start)})`, 'add ?format=csvdata (or ?format=jsondata) to the URL, or leave --from out');
  }
  const reader = start.startsWith('{') ? readJson : readCsv;
  const issues: Issue[] = [];
  const observations = reader(text, origin, issues);
  if (issues.length > 0) return { value: null, issues };
  if (observations.length === 0) return fail(origin, undefined, 'the answer holds no observation of the main refinancing rate', SERIES_HINT);
  observations.sort((a, b) => a.obs.day - b.obs.day);
  for (let i = 1; i < observations.length; i++) {
    const [a, b] = [observations[i - 1]!, observations[i]!];
    if (a.obs.day === b.obs.day && a.obs.rate !== b.obs.rate) {
      issues.push(error(origin, b.line, 'TIME_PERIOD', `two different rates for the same day (line ${a.line} and here)`, SERIES_HINT));
    }
  }
  const history = observations.filter((o, i) => i === 0 || o.obs.day !== observations[i - 1]!.obs.day).map((o) => o.obs);
  const kind: MroSeriesKind = observations.every((o) => o.frequency === 'B') ? 'changes' : 'daily';
  return issues.length > 0 ? { value: null, issues } : { value: { format: reader === readJson ? 'SDMX-JSON' : 'CSV', history, kind }, issues };
}

interface Located {
  obs: MroObservation;
  line?: number;
  /** FREQ: D or B (the second part of the series key). */
  frequency: string | null;
}

function readCsv(text: string, origin: string, issues: Issue[]): Located[] {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { info: true, relax_column_count: true, skip_empty_lines: true }) as unknown as typeof records;
  } catch (e) {
    const line = typeof (e as { lines?: unknown }).lines === 'number' ? ((e as { lines: number }).lines) : undefined;
    issues.push(error(origin, line, undefined, `the answer is cut short or is not CSV (${(e as Error).message.replace(/^[^:]*: /, '')})`, 'fetch it again, or leave --from out'));
    return [];
  }
  const header = records[0]?.record ?? [];
  const column = (name: string): number => header.indexOf(name);
  const [key, freq, provider, time, value] = [column('KEY'), column('FREQ'), column('PROVIDER_FM_ID'), column('TIME_PERIOD'), column('OBS_VALUE')];
  if (time < 0 || value < 0) {
    issues.push(error(origin, 1, undefined, `the answer is not the ECB’s CSV: no TIME_PERIOD and OBS_VALUE columns (it starts with ${quoteStart(text.trimStart())})`, SERIES_HINT));
    return [];
  }
  const out: Located[] = [];
  for (const { record, info } of records.slice(1)) {
    const line = info.lines;
    if (record.length !== header.length) {
      issues.push(error(origin, line, undefined, `${record.length} field${record.length === 1 ? '' : 's'} where the header has ${header.length}: the answer is cut short or broken`, 'fetch it again, or leave --from out'));
      continue;
    }
    const series = key >= 0 ? record[key]! : null;
    if (series !== null ? !MRO_KEY.test(series) : provider >= 0 && record[provider] !== 'MRR_FR') {
      issues.push(error(origin, line, key >= 0 ? 'KEY' : 'PROVIDER_FM_ID', `${JSON.stringify(series ?? record[provider])} is not the main refinancing rate`, SERIES_HINT));
      continue;
    }
    const obs = observation(record[time]!, record[value]!, (field, message, hint) => issues.push(error(origin, line, field, message, hint)));
    const frequency = freq >= 0 ? record[freq]! : (series?.split('.')[1] ?? null);
    if (obs) out.push({ obs, line, frequency });
  }
  return out;
}

type Report = (field: string, message: string, hint: string) => void;

/** One observation from its day and value as written; an empty value (a missing one) is left out. */
function observation(period: string, value: string | number | null, report: Report): MroObservation | null {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(period) ? parseIsoDay(period) : null;
  if (day === null) {
    report('TIME_PERIOD', `${JSON.stringify(period)} is not a day`, `ask for the daily series ${MRO_SERIES}`);
    return null;
  }
  if (value === null || value === '' || value === 'NaN') return null;
  const rate: Rate | null = typeof value === 'number' ? (Number.isFinite(value) && value >= 0 ? parsePercent(value.toFixed(4)) : null) : parsePercent(value);
  if (rate === null) report('OBS_VALUE', `${JSON.stringify(value)} is not a rate in percent`, SERIES_HINT);
  return rate === null ? null : { day, rate };
}

interface SdmxJson {
  dataSets?: { series?: Record<string, { observations?: Record<string, unknown[]> }> }[];
  structure?: { dimensions?: { series?: { id: string; values: { id: string }[] }[]; observation?: { id: string; values: { id: string }[] }[] } };
  title?: string;
  detail?: string;
}

function readJson(text: string, origin: string, issues: Issue[]): Located[] {
  let doc: SdmxJson;
  try {
    doc = JSON.parse(text) as SdmxJson;
  } catch (e) {
    issues.push(error(origin, undefined, undefined, `the answer is cut short or is not JSON (${(e as Error).message})`, 'fetch it again, or leave --from out'));
    return [];
  }
  const report = (field: string, message: string, hint: string): void => void issues.push(error(origin, undefined, field, message, hint));
  if (!Array.isArray(doc?.dataSets) || !doc.structure?.dimensions) {
    // The portal's errors are JSON problems: {"title": "Not Found", "detail": "No Series was returned …"}.
    const problem = typeof doc?.title === 'string' ? `: ${doc.title}${typeof doc.detail === 'string' ? ` (${doc.detail})` : ''}` : '';
    report('dataSets', `the answer is not SDMX-JSON data${problem}`, SERIES_HINT);
    return [];
  }
  const dimensions = doc.structure.dimensions;
  const times = dimensions.observation?.find((d) => d.id === 'TIME_PERIOD')?.values;
  if (!Array.isArray(times)) {
    report('structure.dimensions.observation', 'no TIME_PERIOD dimension', SERIES_HINT);
    return [];
  }
  const out: Located[] = [];
  for (const [seriesKey, series] of Object.entries(doc.dataSets[0]?.series ?? {})) {
    // The series key is one index per dimension: FREQ:REF_AREA:…:DATA_TYPE_FM.
    const ids = seriesKey.split(':').map((index, k) => dimensions.series?.[k]?.values?.[Number(index)]?.id ?? '?');
    const name = `FM.${ids.join('.')}`;
    if (!MRO_KEY.test(name)) {
      report(`dataSets[0].series["${seriesKey}"]`, `${JSON.stringify(name)} is not the main refinancing rate`, SERIES_HINT);
      continue;
    }
    for (const [index, values] of Object.entries(series.observations ?? {})) {
      const field = `dataSets[0].series["${seriesKey}"].observations["${index}"]`;
      const period = times[Number(index)]?.id;
      const value = Array.isArray(values) ? values[0] : undefined;
      if (typeof period !== 'string' || !(value === null || typeof value === 'number' || typeof value === 'string')) {
        report(field, 'not an observation of the ECB’s SDMX-JSON', 'fetch it again, or leave --from out');
        continue;
      }
      const obs = observation(period, value, (_f, message, hint) => report(field, message, hint));
      if (obs) out.push({ obs, frequency: ids[0] ?? null });
    }
  }
  return out;
}

function fail(origin: string, line: number | undefined, message: string, hint: string): { value: null; issues: Issue[] } {
  return { value: null, issues: [error(origin, line, undefined, message, hint)] };
}

function quoteStart(text: string): string {
  const first = text.split(/\r?\n/, 1)[0]!;
  return JSON.stringify(first.length > 40 ? `${first.slice(0, 40)}…` : first);
}
