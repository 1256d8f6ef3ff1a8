// Getting the ECB's answer: from the Data Portal with Node's own fetch (no key, no
// dependency), from another URL, or from a response saved in a file. Every way it can fail
// becomes one sentence with what to do next; nothing is written before it has succeeded.

import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { displayPath } from './paths.js';

// The daily series from 2015, the first half-year of the shipped tables: about 4 400 lines.
// The query syntax: https://data.ecb.europa.eu/help/api/data
export const ECB_MRO_URL = 'https://data-api.ecb.europa.eu/service/data/FM/D.U2.EUR.4F.KR.MRR_FR.LEV?format=csvdata&startPeriod=2015-01-01';

export const DEFAULT_TIMEOUT_SECONDS = 20;

export interface EcbAnswer {
  body: string;
  /** The URL, or the file as the user typed it: how messages and the rates file name it. */
  origin: string;
  kind: 'url' | 'file';
}

const OFFLINE_HINT = 'check the connection and try again, or save the answer from a browser and pass --from FILE';

/** `--from`: a URL (http or https) is fetched, anything else is a saved file; none: the ECB Data Portal. */
export async function getEcbAnswer(from: string | undefined, cwd: string, timeoutSeconds: number): Promise<EcbAnswer> {
  const source = from ?? ECB_MRO_URL;
  if (/^https?:\/\//i.test(source)) return { body: await fetchText(source, timeoutSeconds), origin: source, kind: 'url' };
  const path = resolve(cwd, source);
  const origin = displayPath(path, cwd);
  try {
    return { body: await readFile(path, 'utf8'), origin, kind: 'file' };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const what = code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a folder' : `cannot be read (${code ?? (e as Error).message})`;
    throw new UsageError(`--from ${origin}: the file ${what}`, 'give a saved answer of the ECB Data Portal (CSV or SDMX-JSON), or a URL starting with https://');
  }
}

async function fetchText(url: string, timeoutSeconds: number): Promise<string> {
  const host = hostOf(url);
  const signal = AbortSignal.timeout(timeoutSeconds * 1000);
  let response: Response;
  try {
    response = await fetch(url, { signal, headers: { accept: 'text/csv, application/vnd.sdmx.data+json;version=1.0.0-wd;q=0.9, application/json;q=0.8' } });
  } catch (e) {
    throw unreachable(e, host, timeoutSeconds);
  }
  if (!response.ok) {
    const detail = problemDetail(await response.text().catch(() => ''));
    const hint =
      response.status === 404
        ? 'check the --from URL: the series is FM.D.U2.EUR.4F.KR.MRR_FR.LEV (…/service/data/FM/D.U2.EUR.4F.KR.MRR_FR.LEV?format=csvdata)'
        : response.status >= 500
          ? 'the ECB Data Portal is having trouble: try again later, or pass --from FILE with an answer saved from a browser'
          : 'check the --from URL, or leave --from out for the ECB Data Portal';
    throw new UsageError(`${host} answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}${detail}; nothing was changed`, hint);
  }
  try {
    return await response.text();
  } catch (e) {
    throw unreachable(e, host, timeoutSeconds, 'the answer was cut short');
  }
}

/** Offline, refused, too slow: which, in words, from what fetch throws. */
function unreachable(e: unknown, host: string, timeoutSeconds: number, what = `cannot reach ${host}`): UsageError {
  const name = (e as Error).name;
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new UsageError(`no answer from ${host} within ${timeoutSeconds} s; nothing was changed`, `${OFFLINE_HINT} (--timeout SECONDS waits longer)`);
  }
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  const code = cause?.code ?? '';
  const why =
    code === 'ENOTFOUND' || code === 'EAI_AGAIN'
      ? 'the name does not resolve: offline?'
      : code === 'ECONNREFUSED'
        ? 'the connection was refused'
        : code === 'ECONNRESET' || code === 'UND_ERR_SOCKET'
          ? 'the connection was closed'
          : code.startsWith('CERT_') || code.includes('SSL') || code.includes('TLS')
            ? `its certificate is not trusted (${code})`
            : (cause?.message ?? (e as Error).message);
  return new UsageError(`${what} (${why}); nothing was changed`, OFFLINE_HINT);
}

/** The `detail` of the portal's JSON problem (`{"title":"Not Found","detail":"No Series was returned …"}`), briefly. */
function problemDetail(body: string): string {
  try {
    const problem = JSON.parse(body) as { detail?: unknown; title?: unknown };
    const text = typeof problem.detail === 'string' ? problem.detail : typeof problem.title === 'string' ? problem.title : '';
    return text === '' ? '' : `: ${text.length > 160 ? `${text.slice(0, 160)}…` : text}`;
  } catch {
    return '';
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    throw new UsageError(`--from "${url}" is not a URL`, 'write it like https://data-api.ecb.europa.eu/service/data/FM/D.U2.EUR.4F.KR.MRR_FR.LEV?format=csvdata');
  }
}
