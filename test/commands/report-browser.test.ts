// The page `relance report` writes, opened in a real browser (Debian's headless Chromium)
// with the network cut: it must draw every chart, show the figures and sort its table with
// nothing but what it carries.

import { existsSync } from 'node:fs';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRelance } from '../helpers/run-cli.js';

const CHROMIUM = '/usr/bin/chromium';
const present = existsSync(CHROMIUM);
if (!present) console.log(`skipped: the report page tests need Chromium at ${CHROMIUM} (apt-get install chromium), not installed here`);

const FIXTURE = join(import.meta.dirname, '../fixtures/report');
/** Amounts on the page keep their digits together with no-break spaces: read them as spaces. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe.runIf(present)('the report page in headless Chromium, offline', () => {
  let dir: string;
  let profile: string;
  let context: BrowserContext;
  let url: string;
  const blocked: string[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'relance-report-page-'));
    await cp(FIXTURE, dir, { recursive: true });
    // An earlier report beside it, so the page shows the changes too.
    await writeFile(
      join(dir, 'relance-report-2026-11-15.html'),
      `<script type="application/json" id="relance-data">${JSON.stringify({ today: '2026-11-15', headline: { due: '9000.00', overdue: '7000.00', claimable: '300.00' }, dso: { days: '90.2' } })}</script>`,
    );
    const made = await runRelance(['report', '--today', '2026-11-30', '--from', '2026-09-01'], { cwd: dir });
    expect(made.code).toBe(0);
    url = pathToFileURL(join(dir, 'relance-report-2026-11-30.html')).href;

    const { chromium } = await import('playwright-core');
    profile = await mkdtemp(join(tmpdir(), 'relance-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      offline: true,
      viewport: { width: 1280, height: 800 },
      args: ['--disable-gpu', '--disable-quic', '--disable-sync'],
    });
    await context.route('**/*', (route) => {
      const requested = route.request().url();
      if (requested.startsWith('file:')) return route.continue();
      blocked.push(requested);
      return route.abort();
    });
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    await rm(profile, { recursive: true, force: true });
    await rm(dir, { recursive: true, force: true });
  });

  async function open(width: number): Promise<{ page: Page; errors: string[] }> {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    await page.setViewportSize({ width, height: 800 });
    await page.goto(url);
    return { page, errors };
  }

  it('draws every chart with nothing but what the page carries', async () => {
    const { page, errors } = await open(1280);
    const charts = await page.$$eval('svg.chart', (svgs) =>
      svgs.map((s) => {
        const box = s.getBoundingClientRect();
        const bars = [...s.querySelectorAll('rect')].filter((r) => r.getBoundingClientRect().width > 0).length;
        return { id: s.id, width: Math.round(box.width), height: Math.round(box.height), bars };
      }),
    );
    expect(charts.map((c) => c.id)).toEqual(['chart-aging', 'chart-debtors', 'chart-effectiveness']);
    for (const c of charts) {
      expect(c.width, c.id).toBeGreaterThan(300);
      expect(c.height, c.id).toBeGreaterThan(50);
      expect(c.bars, c.id).toBeGreaterThan(1);
    }
    expect(errors).toEqual([]);
    expect(blocked).toEqual([]);
    await page.close();
  }, 30_000);

  it('shows the headline figures and their change since the previous report', async () => {
    const { page } = await open(1280);
    const card = async (id: string) => plain(await page.innerText(`#${id}`)).split('\n').map((l) => l.trim()).filter(Boolean);
    expect(await card('fig-due')).toEqual(['Total dû', '7 700,00 €', '6 factures', '▼ −1 300,00 € depuis le 15/11/2026']);
    expect(await card('fig-overdue')).toEqual(['En retard', '7 200,00 €', '5 factures', '▲ +200,00 € depuis le 15/11/2026']);
    expect(await card('fig-claimable')).toEqual(['Intérêts et indemnités exigibles', '374,96 €', 'intérêts 174,96 € · indemnités 200,00 €', '▲ +74,96 € depuis le 15/11/2026']);
    expect(await card('fig-dso')).toEqual(['DSO (délai moyen de paiement)', '88,7 jours', '7 700,00 € ÷ 7 900,00 € × 91 j', '▼ −1,5 depuis le 15/11/2026']);
    const text = plain(await page.innerText('body'));
    expect(text).toContain('Délai médian de l’échéance au paiement : 5,5 jours (2 factures réglées sur la période)');
    expect(text).toContain('DSO = encours ÷ ventes de la période × jours de la période = 7 700,00 € ÷ 7 900,00 € × 91 = 88,7 jours.');
    await page.close();
  }, 30_000);

  it('sorts the per-client table on a click, and back on a second one', async () => {
    const { page, errors } = await open(1280);
    const clients = () => page.$$eval('#clients tbody tr', (rows) => rows.map((r) => r.querySelector('td')?.textContent ?? ''));
    expect(await clients()).toEqual(['Transports Girard', 'Garage Rousseau', 'Atelier Martin', 'Cabinet Morel', 'Boulangerie Leroy']);
    await page.click('#clients thead button:text-is("Client")');
    expect(await clients()).toEqual(['Atelier Martin', 'Boulangerie Leroy', 'Cabinet Morel', 'Garage Rousseau', 'Transports Girard']);
    await page.click('#clients thead button:text-is("Client")');
    expect(await clients()).toEqual(['Transports Girard', 'Garage Rousseau', 'Cabinet Morel', 'Boulangerie Leroy', 'Atelier Martin']);
    // Numbers sort worst first: the oldest unpaid invoice, 152 days late, at the top.
    await page.click('#clients thead button:text-is("Plus ancienne (j)")');
    expect(await clients()).toEqual(['Garage Rousseau', 'Boulangerie Leroy', 'Atelier Martin', 'Transports Girard', 'Cabinet Morel']);
    expect(await page.getAttribute('#clients thead th:nth-child(5)', 'aria-sort')).toBe('descending');
    expect(errors).toEqual([]);
    await page.close();
  }, 30_000);

  it('fits a 375 px phone screen without sideways scrolling', async () => {
    const { page, errors } = await open(375);
    const { scroll, client } = (await page.evaluate('({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })')) as { scroll: number; client: number };
    expect(scroll).toBeLessThanOrEqual(client);
    const widths = await page.$$eval('svg.chart', (svgs) => svgs.map((s) => Math.round(s.getBoundingClientRect().width)));
    for (const w of widths) expect(w).toBeGreaterThan(200);
    expect(errors).toEqual([]);
    await page.close();
  }, 30_000);
});
