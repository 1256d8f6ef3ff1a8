import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Language } from '../../src/domain/invoice.js';
import { formatCents, parseAmount } from '../../src/domain/money.js';
import { frenchHtml } from '../../src/render/french-typography.js';
import { formatIssue } from '../../src/render/issues.js';
import { SHIPPED_TEMPLATES_DIR } from '../../src/io/shipped.js';
import type { TemplateDir } from '../../src/io/template-dirs.js';
import { loadTemplate, templateExists } from '../../src/render/template.js';
import { renderReminder } from '../../src/render/template-render.js';
import type { ReminderContext, ReminderInvoice, ReminderTemplate } from '../../src/render/template-types.js';
import { formatLongDate, formatMoney, pluralWord } from '../../src/render/template-helpers.js';

const SHIPPED: TemplateDir[] = [{ path: SHIPPED_TEMPLATES_DIR, display: 'templates' }];
const NAMES = ['rappel', 'relance-1', 'relance-1-fidele', 'relance-2', 'mise-en-demeure'] as const;
const LANGUAGES: Language[] = ['fr', 'en'];

// ---------------------------------------------------------------------------------------
// Factories

function invoice(over: Partial<ReminderInvoice> = {}): ReminderInvoice {
  return {
    number: 'F-2026-014',
    issue_date: '2026-10-01',
    due_date: '2026-10-31',
    amount: '1200.00',
    paid: '0.00',
    balance: '1200.00',
    days_late: 22,
    interest: '9.17',
    flat_fee: '40.00',
    total: '1249.17',
    attachment: 'F-2026-014.pdf',
    provisional: false,
    interest_paid: '0.00',
    principal_left: '1200.00',
    contractual_rate: null,
    ...over,
  };
}

/** B2C invoices carry no fee and, before a formal notice, no interest. */
function b2cInvoice(over: Partial<ReminderInvoice> = {}): ReminderInvoice {
  return invoice({ interest: '0.00', flat_fee: '0.00', total: '1200.00', ...over });
}

const FULL_CREDITOR: ReminderContext['creditor'] = {
  name: 'Atelier Dupont SARL',
  email: 'compta@atelier-dupont.example',
  phone: '01 23 45 67 89',
  address: '12 rue des Lilas, 75011 Paris',
  siren: '123456789',
  iban: 'FR76 3000 6000 0112 3456 7890 189',
  payment_link: 'https://pay.example/atelier-dupont',
  country: null,
  bic: null,
  legal: null,
  signatory: null,
  place: null,
};
const BARE_CREDITOR: ReminderContext['creditor'] = { name: 'Atelier Dupont SARL', email: null, phone: null, address: null, siren: null, iban: null, payment_link: null, country: null, bic: null, legal: null, signatory: null, place: null };

function sum(invoices: ReminderInvoice[], key: 'balance' | 'interest' | 'flat_fee' | 'total'): string {
  return formatCents(invoices.reduce((s, i) => s + parseAmount(i[key])!, 0));
}

function context(over: { language?: Language; b2c?: boolean; invoices?: ReminderInvoice[] } & Partial<ReminderContext> = {}): ReminderContext {
  const b2c = over.b2c ?? false;
  const invoices = over.invoices ?? [b2c ? b2cInvoice() : invoice()];
  const { b2c: _b2c, ...rest } = over;
  return {
    language: over.language ?? 'fr',
    client: { name: 'Atelier Martin', email: 'compta@martin.example', type: b2c ? 'b2c' : 'b2b', is_b2b: !b2c, is_b2c: b2c, is_public: false, code: null, contact: null, address: null },
    creditor: FULL_CREDITOR,
    invoices,
    invoice: invoices[0]!,
    totals: { balance: sum(invoices, 'balance'), interest: sum(invoices, 'interest'), flat_fee: sum(invoices, 'flat_fee'), total: sum(invoices, 'total'), due: sum(invoices, 'total'), count: invoices.length, provisional: invoices.some((i) => i.provisional), interest_paid: '0.00', principal_left: sum(invoices, 'balance'), partly_paid: false },
    credits: { amount: '0.00', notes: [] },
    readings: { imputation: 'principal-first', interest_first: false, floor: 'raise', floor_raised: false, floor_void: false },
    step: { id: 'relance-2', day: 15, channel: 'email' },
    previous: [{ step: 'relance-1', date: '2026-11-02', subject: 'Facture F-2026-014 : règlement en attente' }],
    deadline: { days: 8, date: '2026-11-30' },
    notice: { date: null },
    today: '2026-11-22',
    ...rest,
  };
}

async function load(name: string, language: Language, dirs = SHIPPED): Promise<ReminderTemplate> {
  const { template, issues } = await loadTemplate(name, language, dirs);
  expect(issues.map(formatIssue)).toEqual([]);
  return template!;
}

function render(template: ReminderTemplate, ctx: ReminderContext): { subject: string; text: string; html: string | null } {
  const { message, issues } = renderReminder(template, ctx);
  expect(issues.map(formatIssue)).toEqual([]);
  return message!;
}

// ---------------------------------------------------------------------------------------
// Helpers

describe('helpers', () => {
  it.each([
    // In a message an amount never splits: U+202F between the groups, U+00A0 before €.
    ['1234.50', 'fr', '1\u202F234,50\u00A0€'],
    ['1200.00', 'fr', '1\u202F200,00\u00A0€'],
    ['1234567.89', 'fr', '1\u202F234\u202F567,89\u00A0€'],
    ['0.00', 'fr', '0,00\u00A0€'],
    ['-12.30', 'fr', '-12,30\u00A0€'],
    ['1234.50', 'en', '€1,234.50'],
    ['1000000.00', 'en', '€1,000,000.00'],
    ['40.00', 'en', '€40.00'],
  ] as const)('money %s in %s is %s', (value, language, expected) => {
    expect(formatMoney(value, language)).toBe(expected);
  });

  it.each([['1 234,50'], ['12.5'], ['abc'], [''], [1234.5], [null], [undefined], [{}]])('money refuses %j', (value) => {
    expect(formatMoney(value, 'fr')).toBeNull();
  });

  it.each([
    ['2026-10-01', 'fr', '1er octobre 2026'],
    ['2026-10-31', 'fr', '31 octobre 2026'],
    ['2026-02-02', 'fr', '2 février 2026'],
    ['2026-08-15', 'fr', '15 août 2026'],
    ['2026-12-01', 'fr', '1er décembre 2026'],
    ['2026-12-11', 'fr', '11 décembre 2026'],
    ['2026-10-01', 'en', 'October 1, 2026'],
    ['2026-10-31', 'en', 'October 31, 2026'],
    ['2028-02-29', 'en', 'February 29, 2028'],
  ] as const)('date %s in %s is %s', (value, language, expected) => {
    expect(formatLongDate(value, language)).toBe(expected);
  });

  it.each([['2026-02-30'], ['01/10/2026'], ['2026-1-5'], [20261001], [null]])('date refuses %j', (value) => {
    expect(formatLongDate(value, 'en')).toBeNull();
  });

  it.each([
    [0, 'fr', 'facture'],
    [1, 'fr', 'facture'],
    [2, 'fr', 'factures'],
    [15, 'fr', 'factures'],
    [0, 'en', 'factures'],
    [1, 'en', 'facture'],
    [2, 'en', 'factures'],
  ] as const)('plural %d in %s is %s', (n, language, expected) => {
    expect(pluralWord(n, 'facture', 'factures', language)).toBe(expected);
  });

  it('plural refuses what is not a number', () => {
    expect(pluralWord('2', 'a', 'b', 'fr')).toBeNull();
    expect(pluralWord(null, 'a', 'b', 'en')).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------
// The shipped templates

const FR = { money: formatMoney('1200.00', 'fr')!, due: '31 octobre 2026', late: '22 jours', deadline: '30 novembre 2026' };
const EN = { money: '€1,200.00', due: 'October 31, 2026', late: '22 days', deadline: 'November 30, 2026' };

/** What no reader should ever see, and lines announcing a list that does not follow. */
function expectClean(text: string): void {
  expect(text).not.toMatch(/undefined|\[object Object\]|\bnull\b|NaN/);
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    if (/:\s*$/.test(line)) expect(`${line}\n${lines[i + 1]}`).toMatch(/\n- /);
  });
  expect(text).not.toMatch(/\n\n\n/);
}

describe.each(LANGUAGES)('shipped templates in %s', (language) => {
  const t = language === 'fr' ? FR : EN;
  const later = new Set(['relance-2', 'mise-en-demeure']);

  it.each(NAMES)('%s renders for a B2B client with every creditor detail', async (name) => {
    const template = await load(name, language);
    const { subject, text, html } = render(template, context({ language }));
    expect(subject).toContain('F-2026-014');
    expect(subject).not.toContain('\n');
    expect(text).toContain(t.money);
    expect(text).toContain(t.due);
    if (name !== 'rappel') expect(text).toContain(t.late);
    // The formal notice is the letter's body: the PDF layout prints the sender, the IBAN and the signatory.
    if (name !== 'mise-en-demeure') expect(text).toContain('Atelier Dupont SARL');
    if (name !== 'mise-en-demeure') expect(text).toContain('FR76 3000 6000 0112 3456 7890 189');
    expect(text).toContain('https://pay.example/atelier-dupont');
    expectClean(text);
    if (later.has(name)) {
      expect(text).toContain('L441-10');
      expect(text).toContain('D441-5');
      expect(text).toContain(language === 'fr' ? '40\u00A0€' : '€40');
      expect(text).toContain(formatMoney('9.17', language)!);
    }
    if (html !== null) {
      expect(html).toContain('F-2026-014');
      expect(html).toContain(t.money);
      expect(html).not.toMatch(/undefined|\[object Object\]/);
    }
  });

  it.each(NAMES)('%s renders for a B2C client with no optional creditor detail', async (name) => {
    const template = await load(name, language);
    const { subject, text, html } = render(template, context({ language, b2c: true, creditor: BARE_CREDITOR, previous: [] }));
    expect(subject).toContain('F-2026-014');
    expect(text).toContain(t.money);
    expect(text).toContain(t.due);
    if (name !== 'mise-en-demeure') expect(text).toContain('Atelier Dupont SARL');
    expect(text).not.toMatch(/IBAN|Tél|Phone|SIREN|en ligne|online/);
    expectClean(text);
    for (const part of [text, html ?? '']) {
      expect(part).not.toMatch(/L441-10|D441-5|40[ \u00A0]€|€40|40,00|40\.00/);
    }
    if (later.has(name)) expect(text).toContain('1231-6');
  });

  it.each(NAMES)('%s lists two invoices, each with its own amounts', async (name) => {
    const template = await load(name, language);
    const invoices = [invoice(), invoice({ number: 'F-2026-015', paid: '100.00', balance: '1100.00', interest: '8.41', total: '1148.41', days_late: 1, attachment: null })];
    const { subject, text, html } = render(template, context({ language, invoices }));
    expect(subject).toContain('F-2026-014, F-2026-015');
    expect(subject).toMatch(language === 'fr' ? /factures/i : /invoices/i);
    expect(text).toContain(formatMoney('1100.00', language)!);
    expect(text).toMatch(/- .*F-2026-014[^\n]*\n- .*F-2026-015/);
    if (name !== 'rappel') expect(text).toMatch(language === 'fr' ? /\b1 jour\b/ : /\b1 day\b/);
    if (name !== 'mise-en-demeure' && name !== 'relance-2') expect(text).toContain(formatMoney('2300.00', language)!);
    if (later.has(name)) expect(text).toContain(formatMoney('2397.58', language)!);
    expectClean(text);
    if (html !== null) expect(html).toContain('F-2026-015');
  });

  it('the formal notice is the body of a letter: the debt, the deadline from receipt and the consequence, no header or signature of its own', async () => {
    const template = await load('mise-en-demeure', language);
    const { subject, text } = render(template, context({ language }));
    const notice = language === 'fr' ? /en demeure/i : /formal notice/i;
    expect(subject).toMatch(notice);
    expect(text).toMatch(notice);
    expect(text).toContain(language === 'fr' ? 'dans un délai de 8 jours à compter de la réception de la présente' : 'within 8 days of receipt of this letter');
    expect(text).not.toContain(t.deadline);
    expect(text).toContain('injonction de payer');
    expect(text.trimStart()).toMatch(language === 'fr' ? /^Madame, Monsieur,/ : /^Dear Sir or Madam,/);
    // The PDF layout prints these: the sender's block, the registered-letter mention, the signatory.
    expect(text).not.toMatch(/recommandée avec demande d’avis de réception|Registered letter/);
    expect(text).not.toContain('12 rue des Lilas, 75011 Paris');
    expect(text.trimEnd()).toMatch(language === 'fr' ? /salutations distinguées\.$/ : /Yours faithfully,$/);
    expect(text).toContain(language === 'fr' ? '1er octobre 2026' : 'October 1, 2026'); // the invoice date
  });

  it('a B2C formal notice already recorded shows the interest running from it', async () => {
    const template = await load('mise-en-demeure', language);
    const inv = b2cInvoice({ interest: '1.50', total: '1201.50' });
    const { text } = render(template, context({ language, b2c: true, invoices: [inv], notice: { date: '2026-11-10' } }));
    expect(text).toContain(language === 'fr' ? '10 novembre 2026' : 'November 10, 2026');
    expect(text).toContain(formatMoney('1.50', language)!);
    expect(text).toContain('1231-6');
  });

  it('a B2C second reminder after a formal notice says interest runs from it, not that one will come', async () => {
    const template = await load('relance-2', language);
    const inv = b2cInvoice({ interest: '1.50', total: '1201.50' });
    const { text, html } = render(template, context({ language, b2c: true, invoices: [inv], notice: { date: '2026-11-10' } }));
    for (const part of [text, html!]) {
      expect(part).toContain(language === 'fr' ? 'depuis notre mise en demeure du 10 novembre 2026' : 'since our formal notice of November 10, 2026');
      expect(part).not.toContain(language === 'fr' ? 'nous devrons vous adresser une mise en demeure' : 'we will have to send you a formal notice');
    }
  });

  it.each(['relance-2', 'mise-en-demeure'])('%s says an amount computed with carried-forward rates is provisional, and only then', async (name) => {
    const template = await load(name, language);
    const word = language === 'fr' ? /provisoire/ : /provisional/i;
    const confirmed = render(template, context({ language }));
    for (const part of [confirmed.text, confirmed.html ?? '']) expect(part).not.toMatch(word);
    const inv = invoice({ provisional: true });
    const provisional = render(template, context({ language, invoices: [inv] }));
    expect(provisional.text).toMatch(word);
    if (provisional.html !== null) expect(provisional.html).toMatch(word);
    expectClean(provisional.text);
    if (name === 'mise-en-demeure') {
      expect(provisional.text).toContain(language === 'fr' ? 'la somme de 1\u202F249,17\u00A0€ (montant provisoire) dans un délai' : 'the sum of €1,249.17 (a provisional amount) within');
    } else {
      expect(provisional.text).toContain(language === 'fr' ? 'pénalités de retard 9,17\u00A0€ (montant provisoire)' : 'late-payment interest €9.17 (provisional amount)');
    }
    // A consumer put on notice: the legal-rate interest is provisional too.
    const b2c = render(template, context({ language, b2c: true, invoices: [b2cInvoice({ interest: '1.50', total: '1201.50', provisional: true })], notice: { date: '2026-11-10' } }));
    expect(b2c.text).toMatch(word);
  });

  it('relance-1 and relance-2 have an HTML part', async () => {
    expect((await load('relance-1', language)).html).not.toBeNull();
    expect((await load('relance-2', language)).html).not.toBeNull();
  });

  it('the HTML part escapes the client name; the text part keeps it as written', async () => {
    const template = await load('relance-1', language);
    const ctx = context({ language });
    const { text, html } = render(template, { ...ctx, client: { ...ctx.client, name: 'Dupont & Fils <SARL>' } });
    expect(text).toContain('Dupont & Fils <SARL>');
    expect(html).toContain('Dupont &amp; Fils &lt;SARL&gt;');
    expect(html).not.toContain('<SARL>');
  });
});

describe('French typography in the messages', () => {
  it.each(['rappel', 'relance-1', 'relance-1-fidele', 'relance-2', 'mise-en-demeure'])('%s: no plain space before : ; ? ! €, in the text and in the HTML text', async (name) => {
    const { text, html } = render(await load(name, 'fr'), context({ language: 'fr' }));
    for (const part of html === null ? [text] : [text, htmlText(html)]) {
      expect(part).not.toMatch(/ [:;?!€]/);
      expect(part).toMatch(/\u00A0: /);
    }
    // The first of the month as an ordinal.
    expect(text).toContain('1er octobre 2026');
  });

  it('leaves tags, attributes and styles as written, and English alone', async () => {
    const html = frenchHtml('<p style="margin:0 ; color : red">Total : 3 € ?</p><style>a : b { x: y }</style>');
    expect(html).toBe('<p style="margin:0 ; color : red">Total\u00A0: 3\u00A0€\u202F?</p><style>a : b { x: y }</style>');
    const { text } = render(await load('relance-1', 'en'), context({ language: 'en' }));
    expect(text).not.toMatch(/[\u00A0\u202F]/);
  });
});

/** The text of an HTML part, tags taken out. */
function htmlText(html: string): string {
  return html.replace(/<style[\s\S]*?<\/style>|<[^>]*>/g, '');
}

it('the shipped folder is found from the module', async () => {
  expect(readFileSync(join(SHIPPED_TEMPLATES_DIR, 'fr', 'relance-1.hbs'), 'utf8')).toMatch(/^---\nsubject:/);
  expect(await templateExists('relance-2', 'en', SHIPPED)).toBe(true);
  expect(await templateExists('relance-9', 'en', SHIPPED)).toBe(false);
  expect(await templateExists('../fr/relance-1', 'en', SHIPPED)).toBe(false);
});

// ---------------------------------------------------------------------------------------
// Errors, overrides and the cache, on real files

describe('templates in a config folder', () => {
  let root: string;
  let n = 0;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'relance-templates-'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  /** A fresh config folder `mytpl` (displayed so) holding `fr/<name>.hbs` with this text. */
  function folder(files: Record<string, string>): TemplateDir[] {
    const path = join(root, `case-${++n}`);
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(join(path, file, '..'), { recursive: true });
      writeFileSync(join(path, file), text);
    }
    return [{ path, display: 'mytpl' }, ...SHIPPED];
  }

  async function problems(text: string, name = 'essai'): Promise<string[]> {
    const { template, issues } = await loadTemplate(name, 'fr', folder({ [`fr/${name}.hbs`]: text }));
    expect(template).toBeNull();
    return issues.map(formatIssue);
  }

  const HEAD = "---\nsubject: 'Facture {{invoice.number}}'\n---\n";

  it('a misspelt variable names the file and its line in the file', async () => {
    expect(await problems(`${HEAD}Bonjour,\n\n{{client.nme}}\n`)).toEqual([
      'mytpl/fr/essai.hbs:6: unknown variable "client.nme" — check the spelling; client has: name, email, type, is_b2b, is_b2c, is_public, code, contact, address',
    ]);
  });

  it('a misspelt variable inside {{#if}} is caught too, even in a branch the samples do not take', async () => {
    expect(await problems(`${HEAD}{{#if client.is_b2c}}\n{{#if creditor.iabn}}IBAN{{/if}}\n{{/if}}\n`)).toEqual([
      'mytpl/fr/essai.hbs:5: unknown variable "creditor.iabn" — check the spelling; creditor has: name, email, phone, address, siren, iban, bic, payment_link, country, legal, signatory, place',
    ]);
  });

  it('a misspelt top-level variable lists the variables available', async () => {
    expect(await problems(`${HEAD}\n{{#if totaux}}x{{/if}}\n`)).toEqual([
      'mytpl/fr/essai.hbs:5: unknown variable "totaux" — check the spelling; variables available: language, client, creditor, invoices, invoice, totals, step, previous, deadline, notice, today; helpers: money, date, plural, gt',
    ]);
  });

  it('a misspelt variable in the subject points at the subject line', async () => {
    expect(await problems("---\n# relance après 15 jours\nsubject: 'Facture {{invoice.numero}}'\n---\nBonjour\n")).toEqual([
      'mytpl/fr/essai.hbs:3: subject: unknown variable "invoice.numero" — check the spelling; invoice has: number, issue_date, due_date, amount, paid, balance, days_late, interest, flat_fee, total, attachment, provisional, interest_paid, principal_left, contractual_rate',
    ]);
  });

  it('inside {{#each}}, the hint says how to reach the message variables', async () => {
    expect(await problems(`${HEAD}{{#each invoices}}\n- {{number}} {{client.name}}\n{{/each}}\n`)).toEqual([
      "mytpl/fr/essai.hbs:5: unknown variable \"client.name\" — check the spelling; each of invoices has: number, issue_date, due_date, amount, paid, balance, days_late, interest, flat_fee, total, attachment, provisional, interest_paid, principal_left, contractual_rate; the message's own variables are reached with ../ or @root. (e.g. @root.client.name)",
    ]);
  });

  it('an unknown helper names the file and line', async () => {
    expect(await problems(`${HEAD}Montant :\n{{euros invoice.amount}}\n`)).toEqual([
      'mytpl/fr/essai.hbs:5: unknown helper "euros" — check the spelling; helpers available: money, date, plural, gt; blocks: #if, #unless, #each, #with',
    ]);
  });

  it('a helper with the wrong number of arguments is caught', async () => {
    expect(await problems(`${HEAD}{{plural totals.count "facture"}}\n`)).toEqual([
      'mytpl/fr/essai.hbs:4: plural takes 3 arguments, given 2 — e.g. {{money invoice.balance}}, {{date invoice.due_date}}, {{plural totals.count "facture" "factures"}}, (gt totals.count 1)',
    ]);
  });

  it('a helper given a value of the wrong kind fails at load, naming the line', async () => {
    expect(await problems(`${HEAD}\n{{money client.name}}\n`)).toEqual([
      'mytpl/fr/essai.hbs:5: money expects an amount such as "1234.50", got "Atelier Martin" (when rendered for a sample B2B client with two invoices) — check the value given to the helper',
    ]);
  });

  it('a value that may be null needs a guard', async () => {
    expect(await problems(`${HEAD}Mise en demeure du {{date notice.date}}\n`)).toEqual([
      'mytpl/fr/essai.hbs:4: date expects a date such as "2026-10-31", got nothing (null) (when rendered for a sample B2C client with one invoice, no formal notice and no optional creditor details) — this value may be null: put {{#if …}}…{{/if}} around it',
    ]);
  });

  it('printing an object or a list is an error, not "[object Object]"', async () => {
    expect(await problems(`${HEAD}{{creditor}}\n`)).toEqual([
      'mytpl/fr/essai.hbs:4: "creditor" is an object, not something to print — print one of its fields: name, email, phone, address, siren, iban, bic, payment_link, country, legal, signatory, place',
    ]);
  });

  it('a block left open is a syntax error', async () => {
    expect(await problems(`${HEAD}{{#each invoices}}\n{{#if attachment}}\n{{attachment}}\n{{/if}}\nfin\n`)).toEqual([
      'mytpl/fr/essai.hbs:4: {{#each}} is never closed — end the block with {{/each}}',
    ]);
    expect(await problems(`${HEAD}\n{{money invoice.amount}\n`)).toEqual([
      'mytpl/fr/essai.hbs:5: not valid Handlebars near "…money invoice.amount}" — check the braces {{ }} and the quotes on that line',
    ]);
  });

  it('front matter problems', async () => {
    expect(await problems('Bonjour\n')).toEqual([
      'mytpl/fr/essai.hbs:1: no front matter: the first line must be --- — begin the file with a line ---, then subject: …, then a line ---, then the text of the message',
    ]);
    expect(await problems('---\nsubject: x\nBonjour\n')).toEqual([
      'mytpl/fr/essai.hbs:1: the front matter opened on line 1 is never closed by a line --- — begin the file with a line ---, then subject: …, then a line ---, then the text of the message',
    ]);
    expect(await problems('---\ntitle: x\n---\nBonjour\n')).toEqual([
      'mytpl/fr/essai.hbs:2: warning: title: unknown front-matter key "title" is ignored — the front matter takes: subject',
      "mytpl/fr/essai.hbs:1: subject: the front matter has no subject — add a line such as: subject: 'Facture {{invoice.number}}'",
    ]);
    const [unquoted] = await problems('---\nsubject: {{invoice.number}} impayée\n---\nBonjour\n');
    expect(unquoted).toMatch(/^mytpl\/fr\/essai\.hbs:2: not valid YAML: .* — a subject that starts with \{\{ must be in quotes$/);
  });

  it('a missing template says which files were tried', async () => {
    const { template, issues } = await loadTemplate('relance-9', 'fr', folder({}));
    expect(template).toBeNull();
    expect(issues.map(formatIssue)).toEqual([
      'mytpl/fr/relance-9.hbs: no template "relance-9" in French; tried mytpl/fr/relance-9.hbs, templates/fr/relance-9.hbs — create mytpl/fr/relance-9.hbs, or check the template name in the policy',
    ]);
  });

  it("a config folder's template overrides the shipped one, without borrowing its HTML part", async () => {
    const dirs = folder({ 'fr/relance-1.hbs': "---\nsubject: 'Perso {{invoice.number}}'\n---\nBonjour {{client.name}}\n" });
    const fr = await load('relance-1', 'fr', dirs);
    expect(fr.file).toBe('mytpl/fr/relance-1.hbs');
    expect(fr.html).toBeNull();
    expect(render(fr, context())).toEqual({ subject: 'Perso F-2026-014', text: 'Bonjour Atelier Martin\n', html: null });
    const en = await load('relance-1', 'en', dirs);
    expect(en.file).toBe('templates/en/relance-1.hbs');
    expect(en.html).not.toBeNull();
  });

  it('null and empty values are fine in {{#if}} and {{#each}}; the text keeps < and & as written', async () => {
    const dirs = folder({
      'fr/vide.hbs': `${HEAD}{{#if notice.date}}avis{{else}}pas d’avis{{/if}}\n{{#each previous}}\n- {{step}}\n{{else}}\nrien avant\n{{/each}}\n{{#if creditor.phone}}\nTél. : {{creditor.phone}}\n{{/if}}\nFin <&>\n`,
    });
    const template = await load('vide', 'fr', dirs);
    const message = render(template, context({ previous: [], creditor: BARE_CREDITOR }));
    expect(message.text).toBe('pas d’avis\nrien avant\nFin <&>\n');
  });

  it('block parameters, ../, @root and #with reach what they should', async () => {
    const dirs = folder({
      'fr/blocs.hbs': `${HEAD}{{#each invoices as |inv i|}}\n{{i}}. {{inv.number}} {{../creditor.name}} {{@root.client.name}}{{#if @last}}.{{/if}}\n{{/each}}\n{{#with invoice}}{{number}} {{money balance}}{{/with}}\n`,
    });
    const template = await load('blocs', 'fr', dirs);
    expect(render(template, context()).text).toBe(`0. F-2026-014 Atelier Dupont SARL Atelier Martin.\nF-2026-014 ${formatMoney('1200.00', 'fr')}\n`);
    expect(await problems(`${HEAD}{{#each invoices as |inv|}}{{inv.nmber}}{{/each}}\n{{#each invoices}}{{../../client.name}}{{/each}}\n{{@index}}\n`)).toEqual([
      'mytpl/fr/essai.hbs:4: unknown variable "inv.nmber" — check the spelling; inv has: number, issue_date, due_date, amount, paid, balance, days_late, interest, flat_fee, total, attachment, provisional, interest_paid, principal_left, contractual_rate',
      'mytpl/fr/essai.hbs:5: "../../client.name" goes up more levels (../) than there are blocks around it — use @root. to reach the top, e.g. @root.client.name',
      'mytpl/fr/essai.hbs:6: "@index" only exists inside {{#each}} — use it between {{#each …}} and {{/each}}',
    ]);
  });

  it('an empty subject is refused at render time', async () => {
    const dirs = folder({ 'fr/sujet.hbs': "---\nsubject: '{{creditor.phone}}'\n---\nBonjour\n" });
    const template = await load('sujet', 'fr', dirs);
    const { message, issues } = renderReminder(template, context({ creditor: BARE_CREDITOR }));
    expect(message).toBeNull();
    expect(issues.map(formatIssue)).toEqual([
      'mytpl/fr/sujet.hbs:2: subject: the subject is empty for this message — give the subject some fixed text, e.g. the invoice number',
    ]);
  });

  it('an error at render time names the file and the line', async () => {
    const dirs = folder({ 'fr/montant.hbs': `${HEAD}Bonjour,\n\nMontant : {{money invoice.amount}}\n` });
    const template = await load('montant', 'fr', dirs);
    const ctx = context();
    const { message, issues } = renderReminder(template, { ...ctx, invoice: { ...ctx.invoice, amount: '1 200,00' } });
    expect(message).toBeNull();
    expect(issues.map(formatIssue)).toEqual([
      'mytpl/fr/montant.hbs:6: money expects an amount such as "1234.50", got "1 200,00" — check the value given to the helper',
    ]);
  });

  it('strict at render time too: a key missing from the context is an error, not an empty string', async () => {
    const template = await load('relance-1', 'fr');
    const ctx = context();
    const { iban: _iban, ...creditor } = ctx.creditor;
    const { message, issues } = renderReminder(template, { ...ctx, creditor } as unknown as ReminderContext);
    expect(message).toBeNull();
    const source = readFileSync(join(SHIPPED_TEMPLATES_DIR, 'fr', 'relance-1.hbs'), 'utf8').split('\n');
    const line = source.findIndex((l) => l.includes('{{#if creditor.iban}}')) + 1;
    expect(issues[0]).toMatchObject({ severity: 'error', file: 'templates/fr/relance-1.hbs', line, message: 'unknown variable "iban"' });
  });

  it('compiles a file once, and again when it changes', async () => {
    const dirs = folder({ 'fr/cache.hbs': `${HEAD}un\n` });
    const first = await load('cache', 'fr', dirs);
    const second = await load('cache', 'fr', dirs);
    expect(second.text).toBe(first.text);
    writeFileSync(join(dirs[0]!.path, 'fr', 'cache.hbs'), `${HEAD}deux, plus long\n`);
    const third = await load('cache', 'fr', dirs);
    expect(third.text).not.toBe(first.text);
    expect(render(third, context()).text).toBe('deux, plus long\n');
  });
});
