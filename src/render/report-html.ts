// The report as one self-contained HTML page: the headline figures (and their change since
// the previous report), aging, top debtors, reminder effectiveness, the per-client table,
// and how each figure is computed. Styles, script, charts and data are all inline.

import type { Cents } from '../domain/money.js';
import type { Action } from '../domain/report-actions.js';
import type { ClientFigures, ReportFigures } from '../domain/report-figures.js';
import { PAID_WITHIN_DAYS } from '../domain/report-figures.js';
import { AGING_BUCKETS } from '../domain/status.js';
import { escapeHtml as esc } from './html-escape.js';
import { REPORT_CSP, REPORT_CSS, REPORT_SCRIPT } from './report-assets.js';
import { BUCKET_COLORS, NOT_DUE_COLOR, OVERDUE_COLOR, PAID_COLOR, WAITING_COLOR, agingChart, debtorsChart, effectivenessChart } from './report-charts.js';
import type { ReportOptions } from './report-json.js';
import { ACTIONS_PER_CLIENT, TOP_DEBTORS, jsonForScript, reportDocument } from './report-json.js';
import type { ReportFormat } from './report-text.js';
import { reportFormat } from './report-text.js';

export interface PageOptions extends ReportOptions {
  /** relance's version, for the footer. */
  version: string;
}

export function renderReportHtml(f: ReportFigures, options: PageOptions): string {
  const fmt = reportFormat(options.language);
  const w = fmt.words;
  const title = `${w.title} ${w.on} ${fmt.longDate(f.today)}`;
  const heading = options.creditor ? `${w.title} — ${options.creditor}` : w.title;
  return `<!doctype html>
<html lang="${options.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">
<meta name="generator" content="relance ${esc(options.version)}">
<title>${esc(options.creditor ? `${title} — ${options.creditor}` : title)}</title>
<style>${REPORT_CSS}</style>
<script type="application/json" id="relance-data">${jsonForScript(reportDocument(f, options))}</script>
</head>
<body>
<main>
<header>
<h1>${esc(heading)}</h1>
<p class="muted">${esc(`${w.on.charAt(0).toUpperCase()}${w.on.slice(1)} ${fmt.longDate(f.today)}`)} · ${esc(w.period(fmt.date(f.from), fmt.date(f.today), f.dso.days))}</p>
</header>
${headline(f, options, fmt)}
${agingSection(f, fmt)}
${debtorsSection(f, fmt)}
${effectivenessSection(f, fmt)}
${clientsSection(f, options.limit, fmt)}
${methodSection(f, fmt)}
<footer>${esc(w.footer(options.version))}</footer>
</main>
<script>${REPORT_SCRIPT}</script>
</body>
</html>
`;
}

function headline(f: ReportFigures, options: PageOptions, fmt: ReportFormat): string {
  const w = fmt.words;
  const h = f.headline;
  const p = options.previous;
  const star = h.provisional ? '*' : '';
  const since = p === null ? '' : w.since(fmt.date(p.today));
  const moneyChange = (now: Cents, before: Cents | undefined): string => (before === undefined ? '' : change(now - before, fmt.moneyChange(now - before), since, w.unchanged));
  const dsoValue = f.dso.tenths === null ? '–' : w.days(fmt.tenths(f.dso.tenths));
  const dsoChange = p === null || p.dsoTenths === null || f.dso.tenths === null ? '' : change(f.dso.tenths - p.dsoTenths, `${f.dso.tenths >= p.dsoTenths ? '+' : ''}${fmt.tenths(f.dso.tenths - p.dsoTenths)}`, since, w.unchanged);
  // Big amounts get a smaller type rather than a line break inside the number.
  const size = (value: string): string => (value.length > 19 ? ' longer' : value.length > 13 ? ' long' : '');
  const card = (id: string, label: string, value: string, sub: string, delta: string): string =>
    `<div class="card" id="${id}"><div class="label">${esc(label)}</div><div class="value${size(value)}">${esc(value)}</div><div class="muted small">${esc(sub)}</div>${delta}</div>`;
  const cards = [
    card('fig-due', w.due, fmt.money(h.due), w.invoices(h.dueCount), moneyChange(h.due, p?.due)),
    card('fig-overdue', w.overdue, fmt.money(h.overdue), w.invoices(h.overdueCount), moneyChange(h.overdue, p?.overdue)),
    card('fig-claimable', w.claimable, `${fmt.money(h.interest + h.flatFees)}${star}`, w.interestAndFees(fmt.money(h.interest), fmt.money(h.flatFees)), moneyChange(h.interest + h.flatFees, p?.claimable)),
    card('fig-dso', w.dso, dsoValue, f.dso.tenths === null ? w.noSales : w.dsoSub(fmt.money(f.dso.receivables), fmt.money(f.dso.sales), f.dso.days), dsoChange),
  ];
  const note = h.provisional ? `<p class="muted small">${esc(w.provisional)}</p>` : '';
  return `<div class="cards">${cards.join('')}</div>${note}`;
}

/** "▲ +1 234,56 € since 15/11/2026": up is shown as a rise of what is owed or of the delay. */
function change(delta: number, text: string, since: string, unchanged: string): string {
  if (delta === 0) return `<div class="change same">= ${esc(unchanged)} ${esc(since)}</div>`;
  return `<div class="change ${delta > 0 ? 'up' : 'down'}">${delta > 0 ? '▲' : '▼'} ${esc(text)} ${esc(since)}</div>`;
}

function agingSection(f: ReportFigures, fmt: ReportFormat): string {
  const w = fmt.words;
  if (f.headline.dueCount === 0) return `<section id="aging"><h2>${esc(w.aging)}</h2><p>${esc(w.nothingOwed)}</p></section>`;
  const legend = AGING_BUCKETS.map(
    (b) =>
      `<li><span class="swatch" style="background:${BUCKET_COLORS[b]}"></span><span class="what">${esc(w.buckets[b])}<br>` +
      `<span class="num">${esc(fmt.money(f.aging[b].amount))}</span><br><span class="muted small">${esc(w.invoices(f.aging[b].count))}</span></span></li>`,
  ).join('');
  return `<section id="aging"><h2>${esc(w.aging)}</h2>${agingChart(f, fmt)}<ul class="legend">${legend}</ul></section>`;
}

function debtorsSection(f: ReportFigures, fmt: ReportFormat): string {
  const w = fmt.words;
  const top = f.clients.slice(0, TOP_DEBTORS);
  if (top.length === 0) return '';
  const items = top
    .map((c) => {
      const o = c.oldest;
      // The words hold no markup: the escaped pieces go into them as they are.
      const oldest = o === null ? '' : `<br><span class="muted">${w.oldest(`<span class="nw">${esc(o.number)}</span>, ${esc(fmt.date(o.dueDate))} (${esc(w.daysLate(o.daysLate))})`)}</span>`;
      const last = c.lastAction === null ? '' : `<br><span class="muted">${w.lastAction(actionHtml(c.lastAction, fmt))}</span>`;
      return `<li><span class="who">${esc(c.client)}</span> — ${esc(fmt.money(c.balance))}${oldest}${last}</li>`;
    })
    .join('');
  const legend = `<ul class="legend inline">${swatch(OVERDUE_COLOR, w.overduePart)}${swatch(NOT_DUE_COLOR, w.notDuePart)}</ul>`;
  return `<section id="debtors"><h2>${esc(w.topDebtors)}</h2><div class="grid2"><div>${debtorsChart(top, fmt)}${legend}</div><ol class="debtors">${items}</ol></div></section>`;
}

function swatch(color: string, label: string): string {
  return `<li><span class="swatch" style="background:${color}"></span><span class="what">${esc(label)}</span></li>`;
}

/** `22/11/2026 · F-2026-014 · e-mail envoyé (relance-2)`, the invoice number never broken at its hyphens. */
function actionHtml(a: Action, fmt: ReportFormat): string {
  return `${esc(fmt.date(a.date))} · <span class="nw">${esc(a.invoice)}</span> · ${esc(fmt.action(a))}`;
}

function effectivenessSection(f: ReportFigures, fmt: ReportFormat): string {
  const w = fmt.words;
  const e = f.effectiveness;
  const chart = e.steps.length === 0 ? `<p>${esc(w.noSteps)}</p>` : effectivenessChart(e.steps, fmt);
  const legend =
    e.steps.length === 0
      ? ''
      : `<ul class="legend inline">${swatch(PAID_COLOR, w.paidLegend(PAID_WITHIN_DAYS))}${e.steps.some((s) => s.waiting > 0) ? swatch(WAITING_COLOR, w.waitingLegend(PAID_WITHIN_DAYS)) : ''}</ul>`;
  const median = e.medianDaysFromDue === null ? w.noPaid : w.median(w.days(fmt.number(e.medianDaysFromDue)), e.paidCount);
  return (
    `<section id="effectiveness"><h2>${esc(w.effectiveness)}</h2><p class="muted small">${esc(w.effectivenessIntro(PAID_WITHIN_DAYS))}</p>${chart}` +
    legend +
    `<p id="median">${esc(median)}</p>` +
    (e.paidUndated > 0 ? `<p class="muted small">${esc(w.undated(e.paidUndated))}</p>` : '') +
    `</section>`
  );
}

function clientsSection(f: ReportFigures, limit: number, fmt: ReportFormat): string {
  const w = fmt.words;
  if (f.clients.length === 0) return '';
  const shown = f.clients.slice(0, limit);
  const rest = f.clients.slice(limit);
  // Sorted as numbers (worst first) or as text; the last action sorts by its date but reads as text.
  const th = (label: string, type: 'number' | 'text', extra = ''): string => `<th scope="col" data-type="${type}"${extra}><button type="button">${esc(label)}</button></th>`;
  const num = ' class="num"';
  const head =
    th(w.colClient, 'text') +
    th(w.colInvoices, 'number', num) +
    th(w.colBalance, 'number', `${num} aria-sort="descending"`) +
    th(w.colOverdue, 'number', num) +
    th(w.colOldest, 'number', num) +
    th(w.colClaimable, 'number', num) +
    th(w.colLast, 'number') +
    `<th scope="col">${esc(w.colHistory)}</th>`;
  const rows = shown.map((c) => clientRow(c, fmt)).join('\n');
  const more = rest.length === 0 ? '' : `<p class="muted small" id="clients-more">${esc(w.more(rest.length, fmt.money(rest.reduce((s, c) => s + c.balance, 0))))}</p>`;
  const table = shown.length === 0 ? '' : `<p class="muted small">${esc(w.sortHint)}</p><div class="table-wrap"><table id="clients"><thead><tr>${head}</tr></thead><tbody>\n${rows}\n</tbody></table></div>`;
  return `<section id="per-client"><h2>${esc(w.clients)}</h2>${table}${more}</section>`;
}

function clientRow(c: ClientFigures, fmt: ReportFormat): string {
  const w = fmt.words;
  // data-label: the column's name, shown beside the value when the table is stacked on a phone.
  const num = (v: number, text: string, label: string): string => `<td class="num" data-v="${v}" data-label="${esc(label)}">${esc(text)}</td>`;
  const last = c.lastAction;
  const latest = c.actions.slice(-ACTIONS_PER_CLIENT).reverse();
  const history =
    c.actions.length === 0
      ? `<span class="muted">${esc(w.noActions)}</span>`
      : `<details><summary>${esc(w.actionsCount(c.actions.length))}</summary><ol>${latest.map((a) => `<li>${actionHtml(a, fmt)}</li>`).join('')}</ol></details>`;
  return (
    `<tr><td class="client" data-v="${esc(c.client)}">${esc(c.client)}</td>` +
    num(c.invoices, fmt.count(c.invoices), w.colInvoices) +
    num(c.balance, fmt.money(c.balance), w.colBalance) +
    num(c.overdue, fmt.money(c.overdue), w.colOverdue) +
    num(c.oldest?.daysLate ?? 0, c.oldest === null ? '–' : fmt.count(Math.max(0, c.oldest.daysLate)), w.colOldest) +
    num(c.interest + c.flatFees, fmt.money(c.interest + c.flatFees), w.colClaimable) +
    `<td class="last" data-v="${last?.date ?? -1}" data-label="${esc(w.colLast)}">${last === null ? '–' : actionHtml(last, fmt)}</td>` +
    `<td>${history}</td></tr>`
  );
}

function methodSection(f: ReportFigures, fmt: ReportFormat): string {
  const w = fmt.words;
  const d = f.dso;
  const dso = w.methodDso(fmt.money(d.receivables), fmt.money(d.sales), d.days, d.tenths === null ? '–' : w.days(fmt.tenths(d.tenths)));
  const noIssue = d.withoutIssueDate > 0 ? w.methodNoIssue(d.withoutIssueDate) : '';
  const later = f.issuedAfterToday > 0 ? w.issuedLater(f.issuedAfterToday) : '';
  return `<section class="method" id="method"><h2>${esc(w.method)}</h2><p>${esc(dso + noIssue + later)}</p><p>${esc(w.methodAging)}</p><p>${esc(w.methodEffect(PAID_WITHIN_DAYS))}</p></section>`;
}
