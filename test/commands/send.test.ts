// `relance send --dry-run` and `relance preview` through the built binary, on a copy of
// the examples (22 November 2026: relance-2 is due for Northwind, the call for Cabinet
// Morel's two invoices) and on small folders made for one problem each.

import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PostalMime from 'postal-mime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPdf } from '../helpers/pdf-text.js';
import { runRelanceInProcess } from '../helpers/run-cli.js';

const TODAY = ['--today', '2026-11-22'];
let dir: string;
let examples: string;
let journalBefore: string;
let archiveBefore: string[];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'relance-send-'));
  examples = join(dir, 'examples');
  await cp(join(import.meta.dirname, '../../examples'), examples, { recursive: true });
  journalBefore = await readFile(join(examples, 'journal.jsonl'), 'utf8');
  archiveBefore = await readdir(join(examples, 'sent'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('relance send --dry-run', () => {
  it('prints each e-mail with its headers and body, and each to-do, and records nothing', async () => {
    const { code, stdout, stderr } = await runRelanceInProcess(['send', '--dry-run', ...TODAY], { cwd: examples });
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe('relance send --dry-run, 22/11/2026: 1 e-mail, 1 to-do — nothing is sent, nothing recorded');
    expect(stdout).toContain('── e-mail 1/1 · relance-2 · Northwind Ltd · F-2026-019');
    expect(stdout).toContain('\nTo: "Northwind Ltd" <accounts@northwind.example>\n');
    // The thread's subject, the step's own wording in the body.
    expect(stdout).toContain('\nSubject: Re: Invoice F-2026-019 – Atelier Dupont SARL\n');
    expect(stdout).toContain('\nReminder: invoice F-2026-019 still unpaid\n\nHello,\n');
    expect(stdout).toContain('\nX-Relance-Invoice: F-2026-019\nX-Relance-Step: relance-2\nAuto-Submitted: auto-generated\n');
    // English for an English client; the interest and the €40 with their legal basis.
    expect(stdout).toContain('€2,100.00 outstanding, late-payment interest €12.13, fixed recovery indemnity €40.00');
    expect(stdout).toContain('Article L441-10');
    // The call groups the client's two invoices.
    expect(stdout).toContain('── to-do (call) 1/1 · appel · Cabinet Morel · F-2026-020, F-2026-021');
    expect(stderr).toBe('');
    expect(await readFile(join(examples, 'journal.jsonl'), 'utf8')).toBe(journalBefore);
    expect(await readdir(join(examples, 'sent'))).toEqual(archiveBefore); // the archive, untouched: no day's mbox added
    expect(existsSync(join(examples, 'letters'))).toBe(false);
  });

  it('gives the DESIGN.md JSON document', async () => {
    const { code, stdout } = await runRelanceInProcess(['send', '--dry-run', '--format', 'json', ...TODAY], { cwd: examples });
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    expect(doc.today).toBe('2026-11-22');
    expect(doc.dry_run).toBe(true);
    // In plan order: by client, then step.
    expect(doc.actions).toEqual([
      { invoices: ['F-2026-020', 'F-2026-021'], client: 'Cabinet Morel', step: 'appel', channel: 'call', to: ['secretariat@cabinet-morel.example'], subject: null, status: 'todo', message_id: null, error: null, file: null },
      {
        invoices: ['F-2026-019'],
        client: 'Northwind Ltd',
        step: 'relance-2',
        channel: 'email',
        to: ['accounts@northwind.example'],
        subject: 'Re: Invoice F-2026-019 – Atelier Dupont SARL',
        status: 'drafted',
        message_id: expect.stringMatching(/^<relance\..+@atelier-dupont\.example>$/),
        error: null,
        file: null,
      },
    ]);
  });

  it('writes real .eml files with --out, and the letters as PDF to post in a window envelope', async () => {
    const out = join(dir, 'drafts');
    // On 30 November: Atelier Martin's formal notice, a letter.
    const { code, stdout } = await runRelanceInProcess(['send', '--dry-run', '--out', out, '--today', '2026-11-30', '--invoice', 'F-2026-014'], { cwd: examples });
    expect(code).toBe(0);
    expect(stdout).toContain(`to-do F-2026-014 mise-en-demeure: ${join(out, 'F-2026-014_mise-en-demeure.pdf')}`);
    const letter = await readPdf(await readFile(join(out, 'F-2026-014_mise-en-demeure.pdf')));
    expect(letter.numPages).toBe(2);
    const first = letter.pages[0]!;
    // The sender's block with relance.yaml's legal mentions, the place and date, the mention, the template's body.
    expect(first.text).toContain('Atelier Dupont SARL 12 rue des Lilas 75011 Paris Tél. 01 23 45 67 89 compta@atelier-dupont.example');
    expect(first.text).toContain('SARL au capital de 10 000 € RCS Paris 123 456 789 – SIREN 123456789 TVA FR32 123456789');
    expect(first.text).toContain('Fait à Paris, le 30 novembre 2026 Lettre recommandée avec demande d’avis de réception Objet : Mise en demeure de payer : facture F-2026-014 Madame, Monsieur,');
    expect(first.text).toContain('Par la présente, nous vous mettons en demeure de nous régler la somme de 1 252,23 € dans un délai de 8 jours à compter de la réception de la présente.');
    expect(first.text).toContain('Somme réclamée au 30 novembre 2026 : 1 252,23 € À régler sous huit jours à compter de la réception de la présente.');
    expect(first.text).toContain('Virement : IBAN FR76 3000 6000 0112 3456 7890 189 – BIC AGRIFRPP Référence à indiquer : Facture F-2026-014');
    expect(first.text).toMatch(/Marie Dupont gérante 1\/2$/);
    // The client's address from the invoice file's Adresse column, inside the envelope window (100–190 mm across, 50–84 mm down).
    const window = first.pieces.filter((p) => p.x >= 100 && p.top >= 50 && p.baseline <= 84);
    expect(window.map((p) => p.str)).toEqual(['Atelier Martin', '8 rue de la Forge', '69007 LYON']);
    expect(letter.pages[1]!.text).toContain('Annexe : décompte des sommes dues');

    // An e-mail: Northwind's relance-2, due today.
    const out2 = join(dir, 'drafts2');
    const run2 = await runRelanceInProcess(['send', '--dry-run', '--out', out2, '--today', '2026-11-22', '--invoice', 'F-2026-019'], { cwd: examples });
    expect(run2.code).toBe(0);
    expect(await readdir(out2)).toEqual(['F-2026-019_relance-2.eml']);
    const email = await PostalMime.parse(await readFile(join(out2, 'F-2026-019_relance-2.eml')));
    expect(email.subject).toBe('Re: Invoice F-2026-019 – Atelier Dupont SARL');
    expect(email.to).toEqual([{ name: 'Northwind Ltd', address: 'accounts@northwind.example' }]);
    expect(email.headers.find((h) => h.key === 'x-relance-step')?.value).toBe('relance-2');
    expect(email.inReplyTo).toMatch(/^<relance\./);
    // attach_previous: the rappel and relance-1 sent before, from the archive.
    expect(email.attachments.map((a) => [a.filename, a.mimeType])).toEqual([
      ['rappel-2026-11-02.eml', 'message/rfc822'],
      ['relance-1-2026-11-07.eml', 'message/rfc822'],
    ]);
    expect(email.text).toContain('F-2026-019');
    expect(email.html).toContain('F-2026-019');
  });

  it('attaches the invoice PDF named in the file', async () => {
    // Garage Rousseau's invoice names factures/F-2026-003.pdf; its steps are all done, so preview one.
    const { code, stdout } = await runRelanceInProcess(['preview', 'F-2026-003', '--step', 'relance-1', ...TODAY], { cwd: examples });
    expect(code).toBe(0);
    expect(stdout).toContain('\nAttachment: F-2026-003.pdf\n');
  });

  it('refuses --out without --dry-run, and an invoice number that is not there', async () => {
    const out = await runRelanceInProcess(['send', '--out', 'x', ...TODAY], { cwd: examples });
    expect(out.code).toBe(2);
    expect(out.stderr).toBe('relance: --out writes drafts: it goes with --dry-run — relance send --dry-run --out drafts/\n');
    const unknown = await runRelanceInProcess(['send', '--dry-run', '--invoice', 'F-2026-19', ...TODAY], { cwd: examples });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('relance: invoice "F-2026-19" is not in the invoice files (factures.csv, particuliers.yaml) — did you mean "F-2026-019"?\n');
  });
});

describe('relance send and preview past the rate tables (LAW.md § Beyond the tables)', () => {
  const CARRIED =
    'warning: 2027-H1 is not in the rate tables yet: its rates are carried forward from 2026-H2 (ECB rate 2.40 %, B2B rate 12.40 %, legal rate 2.75 %) and the amounts computed with them are provisional — to confirm them, run relance rates --update for the ECB main refinancing rate in force on 1 January 2027, or write 2027-H1 in a rates file (relance rates --help shows how) with it and the legal interest rates published in the Journal officiel';

  it('drafts every message with the carried rates, says the amounts are provisional, and warns once (exit 0)', async () => {
    const { code, stdout, stderr } = await runRelanceInProcess(['send', '--dry-run', '--today', '2027-01-05'], { cwd: examples });
    expect(code).toBe(0);
    // Northwind's relance-2 (English): 5 Nov – 31 Dec 56 d at 12.40 + 1–5 Jan 5 d carried: 210 000 × 12.40 % × 61 / 365 = 4 351.89 c → 43.52
    expect(stdout).toContain('€2,100.00 outstanding, late-payment interest €43.52 (provisional amount), fixed recovery indemnity €40.00');
    expect(stdout).toContain('\nProvisional amount: the interest is computed at the last known reference rate, and will be adjusted if the applicable rate differs.\n');
    // Atelier Martin's formal notice (French letter), as in status: 26.91 of interest.
    expect(stdout).toContain('les pénalités de retard (26,91\u00A0€ au 5 janvier 2027, montant provisoire calculé au dernier taux de référence connu, elles continuent de courir jusqu’au paiement)');
    expect(stdout).toContain('la somme de 1\u202F266,91\u00A0€ (montant provisoire) dans un délai de 8 jours');
    // A call's fact sheet.
    expect(stdout).toMatch(/- F-2026-020: 890,00 € unpaid, due 15\/11\/2026 \(51 days late\); interest 15,42 € \(provisional\), fee 40,00 €/);
    expect(stderr.split('\n').filter((l) => l.includes('2027-H1'))).toEqual([CARRIED]);
    expect(await readFile(join(examples, 'journal.jsonl'), 'utf8')).toBe(journalBefore);
  });

  it('says nothing provisional while the tables reach today', async () => {
    const { code, stdout, stderr } = await runRelanceInProcess(['send', '--dry-run', '--today', '2026-11-30'], { cwd: examples });
    expect(code).toBe(0);
    expect(stdout).not.toMatch(/provisoire|provisional/i);
    expect(stderr).not.toMatch(/provisional|carried forward/);
  });

  it('previews the formal notice with its provisional amounts', async () => {
    const { code, stdout, stderr } = await runRelanceInProcess(['preview', 'F-2026-014', '--today', '2027-01-05'], { cwd: examples });
    expect(code).toBe(0);
    expect(stdout).toContain('la somme de 1\u202F266,91\u00A0€ (montant provisoire) dans un délai de 8 jours');
    expect(stderr).toBe(`${CARRIED}\n`);
  });
});

describe('relance send: every message checked before any goes out', () => {
  async function folder(name: string, csv: string[], templates?: Record<string, string>): Promise<string> {
    const d = join(dir, name);
    await mkdir(d, { recursive: true });
    await writeFile(join(d, 'relance.yaml'), `invoices: factures.csv\n${templates ? 'templates: templates\n' : ''}creditor:\n  name: Atelier Dupont SARL\n  email: compta@atelier-dupont.example\n`);
    await writeFile(join(d, 'factures.csv'), ['Facture;Client;Email;Échéance;Montant;PDF;Langue', ...csv].join('\n'));
    for (const [file, text] of Object.entries(templates ?? {})) {
      await cp(join(import.meta.dirname, '../../templates/fr'), join(d, 'templates/fr'), { recursive: true });
      await writeFile(join(d, 'templates', file), text);
    }
    return d;
  }

  it('a template error in one message: exit 2, the file and line named, nothing printed', async () => {
    const d = await folder('broken-template', ['A-1;Un;un@x.example;20/11/2026;100;;fr'], { 'fr/relance-1.hbs': '---\nsubject: Facture {{invoice.number}}\n---\nBonjour {{client.nom}},\n' });
    const { code, stdout, stderr } = await runRelanceInProcess(['send', '--dry-run', ...TODAY], { cwd: d });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^templates\/fr\/relance-1\.hbs:4: unknown variable "client\.nom" — /m);
    expect(stderr).toMatch(/relance: 1 error, nothing was done\.\n$/);
  });

  it('an e-mail step without an address, or a missing PDF: that step skipped, the rows named, the others drafted (exit 1)', async () => {
    const d = await folder('no-address', ['A-1;Un SARL;;20/11/2026;100;;fr', 'A-2;Deux SARL;deux@x.example;20/11/2026;100;absent.pdf;fr', 'A-3;Trois SARL;trois@x.example;20/11/2026;100;;fr']);
    const { code, stdout, stderr } = await runRelanceInProcess(['send', '--dry-run', '--format', 'json', ...TODAY], { cwd: d });
    expect(code).toBe(1);
    const actions = JSON.parse(stdout).actions as { invoices: string[]; status: string; error: string | null }[];
    // In plan order (by client: Deux, Trois, Un).
    expect(actions.map((a) => [a.invoices[0], a.status])).toEqual([
      ['A-2', 'skipped'],
      ['A-3', 'drafted'],
      ['A-1', 'skipped'],
    ]);
    expect(actions[2]!.error).toBe('factures.csv:2: email: invoice A-1 is due for the e-mail step "relance-1" but has no e-mail address — add the client’s address, or record what you did instead: relance record … call');
    expect(stderr.split('\n')).toEqual([
      'relance: A-2 relance-1: skipped: factures.csv:3: attachment: "absent.pdf" does not exist (the PDF of invoice A-2) — check the path: it is relative to the invoices file (the next run does it once this is fixed)',
      'relance: A-1 relance-1: skipped: factures.csv:2: email: invoice A-1 is due for the e-mail step "relance-1" but has no e-mail address — add the client’s address, or record what you did instead: relance record … call (the next run does it once this is fixed)',
      '',
    ]);
  });
});

describe('relance preview', () => {
  it('renders the next step as it would go out, or the step asked for', async () => {
    const next = await runRelanceInProcess(['preview', 'F-2026-014', ...TODAY], { cwd: examples });
    expect(next.code).toBe(0);
    expect(next.stdout.split('\n')[0]).toBe('── preview · mise-en-demeure (letter, due on 30/11/2026) · Atelier Martin · F-2026-014 ────────');
    // A letter shows its text, and says where its PDF goes.
    expect(next.stdout).toContain('\nPDF: relance send writes the letter to print into the letters folder beside the journal (.relance/letters/), relance send --dry-run --out DIR into DIR\n');
    expect(next.stdout).toContain('nous vous mettons en demeure');
    const asked = await runRelanceInProcess(['preview', 'F-2026-014', '--step', 'relance-1', '--format', 'json', ...TODAY], { cwd: examples });
    const doc = JSON.parse(asked.stdout);
    expect(doc).toMatchObject({ invoice: 'F-2026-014', step: 'relance-1', channel: 'email', to: ['compta@martin.example'], subject: 'Re: Facture F-2026-014 – Atelier Dupont SARL', headers: { 'X-Relance-Invoice': 'F-2026-014', 'X-Relance-Step': 'relance-1' }, attachments: ['F-2026-014.pdf'] });
    expect(doc.text).toContain('1\u202F200,00\u00A0€'); // an amount never splits across lines
  });

  it('names the closest invoice or step when one is mistyped', async () => {
    const invoice = await runRelanceInProcess(['preview', 'F-2026-14', ...TODAY], { cwd: examples });
    expect(invoice.code).toBe(2);
    expect(invoice.stderr).toBe('relance: invoice "F-2026-14" is not in the invoice files (factures.csv, particuliers.yaml) — did you mean "F-2026-014"?\n');
    const step = await runRelanceInProcess(['preview', 'F-2026-014', '--step', 'relance-3', ...TODAY], { cwd: examples });
    expect(step.code).toBe(2);
    expect(step.stderr).toBe('relance: no step "relance-3" in the policy — did you mean "relance-1"?\n');
  });
});

describe('a letter step whose client has no postal address', () => {
  it('is skipped for that invoice with the fix, the other letters go on (exit 1); check says it beforehand', async () => {
    const folder = join(dir, 'letter-no-address');
    await mkdir(folder);
    await writeFile(join(folder, 'relance.yaml'), ['invoices: factures.csv', 'policy: policy.yaml', 'creditor:', '  name: Atelier Dupont SARL', '  address: 12 rue des Lilas, 75011 Paris', ''].join('\n'));
    await writeFile(join(folder, 'policy.yaml'), ['steps:', '  - { id: mise-en-demeure, day: 30, channel: letter, template: mise-en-demeure }', ''].join('\n'));
    await writeFile(
      join(folder, 'factures.csv'),
      ['N° facture;Client;Type client;Échéance;Montant TTC;Adresse', 'F-1;Atelier Martin;b2b;31/10/2026;1 200,00;8 rue de la Forge, 69007 Lyon', 'F-2;Cabinet Morel;b2b;31/10/2026;890,00;', ''].join('\n'),
    );
    const check = await runRelanceInProcess(['check', '--today', '2026-11-25'], { cwd: folder });
    expect(check.code).toBe(0);
    expect(check.stdout).toContain(
      'factures.csv:3: warning: client_address: the letter step "mise-en-demeure" of invoice F-2 is due on 2026-11-30 but Cabinet Morel has no postal address — add the client’s address: an Adresse column in the invoice file, or address in the client directory (clients: in relance.yaml); until then relance send skips the letter, and says so each run',
    );
    expect(check.stdout).not.toContain('F-1');

    const out = join(folder, 'drafts');
    const run = await runRelanceInProcess(['send', '--dry-run', '--out', out, '--today', '2026-11-30', '--format', 'json'], { cwd: folder });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'relance: F-2 mise-en-demeure: skipped: factures.csv:3: client_address: the letter step "mise-en-demeure" of invoice F-2 is due now but Cabinet Morel has no postal address — add the client’s address: an Adresse column in the invoice file, or address in the client directory (clients: in relance.yaml) (the next run does it once this is fixed)\n',
    );
    const actions = JSON.parse(run.stdout).actions as { invoices: string[]; status: string; file: string | null }[];
    expect(actions.map((a) => [a.invoices.join(), a.status, a.file])).toEqual([
      ['F-1', 'todo', join(out, 'F-1_mise-en-demeure.pdf')],
      ['F-2', 'skipped', null],
    ]);
    expect(await readdir(out)).toEqual(['F-1_mise-en-demeure.pdf']);
  });
});
