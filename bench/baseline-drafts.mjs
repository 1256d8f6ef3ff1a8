// Baseline for `relance send --dry-run --out DIR`: the same drafts made with the libraries
// alone. The CSV streamed with csv-parse; the shipped relance-1 templates (fr/en, and the
// "fidele" variant; subject, text and HTML parts) compiled once with Handlebars and
// minimal helpers; each message built by nodemailer's MailComposer and written as a .eml,
// one after the other. No validation, no penalty, no policy: the floor of the work.
//   node bench/baseline-drafts.mjs FILE.csv OUTDIR TODAY   → prints the number of drafts
import { createReadStream, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse';
import Handlebars from 'handlebars';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';

const [file, outDir, today] = process.argv.slice(2);
const TEMPLATES = fileURLToPath(new URL('../templates/', import.meta.url));
const MONTHS = {
  fr: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};
const DAY_MS = 86_400_000;
const dayOfIso = (iso) => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / DAY_MS;
const isoOfFrench = (fr) => `${fr.slice(6, 10)}-${fr.slice(3, 5)}-${fr.slice(0, 2)}`;
const centsOf = (text) => (text === '' ? 0 : Math.round(Number(text.replace(/[\s\u00a0]/g, '').replace(',', '.')) * 100));
const decimal = (cents) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;

function environment(language) {
  const env = Handlebars.create();
  env.registerHelper('money', (value) => {
    const [euros, cents] = String(value).split('.');
    return language === 'fr' ? `${euros.replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f')},${cents} €` : `€${euros.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
  });
  env.registerHelper('date', (iso) => {
    const [y, m, d] = String(iso).split('-').map(Number);
    return language === 'fr' ? `${d === 1 ? '1er' : d} ${MONTHS.fr[m - 1]} ${y}` : `${MONTHS.en[m - 1]} ${d}, ${y}`;
  });
  env.registerHelper('plural', (n, one, many) => ((language === 'fr' ? Math.abs(n) < 2 : Math.abs(n) === 1) ? one : many));
  env.registerHelper('gt', (a, b) => Number(a) > Number(b));
  return env;
}

function template(language, name) {
  const env = environment(language);
  const source = readFileSync(join(TEMPLATES, language, `${name}.hbs`), 'utf8');
  const m = /^---\nsubject: '((?:[^']|'')*)'\n---\n/.exec(source);
  const subject = m[1].replace(/''/g, "'");
  const body = source.slice(m[0].length);
  let html = null;
  try {
    html = env.compile(readFileSync(join(TEMPLATES, language, `${name.replace(/-fidele$/, '')}.html.hbs`), 'utf8'));
  } catch {
    // no HTML part
  }
  return { subject: env.compile(subject, { noEscape: true }), text: env.compile(body, { noEscape: true }), html };
}

const templates = {};
const templateFor = (language, fidele) => {
  const key = `${language}/${fidele ? 'relance-1-fidele' : 'relance-1'}`;
  return (templates[key] ??= template(language, fidele ? 'relance-1-fidele' : 'relance-1'));
};

const creditor = {
  name: 'Atelier Dupont SARL',
  email: 'compta@atelier-dupont.example',
  phone: '01 23 45 67 89',
  address: '12 rue des Lilas, 75011 Paris',
  siren: '123456789',
  iban: 'FR76 3000 6000 0112 3456 7890 189',
  payment_link: 'https://pay.example/atelier-dupont',
};
const todayDay = dayOfIso(today);
const now = new Date();

await mkdir(outDir, { recursive: true });
const parser = createReadStream(file).pipe(parse({ delimiter: ';', bom: true, from_line: 2 }));
let drafts = 0;
for await (const r of parser) {
  const [number, client, email, type, issue, due, amountText, paidText, , , tags, language] = r;
  const amount = centsOf(amountText);
  const paid = centsOf(paidText);
  const dueIso = isoOfFrench(due);
  const invoice = {
    number,
    issue_date: isoOfFrench(issue),
    due_date: dueIso,
    amount: decimal(amount),
    paid: decimal(paid),
    balance: decimal(amount - paid),
    days_late: todayDay - dayOfIso(dueIso),
    attachment: null,
  };
  const context = {
    language,
    client: { name: client, email, type, is_b2b: type === 'b2b', is_b2c: type === 'b2c' },
    creditor,
    invoices: [invoice],
    invoice,
    totals: { count: 1, balance: invoice.balance },
    today,
  };
  const t = templateFor(language, tags === 'fidele');
  const raw = await new MailComposer({
    from: 'Atelier Dupont <compta@atelier-dupont.example>',
    to: [email],
    replyTo: 'compta@atelier-dupont.example',
    bcc: 'archives@atelier-dupont.example',
    subject: t.subject(context),
    text: t.text(context),
    html: t.html ? t.html(context) : undefined,
    messageId: `<bench.${drafts}@atelier-dupont.example>`,
    headers: { 'X-Relance-Invoice': number, 'X-Relance-Step': 'relance-1' },
    date: now,
  })
    .compile()
    .build();
  await writeFile(join(outDir, `${number}_relance-1.eml`), raw);
  drafts++;
}
process.stdout.write(`${drafts}\n`);
