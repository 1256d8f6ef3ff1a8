// relance penalty — late-payment interest and the €40 fee for one amount, period by
// period. Needs no config: the flags are the invoice. Kept light at the top: YAML and the
// table renderer are loaded only when a rates file is read or a table printed.

import type { Command } from 'commander';
import { Chalk } from 'chalk';
import type { Day } from '../domain/dates.js';
import { formatFrenchDay, formatIsoDay, parseDate } from '../domain/dates.js';
import type { Payment } from '../domain/invoice.js';
import type { Cents, Rate } from '../domain/money.js';
import { formatCents, formatEurosFr, formatPercent, parseAmount, parsePercent } from '../domain/money.js';
import type { Exemption, PenaltyInput, PenaltyResult, RateMode } from '../domain/penalty.js';
import { MissingRateError, computePenalty } from '../domain/penalty.js';
import type { RateTable } from '../domain/rates.js';
import { UsageError } from '../errors.js';
import { formatIssue } from '../render/issues.js';
import { textTable } from '../render/text-table.js';
import type { Cli, CommonOptions } from './common.js';
import { addCommonOptions, resolveToday, useColor, writeOut } from './common.js';
import { loadRatesInUse } from '../io/rates-in-use.js';

interface PenaltyOptions extends CommonOptions {
  due?: string;
  paid?: string;
  payment?: string[];
  rate?: string;
  rateMode?: string;
  b2c?: boolean;
  notice?: string;
  insolvency?: string;
  rates?: string;
}

const EXAMPLES = `
Examples:
  relance penalty 1000 --due 2025-01-31 --paid 2025-03-15
        paid 43 days late: 15,49 € of interest at 13.15 %, plus the €40 fee
  relance penalty "1 234,56 €" --due 31/01/2025 --payment 2025-03-10:500
        still unpaid today, 500 € paid on 10 March
  relance penalty 8000 --due 2025-01-31 --today 2025-12-31 --rate 15 --format json
        a contractual rate of 15 %, as JSON
  relance penalty 600 --due 2025-01-31 --b2c --notice 2025-03-01
        a consumer: legal interest rate from the day after the formal notice, no €40

Interest = balance × annual rate × days / 365, from the day after the due date to the
payment date (or today while unpaid), split at each 1 January / 1 July and each payment,
summed exactly and rounded once to the cent (art. L441-10 C. com.).`;

export function register(program: Command, cli: Cli): void {
  addCommonOptions(program.command('penalty').argument('<amount>', 'the amount due TTC: 1234.56, 1 234,56, "1 234,56 €"'), ['table', 'json'])
    .description('Late-payment interest and the €40 recovery fee for one amount, period by period. No config needed.')
    .option('-d, --due <date>', 'the due date (YYYY-MM-DD or dd/mm/yyyy) — required')
    .option('-p, --paid <date>', 'paid in full that day (default: still unpaid, counted to --today)')
    .option('--payment <date:amount>', 'a partial payment, e.g. 2025-02-10:500 (repeat for each)', (value: string, previous: string[] | undefined) => [...(previous ?? []), value])
    .option('--rate <percent>', 'a contractual annual rate, e.g. 12 or 12,5 (at least 3 × the legal rate)')
    .option('--rate-mode <mode>', 'half-year: each half-year’s rate (default) · fixed: the rate of the half-year the delay began in')
    .option('--b2c', 'the debtor is a consumer: legal interest rate from the formal notice, no €40')
    .option('--notice <date>', 'with --b2c: the date of the formal notice (mise en demeure)')
    .option('--insolvency <date>', 'opening judgment of a collective proceeding: interest stops that day')
    .option('-r, --rates <file>', 'a rates file of your own (instead of the one relance.yaml names)')
    .addHelpText('after', EXAMPLES)
    .action(async (amount: string, opts: PenaltyOptions) => {
      cli.exitCode = await penalty(amount, opts, cli);
    });
}

export async function penalty(amountText: string, opts: PenaltyOptions, cli: Cli): Promise<number> {
  const flags = parseFlags(amountText, opts);
  const inUse = await loadRatesInUse(opts, cli);
  // The clock matters only while unpaid; a bad --today is refused either way.
  const today = flags.paid === null || opts.today !== undefined ? await resolveToday(opts.today, cli, inUse.config?.timezone) : null;
  const input = penaltyInput(flags, flags.paid ?? today!, flags.rateMode ?? inUse.config?.rateMode ?? 'half-year');
  const result = computeOrExplain(input, inUse.rates);
  const warnings = [...inUse.warnings.map(formatIssue), ...result.warnings.map((w) => w.text)];

  if (opts.format === 'json') await writeOut(cli, `${JSON.stringify(jsonDocument(result, flags, warnings), null, 2)}\n`);
  else await printTable(result, flags, { color: useColor(opts, cli), file: inUse.file }, cli);
  if (!opts.quiet) {
    for (const issue of inUse.warnings) cli.stderr.write(`${formatIssue(issue)}\n`);
    for (const w of result.warnings) cli.stderr.write(`warning: ${w.text}\n`);
  }
  return 0;
}

/** The command line read into values; every bad value is refused with an example. */
interface PenaltyFlags {
  principal: Cents;
  due: Day;
  paid: Day | null;
  payments: Payment[];
  rate: Rate | null;
  rateMode: RateMode | null;
  b2c: boolean;
  notice: Day | null;
  insolvency: Day | null;
}

const AMOUNT_HINT = 'write it like 1234.56, 1 234,56 or "1 234,56 €", e.g. relance penalty 1234.56 --due 2025-01-31';
const PAYMENT_HINT = 'write the day and the amount paid, e.g. --payment 2025-02-10:500 or --payment 10/02/2025:500,50';

function parseFlags(amountText: string, opts: PenaltyOptions): PenaltyFlags {
  const principal = parseAmount(amountText);
  if (principal === null) throw new UsageError(`AMOUNT "${amountText}" is not an amount`, AMOUNT_HINT);
  if (principal <= 0) throw new UsageError(`AMOUNT "${amountText}" must be more than zero`, AMOUNT_HINT);
  if (opts.due === undefined) throw new UsageError('--due is missing', 'give the due date of the invoice, e.g. --due 2025-01-31');
  const due = dateFlag('--due', opts.due, '2025-01-31');
  const paid = opts.paid === undefined ? null : dateFlag('--paid', opts.paid, '2025-03-15');
  const paymentTexts = opts.payment ?? [];
  const payments = paymentTexts.map(paymentFlag);

  let rate: Rate | null = null;
  if (opts.rate !== undefined) {
    rate = parsePercent(opts.rate);
    if (rate === null) throw new UsageError(`--rate "${opts.rate}" is not a rate in percent`, 'write the annual rate like 12 or 12,5 (for 12.5 %), e.g. --rate 12.5');
  }
  let rateMode: RateMode | null = null;
  if (opts.rateMode !== undefined) {
    if (opts.rateMode !== 'half-year' && opts.rateMode !== 'fixed') {
      throw new UsageError(`--rate-mode "${opts.rateMode}" is not a rate mode`, 'write --rate-mode half-year (each half-year’s rate, the default) or --rate-mode fixed (the rate of the half-year the delay began in)');
    }
    rateMode = opts.rateMode;
  }
  const b2c = opts.b2c === true;
  const notice = opts.notice === undefined ? null : dateFlag('--notice', opts.notice, '2025-03-01');
  if (notice !== null && !b2c) {
    throw new UsageError(`--notice ${opts.notice} applies to a consumer only`, 'add --b2c, or leave --notice out: B2B interest runs from the day after the due date without any notice');
  }
  const insolvency = opts.insolvency === undefined ? null : dateFlag('--insolvency', opts.insolvency, '2025-06-10');

  if (paid !== null) {
    const late = payments.find((p) => p.date! > paid);
    if (late) {
      const text = paymentTexts[payments.indexOf(late)]!;
      throw new UsageError(`--payment "${text}" is after --paid ${formatIsoDay(paid)}`, 'the invoice is paid in full on the --paid date: give earlier payments only, or a later --paid');
    }
  }
  const paidSum = payments.reduce((sum, p) => sum + p.amount, 0);
  if (paidSum > principal) {
    throw new UsageError(`--payment: the payments add up to ${formatCents(paidSum)}, more than the amount ${formatCents(principal)}`, 'check the amounts: each --payment is one payment received');
  }
  return { principal, due, paid, payments, rate, rateMode, b2c, notice, insolvency };
}

function dateFlag(flag: string, text: string, example: string): Day {
  const day = parseDate(text);
  if (day === null) throw new UsageError(`${flag} "${text}" is not a date`, `write it as YYYY-MM-DD or dd/mm/yyyy, e.g. ${flag} ${example}`);
  return day;
}

function paymentFlag(text: string): Payment {
  const colon = text.indexOf(':');
  if (colon < 0) throw new UsageError(`--payment "${text}" is not DATE:AMOUNT`, PAYMENT_HINT);
  const dateText = text.slice(0, colon);
  const amountText = text.slice(colon + 1);
  const date = parseDate(dateText);
  if (date === null) throw new UsageError(`--payment "${text}": "${dateText}" is not a date`, PAYMENT_HINT);
  const amount = parseAmount(amountText);
  if (amount === null) throw new UsageError(`--payment "${text}": "${amountText}" is not an amount`, PAYMENT_HINT);
  if (amount <= 0) throw new UsageError(`--payment "${text}": the amount must be more than zero`, PAYMENT_HINT);
  return { date, amount };
}

/** With --paid, the invoice is settled that day: what remains is one more payment on it. */
function penaltyInput(flags: PenaltyFlags, endDate: Day, rateMode: RateMode): PenaltyInput {
  const payments = [...flags.payments].sort((a, b) => a.date! - b.date!);
  if (flags.paid !== null) {
    const rest = flags.principal - payments.reduce((sum, p) => sum + p.amount, 0);
    if (rest > 0) payments.push({ date: flags.paid, amount: rest });
  }
  return {
    principal: flags.principal,
    dueDate: flags.due,
    payments,
    endDate,
    regime: flags.b2c ? 'b2c' : 'b2b',
    contractualRate: flags.rate,
    rateMode,
    noticeDate: flags.notice,
    insolvencyDate: flags.insolvency,
  };
}

function computeOrExplain(input: PenaltyInput, rates: RateTable): PenaltyResult {
  try {
    return computePenalty(input, rates);
  } catch (e) {
    if (!(e instanceof MissingRateError)) throw e;
    throw new UsageError(e.reason, `${e.hint}, or pass one with --rates FILE`);
  }
}

const money = formatCents;
const iso = formatIsoDay;

/** DESIGN.md's shape; the inputs beyond it appear only when given on the command line. */
function jsonDocument(r: PenaltyResult, flags: PenaltyFlags, warnings: readonly string[]): Record<string, unknown> {
  return {
    regime: r.regime,
    principal: money(r.principal),
    due_date: iso(r.dueDate),
    end_date: iso(r.endDate),
    days_late: r.daysLate,
    rate_mode: r.rateMode,
    ...(flags.rate !== null && { contractual_rate: formatPercent(flags.rate) }),
    ...(flags.payments.length > 0 && {
      payments: [...flags.payments].sort((a, b) => a.date! - b.date!).map((p) => ({ date: iso(p.date!), amount: money(p.amount) })),
    }),
    ...(flags.notice !== null && { notice_date: iso(flags.notice) }),
    ...(flags.insolvency !== null && { insolvency_date: iso(flags.insolvency) }),
    periods: r.periods.map((p) => ({
      from: iso(p.from),
      to: iso(p.to),
      days: p.days,
      balance: money(p.balance),
      rate: formatPercent(p.rate),
      interest: money(p.interest),
      provisional: p.provisional,
    })),
    interest: money(r.interest),
    flat_fee: money(r.flatFee),
    balance: money(r.balance),
    total: money(r.total),
    warnings,
  };
}

async function printTable(r: PenaltyResult, flags: PenaltyFlags, options: { color: boolean; file: string | null }, cli: Cli): Promise<void> {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const fr = formatFrenchDay;
  const end = flags.paid !== null ? `paid ${fr(r.endDate)}` : `unpaid on ${fr(r.endDate)}`;
  const late = r.daysLate === 0 ? 'not late' : `${r.daysLate} day${r.daysLate === 1 ? '' : 's'} late`;
  const lines: string[] = [c.bold(`${r.regime === 'b2c' ? 'B2C' : 'B2B'} penalty on ${formatEurosFr(r.principal)} due ${fr(r.dueDate)}, ${end} (${late})`), ''];

  if (r.periods.length > 0) {
    const anyProvisional = r.periods.some((p) => p.provisional);
    // Every rate cell keeps a place for the star, so the column stays aligned.
    const rateCell = (rate: Rate, provisional: boolean): string => `${formatPercent(rate)} %${provisional ? '*' : anyProvisional ? ' ' : ''}`;
    lines.push(
      ...textTable(
        [
          { header: 'From', max: 10 },
          { header: 'To', max: 10 },
          { header: 'Days', max: 6, align: 'right' },
          { header: 'Balance', max: 20, align: 'right' },
          { header: 'Rate', max: 10, align: 'right' },
          { header: 'Interest', max: 20, align: 'right' },
        ],
        r.periods.map((p) => [fr(p.from), fr(p.to), String(p.days), formatEurosFr(p.balance), rateCell(p.rate, p.provisional), formatEurosFr(p.interest)]),
        200,
        c,
      ),
    );
    if (anyProvisional) lines.push(c.yellow('* provisional rate: carried forward or not yet confirmed (the warning says which and how to confirm it); confirm or replace it with --rates FILE'));
    lines.push('');
  }

  // Amounts right-aligned in one column; a "none — …" fee starts where they do.
  const width = Math.max(...[r.interest, r.flatFee, r.balance, r.total].map((x) => formatEurosFr(x).length));
  const line = (label: string, value: string | Cents, note = ''): string =>
    `${label.padEnd(24)}${typeof value === 'number' ? formatEurosFr(value).padStart(width) : value}${note}`;
  const exemption = r.exemption;
  lines.push(line('Interest', r.interest, noInterestReason(r, exemption)));
  lines.push(line('€40 recovery indemnity', r.flatFee > 0 ? r.flatFee : feeText(r, exemption)));
  lines.push(line('Balance still due', r.balance));
  lines.push(c.bold(line('Total claimable', r.total)));
  lines.push('');
  lines.push(c.dim(methodLine(r, flags, options.file)));
  await writeOut(cli, `${lines.join('\n')}\n`);
}

const NO_INTEREST: Record<NonNullable<Exemption>, string> = {
  'not-due': ' (not late yet)',
  'paid-on-time': ' (paid on time)',
  'collective-proceeding': ' (collective proceeding opened by the due date)',
  'no-notice': ' (no formal notice yet: --notice DATE)',
};

function noInterestReason(r: PenaltyResult, exemption: Exemption): string {
  return r.periods.length === 0 && exemption !== null ? NO_INTEREST[exemption] : '';
}

/** Why there is no €40 fee. */
function feeText(r: PenaltyResult, exemption: Exemption): string {
  if (r.regime === 'b2c') return 'none — B2C';
  if (exemption === 'collective-proceeding') return 'none — collective proceeding opened by the due date';
  return exemption === 'not-due' ? 'none — not late yet' : 'none — paid on time';
}

function methodLine(r: PenaltyResult, flags: PenaltyFlags, file: string | null): string {
  const rates = file === null ? '' : `; rates from ${file}`;
  if (r.regime === 'b2c') {
    return `How: balance × legal interest rate ("autres cas") × days / 365 from the day after the formal notice, split by half-year and at each payment, rounded once (art. 1231-6 C. civ., L313-2 CMF)${rates}.`;
  }
  const split = r.rateMode === 'fixed' ? 'at the rate of the half-year the delay began in, split at each payment' : 'split by half-year and at each payment';
  const rate = flags.rate === null ? 'ECB rate + 10 points' : `contractual rate ${formatPercent(flags.rate)} %, at least 3 × the legal rate`;
  return `How: balance × rate × days / 365 (${rate}), ${split}, rounded once; €40 fee once per invoice (art. L441-10 C. com.)${rates}.`;
}
