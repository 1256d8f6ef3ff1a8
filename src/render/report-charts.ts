// The report's charts as inline SVG, written as text when the page is built: nothing to
// load or run at view time. Bars are placed in percentages of the chart's width and the
// labels keep their pixel size, so a chart fits a phone as well as a wide screen.

import type { AgingBucket } from '../domain/status.js';
import { AGING_BUCKETS } from '../domain/status.js';
import type { ClientFigures, ReportFigures, StepEffect } from '../domain/report-figures.js';
import { escapeHtml } from './html-escape.js';
import type { ReportFormat } from './report-text.js';

export const BUCKET_COLORS: Record<AgingBucket, string> = {
  not_due: '#8da9c4',
  '1-30': '#f2c14e',
  '31-60': '#ee8a3c',
  '61-90': '#d5473a',
  '90+': '#861d25',
};
export const OVERDUE_COLOR = '#d5473a';
export const NOT_DUE_COLOR = '#8da9c4';
export const PAID_COLOR = '#2e8b57';
export const WAITING_COLOR = '#b8c2cf';
const TRACK_COLOR = '#eceff3';

const pct = (part: number, whole: number): string => (whole <= 0 ? '0' : ((100 * part) / whole).toFixed(3).replace(/\.?0+$/, ''));

function svg(id: string, label: string, height: number, body: string): string {
  return `<svg class="chart" id="${id}" role="img" aria-label="${escapeHtml(label)}" width="100%" height="${height}" xmlns="http://www.w3.org/2000/svg">${body}</svg>`;
}

/** A bar split into segments, side by side, each a share of `total`. */
function stackedBar(y: number, height: number, segments: readonly { value: number; color: string; title: string }[], total: number): string {
  let x = 0;
  let out = `<rect x="0" y="${y}" width="100%" height="${height}" fill="${TRACK_COLOR}"/>`;
  for (const s of segments) {
    if (s.value <= 0) continue;
    out += `<rect x="${pct(x, total)}%" y="${y}" width="${pct(s.value, total)}%" height="${height}" fill="${s.color}" stroke="#fff" stroke-width="1"><title>${escapeHtml(s.title)}</title></rect>`;
    x += s.value;
  }
  return out;
}

/** Aging as two stacked bars: the unpaid amount by bucket, and the count of invoices. */
export function agingChart(f: ReportFigures, fmt: ReportFormat): string {
  const w = fmt.words;
  const amountTotal = AGING_BUCKETS.reduce((s, b) => s + f.aging[b].amount, 0);
  const countTotal = AGING_BUCKETS.reduce((s, b) => s + f.aging[b].count, 0);
  const segment = (b: AgingBucket, value: number) => ({
    value,
    color: BUCKET_COLORS[b],
    title: `${w.buckets[b]} — ${fmt.money(f.aging[b].amount)} · ${w.invoices(f.aging[b].count)}`,
  });
  const body =
    `<text x="0" y="14" class="chart-label">${escapeHtml(w.byAmount)}</text>` +
    stackedBar(22, 30, AGING_BUCKETS.map((b) => segment(b, f.aging[b].amount)), amountTotal) +
    `<text x="0" y="80" class="chart-label">${escapeHtml(w.byCount)}</text>` +
    stackedBar(88, 30, AGING_BUCKETS.map((b) => segment(b, f.aging[b].count)), countTotal);
  return svg('chart-aging', w.aging, 120, body);
}

const ROW = 44;

function shorten(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

/** The worst debtors, one bar each: the overdue part, then what is not yet due. */
export function debtorsChart(clients: readonly ClientFigures[], fmt: ReportFormat): string {
  const w = fmt.words;
  const max = clients.reduce((m, c) => Math.max(m, c.balance), 0);
  let body = '';
  clients.forEach((c, i) => {
    const y = i * ROW;
    body +=
      `<text x="0" y="${y + 15}" class="chart-label">${escapeHtml(shorten(c.client, 30))}</text>` +
      `<text x="100%" y="${y + 15}" text-anchor="end" class="chart-value">${escapeHtml(fmt.money(c.balance))}</text>` +
      `<rect x="0" y="${y + 22}" width="${pct(c.overdue, max)}%" height="14" fill="${OVERDUE_COLOR}"><title>${escapeHtml(`${w.overduePart} — ${fmt.money(c.overdue)}`)}</title></rect>` +
      `<rect x="${pct(c.overdue, max)}%" y="${y + 22}" width="${pct(c.balance - c.overdue, max)}%" height="14" fill="${NOT_DUE_COLOR}"><title>${escapeHtml(`${w.notDuePart} — ${fmt.money(c.balance - c.overdue)}`)}</title></rect>`;
  });
  return svg('chart-debtors', w.topDebtors, clients.length * ROW, body);
}

/** Rows of the effectiveness chart: the step and its share above the bar, the counts below it. */
const STEP_ROW = 62;

/** For each step: the share of its invoices paid within the window, and those too recent to tell. */
export function effectivenessChart(steps: readonly StepEffect[], fmt: ReportFormat): string {
  const w = fmt.words;
  let body = '';
  steps.forEach((s, i) => {
    const y = i * STEP_ROW;
    const counts = `${w.stepRow(s.invoices, s.paidWithin)}${s.waiting > 0 ? ` · ${w.waiting(s.waiting)}` : ''}`;
    body +=
      `<text x="0" y="${y + 15}" class="chart-label">${escapeHtml(s.step)}</text>` +
      `<text x="100%" y="${y + 15}" text-anchor="end" class="chart-value">${escapeHtml(fmt.percent(s.paidWithin, s.invoices))}</text>` +
      stackedBar(
        y + 22,
        14,
        [
          { value: s.paidWithin, color: PAID_COLOR, title: w.stepRow(s.invoices, s.paidWithin) },
          { value: s.waiting, color: WAITING_COLOR, title: w.waiting(s.waiting) },
        ],
        s.invoices,
      ) +
      `<text x="0" y="${y + 51}" class="chart-note">${escapeHtml(counts)}</text>`;
  });
  return svg('chart-effectiveness', w.effectiveness, steps.length * STEP_ROW, body);
}
