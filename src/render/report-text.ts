// The words and number formats of the report page, in French (the default) and English:
// money as relance writes it everywhere (`1 234,56 €` / `€1,234.56`), dates, days, shares.

import type { Day } from '../domain/dates.js';
import { formatFrenchDay, formatIsoDay, ymdFromDay } from '../domain/dates.js';
import type { Language } from '../domain/invoice.js';
import type { Cents } from '../domain/money.js';
import { formatEurosEn, formatEurosFr } from '../domain/money.js';
import type { Action } from '../domain/report-actions.js';
import type { AgingBucket } from '../domain/status.js';

const NBSP = '\u00a0';
/** Counts with their thousands grouped: `83 580` / `83,580`. */
const groupFr = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
const groupEn = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

const FR = {
  title: 'Encours clients',
  on: 'au',
  period: (from: string, to: string, days: number) => `Période : du ${from} au ${to} (${days} jours)`,
  due: 'Total dû',
  overdue: 'En retard',
  claimable: 'Intérêts et indemnités exigibles',
  dso: 'DSO (délai moyen de paiement)',
  invoices: (n: number) => `${groupFr(n)} facture${n < 2 ? '' : 's'}`,
  interestAndFees: (i: string, f: string) => `intérêts ${i} · indemnités ${f}`,
  dsoSub: (r: string, s: string, d: number) => `${r} ÷ ${s} × ${d}\u00a0j`,
  noSales: 'aucune vente sur la période',
  days: (d: string) => `${d}\u00a0jours`,
  since: (date: string) => `depuis le ${date}`,
  unchanged: 'inchangé',
  provisional: '* provisoire : des taux non encore confirmés (reportés au-delà des tables) entrent dans ces intérêts',
  aging: 'Ancienneté des impayés',
  byAmount: 'Par montant',
  byCount: 'Par nombre de factures',
  buckets: { not_due: 'Pas encore échu', '1-30': '1–30 jours', '31-60': '31–60 jours', '61-90': '61–90 jours', '90+': '> 90 jours' } as Record<AgingBucket, string>,
  nothingOwed: 'Rien n’est dû.',
  topDebtors: 'Principaux débiteurs',
  overduePart: 'en retard',
  notDuePart: 'pas encore échu',
  oldest: (what: string) => `Plus ancienne impayée : ${what}`,
  lastAction: (what: string) => `Dernière action : ${what}`,
  daysLate: (n: number) => (n > 0 ? `${groupFr(n)} j de retard` : 'pas encore échue'),
  effectiveness: 'Efficacité des relances',
  effectivenessIntro: (w: number) => `Parmi les factures qui ont reçu chaque étape sur la période, celles réglées dans les ${w} jours qui ont suivi.`,
  stepRow: (n: number, paid: number) => `${groupFr(paid)} sur ${groupFr(n)} réglée${paid < 2 ? '' : 's'}`,
  waiting: (n: number) => `${groupFr(n)} en attente`,
  paidLegend: (days: number) => `réglées dans les ${days} jours`,
  waitingLegend: (days: number) => `en attente : relancées il y a ${days} jours ou moins, pas encore réglées`,
  noSteps: 'Aucune relance sur la période.',
  median: (m: string, n: number) => `Délai médian de l’échéance au paiement : ${m} (${groupFr(n)} facture${n < 2 ? '' : 's'} réglée${n < 2 ? '' : 's'} sur la période)`,
  noPaid: 'Aucune facture réglée sur la période.',
  undated: (n: number) => `${groupFr(n)} facture${n < 2 ? '' : 's'} réglée${n < 2 ? '' : 's'} sans date de paiement n’${n < 2 ? 'est' : 'sont'} pas comptée${n < 2 ? '' : 's'}.`,
  clients: 'Par client',
  sortHint: 'Cliquez un en-tête pour trier.',
  colClient: 'Client',
  colInvoices: 'Factures',
  colBalance: 'Solde dû',
  colOverdue: 'En retard',
  colOldest: 'Plus ancienne (j)',
  colClaimable: 'Intérêts + indemnités',
  colLast: 'Dernière action',
  colHistory: 'Historique',
  actionsCount: (n: number) => `${groupFr(n)} action${n < 2 ? '' : 's'}`,
  noActions: 'aucune',
  more: (n: number, amount: string) => `… et ${groupFr(n)} autre${n < 2 ? '' : 's'} client${n < 2 ? '' : 's'}, qui doi${n < 2 ? 't' : 'vent'} ${amount} en tout (relance report --limit pour les voir).`,
  method: 'Méthode',
  methodDso: (r: string, s: string, d: number, v: string) =>
    `DSO = encours ÷ ventes de la période × jours de la période = ${r} ÷ ${s} × ${d} = ${v}. L’encours est le total restant dû aujourd’hui (factures non soldées et non annulées, échues ou non) ; les ventes, le total TTC des factures émises sur la période.`,
  methodNoIssue: (n: number) => ` ${groupFr(n)} facture${n < 2 ? '' : 's'} sans date d’émission ne ${n < 2 ? 'peut' : 'peuvent'} être placée${n < 2 ? '' : 's'} dans la période : hors des ventes.`,
  methodAging: 'L’ancienneté compte les jours depuis l’échéance ; les intérêts et l’indemnité de 40 € sont ceux que relance status montre pour les factures en retard.',
  methodEffect: (w: number) => `Une facture est « réglée après une étape » quand son solde tombe à zéro dans les ${w} jours qui suivent (dates de paiement du fichier, ou relance record … paid-by-hand).`,
  issuedLater: (n: number) => ` ${groupFr(n)} facture${n < 2 ? '' : 's'} émise${n < 2 ? '' : 's'} après la date du rapport ${n < 2 ? 'est laissée' : 'sont laissées'} de côté.`,
  footer: (v: string) => `Écrit par relance ${v}. Aucune ressource externe : cette page s’ouvre hors ligne.`,
  actions: {
    sent: 'e-mail envoyé',
    issued: { call: 'appel à passer', letter: 'courrier à envoyer', task: 'tâche à faire', email: 'e-mail à envoyer' },
    call: 'appel',
    letter: 'courrier',
    promise: 'promesse de paiement',
    dispute: 'litige',
    pause: 'pause',
    resume: 'reprise',
    'paid-by-hand': 'payé (noté à la main)',
    'sent-by-hand': 'envoyé (noté à la main)',
  },
  until: (d: string) => `jusqu’au ${d}`,
};

export type ReportWords = typeof FR;

const EN: ReportWords = {
  title: 'Receivables',
  on: 'on',
  period: (from, to, days) => `Period: ${from} to ${to} (${days} days)`,
  due: 'Total due',
  overdue: 'Overdue',
  claimable: 'Interest and fees claimable',
  dso: 'DSO (days sales outstanding)',
  invoices: (n) => `${groupEn(n)} invoice${n === 1 ? '' : 's'}`,
  interestAndFees: (i, f) => `interest ${i} · fees ${f}`,
  dsoSub: (r, s, d) => `${r} ÷ ${s} × ${d}\u00a0d`,
  noSales: 'no sales in the period',
  days: (d) => `${d}\u00a0days`,
  since: (date) => `since ${date}`,
  unchanged: 'unchanged',
  provisional: '* provisional: rates not confirmed yet (carried forward past the tables) are in this interest',
  aging: 'Aging of unpaid invoices',
  byAmount: 'By amount',
  byCount: 'By number of invoices',
  buckets: { not_due: 'Not yet due', '1-30': '1–30 days', '31-60': '31–60 days', '61-90': '61–90 days', '90+': '> 90 days' },
  nothingOwed: 'Nothing is owed.',
  topDebtors: 'Top debtors',
  overduePart: 'overdue',
  notDuePart: 'not yet due',
  oldest: (what) => `Oldest unpaid: ${what}`,
  lastAction: (what) => `Last action: ${what}`,
  daysLate: (n) => (n > 0 ? `${groupEn(n)} d late` : 'not yet due'),
  effectiveness: 'Reminder effectiveness',
  effectivenessIntro: (w) => `Of the invoices that got each step in the period, those paid within ${w} days after it.`,
  stepRow: (n, paid) => `${groupEn(paid)} of ${groupEn(n)} paid`,
  waiting: (n) => `${groupEn(n)} waiting`,
  paidLegend: (days) => `paid within ${days} days`,
  waitingLegend: (days) => `waiting: reminded ${days} days ago or less, not paid yet`,
  noSteps: 'No reminders in the period.',
  median: (m, n) => `Median days from due date to payment: ${m} (${groupEn(n)} invoice${n === 1 ? '' : 's'} paid in the period)`,
  noPaid: 'No invoice was paid in the period.',
  undated: (n) => `${groupEn(n)} paid invoice${n === 1 ? '' : 's'} without a payment date ${n === 1 ? 'is' : 'are'} not counted.`,
  clients: 'By client',
  sortHint: 'Click a heading to sort.',
  colClient: 'Client',
  colInvoices: 'Invoices',
  colBalance: 'Balance',
  colOverdue: 'Overdue',
  colOldest: 'Oldest (d)',
  colClaimable: 'Interest + fees',
  colLast: 'Last action',
  colHistory: 'History',
  actionsCount: (n) => `${groupEn(n)} action${n === 1 ? '' : 's'}`,
  noActions: 'none',
  more: (n, amount) => `… and ${groupEn(n)} more client${n === 1 ? '' : 's'}, owing ${amount} in all (relance report --limit shows them).`,
  method: 'Method',
  methodDso: (r, s, d, v) =>
    `DSO = receivables ÷ sales of the period × days of the period = ${r} ÷ ${s} × ${d} = ${v}. Receivables: everything still due today (invoices not settled and not cancelled, due or not); sales: the total, tax included, of the invoices issued in the period.`,
  methodNoIssue: (n) => ` ${groupEn(n)} invoice${n === 1 ? '' : 's'} without an issue date cannot be placed in the period: not in the sales.`,
  methodAging: 'Aging counts the days since the due date; interest and the €40 fee are those relance status shows for the overdue invoices.',
  methodEffect: (w) => `An invoice is "paid after a step" when its balance reaches zero within ${w} days after it (payment dates from the file, or relance record … paid-by-hand).`,
  issuedLater: (n) => ` ${groupEn(n)} invoice${n === 1 ? '' : 's'} issued after the report's date ${n === 1 ? 'is' : 'are'} left out.`,
  footer: (v) => `Written by relance ${v}. Nothing external: this page opens offline.`,
  actions: {
    sent: 'e-mail sent',
    issued: { call: 'call to make', letter: 'letter to send', task: 'task to do', email: 'e-mail to send' },
    call: 'call',
    letter: 'letter',
    promise: 'promise to pay',
    dispute: 'dispute',
    pause: 'pause',
    resume: 'resumed',
    'paid-by-hand': 'paid (recorded by hand)',
    'sent-by-hand': 'sent (recorded by hand)',
  },
  until: (d) => `until ${d}`,
};

export const WORDS: Record<Language, ReportWords> = { fr: FR, en: EN };

const MONTHS: Record<Language, readonly string[]> = {
  fr: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

/** How one language writes the report's values. */
export interface ReportFormat {
  language: Language;
  words: ReportWords;
  money(cents: Cents): string;
  /** A money change with its sign: `+1 234,56 €`, `−€12.00`. */
  moneyChange(cents: Cents): string;
  date(d: Day): string;
  longDate(d: Day): string;
  /** A number of days with one decimal, from tenths: `41,3` / `41.3`. */
  tenths(tenths: number): string;
  number(n: number): string;
  /** A whole number with its thousands grouped. */
  count(n: number): string;
  percent(part: number, whole: number): string;
  action(a: Action): string;
}

export function reportFormat(language: Language): ReportFormat {
  const fr = language === 'fr';
  const words = WORDS[language];
  // No-break spaces on the page: `14 000,00 €` never breaks between its digits or before €.
  const money = (c: Cents): string => (fr ? formatEurosFr(c).replace(/ /g, NBSP) : formatEurosEn(c));
  const date = (d: Day): string => (fr ? formatFrenchDay(d) : formatIsoDay(d));
  const decimal = (text: string): string => (fr ? text.replace('.', ',') : text);
  return {
    language,
    words,
    money,
    moneyChange: (c) => (c > 0 ? `+${money(c)}` : c < 0 ? `−${money(-c)}` : money(0)),
    date,
    longDate(d) {
      const { year, month, day } = ymdFromDay(d);
      const name = MONTHS[language][month - 1]!;
      return fr ? `${day} ${name} ${year}` : `${name} ${day}, ${year}`;
    },
    tenths: (t) => `${t < 0 ? '−' : ''}${decimal(`${Math.floor(Math.abs(t) / 10)}.${Math.abs(t) % 10}`)}`,
    number: (n) => decimal(String(n)),
    count: (n) => (fr ? groupFr(n) : groupEn(n)),
    percent: (part, whole) => (whole === 0 ? '–' : `${Math.round((100 * part) / whole)}${fr ? `${NBSP}%` : '%'}`),
    action(a) {
      const label = a.kind === 'issued' ? words.actions.issued[a.channel ?? 'task'] : words.actions[a.kind];
      const step = a.step !== null ? ` (${a.step})` : '';
      const until = a.until !== null ? ` ${words.until(date(a.until))}` : '';
      return `${label}${step}${until}`;
    },
  };
}
