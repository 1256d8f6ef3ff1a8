// The daily cron, simulated: the built binary runs `relance send --today D` once a day for
// 60 days against a real SMTP server, and every step of every invoice must land exactly
// once, on the day the policy says. Expected days are worked out by hand below from the
// shipped policy: rappel −3, relance-1 +2, appel +7 (call), relance-2 +15,
// mise-en-demeure +30 (letter), recouvrement +90 (task), min_gap_days 5.

import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PostalMime from 'postal-mime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatIsoDay, parseIsoDay } from '../../src/domain/dates.js';
import { readJournal } from '../../src/io/journal.js';
import { runRelance, runRelanceInProcess } from '../helpers/run-cli.js';
import type { TestSmtp } from '../helpers/smtp-server.js';
import { startSmtpServer } from '../helpers/smtp-server.js';

const START = '2026-10-01';
const DAYS = 60; // 1 October – 29 November 2026

const HEADER = 'N° facture;Client;Email;Type client;Langue;Échéance;Montant TTC;Payé;Date de paiement;Adresse';
const ROWS = [
  // Due 10/10: rappel 07/10, relance-1 12/10, appel 17/10, relance-2 25/10, mise-en-demeure 09/11.
  'A-1;Atelier Un;un@client.example;b2b;fr;10/10/2026;1 000,00;;;1 rue du Port, 13002 Marseille',
  // Two invoices of one client, due 20/10: one message per step for both.
  // rappel 17/10, relance-1 22/10, appel 27/10, relance-2 04/11, mise-en-demeure 19/11.
  'A-2;Cabinet Deux;deux@client.example;b2b;fr;20/10/2026;500,00;;;2 rue du Port, 13002 Marseille',
  'A-3;Cabinet Deux;deux@client.example;b2b;fr;20/10/2026;700,00;;;2 rue du Port, 13002 Marseille',
  // Already late on the first run (due 20/09): rappel passed over, then one step per run,
  // each min_gap_days (5) after the last: relance-1 01/10 (due since 22/09), appel 06/10
  // (scheduled 27/09), relance-2 11/10 (scheduled 05/10), mise-en-demeure 20/10 (scheduled
  // 20/10, gap since 16/10), recouvrement 19/12 (after the 60 days).
  'A-4;Garage Quatre;quatre@client.example;b2b;fr;20/09/2026;2 000,00;;;4 rue du Port, 13002 Marseille',
  // Paid on 15/10, the file updated that day: rappel 02/10, relance-1 07/10, appel 12/10,
  // then nothing (relance-2 would have been 20/10).
  'A-5;Studio Cinq;cinq@client.example;b2b;fr;05/10/2026;300,00;;;5 rue du Port, 13002 Marseille',
  // A consumer writing in English, due 25/10: rappel 22/10, relance-1 27/10, appel 01/11,
  // relance-2 09/11, mise-en-demeure 24/11.
  'P-6;Jane Doe;jane@doe.example;b2c;en;25/10/2026;450,00;;;6 rue du Port, 13002 Marseille',
];
const PAID_A5 = 'A-5;Studio Cinq;cinq@client.example;b2b;fr;05/10/2026;300,00;300,00;15/10/2026;5 rue du Port, 13002 Marseille';

const EXPECTED: Record<string, Record<string, string>> = {
  'A-1': { rappel: '2026-10-07', 'relance-1': '2026-10-12', appel: '2026-10-17', 'relance-2': '2026-10-25', 'mise-en-demeure': '2026-11-09' },
  'A-2': { rappel: '2026-10-17', 'relance-1': '2026-10-22', appel: '2026-10-27', 'relance-2': '2026-11-04', 'mise-en-demeure': '2026-11-19' },
  'A-3': { rappel: '2026-10-17', 'relance-1': '2026-10-22', appel: '2026-10-27', 'relance-2': '2026-11-04', 'mise-en-demeure': '2026-11-19' },
  'A-4': { 'relance-1': '2026-10-01', appel: '2026-10-06', 'relance-2': '2026-10-11', 'mise-en-demeure': '2026-10-20' },
  'A-5': { rappel: '2026-10-02', 'relance-1': '2026-10-07', appel: '2026-10-12' },
  'P-6': { rappel: '2026-10-22', 'relance-1': '2026-10-27', appel: '2026-11-01', 'relance-2': '2026-11-09', 'mise-en-demeure': '2026-11-24' },
};
const EMAIL_STEPS = new Set(['rappel', 'relance-1', 'relance-2']);

let dir: string;
let smtp: TestSmtp;
/** What each day's run delivered: [day, invoices header, step header, subject, to]. */
const delivered: { day: string; invoices: string; step: string; subject: string; to: string[]; inReplyTo: string | undefined; attachments: number }[] = [];
const exitCodes: number[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'relance-cron-'));
  smtp = await startSmtpServer();
  await writeFile(
    join(dir, 'relance.yaml'),
    ['invoices: factures.csv', 'creditor:', '  name: Atelier Dupont SARL', '  email: compta@atelier-dupont.example', '  iban: FR76 3000 6000 0112 3456 7890 189', 'mail:', '  from: "Atelier Dupont <compta@atelier-dupont.example>"', ''].join('\n'),
  );
  const writeInvoices = (rows: string[]) => writeFile(join(dir, 'factures.csv'), [HEADER, ...rows, ''].join('\n'));
  await writeInvoices(ROWS);

  const start = parseIsoDay(START)!;
  for (let d = start; d < start + DAYS; d++) {
    const today = formatIsoDay(d);
    if (today === '2026-10-15') await writeInvoices(ROWS.map((r) => (r.startsWith('A-5;') ? PAID_A5 : r)));
    const before = smtp.received.length;
    // Every tenth day the built binary, as cron starts it; the others runCli in this process
    // (test/commands/binary.test.ts holds them to the same output): one journal for both.
    const args = ['send', '--today', today];
    const options = { cwd: dir, env: { RELANCE_SMTP_URL: smtp.url() } };
    const run = (d - start) % 10 === 0 ? await runRelance(args, options) : await runRelanceInProcess(args, options);
    exitCodes.push(run.code);
    for (const m of smtp.received.slice(before)) {
      const email = await PostalMime.parse(m.raw);
      const header = (name: string) => email.headers.find((h) => h.key === name.toLowerCase())?.value ?? '';
      delivered.push({ day: today, invoices: header('X-Relance-Invoice'), step: header('X-Relance-Step'), subject: email.subject ?? '', to: m.to, inReplyTo: email.inReplyTo, attachments: email.attachments.length });
    }
  }
}, 240_000);

afterAll(async () => {
  await smtp.close();
  await rm(dir, { recursive: true, force: true });
});

describe('60 days of a daily cron', () => {
  it('every run succeeds', () => {
    expect(exitCodes).toEqual(Array(DAYS).fill(0));
  });

  it('delivers every e-mail step once, on its day, one message per client and step', () => {
    const expected = Object.entries(EXPECTED)
      .flatMap(([invoice, steps]) => Object.entries(steps).filter(([step]) => EMAIL_STEPS.has(step)).map(([step, day]) => ({ invoice, step, day })))
      // share their messages.
      .reduce<{ day: string; invoices: string; step: string }[]>((all, e) => {
        const same = all.find((x) => x.step === e.step && x.day === e.day && e.invoice === 'A-3' && x.invoices === 'A-2');
        if (same) same.invoices = 'A-2,A-3';
        else all.push({ day: e.day, invoices: e.invoice, step: e.step });
        return all;
      }, []);
    const got = delivered.map(({ day, invoices, step }) => ({ day, invoices, step }));
    const order = (x: { day: string; invoices: string; step: string }) => `${x.day} ${x.invoices} ${x.step}`;
    expect([...got].sort((a, b) => order(a).localeCompare(order(b)))).toEqual([...expected].sort((a, b) => order(a).localeCompare(order(b))));
  });

  it('issues every call and letter once, on its day, in the journal', async () => {
    const { entries } = await readJournal(join(dir, '.relance', 'journal.jsonl'));
    const issued = entries.filter((e) => e.type === 'issued').map((e) => `${e.invoice} ${e.step} ${e.date}`);
    const expected = Object.entries(EXPECTED).flatMap(([invoice, steps]) =>
      Object.entries(steps)
        .filter(([step]) => !EMAIL_STEPS.has(step))
        .map(([step, day]) => `${invoice} ${step} ${day}`),
    );
    expect(issued.sort()).toEqual(expected.sort());
    // Each formal notice printed once, as a PDF beside the journal; in one letter.
    expect((await readdir(join(dir, '.relance', 'letters'))).sort()).toEqual([
      '2026-10-20_A-4_mise-en-demeure.pdf',
      '2026-11-09_A-1_mise-en-demeure.pdf',
      '2026-11-19_A-2+A-3_mise-en-demeure.pdf',
      '2026-11-24_P-6_mise-en-demeure.pdf',
    ]);
  });

  it('threads each reminder to the previous one and writes to the client in its language', () => {
    const relance2 = delivered.find((m) => m.invoices === 'A-1' && m.step === 'relance-2')!;
    expect(relance2.inReplyTo).toMatch(/^<relance\..+@atelier-dupont\.example>$/);
    expect(relance2.attachments).toBe(2); // attach_previous: the rappel and relance-1 sent before
    expect(delivered.find((m) => m.invoices === 'P-6' && m.step === 'relance-1')!.subject).toMatch(/invoice P-6/i);
    expect(delivered.find((m) => m.invoices === 'A-1' && m.step === 'relance-1')!.subject).toMatch(/facture A-1/i);
    expect(delivered.filter((m) => m.invoices === 'A-2,A-3').every((m) => m.to.includes('deux@client.example'))).toBe(true);
  });

  it('stops at the payment: nothing for A-5 after 15/10', () => {
    expect(delivered.filter((m) => m.invoices.includes('A-5')).map((m) => m.day)).toEqual(['2026-10-02', '2026-10-07']);
  });
});
