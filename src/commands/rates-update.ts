// relance rates --update — the ECB main refinancing rate for the half-years the tables
// lack, written into the user's rates file: read the config and the rates file, get the
// ECB's answer, plan (domain/rates-update.ts), then write both files whole or not at all.

import { access, readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import type { Day, HalfYear } from '../domain/dates.js';
import { formatFrenchDay, formatIsoDay, halfYearKey, halfYearOf } from '../domain/dates.js';
import type { Issue } from '../domain/issue.js';
import { error, hasErrors } from '../domain/issue.js';
import { formatPercent } from '../domain/money.js';
import type { RateAddition, RatesUpdatePlan } from '../domain/rates-update.js';
import { planRatesUpdate } from '../domain/rates-update.js';
import type { UserRateEntry } from '../domain/rates.js';
import { SHIPPED_RATES, rateTableSpan } from '../domain/rates.js';
import { InputError, UsageError } from '../errors.js';
import { configWithRatesLine, hasRatesKey } from '../io/config-rates-line.js';
import { DEFAULT_TIMEOUT_SECONDS, getEcbAnswer } from '../io/ecb-fetch.js';
import type { EcbAnswer } from '../io/ecb-fetch.js';
import { readEcbResponse } from '../io/ecb-response.js';
import { displayPath } from '../io/paths.js';
import { parseYaml } from '../io/yaml-file.js';
import { loadRates, ratesFileWithEntries } from '../io/rates-file.js';
import { replaceFile } from '../io/replace-file.js';
import type { RatesCommandOptions } from './rates.js';
import type { Cli } from './common.js';
import { printNotes, printWarnings, resolveToday, writeOut } from './common.js';

const SHIPPED_LAST = rateTableSpan(SHIPPED_RATES)!.last;
const ECB_PAGE = 'https://www.ecb.europa.eu/stats/policy_and_exchange_rates/key_ecb_interest_rates/html/index.en.html';
const WHERE_LEGAL = "the arrêté fixing the taux de l'intérêt légal, published in the Journal officiel each December and June, relayed by service-public.fr (« Taux d'intérêt légal »)";

export async function updateRates(opts: RatesCommandOptions, cli: Cli): Promise<number> {
  const timeout = timeoutSeconds(opts.timeout);
  const target = await ratesTarget(opts, cli);
  const exists = await access(target.path).then(() => true, () => false);
  const { rates: table, issues } = exists ? await loadRates(target.path, cli.cwd) : { rates: SHIPPED_RATES, issues: [] };
  issues.push(...target.warnings);
  if (hasErrors(issues)) throw new InputError(issues);
  const today = await resolveToday(opts.today, cli, target.timezone);

  const answer = await getEcbAnswer(opts.from, cli.cwd, timeout);
  const read = readEcbResponse(answer.body, answer.origin);
  if (read.value === null) throw new InputError(read.issues);
  const history = read.value.history;
  const plan = planRatesUpdate(table, SHIPPED_LAST, history, read.value.kind, today);

  const file = displayPath(target.path, cli.cwd);
  const written: string[] = [];
  if (plan.additions.length > 0) {
    const entries = plan.additions.map((a) => userEntry(a, answer, today));
    const before = exists ? await readFile(target.path, 'utf8') : null;
    const heading = `Added by relance rates --update on ${formatIsoDay(today)}: the ECB main refinancing rate; the legal\nrates carried forward until you confirm them (then remove legal_provisional).`;
    const text = ratesFileWithEntries(before, entries, heading, file);
    if (text === null) throw new UsageError(`${file}: cannot add the new half-years at its end without changing what it says; nothing was changed`, 'write it with one half-year per top-level key (relance rates --help shows how), then run the update again');
    const config = target.addLine === null ? null : await configText(target.addLine, cli.cwd);
    await writeOrExplain(target.path, text, file, 'nothing was changed');
    written.push(`Added to ${file}${exists ? '' : ' (new file)'}:`, ...plan.additions.map(additionLine));
    if (config !== null) {
      const display = displayPath(target.addLine!.path, cli.cwd);
      await writeOrExplain(target.addLine!.path, config.text, display, `${file} was written: add the line "rates: ${target.addLine!.name}" to ${display} by hand`);
      written.push(`${display}: added the line "rates: ${target.addLine!.name}".`);
    }
  }
  await writeOut(cli, `${report(plan, read.value.format, history.length, answer, today, file, written).join('\n')}\n`);
  printWarnings(cli, issues, opts.quiet);
  printNotes(cli, warnings(plan, file), opts.quiet);
  return 0;
}

/** A file that cannot be written is the user's to fix (permissions, a full disk): said, not a stack trace. */
async function writeOrExplain(path: string, text: string, display: string, after: string): Promise<void> {
  try {
    await replaceFile(path, text);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = { EACCES: 'permission denied', EPERM: 'permission denied', ENOSPC: 'the disk is full', EROFS: 'read-only file system', ENOENT: 'its folder does not exist', ENOTDIR: 'its folder does not exist' }[code ?? ''];
    if (why === undefined) throw e;
    throw new UsageError(`cannot write ${display} (${why}); ${after}`, 'check the path and who may write in its folder, then run the update again');
  }
}

function timeoutSeconds(text: string | undefined): number {
  if (text === undefined) return DEFAULT_TIMEOUT_SECONDS;
  const seconds = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text.trim()) || !(seconds > 0)) throw new UsageError(`--timeout "${text}" is not a number of seconds`, `write e.g. --timeout 60 (the default is ${DEFAULT_TIMEOUT_SECONDS})`);
  return seconds;
}

interface RatesTarget {
  path: string;
  timezone: string | null;
  /** The config's warnings. */
  warnings: Issue[];
  /** The config to name the new file in, when it names none. */
  addLine: { path: string; name: string } | null;
}

/** Which file gets the new half-years: `--rates FILE`, else relance.yaml's `rates:`, else rates.yaml beside it. */
async function ratesTarget(opts: RatesCommandOptions, cli: Cli): Promise<RatesTarget> {
  const configPath = resolve(cli.cwd, opts.config ?? 'relance.yaml');
  const hasConfig = opts.config !== undefined || (await access(configPath).then(() => true, () => false));
  if (!hasConfig && opts.rates === undefined) {
    throw new UsageError('rates --update needs a rates file to write, and there is no relance.yaml here', 'pass --rates FILE (created if absent), or run it in the folder of your relance.yaml');
  }
  const loaded = hasConfig ? await (await import('../io/config.js')).loadConfig(configPath, cli.cwd, cli.env) : null;
  const [config, warnings] = [loaded?.config ?? null, loaded?.warnings ?? []];
  const timezone = config?.timezone ?? null;
  if (opts.rates !== undefined) return { path: resolve(cli.cwd, opts.rates), timezone, warnings, addLine: null };
  if (config!.rates !== null) return { path: config!.rates, timezone, warnings, addLine: null };
  const text = await readFile(configPath, 'utf8');
  if (hasRatesKey(text)) {
    const issue = error(config!.display, parseYaml(text, config!.display).lineOf(['rates']), 'rates', 'is empty, or its ${VARIABLE} is not set: rates --update does not know which file to write', 'write the file’s name there, e.g. rates: rates.yaml, or pass --rates FILE');
    throw new InputError([issue, ...warnings]);
  }
  const path = join(dirname(configPath), 'rates.yaml');
  return { path, timezone, warnings, addLine: { path: configPath, name: relative(dirname(configPath), path) } };
}

async function configText(addLine: { path: string; name: string }, cwd: string): Promise<{ text: string }> {
  const text = configWithRatesLine(await readFile(addLine.path, 'utf8'), addLine.name);
  if (text === null) {
    const rates = displayPath(join(dirname(addLine.path), addLine.name), cwd);
    throw new UsageError(`${displayPath(addLine.path, cwd)}: cannot add the line "rates: ${addLine.name}" at its end; nothing was changed`, `add it by hand, or pass --rates ${rates}`);
  }
  return { text };
}

/** The half-year as the rates file keeps it: the MRO confirmed by the ECB, the legal rates not. */
function userEntry(a: RateAddition, answer: EcbAnswer, today: Day): UserRateEntry {
  const where = answer.kind === 'url' ? `${answer.origin}, fetched ${formatIsoDay(today)}` : `saved answer ${answer.origin}, read ${formatIsoDay(today)}`;
  return {
    halfYear: a.halfYear,
    mro: a.mro.rate,
    b2b: null,
    legalIndividual: a.legalIndividual,
    legalOther: a.legalOther,
    provisional: false,
    legalProvisional: true,
    source: `ECB Data Portal, main refinancing operations rate (FM.D.U2.EUR.4F.KR.MRR_FR.LEV): ${formatPercent(a.mro.rate)} % in force on ${startWords(a.halfYear)}, since ${formatIsoDay(a.mro.since)}; ${where}`,
    legalSource: `carried forward from ${a.legalFrom}, not confirmed: the legal rates of ${halfYearKey(a.halfYear)} are set by ${WHERE_LEGAL}`,
  };
}

function additionLine(a: RateAddition): string {
  return `  ${halfYearKey(a.halfYear)}  ECB rate ${formatPercent(a.mro.rate)} % (in force on ${startWords(a.halfYear)}, since ${formatFrenchDay(a.mro.since)}): B2B rate ${formatPercent(a.b2b)} %; legal rates ${formatPercent(a.legalIndividual)} / ${formatPercent(a.legalOther)} % carried forward from ${a.legalFrom}, provisional`;
}

function report(plan: RatesUpdatePlan, format: string, count: number, answer: EcbAnswer, today: Day, file: string, written: string[]): string[] {
  const got = answer.kind === 'url' ? `${answer.origin}, fetched ${formatFrenchDay(today)}` : `saved answer ${answer.origin}`;
  const lines = [`ECB main refinancing rate: ${count} observation${count === 1 ? '' : 's'} (${format}, ${got}).`];
  if (written.length > 0) lines.push(...written);
  else if (plan.notCovered.length === 0) {
    const now = halfYearKey(halfYearOf(today));
    lines.push(now <= SHIPPED_LAST
      ? `Nothing to add: the shipped tables reach ${SHIPPED_LAST}, and today falls in ${now}.`
      : `Nothing to add: every half-year up to ${now} is already in the tables or in ${file}.`);
  } else lines.push(`Nothing added to ${file}.`);
  const legal = [...plan.legalProvisional, ...plan.additions.map((a) => a.halfYear)].map(halfYearKey).sort();
  if (legal.length > 0) {
    lines.push(
      `Legal interest rates still carried forward, provisional: ${legal.join(', ')}. They cannot be fetched: confirm them from ${WHERE_LEGAL}; then write them in ${file} and remove legal_provisional: true.`,
    );
  }
  return lines;
}

/** What the update could not do, or found wrong: said on stderr, the files left as they are. */
function warnings(plan: RatesUpdatePlan, file: string): string[] {
  const out = plan.notCovered.map(({ halfYear: h, data, day }) =>
    data === 'starts-after'
      ? `${halfYearKey(h)}: the ECB data starts on ${formatFrenchDay(day)}, after ${startWords(h)}: not added, its rates are still carried forward — leave --from out to fetch the history from 2015`
      : `${halfYearKey(h)}: the ECB data ends on ${formatFrenchDay(day)}, before ${startWords(h)}: not added, its rates are still carried forward — fetch it again (leave --from out) once the ECB has published that day`,
  );
  for (const d of plan.disagreements) {
    const said = d.origin === 'shipped' ? 'the shipped tables say' : `${file} says`;
    const what = d.origin === 'shipped' ? `check the ECB's decisions (${ECB_PAGE}); if the tables are wrong, write ${halfYearKey(d.halfYear)} in ${file}` : `check it, and correct ${file} by hand if the ECB is right`;
    out.push(`${halfYearKey(d.halfYear)}: ${said} ECB rate ${formatPercent(d.table)} %, the ECB data ${formatPercent(d.ecb.rate)} % in force on ${startWords(d.halfYear)} (since ${formatFrenchDay(d.ecb.since)}): not changed — ${what}`);
  }
  return out;
}

/** `1 January 2027`, `1 July 2027`. */
function startWords(h: HalfYear): string {
  return `${h.half === 1 ? '1 January' : '1 July'} ${h.year}`;
}
