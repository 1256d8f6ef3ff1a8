// Screenshots of the HTML part of the shipped reminders at 375 px (a phone) and 1024 px, in
// headless Chromium with no network, to look at (not part of npm test):
//
//   npm run build --silent && node bench/mail-screenshots.mjs [OUT_DIR]
//
// It drafts, with the built binary (send --dry-run --out), the French relance-1 and B2B
// relance-2 of a client with two invoices (one partly paid, big amounts) and the English
// relance-2, takes each message's HTML as a mail client would show it, and says for each
// width whether the page overflows horizontally. OUT_DIR defaults to bench/data/mail-screenshots.

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import PostalMime from 'postal-mime';
import { chromium } from 'playwright-core';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const out = resolve(process.argv[2] ?? join(ROOT, 'bench', 'data', 'mail-screenshots'));
mkdirSync(out, { recursive: true });
const work = mkdtempSync(join(tmpdir(), 'relance-mail-shots-'));

// Due 31/10/2026: on 2 November relance-1 is due, on 15 November relance-2.
writeFileSync(
  join(work, 'relance.yaml'),
  [
    'invoices: factures.csv',
    'creditor:',
    '  name: Atelier Dupont SARL',
    '  email: compta@atelier-dupont.example',
    '  phone: 01 23 45 67 89',
    '  iban: FR76 3000 6000 0112 3456 7890 189',
    '  payment_link: https://pay.example/atelier-dupont',
    'policy: policy.yaml',
    '',
  ].join('\n'),
);
writeFileSync(join(work, 'policy.yaml'), 'steps:\n  - { id: relance-1, day: 2, template: relance-1 }\n  - { id: relance-2, day: 15, template: relance-2 }\nmin_gap_days: 5\n');
writeFileSync(
  join(work, 'factures.csv'),
  [
    'N° facture;Client;Email;Date;Échéance;Montant TTC;Déjà payé;Langue',
    'F-2026-014;Menuiserie Martin & Fils;compta@martin.example;01/10/2026;31/10/2026;12 345,67;2 000,00;fr',
    'F-2026-015;Menuiserie Martin & Fils;compta@martin.example;01/10/2026;31/10/2026;987 654,32;;fr',
    'F-2026-019;Northwind Ltd;accounts@northwind.example;01/10/2026;31/10/2026;2 100,00;;en',
    '',
  ].join('\n'),
);
const drafts = join(work, 'drafts');
const pages = [];
for (const today of ['2026-11-02', '2026-11-15']) {
  rmSync(drafts, { recursive: true, force: true });
  execFileSync(process.execPath, [join(ROOT, 'bin', 'relance'), 'send', '--dry-run', '--out', drafts, '--today', today, '--config', join(work, 'relance.yaml')], { stdio: 'ignore' });
  for (const file of readdirSync(drafts).filter((f) => f.endsWith('.eml')).sort()) {
    const email = await PostalMime.parse(readFileSync(join(drafts, file)));
    if (!email.html) continue;
    const name = file.replace(/\.eml$/, '');
    const html = join(work, `${name}.html`);
    writeFileSync(html, email.html);
    pages.push({ name, html, subject: email.subject });
  }
}

const profile = mkdtempSync(join(tmpdir(), 'relance-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  offline: true,
  viewport: { width: 1024, height: 800 },
  args: ['--disable-gpu', '--disable-quic', '--disable-sync'],
});
try {
  await context.route('**/*', (r) => (r.request().url().startsWith('file:') ? r.continue() : r.abort()));
  const page = await context.newPage();
  for (const p of pages) {
    for (const width of [375, 1024]) {
      await page.setViewportSize({ width, height: 800 });
      await page.goto(pathToFileURL(p.html).href);
      const { scroll, client, height } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth, height: document.documentElement.scrollHeight }));
      const file = join(out, `${p.name}-${width}.png`);
      await page.screenshot({ path: file, fullPage: true });
      process.stdout.write(`${file}: "${p.subject}", ${width} px wide, page ${scroll} px wide (${scroll > client ? 'OVERFLOWS' : 'no horizontal overflow'}), ${height} px tall\n`);
    }
  }
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
}
