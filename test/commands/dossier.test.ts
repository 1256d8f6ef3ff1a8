// `relance dossier` through the built binary, on a folder a real cycle went through: a
// reminder sent to a real SMTP server (so archived), the formal notice printed as a PDF by
// `relance send`, its posting and receipt recorded, a call noted. The dossier's PDF is
// read back with pdf.js and its ZIP with fflate; the refusals are each step's own.

import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoicePdf } from '../helpers/documents.js';
import { readPdf } from '../helpers/pdf-text.js';
import { runRelance } from '../helpers/run-cli.js';
import type { TestSmtp } from '../helpers/smtp-server.js';
import { startSmtpServer } from '../helpers/smtp-server.js';

let dir: string;
let smtp: TestSmtp;
const run = (...args: string[]) => runRelance(args, { cwd: dir, env: { RELANCE_SMTP_URL: smtp.url() } });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'relance-dossier-'));
  smtp = await startSmtpServer();
  await writeFile(
    join(dir, 'relance.yaml'),
    [
      'invoices: factures.csv',
      'policy: policy.yaml',
      'creditor:',
      '  name: Atelier Dupont SARL',
      '  email: compta@atelier-dupont.example',
      '  address: 12 rue des Lilas, 75011 Paris',
      '  siren: "123456789"',
      '  legal: { form: SARL, capital: 10 000 €, rcs: RCS Paris 123 456 789 }',
      '  signatory: Marie Dupont, gérante',
      'mail:',
      '  from: "Atelier Dupont <compta@atelier-dupont.example>"',
      '',
    ].join('\n'),
  );
  await writeFile(join(dir, 'policy.yaml'), ['steps:', '  - { id: relance-1, day: 2, template: relance-1 }', '  - { id: mise-en-demeure, day: 10, channel: letter, template: mise-en-demeure }', ''].join('\n'));
  await writeFile(join(dir, 'F-1.pdf'), await invoicePdf('F-1', ['Total TTC : 1 200,00 EUR']));
  await writeFile(
    join(dir, 'factures.csv'),
    [
      'N° facture;Client;Email;Type client;Date;Échéance;Montant TTC;PDF;Adresse',
      'F-1;Atelier Martin;compta@martin.example;b2b;01/10/2026;31/10/2026;1 200,00;F-1.pdf;8 rue de la Forge, 69007 Lyon',
      'F-2;Garage Rousseau;compta@rousseau.example;b2b;01/10/2026;31/10/2026;6 000,00;;44 route de Paris, 45000 Orléans',
      '',
    ].join('\n'),
  );
  expect((await run('send', '--today', '2026-11-02')).code).toBe(0);
  expect((await run('send', '--today', '2026-11-10')).code).toBe(0);
  expect((await run('record', 'F-1', 'letter', '--step', 'mise-en-demeure', '--date', '2026-11-10', '--tracking', '1A 234 567 8901 2', '--received', '2026-11-12', '--today', '2026-11-13')).code).toBe(0);
  expect((await run('record', 'F-1', 'call', '--note', 'Promet un virement', '--today', '2026-11-20')).code).toBe(0);
}, 60_000);
afterAll(async () => {
  await smtp.close();
  await rm(dir, { recursive: true, force: true });
});

describe('relance dossier', () => {
  it('writes one folder and one ZIP: the bound PDF lists and holds every exhibit, the request is the one asked', async () => {
    const made = await run('dossier', 'F-1', '--for', 'injonction', '--out', 'dossiers', '--today', '2026-12-01');
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    expect(made.stdout).toBe('F-1: Requête en injonction de payer (5 exhibits)\n  dossiers/dossier-F-1/dossier-F-1.pdf\n  dossiers/dossier-F-1.zip\n');

    const pdf = await readPdf(await readFile(join(dir, 'dossiers', 'dossier-F-1', 'dossier-F-1.pdf')));
    const [cover, bordereau] = pdf.pages;
    expect(cover!.text).toContain('Dossier de recouvrement Atelier Dupont SARL contre Atelier Martin Requête en injonction de payer');
    expect(cover!.text).toContain('Mise en demeure du 10 novembre 2026, reçue le 12 novembre 2026');
    expect(bordereau!.text).toMatch(
      /Bordereau des pièces .* 1 Décompte des sommes dues au 1er décembre 2026 \d+ 2 Facture F-1 du 1er octobre 2026 \d+ 3 Relance du 2 novembre 2026 par courriel \(facture F-1\) \d+ 4 Mise en demeure du 10 novembre 2026, lettre recommandée n° 1A 234 567 8901 2, reçue le 12 novembre 2026 \d+ 5 Notes d’appels et de promesses de paiement \(1\) \d+/,
    );
    // The invoice PDF as it was, the reminder from the archive, the printed letter, the call, the request.
    expect(pdf.all).toContain('FACTURE F-1 Total TTC : 1 200,00 EUR');
    expect(pdf.all).toContain('À Atelier Martin <compta@martin.example>');
    expect(pdf.all).toContain('N° de suivi 1A 234 567 8901 2 Avis de réception signé le 12 novembre 2026');
    expect(pdf.all).toContain('Lettre recommandée avec demande d’avis de réception Objet : Mise en demeure de payer : facture F-1');
    expect(pdf.all).toContain('Promet un virement');
    expect(pdf.pages.at(-1)!.text).toContain('Marie Dupont, gérante pour Atelier Dupont SARL');
    expect(pdf.all).toContain('tribunal de commerce');

    const zip = unzipSync(new Uint8Array(await readFile(join(dir, 'dossiers', 'dossier-F-1.zip'))));
    expect(Object.keys(zip).sort()).toEqual([
      'dossier-F-1/agence.csv',
      'dossier-F-1/agence.json',
      'dossier-F-1/demande-injonction.txt',
      'dossier-F-1/dossier-F-1.pdf',
      'dossier-F-1/pieces/02-F-1.pdf',
      'dossier-F-1/pieces/03-2026-11-02-relance-1-F-1.eml',
      'dossier-F-1/pieces/04-2026-11-10_F-1_mise-en-demeure.pdf',
    ]);
    expect(zip['dossier-F-1/pieces/02-F-1.pdf']).toEqual(new Uint8Array(await readFile(join(dir, 'F-1.pdf'))));
    expect(new TextDecoder().decode(zip['dossier-F-1/agence.csv'])).toContain('2026-11-10,2026-11-10,1A 234 567 8901 2,2026-11-12');
  });

  it('refuses what the step cannot take, says what is missing, writes nothing (exit 2)', async () => {
    const over = await run('dossier', 'F-2', '--for', 'petites-creances', '--out', 'refused', '--today', '2026-12-01');
    expect(over.code).toBe(2);
    expect(over.stderr).toBe(
      [
        'relance: F-2: petites-creances needs a formal notice, and none is recorded — send the mise en demeure by registered letter, then `relance record INVOICE letter --date … --tracking N --received DATE`',
        'relance: F-2: the claim is 6 063,19 € in principal and interest; the procédure simplifiée takes 5 000,00 € at most (R125-1 CPCE) — use --for injonction',
        'relance: no dossier written (2 problems)',
        '',
      ].join('\n'),
    );
    expect(existsSync(join(dir, 'refused'))).toBe(false);
    const unknown = await run('dossier', 'F-3', '--today', '2026-12-01');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('relance: invoice "F-3" is not in the invoice files (factures.csv) — did you mean "F-1"?\n');
  });
});
