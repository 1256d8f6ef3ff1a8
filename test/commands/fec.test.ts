// A client's FEC through the built binary, as an accountant runs it: `status --invoices
// FEC` with no options and no config; the same through a relance.yaml with a client
// directory (e-mails, types, terms and addresses from it, conflicts warned); the same data
// as a CSV export giving the same status; `send --dry-run` reminding the FEC's invoices at
// the directory's addresses; `check` on a directory with problems; `init`'s sample one.

import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRelanceInProcess } from '../helpers/run-cli.js';

const FEC_FIXTURES = join(import.meta.dirname, '../fixtures/fec');
const SETUP = join(import.meta.dirname, '../fixtures/fec-directory');
const FEC = '123456789FEC20261231.txt';
// The closing date: the FEC's balances are today's.
const TODAY = ['--today', '2026-12-31'];

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'relance-fec-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

let folders = 0;
async function folder(from?: string): Promise<string> {
  const dir = join(root, `d${folders++}`);
  if (from) await cp(from, dir, { recursive: true });
  else await mkdir(dir);
  return dir;
}

interface JsonRow {
  number: string;
  client: string;
  status: string;
  limitation_date?: string;
  balance: string;
  due_date: string;
  days_late: number;
  interest: string;
  flat_fee: string;
  total: string;
  next_step: string | null;
}
const row = (r: JsonRow) => [r.number, r.client, r.status, r.balance, r.due_date, r.days_late, r.next_step];
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

async function statusJson(args: string[], cwd: string) {
  const run = await runRelanceInProcess(['status', '--all', '--format', 'json', ...args], { cwd });
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as { invoices: JsonRow[]; totals: Record<string, unknown>; aging: Record<string, string>; warnings: string[]; balances_as_of?: unknown };
}

describe('status on a FEC alone, no options', () => {
  it('lists every open balance on the closing date, from any of the four files (| or TAB, UTF-8 or ISO-8859-15)', async () => {
    const runs = [];
    for (const variant of ['pipe-utf8-bom', 'tab-utf8-bom', 'pipe-iso-8859-15', 'tab-iso-8859-15']) {
      const dir = await folder();
      await cp(join(FEC_FIXTURES, variant, FEC), join(dir, FEC));
      runs.push(await statusJson(['--invoices', FEC, ...TODAY], dir));
    }
    const [first] = runs;
    for (const other of runs.slice(1)) expect(other).toEqual(first);
    // The balances worked out by hand in test/io/fec-file.test.ts; with no terms anywhere,
    // each invoice is due 30 days after its date (L441-10 I), the opening balance of unknown
    // age from the day the books opened.
    expect(first!.invoices.map(row)).toEqual([
      ['Solde à nouveau C006', 'Imprimerie Rousseau', 'paused', '3500.00', '2026-01-01', 364, null], // 5 000 − 1 500
      ['F2026-005', 'Café des Sports', 'open', '1000.00', '2026-03-03', 303, 'relance-1'], // 3 000 − 2 000
      ['F2026-008', 'Garage Petit', 'disputed', '1660.00', '2026-03-22', 284, null], // on 416: 2 160 − 500
      ['F2026-014', 'Boulangerie Cœur de Blé', 'open', '800.00', '2026-04-09', 266, 'relance-1'], // partly lettered: 1 800 − 1 000
      ['F2026-020', 'Café des Sports', 'open', '1200.00', '2026-06-14', 200, 'relance-1'], // credit note AV2026-002: 1 500 − 300
      ['F2026-050', 'Studio Benali', 'open', '2600.00', '2026-11-19', 42, 'relance-1'], // advance and OD: 3 600 − 600 − 400
      ['F2026-031', 'Boulangerie Cœur de Blé', 'open', '600.00', '2026-12-20', 11, 'relance-1'],
      ['F2026-040', 'Menuiserie Leroy', 'open', '4800.00', '2027-01-04', 0, 'rappel'], // lettered in 2027: open on 31/12
      ['F2026-060', 'Lambert Électricité', 'open', '1200.00', '2027-01-14', 0, 'rappel'], // no CompAuxNum, no PieceRef
    ]);
    // 600,00 € at 12.40 % for 11 days: 60000 × 0.124 × 11 / 365 = 224.2 cents → 2,24 €, plus the 40 €.
    expect(first!.invoices.find((i) => i.number === 'F2026-031')).toMatchObject({ interest: '2.24', flat_fee: '40.00', total: '642.24' });
    expect(first!.totals).toEqual({ count: 9, balance: '17360.00', interest: '1021.51', flat_fee: '280.00', total: '18661.51', provisional: false });
    expect(first!.aging).toEqual({ not_due: '6000.00', '1-30': '600.00', '31-60': '2600.00', '61-90': '0.00', '90+': '8160.00' });
    expect(first!.balances_as_of).toEqual([{ file: FEC, date: '2026-12-31', from: 'file-name' }]);
    expect(first!.warnings).toEqual([
      `${FEC}: warning: payment_terms: 8 invoices have no due date, and no payment terms in a client directory or relance.yaml: each is taken as due 30 days after its invoice date, the legal default between businesses (art. L441-10 I C. com.) — give each client its payment_terms in the client directory (clients: in relance.yaml), or payment_terms: in relance.yaml for all`,
      `${FEC}:3: warning: PieceRef: C006 Imprimerie Rousseau: an opening balance of 5 000,00 € (3 500,00 € still open) of unknown age — no invoice number or date in the opening entry: listed as paused, aged from the opening of the books (01/01/2026), never reminded — have the opening entries detailed per invoice (à-nouveaux détaillés) in the accounting software, or chase this balance by hand`,
      `${FEC}:42: warning: Idevise: 1 customer line in USD, not EUR: left out — relance chases euro invoices; follow the others by hand`,
      `${FEC}:45: warning: Credit: C007 Pharmacie Girard: 20,00 € of credit (receipts or credit notes) not allocated to any open invoice — deduct it from the client’s next invoice or refund it; relance counts it nowhere`,
      `${FEC}:46: warning: CompteNum: 1 invoice on account 416 (clients douteux): listed as disputed, never reminded (F2026-008) — the books hold them doubtful: chase them by hand, or through a formal notice and the next steps`,
    ]);
  });

  it('says the as-of date under the title, and warns once today is more than 7 days later', async () => {
    const dir = await folder(SETUP);
    const onTime = await runRelanceInProcess(['status', '--invoices', FEC, '--today', '2027-01-07'], { cwd: dir });
    expect(onTime.code).toBe(0);
    expect(onTime.stdout.split('\n').slice(0, 2)).toEqual([
      'Overdue invoices on 07/01/2027',
      `${FEC}: a FEC, balances as of 31/12/2026 (the closing date in its name) — the interest to 07/01/2027 is computed on the FEC's balances`,
    ]);
    expect(onTime.stderr).not.toContain('days before today');
    const late = await runRelanceInProcess(['status', '--invoices', FEC, '--today', '2027-01-15'], { cwd: dir });
    expect(late.stderr).toContain(`${FEC}: warning: the FEC's balances are as of 31/12/2026, 15 days before today: payments received since then are not in it — export a newer FEC, or check these balances against the bank, before reminding anyone\n`);
  });

  it('takes the last entry date when the name has no closing date', async () => {
    const dir = await folder();
    await cp(join(FEC_FIXTURES, 'pipe-utf8-bom', FEC), join(dir, 'export-compta.txt'));
    const run = await runRelanceInProcess(['status', '--invoices', 'export-compta.txt', ...TODAY], { cwd: dir });
    expect(run.stdout.split('\n')[1]).toBe("export-compta.txt: a FEC, balances as of 31/12/2026 (its last entry) — the interest to 31/12/2026 is computed on the FEC's balances");
  });
});

describe('the same invoices as a CSV export', () => {
  it('give the same status as the FEC', async () => {
    // No relance.yaml here: each file alone, with no options.
    const dir = await folder();
    for (const f of [FEC, 'factures-du-fec.csv']) await cp(join(SETUP, f), join(dir, f));
    const fec = await statusJson(['--invoices', FEC, ...TODAY], dir);
    // factures-du-fec.csv: the FEC's open items as an invoicing tool would export them —
    // due dates 30 days after the invoice date, one payment column (F2026-050's advance and
    // OD, 600 + 400 before its due date, as 1 000,00 paid on 20/10: no interest differs).
    const csv = await statusJson(['--invoices', 'factures-du-fec.csv', ...TODAY], dir);
    // One difference only, the law's: the export's due dates were agreed, so the limitation
    // runs from them (art. 2233 C. civ.); the FEC gives none, its 30 days are the legal term,
    // and the limitation runs from the invoice date (5 years either way, L110-4 C. com.).
    const withoutLimitation = (rows: JsonRow[]) => rows.map(({ limitation_date: _l, ...rest }) => rest);
    expect(withoutLimitation(csv.invoices)).toEqual(withoutLimitation(fec.invoices));
    const f14 = (rows: JsonRow[]) => rows.find((r) => r.number === 'F2026-014')!;
    expect([f14(fec.invoices).limitation_date, f14(csv.invoices).limitation_date]).toEqual(['2031-03-10', '2031-04-09']);
    expect(csv.totals).toEqual(fec.totals);
    expect(csv.aging).toEqual(fec.aging);
    expect(csv.balances_as_of).toBeUndefined();
    expect(csv.warnings).toEqual(['factures-du-fec.csv:11: warning: currency: invoice F2026-070 is in USD: relance chases invoices in euros only (French penalties, the €40 fee, euro totals), so it is left out — chase it by hand, or remove the line to silence this']);
  });
});

describe('a FEC with a client directory, through relance.yaml', () => {
  it('takes each client’s terms from the directory, else the config’s', async () => {
    const dir = await folder(SETUP);
    const status = await statusJson(TODAY, dir);
    expect(status.invoices.map((r) => [r.number, r.due_date, r.status])).toEqual([
      ['Solde à nouveau C006', '2026-01-01', 'paused'],
      ['F2026-005', '2026-03-18', 'open'], // C002: 45 jours from 01/02
      ['F2026-008', '2026-03-22', 'disputed'], // C004: no terms in the directory, the config's 30 jours from 20/02
      ['F2026-014', '2026-04-30', 'open'], // C001: 30 jours fin de mois from 10/03 → 09/04 → 30/04
      ['F2026-020', '2026-06-29', 'open'], // C002: 45 jours from 15/05
      ['F2026-050', '2026-10-20', 'open'], // C005: à réception
      ['F2026-040', '2027-02-03', 'open'], // C003: 60 jours from 05/12
      ['F2026-060', '2027-01-14', 'open'], // 411LAMBERT: 30 jours from 15/12
      ['F2026-031', '2026-12-31', 'open'], // C001: 20/11 + 30 → 20/12 → 31/12
    ]);
    // Every invoice found its terms: no word of the legal default.
    expect(status.warnings.some((w) => w.includes('legal default'))).toBe(false);
  });

  it('reads the accounts the config names: fec: accounts: [411] leaves 416 and 419 out', async () => {
    const dir = await folder(SETUP);
    await writeFile(join(dir, 'relance.yaml'), `${await readFile(join(dir, 'relance.yaml'), 'utf8')}fec:\n  accounts: [411]\n`);
    const status = await statusJson(TODAY, dir);
    const numbers = status.invoices.map((r) => [r.number, r.balance]);
    // F2026-008 left 411 for 416 (lettered AE there): not listed. C005's advance on 419 is not
    // read: F2026-050 is 3 600 − 400 (the OD's 411 side) = 3 200.
    expect(numbers.find(([n]) => n === 'F2026-008')).toBeUndefined();
    expect(numbers.find(([n]) => n === 'F2026-050')).toEqual(['F2026-050', '3200.00']);
  });

  it('reminds the FEC’s invoices at the directory’s addresses, and none that is disputed or paused', async () => {
    const dir = await folder(SETUP);
    const send = await runRelanceInProcess(['send', '--dry-run', '--format', 'json', ...TODAY], { cwd: dir });
    expect(send.code).toBe(0);
    const actions = (JSON.parse(send.stdout) as { actions: { invoices: string[]; client: string; step: string; to: string[]; status: string }[] }).actions;
    expect(actions.map((a) => [a.invoices, a.step, a.to, a.status])).toEqual([
      [['F2026-031'], 'rappel', ['compta@coeurdeble.example'], 'drafted'],
      [['F2026-014'], 'relance-1', ['compta@coeurdeble.example'], 'drafted'],
      [['F2026-005', 'F2026-020'], 'relance-1', ['patron@cafedessports.example', 'gerance@cafedessports.example'], 'drafted'],
      [['F2026-050'], 'relance-1', ['studio@benali.example'], 'drafted'],
    ]);
    const text = plain((await runRelanceInProcess(['send', '--dry-run', ...TODAY], { cwd: dir })).stdout);
    expect(text).toContain('To: "Boulangerie Cœur de Blé" <compta@coeurdeble.example>\nSubject: Facture F2026-014 – Atelier Dupont SARL\n');
    expect(text).toContain('Petit rappel : facture F2026-014\n\nBonjour,\n\nTout d’abord, merci pour votre confiance renouvelée'); // C001 is tagged fidele in the directory: the loyal template
    expect(text).toContain('- facture F2026-014 du 10 mars 2026, échue le 30 avril 2026 (il y a 245 jours) : 1 800,00 €, dont 1 000,00 € déjà réglés, reste 800,00 €');
  });

  it('gives templates the directory’s contact, code and postal address', async () => {
    const dir = await folder(SETUP);
    await mkdir(join(dir, 'templates/fr'), { recursive: true });
    await writeFile(join(dir, 'templates/fr/relance-1.hbs'), '---\nsubject: Facture {{invoice.number}}\n---\nÀ l’attention de {{client.contact}} ({{client.code}})\n{{client.address}}\n');
    await writeFile(join(dir, 'relance.yaml'), `${await readFile(join(dir, 'relance.yaml'), 'utf8')}templates: templates\n`);
    const text = (await runRelanceInProcess(['send', '--dry-run', '--invoice', 'F2026-050', ...TODAY], { cwd: dir })).stdout;
    expect(text).toContain('À l’attention de Karim Benali (C005)\n9 rue Oberkampf, Bâtiment B, 75011 Paris\n');
  });

  it('warns where an invoice file and the directory disagree, naming both places; a client of two rows stops the run', async () => {
    const dir = await folder(SETUP);
    await writeFile(
      join(dir, 'factures.csv'),
      'N° facture;Client;Code client;Email;Type client;Date;Échéance;Montant TTC\n' +
        'F-1;Boulangerie Coeur de Ble;;gerant@coeurdeble.example;pro;01/12/2026;15/12/2026;100,00\n' +
        'F-2;Café des Sports;C002;;particulier;01/12/2026;15/12/2026;100,00\n' +
        'F-3;Café des Sports;C002;;;01/12/2026;15/12/2026;100,00\n',
    );
    const status = await runRelanceInProcess(['status', '--invoices', 'factures.csv', '--format', 'json', ...TODAY], { cwd: dir });
    expect(status.code).toBe(0);
    const hint = 'correct the one that is wrong: the directory fills only what an invoice leaves empty';
    expect(JSON.parse(status.stdout).warnings).toEqual([
      `factures.csv:2: warning: email: invoice F-1 says "gerant@coeurdeble.example", the client directory (clients.csv:2) says "compta@coeurdeble.example": the invoice's is used — ${hint}`,
      `factures.csv:3: warning: client_type: invoice F-2 says "b2c", the client directory (clients.csv:3) says "b2b": the invoice's is used — ${hint}`,
      'F-2: no formal notice recorded: B2C interest will run from the day after a formal notice (mise en demeure, art. 1231-6 C. civ.)',
    ]);
    // A second row of that name with its own code: F-2 and F-3 name theirs (C002) and find it;
    // an invoice that gives the name alone matches both rows, and nothing is done.
    await writeFile(join(dir, 'clients.csv'), `${await readFile(join(dir, 'clients.csv'), 'utf8')}C2BIS;Cafe des sports;bar@sports.example;b2b;;;;;;;\n`);
    expect((await runRelanceInProcess(['status', '--invoices', 'factures.csv', ...TODAY], { cwd: dir })).code).toBe(0);
    await writeFile(join(dir, 'factures.csv'), 'N° facture;Client;Échéance;Montant TTC\nF-4;CAFÉ DES SPORTS;15/12/2026;100,00\n');
    const ambiguous = await runRelanceInProcess(['status', '--invoices', 'factures.csv', ...TODAY], { cwd: dir });
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toBe(
      'factures.csv:2: client: the client "CAFÉ DES SPORTS" of invoice F-4 matches 2 rows of the client directory (clients.csv:3, clients.csv:12) — give the invoice its client code (client_code), or give each directory row its own code\n' +
        'relance: 1 error, nothing was done.\n',
    );
  });
});

describe('check on a client directory', () => {
  it('reports every problem of the directory at once, with file and line', async () => {
    const dir = await folder(SETUP);
    await writeFile(
      join(dir, 'clients.csv'),
      'Code client;Client;Email;Type client;Conditions de paiement;Ville\nC001;Boulangerie;compta@@coeurdeble;b2b;30 jours;Lyon\nC002;Café;;grossiste;tous les mois;\nC001;Doublon;;;;\n',
    );
    const check = await runRelanceInProcess(['check', ...TODAY], { cwd: dir });
    expect(check.code).toBe(2);
    expect(check.stdout.split('\n').filter((l) => l.startsWith('clients.csv'))).toEqual([
      'clients.csv:2: email: "compta@@coeurdeble" is not an e-mail address — write one address per recipient, separated by ";"',
      'clients.csv:3: client_type: "grossiste" is not understood — use b2b (professionnel) or b2c (particulier)',
      'clients.csv:3: payment_terms: "tous les mois" is not payment terms relance understands — write e.g. 30 jours, 45 jours fin de mois, 60 jours, à réception',
      'clients.csv:4: client_code: the client code "C001" is already at clients.csv:2 — one row per client: merge the two rows, or correct the code',
    ]);
  });

  it('says how many directory rows it read and how many invoices used, when all is good', async () => {
    const dir = await folder(SETUP);
    await writeFile(join(dir, 'factures.csv'), 'N° facture;Client;Échéance;Montant TTC\nF-1;Studio Benali;15/01/2027;100,00\n');
    const check = await runRelanceInProcess(['check', '--invoices', 'factures.csv', '--today', '2026-11-15'], { cwd: dir });
    expect(check).toEqual({ code: 0, stdout: 'relance check: all good (1 invoice in 1 file, 1 still owed, 9 clients in the directory (1 with invoices), 6 policy steps, 5 templates in fr, 0 journal entries)\n', stderr: '' });
  });
});
