// Screenshots of a report page at 1280 px and 375 px wide, in headless Chromium with no
// network, to look at (not part of npm test; docs/report.png comes from here):
//
//   node bench/report-screenshots.mjs PAGE.html [OUT_DIR] [--docs FILE.png]
//
// OUT_DIR defaults to bench/data/screenshots. --docs also writes the top 2000 px of the wide
// page (headline, aging, debtors, effectiveness): the README's docs/report.png, under 300 KB.
//   node bin/relance report --config examples/relance.yaml --today 2026-11-22 --out /tmp/r.html
//   node bench/report-screenshots.mjs /tmp/r.html /tmp/shots --docs docs/report.png
//
// Says for each width whether the page overflows horizontally and what the console said.

import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const argv = process.argv.slice(2);
const docsAt = argv.indexOf('--docs');
const docs = docsAt >= 0 ? resolve(argv.splice(docsAt, 2)[1] ?? '') : null;
const [page_, outArg] = argv;
if (!page_) {
  process.stderr.write('usage: node bench/report-screenshots.mjs PAGE.html [OUT_DIR]\n');
  process.exit(2);
}
const out = resolve(outArg ?? join(fileURLToPath(new URL('.', import.meta.url)), 'data', 'screenshots'));
mkdirSync(out, { recursive: true });
const profile = mkdtempSync(join(tmpdir(), 'relance-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  offline: true,
  viewport: { width: 1280, height: 800 },
  args: ['--disable-gpu', '--disable-quic', '--disable-sync'],
});
try {
  await context.route('**/*', (r) => (r.request().url().startsWith('file:') ? r.continue() : r.abort()));
  const page = await context.newPage();
  const messages = [];
  page.on('console', (m) => messages.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => messages.push(`pageerror: ${e.message}`));
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 800 });
    await page.goto(pathToFileURL(resolve(page_)).href);
    const { scroll, client, height } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth, height: document.documentElement.scrollHeight }));
    const file = join(out, `report-${width}.png`);
    await page.screenshot({ path: file, fullPage: true });
    if (width === 1280 && docs) {
      await page.screenshot({ path: docs, fullPage: true, clip: { x: 0, y: 0, width, height: Math.min(2000, height) } });
      process.stdout.write(`${docs}: the top ${Math.min(2000, height)} px\n`);
    }
    // The narrow page in screen-sized pieces too: a whole phone page shrinks to a sliver in a viewer.
    if (width < 800) {
      for (let y = 0, i = 1; y < height; y += 1400, i++) {
        await page.screenshot({ path: join(out, `report-${width}-part${i}.png`), fullPage: true, clip: { x: 0, y, width, height: Math.min(1400, height - y) } });
      }
    }
    process.stdout.write(`${file}: ${width} px wide, page ${scroll} px wide (${scroll > client ? 'OVERFLOWS' : 'no horizontal overflow'}), ${height} px tall\n`);
  }
  process.stdout.write(messages.length === 0 ? 'console: nothing\n' : `console:\n${messages.join('\n')}\n`);
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
