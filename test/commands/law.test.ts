// The law's finer points as a user meets them, through the built binary on one small
// folder: `send_days: business` (14/11/2026 is a Saturday), `imputation: interest-first`, a
// public buyer whose due date comes from the delivery, a time-barred claim, a sector's cap.
//
//   A-1  Atelier Martin   due Thu 12/11/2026: relance-1 falls on Saturday 14/11 → Monday 16/11
//   V-1  Vieux Client     due 31/01/2020: time-barred since 01/02/2025 (5 years, L110-4)
//   M-1  Mairie de Lyon   public, invoiced 01/09, delivered 10/09, no due date: due 10/10/2026
//                         (30 days from the delivery, later than the invoice: R2192-12, R2192-13)
//   P-1  Garage Rousseau  10 000 € due 30/06/2026, 4 000 € paid 15/07/2026
//   T-1  Transports Girard sector transport, 50 days of terms: beyond L441-11's 30

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRelanceInProcess } from '../helpers/run-cli.js';

let dir: string;
const SATURDAY = ['--today', '2026-11-14'];
const MONDAY = ['--today', '2026-11-16'];

const plain = (text: string): string => text.replace(/[\u00a0\u202f]/g, ' ');

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'relance-law-'));
  await writeFile(
    join(dir, 'relance.yaml'),
    'invoices: factures.csv\ncreditor:\n  name: Atelier Dupont SARL\n  email: compta@atelier-dupont.example\nsend_days: business\nimputation: interest-first\n',
  );
  await writeFile(
    join(dir, 'factures.csv'),
    [
      'Facture;Client;Email;Type client;Secteur;Date;Date de livraison;Échéance;Montant;Payé;Date de paiement',
      'A-1;Atelier Martin;compta@martin.example;pro;;2026-10-13;;2026-11-12;1000;;',
      'V-1;Vieux Client;compta@vieux.example;pro;;2020-01-01;;2020-01-31;500;;',
      'M-1;Mairie de Lyon;factures@mairie-lyon.example;collectivité;;2026-09-01;2026-09-10;;1000;;',
      'P-1;Garage Rousseau;compta@rousseau.example;pro;;2026-06-01;;2026-06-30;10000;4000;2026-07-15',
      'T-1;Transports Girard;compta@girard.example;pro;transport routier;2026-10-01;;2026-11-20;800;;',
    ].join('\n') + '\n',
  );
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('relance status', () => {
  it('names the readings applied, shows a time-barred claim, a public buyer and a next date moved to a business day', async () => {
    const { code, stdout, stderr } = await runRelanceInProcess(['status', '--all', '--format', 'json', ...SATURDAY], { cwd: dir });
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    expect(doc.readings).toEqual({ rate_mode: 'half-year', imputation: 'interest-first', floor: 'raise', end_of_month: 'days-then-eom' });
    const row = (n: string) => doc.invoices.find((i: { number: string }) => i.number === n);
    // Saturday: relance-1 waits for Monday.
    expect(row('A-1')).toMatchObject({ status: 'open', next_step: 'relance-1', next_date: '2026-11-16' });
    // Time-barred: still owed, out of the cycle.
    expect(row('V-1')).toMatchObject({ status: 'time-barred', balance: '500.00', next_step: null, next_date: null, limitation_date: '2025-01-31' });
    // Public: due 10/10 from the delivery; from 11/10 at 2.40 + 8 = 10.40 % (2026-H2), 35 days:
    // 100 000 × 10.40 % × 35 / 365 = 997.26 c → 9.97; + the €40 (D2192-35)
    expect(row('M-1')).toMatchObject({ due_date: '2026-10-10', days_late: 35, interest: '9.97', flat_fee: '40.00', total: '1049.97', next_date: '2026-11-16' });
    // Interest first: 1–15 Jul on 10 000 at 12.40 %: 1 240 000 × 15 / 365 = 50 958.90 c → 50.96 paid by
    // the 4 000 €, principal 6 050.96; 16 Jul – 14 Nov = 122 days on it: 750 319.04 × 122 / 365 = 250 791.50 c;
    // exact 301 750.40 c → 301.75. Total 6 000 + 301.75 + 40 = 6 050.96 + (301.75 − 50.96) + 40 = 6 341.75
    expect(row('P-1')).toMatchObject({ balance: '6000.00', interest: '301.75', interest_paid: '50.96', principal_left: '6050.96', total: '6341.75' });
    expect(doc.warnings).toContain(
      'V-1: the claim has been time-barred since 2025-02-01 (5 years from the due date, art. L110-4 C. com.): it has left the reminder cycle — no reminder, and no letter threatening court action; the client may still pay of their own accord',
    );
    expect(stderr).toContain('warning: V-1: the claim has been time-barred since 2025-02-01');
  });

  it('says in the table how partial payments were imputed', async () => {
    const { stdout } = await runRelanceInProcess(['status', ...SATURDAY], { cwd: dir });
    expect(stdout).toMatch(/ V-1 +Vieux Client +time-barred /);
    expect(stdout).toContain('Partial payments are imputed to the interest accrued first, then the principal (imputation: interest-first, art. 1343-1 C. civ.): the JSON gives interest_paid and principal_left');
  });
});

describe('relance send --dry-run with send_days: business', () => {
  it('sends nothing on a Saturday and says what waits for Monday', async () => {
    const { code, stdout } = await runRelanceInProcess(['send', '--dry-run', ...SATURDAY], { cwd: dir });
    expect(code).toBe(0);
    expect(stdout).toBe(
      'relance send --dry-run, 14/11/2026: 0 e-mails, 0 to-dos — nothing is sent, nothing recorded\n' +
        '14/11/2026 is not a business day (Saturday; send_days: business): nothing goes out today, 3 steps wait for 16/11/2026\n\n',
    );
  });

  it('sends them on Monday, saying which fell due on the weekend; never a reminder for the time-barred claim', async () => {
    const { code, stdout } = await runRelanceInProcess(['send', '--dry-run', ...MONDAY], { cwd: dir });
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines.slice(0, 2)).toEqual([
      'relance send --dry-run, 16/11/2026: 3 e-mails, 0 to-dos — nothing is sent, nothing recorded',
      'A-1 relance-1: fell due on 14/11/2026 (Saturday), goes out today, the next business day (send_days: business)',
    ]);
    expect(stdout).toContain('· relance-1 · Atelier Martin · A-1');
    expect(stdout).toContain('· relance-1 · Mairie de Lyon · M-1');
    expect(stdout).not.toContain('V-1');
  });
});

describe('relance preview: the letter says the reading where it matters', () => {
  it('tells a partly paid client that the payments went to the interest first (art. 1343-1)', async () => {
    const { code, stdout } = await runRelanceInProcess(['preview', 'P-1', '--step', 'mise-en-demeure', ...SATURDAY], { cwd: dir });
    expect(code).toBe(0);
    expect(plain(stdout)).toContain(
      'Conformément à l’article 1343-1 du Code civil, vos paiements partiels ont été imputés d’abord sur les intérêts échus, puis sur le capital : 50,96 € des intérêts ci-dessus sont ainsi réglés, et le capital restant dû s’élève à 6 050,96 €.',
    );
  });

  it('writes to a public buyer under the code de la commande publique, and names the administrative court', async () => {
    const { code, stdout } = await runRelanceInProcess(['preview', 'M-1', '--step', 'mise-en-demeure', ...SATURDAY], { cwd: dir });
    expect(code).toBe(0);
    expect(stdout).toContain('en application de l’article R2192-31 du code de la commande publique, les intérêts moratoires');
    expect(plain(stdout)).toContain('l’indemnité forfaitaire pour frais de recouvrement de 40 € par facture prévue à l’article D2192-35');
    expect(stdout).toContain('nous saisirons sans autre avis le tribunal administratif');
    expect(stdout).not.toContain('L441-10');
    expect(stdout).not.toContain('injonction de payer');
  });

  it('refuses a letter for a time-barred claim', async () => {
    expect(await runRelanceInProcess(['preview', 'V-1', '--step', 'mise-en-demeure', ...SATURDAY], { cwd: dir })).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'relance: V-1 is time-barred since 01/02/2025: relance sends no reminder for it, and no letter that threatens court action — the client may still pay of their own accord: write to them yourself if you wish, without demanding payment in court\n',
    });
  });
});

describe('relance check', () => {
  it('knows the cap of a sector, and the limitation', async () => {
    const { code, stdout } = await runRelanceInProcess(['check', ...SATURDAY], { cwd: dir });
    expect(code).toBe(0);
    expect(stdout).toContain(
      'factures.csv:6: warning: due_date: T-1 is due 50 days after its invoice date (2026-10-01 → 2026-11-20): beyond the limit for road transport, vehicle rental, transport commission, freight forwarding and customs brokerage, 30 days from the invoice date (art. L441-11 II 5° C. com.): 2026-10-31 at the latest — check the due date; if it is right, agree shorter terms with this client',
    );
    expect(stdout).toContain('factures.csv:3: warning: due_date: V-1 has been time-barred since 2025-02-01 (5 years from the due date, art. L110-4 C. com.) — a court would dismiss the claim: relance sends no more reminders for it; the client may still pay of their own accord');
    expect(await readFile(join(dir, 'factures.csv'), 'utf8')).toContain('T-1'); // read, never written
  });
});
