// `relance init` through the built binary (not a terminal: it asks nothing), and its
// questions in this process with a pretend terminal. What it writes, that it never
// overwrites, that its sample invoices follow --today, and that the setup works at once.

import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cli } from '../../src/commands/common.js';
import { runRelanceInProcess } from '../helpers/run-cli.js';

const ROOT = join(import.meta.dirname, '../..');
const TODAY = ['--today', '2026-11-22'];

let base: string;
beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'relance-init-'));
});
afterAll(() => rm(base, { recursive: true, force: true }));

let count = 0;
async function emptyFolder(): Promise<string> {
  const dir = join(base, `setup-${++count}`);
  await mkdir(dir);
  return dir;
}

const NEXT = ['', 'Next:', '  relance check              what to fix, with file and line', '  relance status             what is overdue, and what the law lets you claim', '  relance send --dry-run     today’s reminders, printed: nothing is sent', ''];

describe('relance init in an empty folder', () => {
  let dir: string;
  let first: { code: number; stdout: string; stderr: string };
  beforeAll(async () => {
    dir = await emptyFolder();
    first = await runRelanceInProcess(['init', ...TODAY], { cwd: dir });
  });

  it('writes the setup and says what it wrote, then what to do next', () => {
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout.split('\n')).toEqual([
      `relance init: ${dir}`,
      '  wrote relance.yaml   your settings: put your details on the lines marked CHANGE ME',
      '  wrote policy.yaml    the reminder steps and their days (a copy of the shipped policy)',
      '  wrote templates/fr/  7 reminder templates in French, to edit',
      '  wrote templates/en/  7 reminder templates in English, to edit',
      '  wrote factures.csv   6 sample invoices dated from 22/11/2026: replace them with yours',
      '  wrote clients.csv    the client directory of these samples: e-mails, terms, postal addresses, contacts',
      '  wrote .gitignore     keeps the journal (.relance/) out of git',
      ...NEXT,
    ]);
  });

  it('copies the shipped policy and templates, to edit', async () => {
    expect(await readFile(join(dir, 'policy.yaml'), 'utf8')).toBe(await readFile(join(ROOT, 'templates/policy.yaml'), 'utf8'));
    for (const language of ['fr', 'en']) {
      const shipped = (await readdir(join(ROOT, 'templates', language))).sort();
      expect((await readdir(join(dir, 'templates', language))).sort()).toEqual(shipped);
      for (const name of shipped) {
        expect(await readFile(join(dir, 'templates', language, name), 'utf8')).toBe(await readFile(join(ROOT, 'templates', language, name), 'utf8'));
      }
    }
    expect(await readFile(join(dir, '.gitignore'), 'utf8')).toMatch(/^\.relance\/$/m);
  });

  it('writes a commented relance.yaml naming the files, placeholders marked, SMTP commented out', async () => {
    const config = await readFile(join(dir, 'relance.yaml'), 'utf8');
    expect(config).toMatch(/^invoices: factures\.csv$/m);
    expect(config).toMatch(/^clients: clients\.csv$/m);
    expect(config).toMatch(/^policy: policy\.yaml {2,}#/m);
    expect(config).toMatch(/^templates: templates {2,}#/m);
    expect(config).toMatch(/^ {2}name: "Votre Société SARL" {2,}# CHANGE ME: your company’s name$/m);
    expect(config).toMatch(/^ {2}email: compta@votre-societe\.example {2,}# CHANGE ME: where your clients reply$/m);
    expect(config).toMatch(/^ {2}# smtp: smtp:\/\//m);
    expect(config).not.toMatch(/^ {2}smtp:/m);
    expect(config).toContain('The password never goes in this file: export RELANCE_SMTP_PASSWORD=');
  });

  it('writes sample invoices in French export style, dated from --today', async () => {
    const csv = await readFile(join(dir, 'factures.csv'), 'utf8');
    expect(csv.startsWith('\uFEFFN° facture;Client;Email;Type client;Date;Échéance;Montant TTC;Payé;Date de paiement;Statut;Étiquettes;Langue;PDF\r\n')).toBe(true);
    expect(csv.split('\r\n').slice(1)).toEqual([
      'EX-001;Atelier Martin;compta@atelier-martin.example;professionnel;08/09/2026;08/10/2026;1 200,00;;;Impayée;;fr;',
      'EX-002;Boulangerie Leroy;leroy@boulangerie-leroy.example;professionnel;03/10/2026;02/11/2026;3 450,00;1 000,00;12/11/2026;Partiellement payée;fidele;fr;',
      'EX-003;Northwind Ltd;accounts@northwind.example;professionnel;18/10/2026;17/11/2026;2 100,00;;;Impayée;;en;',
      'EX-004;Mme Claire Fontaine;claire.fontaine@mail.example;particulier;13/10/2026;12/11/2026;420,00;;;Impayée;;fr;',
      'EX-005;Studio Nova;hello@studio-nova.example;professionnel;26/10/2026;25/11/2026;1 980,00;;;Impayée;;fr;',
      'EX-006;Librairie Page;librairie@page.example;professionnel;23/09/2026;23/10/2026;640,00;640,00;28/10/2026;Payée;;fr;',
      '',
    ]);
  });

  it('writes the sample clients as a directory: the invoices’ e-mails and types, and what they lack', async () => {
    const csv = await readFile(join(dir, 'clients.csv'), 'utf8');
    expect(csv.split('\r\n')).toEqual([
      '\uFEFFCode client;Client;Email;Type client;Langue;Conditions de paiement;Adresse;Code postal;Ville;Pays;Contact',
      'C001;Atelier Martin;compta@atelier-martin.example;professionnel;fr;30 jours;8 rue de la Forge;69007;Lyon;;M. Luc Martin',
      'C002;Boulangerie Leroy;leroy@boulangerie-leroy.example;professionnel;fr;30 jours;2 place du Marché;35000;Rennes;;Mme Julie Leroy',
      'C003;Northwind Ltd;accounts@northwind.example;professionnel;en;30 jours;221 Baker Street;NW1 6XE;London;United Kingdom;Accounts payable',
      'C004;Mme Claire Fontaine;claire.fontaine@mail.example;particulier;fr;30 jours;3 allée des Tilleuls;33000;Bordeaux;;',
      'C005;Studio Nova;hello@studio-nova.example;professionnel;fr;30 jours;14 boulevard Voltaire;75011;Paris;;Service comptabilité',
      'C006;Librairie Page;librairie@page.example;professionnel;fr;30 jours;5 rue des Écoles;21000;Dijon;;',
      '',
    ]);
  });

  it('works at once: check (the placeholders to edit), status and send --dry-run', async () => {
    const check = await runRelanceInProcess(['check', ...TODAY], { cwd: dir });
    expect(check.stdout.split('\n')).toEqual([
      'relance.yaml:25: warning: creditor.name: "Votre Société SARL" is the placeholder relance init wrote — put your company’s name: it signs every reminder',
      'relance.yaml:26: warning: creditor.email: "compta@votre-societe.example" is the placeholder relance init wrote — put the address your clients should reply to: the e-mails go out from it',
      'relance check: 0 errors, 2 warnings',
      '',
    ]);
    expect(check.code).toBe(0);

    const status = await runRelanceInProcess(['status', ...TODAY], { cwd: dir });
    expect(status.code).toBe(0);
    const rows = status.stdout.split('\n').filter((l) => /^ EX-/.test(l)).map((l) => l.trim().split(/\s+/)[0]);
    expect(rows).toEqual(['EX-001', 'EX-002', 'EX-004', 'EX-003']); // overdue, worst first; EX-005 not yet due, EX-006 paid
    expect(status.stdout.replace(/[\u00a0\u202f]/g, ' ')).toContain('Aging of unpaid balances: not yet due 1 980,00 € · 1–30 days 4 970,00 € · 31–60 1 200,00 €');

    const send = await runRelanceInProcess(['send', '--dry-run', ...TODAY], { cwd: dir });
    expect(send.code).toBe(0);
    expect(send.stdout.split('\n').filter((l) => l.startsWith('── '))).toEqual([
      '── e-mail 1/5 · relance-1 · Atelier Martin · EX-001 ────────',
      '── e-mail 2/5 · relance-1 · Boulangerie Leroy · EX-002 ────────',
      '── e-mail 3/5 · relance-1 · Mme Claire Fontaine · EX-004 ────────',
      '── e-mail 4/5 · relance-1 · Northwind Ltd · EX-003 ────────',
      '── e-mail 5/5 · rappel · Studio Nova · EX-005 ────────',
    ]);
    // The loyal client's template (tag fidele): its wording opens the body, under the thread's subject.
    expect(send.stdout).toContain('Subject: Facture EX-002 – Votre Société SARL\n');
    expect(send.stdout).toContain('\n\nPetit rappel\u00A0: facture EX-002\n');
    expect(send.stdout).toMatch(/Subject: Invoice EX-003/); // in English
  });

  it('never overwrites: a second run keeps every file and says so', async () => {
    await writeFile(join(dir, 'relance.yaml'), 'invoices: factures.csv\n# edited by hand\n');
    const again = await runRelanceInProcess(['init', '--today', '2027-01-15'], { cwd: dir });
    expect(again.code).toBe(0);
    const lines = again.stdout.split('\n');
    expect(lines.filter((l) => l.startsWith('  wrote'))).toEqual([]);
    expect(lines.filter((l) => l.startsWith('  kept'))).toEqual([
      '  kept relance.yaml (already there)',
      '  kept policy.yaml (already there)',
      ...['mise-en-demeure.hbs', 'rappel.hbs', 'relance-1-fidele.hbs', 'relance-1.hbs', 'relance-1.html.hbs', 'relance-2.hbs', 'relance-2.html.hbs'].map((f) => `  kept templates/fr/${f} (already there)`),
      ...['mise-en-demeure.hbs', 'rappel.hbs', 'relance-1-fidele.hbs', 'relance-1.hbs', 'relance-1.html.hbs', 'relance-2.hbs', 'relance-2.html.hbs'].map((f) => `  kept templates/en/${f} (already there)`),
      '  kept factures.csv (already there)',
      '  kept clients.csv (already there)',
      '  kept .gitignore (already there)',
    ]);
    expect(await readFile(join(dir, 'relance.yaml'), 'utf8')).toBe('invoices: factures.csv\n# edited by hand\n');
    expect(await readFile(join(dir, 'factures.csv'), 'utf8')).toContain('08/10/2026'); // still dated from the first run
  });
});

describe('relance init, other cases', () => {
  it('creates the folder it is given, and says to go there', async () => {
    const cwd = await emptyFolder();
    const { code, stdout } = await runRelanceInProcess(['init', 'clients/relances', ...TODAY], { cwd });
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe(`relance init: ${join(cwd, 'clients/relances')}`);
    expect(stdout).toContain('\nNext:\n  cd clients/relances\n  relance check ');
    expect((await readdir(join(cwd, 'clients/relances'))).sort()).toEqual(['.gitignore', 'clients.csv', 'factures.csv', 'policy.yaml', 'relance.yaml', 'templates']);
  });

  it('takes the common flags: --config names the settings file, its folder is set up; --no-color is accepted', async () => {
    const cwd = await emptyFolder();
    const { code } = await runRelanceInProcess(['init', '--config', 'compta/relances.yaml', '--no-color', '--quiet', ...TODAY], { cwd });
    expect(code).toBe(0);
    expect((await readdir(join(cwd, 'compta'))).sort()).toEqual(['.gitignore', 'clients.csv', 'factures.csv', 'policy.yaml', 'relances.yaml', 'templates']);
    const status = await runRelanceInProcess(['status', '--config', 'compta/relances.yaml', ...TODAY], { cwd });
    expect(status.code).toBe(0);
    const both = await runRelanceInProcess(['init', 'ailleurs', '--config', 'compta/relances.yaml', ...TODAY], { cwd });
    expect(both.code).toBe(2);
    expect(both.stderr).toBe('relance: give either DIR or --config, not both — relance init DIR writes DIR/relance.yaml; relance init --config FILE writes FILE\n');
  });

  it('dates the samples from another --today, and they still work then', async () => {
    const dir = await emptyFolder();
    await runRelanceInProcess(['init', '--today', '2025-06-10'], { cwd: dir });
    const csv = await readFile(join(dir, 'factures.csv'), 'utf8');
    expect(csv).toContain('EX-001;Atelier Martin;compta@atelier-martin.example;professionnel;27/03/2025;26/04/2025;');
    expect(csv).toContain('EX-005;Studio Nova;hello@studio-nova.example;professionnel;14/05/2025;13/06/2025;');
    const status = await runRelanceInProcess(['status', '--today', '2025-06-10', '--format', 'json'], { cwd: dir });
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout).invoices.map((i: { number: string; days_late: number }) => [i.number, i.days_late])).toEqual([
      ['EX-001', 45],
      ['EX-002', 20],
      ['EX-004', 10],
      ['EX-003', 5],
    ]);
  });

  it('takes the answers as flags; a .yaml invoices file gets YAML samples; then check is all good', async () => {
    const dir = await emptyFolder();
    const init = await runRelanceInProcess(['init', '--name', 'Atelier Dupont SARL', '--email', 'compta@atelier-dupont.fr', '--invoices', 'clients.yaml', ...TODAY], { cwd: dir });
    expect(init.code).toBe(0);
    expect(init.stdout).toContain('  wrote relance.yaml   your settings: who you are, your files, how to send\n');
    expect(init.stdout).toContain('  wrote clients.yaml   6 sample invoices dated from 22/11/2026: replace them with yours\n');
    const config = await readFile(join(dir, 'relance.yaml'), 'utf8');
    expect(config).toMatch(/^invoices: clients\.yaml$/m);
    expect(config).toMatch(/^ {2}name: Atelier Dupont SARL$/m);
    expect(config).toMatch(/^ {2}email: compta@atelier-dupont\.fr$/m);
    const check = await runRelanceInProcess(['check', ...TODAY], { cwd: dir });
    expect(check).toEqual({ code: 0, stdout: 'relance check: all good (6 invoices in 1 file, 5 still owed, 6 clients in the directory (6 with invoices), 6 policy steps, 5 templates in fr and en, 0 journal entries)\n', stderr: '' });
  });

  it('names the sample directory otherwise when the invoices file is called clients.csv', async () => {
    const dir = await emptyFolder();
    const init = await runRelanceInProcess(['init', '--yes', '--invoices', 'clients.csv', ...TODAY], { cwd: dir });
    expect(init.stdout).toContain('  wrote annuaire-clients.csv  the client directory of these samples');
    expect(await readFile(join(dir, 'relance.yaml'), 'utf8')).toMatch(/^clients: annuaire-clients\.csv$/m);
    expect((await runRelanceInProcess(['status', ...TODAY], { cwd: dir })).code).toBe(0);
  });

  it('keeps an existing .gitignore and says to add .relance/ to it', async () => {
    const dir = await emptyFolder();
    await writeFile(join(dir, '.gitignore'), 'node_modules/\n');
    const { stdout } = await runRelanceInProcess(['init', ...TODAY], { cwd: dir });
    expect(stdout).toContain('  kept .gitignore (already there)\n  (add the line .relance/ to .gitignore: the journal does not belong in git)\n');
    expect(await readFile(join(dir, '.gitignore'), 'utf8')).toBe('node_modules/\n');
  });

  it.each([
    [['init', 'a-file'], 'relance: "a-file" is a file, not a folder — name a folder to set up, e.g. relance init relances/\n'],
    [['init', '--email', 'compta'], 'relance: --email "compta" is not one e-mail address — write it like compta@example.fr\n'],
    [['init', '--today', '22/11/2026'], 'relance: --today "22/11/2026" is not a date — write it as YYYY-MM-DD, e.g. --today 2026-11-22\n'],
  ])('%j → exit 2, nothing written', async (args, stderr) => {
    const dir = await emptyFolder();
    await writeFile(join(dir, 'a-file'), 'x');
    const result = await runRelanceInProcess(args, { cwd: dir });
    expect(result).toEqual({ code: 2, stdout: '', stderr });
    expect(await readdir(dir)).toEqual(['a-file']);
  });
});

describe('relance init on a terminal', () => {
  /** Runs init in this process with a pretend terminal, answering each question as it comes. */
  async function initOnTerminal(dir: string, answers: string[], extra: string[] = []) {
    const { runCli } = await import('../../src/cli.js');
    const stdin = Object.assign(new PassThrough(), { isTTY: true });
    let stdout = '';
    let stderr = '';
    const cli: Cli = {
      argv: ['init', ...TODAY, ...extra],
      env: { NO_COLOR: '1' },
      cwd: dir,
      now: new Date(2026, 10, 22, 12),
      stdin,
      stdout: {
        write(text: string) {
          stdout += text;
          // A question ends with "]: ": answer it once it is asked.
          if (text.endsWith(']: ')) {
            const answer = answers.shift();
            setImmediate(() => (answer === undefined ? stdin.end() : stdin.write(`${answer}\n`)));
          }
          return true;
        },
      },
      stderr: {
        write(text: string) {
          stderr += text;
          return true;
        },
      },
      exitCode: 0,
    };
    const code = await runCli(cli);
    return { code, stdout, stderr };
  }

  it('asks the name, the e-mail (again when it is not one) and the invoices file; Enter keeps the default', async () => {
    const dir = await emptyFolder();
    const { code, stdout, stderr } = await initOnTerminal(dir, ['Atelier Dupont SARL', 'compta at dupont', 'compta@atelier-dupont.fr', '']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout.split('\n').slice(0, 6)).toEqual([
      'Three questions (Enter keeps the value in brackets; everything can be changed later in relance.yaml).',
      'Your company’s name, as it signs the reminders [Votre Société SARL]: Your e-mail address (the sender; clients reply to it) [compta@votre-societe.example]:   "compta at dupont" is not one e-mail address: write it like compta@example.fr',
      'Your e-mail address (the sender; clients reply to it) [compta@votre-societe.example]: Your invoices file, CSV or YAML (a sample is written if it does not exist) [factures.csv]: ',
      `relance init: ${dir}`,
      '  wrote relance.yaml   your settings: who you are, your files, how to send',
      '  wrote policy.yaml    the reminder steps and their days (a copy of the shipped policy)',
    ]);
    const config = await readFile(join(dir, 'relance.yaml'), 'utf8');
    expect(config).toMatch(/^invoices: factures\.csv$/m);
    expect(config).toMatch(/^ {2}name: Atelier Dupont SARL$/m);
    expect(config).toMatch(/^ {2}email: compta@atelier-dupont\.fr$/m);
  });

  it('asks nothing with --yes, nor when relance.yaml is already there', async () => {
    const dir = await emptyFolder();
    const yes = await initOnTerminal(dir, [], ['--yes']);
    expect(yes.code).toBe(0);
    expect(yes.stdout).not.toContain('[');
    const again = await initOnTerminal(dir, []);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('  kept relance.yaml (already there)');
    expect(again.stdout).not.toContain(']: ');
  });

  it('writes nothing when the questions are cut short', async () => {
    const dir = await emptyFolder();
    const { code, stderr } = await initOnTerminal(dir, ['Atelier Dupont SARL']);
    expect(stderr).toBe('relance: stopped before the end of the questions: nothing was written — run relance init again, or relance init --yes to take the defaults\n');
    expect(code).toBe(2);
    expect(await readdir(dir)).toEqual([]);
  });
});
