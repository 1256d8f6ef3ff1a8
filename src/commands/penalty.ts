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
import type { PenaltyInput, PenaltyResult, RateMode, Regime } from '../domain/penalty.js';
import { MissingRateError, computePenalty } from '../domain/penalty.js';
import type { FloorRule, Imputation } from '../domain/law-settings.js';
import { DEFAULT_LAW, FLOOR_RULES, IMPUTATIONS } from '../domain/law-settings.js';
import type { RateTable } from '../domain/rates.js';
import { UsageError } from '../errors.js';
import { formatIssue } from '../render/issues.js';
import { textTable } from '../render/text-table.js';
import { REGIME_TITLE, feeText, methodLine, noInterestReason } from '../render/penalty-method.js';
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
  public?: boolean;
  notice?: string;
  insolvency?: string;
  rates?: string;
  imputation?: string;
  floor?: string;
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
  relance penalty 10000 --due 2025-03-31 --payment 2025-04-15:4000 --paid 2025-04-30 --imputation interest-first
        the 4 000 € pay the interest accrued first, then the principal (art. 1343-1 C. civ.)
  relance penalty 10000 --due 2025-03-31 --paid 2025-07-31 --public
        a public buyer: ECB rate of the half-year interest began in + 8 points, fixed, plus €40

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
    .option('--public', 'the debtor is a public buyer: ECB rate + 8 points fixed at the half-year interest began in, plus €40 (R2192-31 C. commande publique)')
    .option('--imputation <reading>', 'principal-first: partial payments reduce the principal (default) · interest-first: they pay the interest accrued first (art. 1343-1 C. civ.)')
    .option('--floor <reading>', 'a contractual rate below 3 × the legal rate: raise it to that floor (default) · void: the clause falls, ECB + 10 applies')
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
  const law = inUse.config?.law ?? DEFAULT_LAW;
  const input = penaltyInput(flags, flags.paid ?? today!, flags.rateMode ?? inUse.config?.rateMode ?? 'half-year', flags.imputation ?? law.imputation, flags.floor ?? law.floor);
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
  regime: Regime;
  notice: Day | null;
  insolvency: Day | null;
  imputation: Imputation | null;
  floor: FloorRule | null;
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
  if (b2c && opts.public === true) throw new UsageError('--b2c and --public both given', 'a debtor is a consumer (--b2c) or a public buyer (--public), not both');
  const regime: Regime = b2c ? 'b2c' : opts.public === true ? 'public' : 'b2b';
  const imputation = readingFlag<Imputation>('--imputation', opts.imputation, IMPUTATIONS, 'principal-first (partial payments reduce the principal, the default) or interest-first (they pay the interest accrued first, art. 1343-1 C. civ.)');
  const floor = readingFlag<FloorRule>('--floor', opts.floor, FLOOR_RULES, 'raise (a contractual rate below 3 × the legal rate is raised to it, the default) or void (the clause falls and ECB + 10 applies)');
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
  return { principal, due, paid, payments, rate, rateMode, regime, notice, insolvency, imputation, floor };
}

function readingFlag<T extends string>(flag: string, text: string | undefined, allowed: readonly T[], hint: string): T | null {
  if (text === undefined) return null;
  if ((allowed as readonly string[]).includes(text)) return text as T;
  throw new UsageError(`${flag} "${text}" is not one of ${allowed.join(', ')}`, `write ${flag} ${hint}`);
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
function penaltyInput(flags: PenaltyFlags, endDate: Day, rateMode: RateMode, imputation: Imputation, floor: FloorRule): PenaltyInput {
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
    regime: flags.regime,
    contractualRate: flags.rate,
    rateMode,
    noticeDate: flags.notice,
    insolvencyDate: flags.insolvency,
    imputation,
    floor,
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

/** The shape of docs/contract.md § JSON; the inputs beyond it appear only when given on the command line. */
function jsonDocument(r: PenaltyResult, flags: PenaltyFlags, warnings: readonly string[]): Record<string, unknown> {
  return {
    regime: r.regime,
    principal: money(r.principal),
    due_date: iso(r.dueDate),
    end_date: iso(r.endDate),
    days_late: r.daysLate,
    rate_mode: r.rateMode,
    readings: { rate_mode: r.rateMode, imputation: r.imputation, floor: r.floor },
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
    interest_paid: money(r.interestPaid),
    flat_fee: money(r.flatFee),
    balance: money(r.balance),
    principal_left: money(r.principalLeft),
    total: money(r.total),
    warnings,
  };
}

async function printTable(r: PenaltyResult, flags: PenaltyFlags, options: { color: boolean; file: string | null }, cli: Cli): Promise<void> {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const fr = formatFrenchDay;
  const end = flags.paid !== null ? `paid ${fr(r.endDate)}` : `unpaid on ${fr(r.endDate)}`;
  const late = r.daysLate === 0 ? 'not late' : `${r.daysLate} day${r.daysLate === 1 ? '' : 's'} late`;
  const lines: string[] = [c.bold(`${REGIME_TITLE[r.regime]} penalty on ${formatEurosFr(r.principal)} due ${fr(r.dueDate)}, ${end} (${late})`), ''];

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
  const width = Math.max(...[r.interest, r.flatFee, r.balance, r.total, r.principalLeft].map((x) => formatEurosFr(x).length));
  const line = (label: string, value: string | Cents, note = ''): string =>
    `${label.padEnd(24)}${typeof value === 'number' ? formatEurosFr(value).padStart(width) : value}${note}`;
  const exemption = r.exemption;
  lines.push(line('Interest', r.interest, noInterestReason(r, exemption)));
  if (r.interestPaid > 0) lines.push(line('  paid by the payments', r.interestPaid, ' (imputed to the interest first, art. 1343-1 C. civ.)'));
  lines.push(line('€40 recovery indemnity', r.flatFee > 0 ? r.flatFee : feeText(r, exemption)));
  lines.push(line('Balance still due', r.balance));
  if (r.interestPaid > 0) lines.push(line('  principal left', r.principalLeft, ' (what the payments did not pay of it)'));
  lines.push(c.bold(line('Total claimable', r.total)));
  lines.push('');
  lines.push(c.dim(methodLine(r, flags, options.file)));
  await writeOut(cli, `${lines.join('\n')}\n`);
}
