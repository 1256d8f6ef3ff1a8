// The report pages in a folder: writing a new one whole, and finding the one written before
// it. Each page carries its figures as JSON (`<script type="application/json"
// id="relance-data">`), so the next one can say what changed. A file that is not a report
// of ours, or is damaged, is passed over in silence.

import { readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Day } from '../domain/dates.js';
import { parseIsoDay } from '../domain/dates.js';
import type { Cents } from '../domain/money.js';
import { parseAmount } from '../domain/money.js';

export const REPORT_FILE = /^relance-report-.*\.html$/;
const DATA = /<script type="application\/json" id="relance-data">([^<]*)<\/script>/;

/** The headline figures of an earlier report. */
export interface PreviousReport {
  /** Its file name, in its folder. */
  file: string;
  today: Day;
  due: Cents;
  overdue: Cents;
  claimable: Cents;
  dsoTenths: number | null;
}

/** The most recent report in `dir` dated before `today` (by the date written in it), or null. */
export async function findPreviousReport(dir: string, today: Day): Promise<PreviousReport | null> {
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => REPORT_FILE.test(n)).sort();
  let best: PreviousReport | null = null;
  for (const name of names) {
    const text = await readFile(join(dir, name), 'utf8').catch(() => null);
    const found = text === null ? null : previousFrom(text, name);
    if (found !== null && found.today < today && (best === null || found.today >= best.today)) best = found;
  }
  return best;
}

/** The figures embedded in a page, or null when it carries none readable. */
export function previousFrom(html: string, file: string): PreviousReport | null {
  const m = DATA.exec(html);
  if (!m) return null;
  let data: unknown;
  try {
    data = JSON.parse(m[1]!);
  } catch {
    return null;
  }
  const o = data as { today?: unknown; headline?: Record<string, unknown>; dso?: { days?: unknown } };
  const today = typeof o.today === 'string' ? parseIsoDay(o.today) : null;
  const amount = (v: unknown): Cents | null => (typeof v === 'string' ? parseAmount(v) : null);
  const due = amount(o.headline?.due);
  const overdue = amount(o.headline?.overdue);
  const claimable = amount(o.headline?.claimable);
  if (today === null || due === null || overdue === null || claimable === null) return null;
  const dso = o.dso?.days;
  const dsoTenths = typeof dso === 'string' && /^\d+\.\d$/.test(dso) ? Number(dso.replace('.', '')) : null;
  return { file, today, due, overdue, claimable, dsoTenths };
}

/**
 * Writes the page beside a temporary name, then renames it: a reader (or the next report
 * looking for this one) never finds half a page.
 */
export async function writeReportFile(path: string, html: string): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    await writeFile(tmp, html);
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}
