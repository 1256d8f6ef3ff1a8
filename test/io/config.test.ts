// relance.yaml as written by people: values kept as written, paths relative to it.

import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { loadConfig } from '../../src/io/config.js';
import { formatIssue } from '../../src/render/issues.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'relance-config-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function problems(name: string, text: string | null): Promise<string[]> {
  if (text !== null) await writeFile(join(dir, name), text);
  try {
    await loadConfig(name, dir, {});
  } catch (e) {
    if (e instanceof InputError) return e.issues.map(formatIssue);
    throw e;
  }
  return [];
}

describe('loadConfig', () => {
  it('keeps values as written: a phone number and a SIREN keep their leading zero', async () => {
    await writeFile(join(dir, 'zeros.yaml'), 'invoices: f.csv\ncreditor:\n  phone: 0612345678\n  siren: 012345678\n');
    const { config } = await loadConfig('zeros.yaml', dir, {});
    expect(config.creditor.phone).toBe('0612345678');
    expect(config.creditor.siren).toBe('012345678');
    expect(config.invoices).toEqual([join(dir, 'f.csv')]);
  });

  it('reads the letters’ creditor details: legal as a text or a map (kept as one text), signatory, place; a wrong IBAN or BIC is warned of', async () => {
    await writeFile(join(dir, 'legal-text.yaml'), 'invoices: f.csv\ncreditor:\n  legal: "SAS au capital de 1 000 € · RCS Lyon 852 123 456"\n  signatory: Jeanne Dupré, gérante\n  place: Lyon\n  bic: AGRIFRPP\n');
    const text = await loadConfig('legal-text.yaml', dir, {});
    expect(text.config.creditor).toMatchObject({ legal: 'SAS au capital de 1 000 € · RCS Lyon 852 123 456', signatory: 'Jeanne Dupré, gérante', place: 'Lyon', bic: 'AGRIFRPP' });
    expect(text.warnings).toEqual([]);
    await writeFile(join(dir, 'legal-map.yaml'), 'invoices: f.csv\ncreditor:\n  legal:\n    form: SARL\n    capital: 10 000 €\n    rcs: Paris 123 456 789\n    vat: FR12123456789\n    siret: "1"\n  iban: FR76 3000 6000 0112 3456 7890 188\n  bic: AGRI\n');
    const map = await loadConfig('legal-map.yaml', dir, {});
    expect(map.config.creditor.legal).toBe('SARL au capital de 10 000 € · RCS Paris 123 456 789 · TVA FR12123456789');
    expect(map.warnings.map(formatIssue)).toEqual([
      'legal-map.yaml:8: warning: siret: unknown setting, ignored — known settings: form, capital, rcs, vat',
      'legal-map.yaml:9: warning: creditor.iban: IBAN "FR76 3000 6000 0112 3456 7890 188": the check digits do not match (mod 97) — a character is wrong or two are swapped: copy the IBAN again from the bank details (RIB); until then the letters carry no payment QR code',
      'legal-map.yaml:10: warning: creditor.bic: BIC "AGRI" is not a BIC — a BIC has 8 or 11 characters, e.g. BNPAFRPP or BNPAFRPPXXX; until then the letters\' QR code goes without it',
    ]);
  });

  it('reads the client directory’s files and the FEC’s accounts, relative to the config', async () => {
    await writeFile(join(dir, 'clients.yaml'), 'invoices: 123456789FEC20261231.txt\nclients: [clients.csv, ../partages/clients.xlsx]\nfec:\n  accounts: [411, 416]\n');
    const { config } = await loadConfig('clients.yaml', dir, {});
    expect(config.clients).toEqual([join(dir, 'clients.csv'), join(dir, '../partages/clients.xlsx')]);
    expect(config.fecAccounts).toEqual(['411', '416']);
    await writeFile(join(dir, 'one.yaml'), 'invoices: f.csv\nclients: annuaire.csv\n');
    expect((await loadConfig('one.yaml', dir, {})).config).toMatchObject({ clients: [join(dir, 'annuaire.csv')], fecAccounts: null });
    expect(await problems('bad-fec.yaml', 'invoices: f.csv\nfec:\n  accounts: [411, clients]\n  journal: VE\n')).toEqual([
      'bad-fec.yaml:4: warning: journal: unknown setting, ignored — known settings: accounts',
      'bad-fec.yaml:3: fec.accounts.1: "clients" is not an account number — write the account prefixes of the customer accounts, e.g. accounts: [411, 416]',
    ]);
  });

  it('reads a section whose lines are all commented out as empty', async () => {
    await writeFile(join(dir, 'empty-mail.yaml'), 'invoices: f.csv\nmail:\n  # smtp: smtp://…\n');
    const { config } = await loadConfig('empty-mail.yaml', dir, {});
    expect(config.mail.smtp).toBeNull();
  });

  it('says so when the config is a folder, without a stack trace', async () => {
    await mkdir(join(dir, 'folder.yaml'));
    expect(await problems('folder.yaml', null)).toEqual(['folder.yaml: is a folder, not a file — name the file itself']);
  });

  it('reads the law settings, with their defaults', async () => {
    await writeFile(join(dir, 'law-default.yaml'), 'invoices: f.csv\n');
    expect((await loadConfig('law-default.yaml', dir, {})).config.law).toEqual({ imputation: 'principal-first', floor: 'raise', sendDays: 'any', region: 'france', sector: null, creditorOutsideMetropole: false });
    await writeFile(
      join(dir, 'law.yaml'),
      'invoices: f.csv\nimputation: interest-first\nfloor: void\nsend_days: business\nregion: alsace-moselle\nsector: Transport routier\ncreditor:\n  country: Guadeloupe\n',
    );
    const { config, warnings } = await loadConfig('law.yaml', dir, {});
    expect(warnings).toEqual([]);
    expect(config.law).toEqual({ imputation: 'interest-first', floor: 'void', sendDays: 'business', region: 'alsace-moselle', sector: 'transport', creditorOutsideMetropole: true });
    expect(config.defaults.sector).toBe('transport');
    await writeFile(join(dir, 'france.yaml'), 'invoices: f.csv\ncreditor:\n  country: France\n');
    expect((await loadConfig('france.yaml', dir, {})).config.law.creditorOutsideMetropole).toBe(false);
  });

  it('says which values a law setting takes', async () => {
    expect(await problems('law-bad.yaml', 'invoices: f.csv\nimputation: interets\nsend_days: weekdays\nsector: banque\n')).toEqual([
      'law-bad.yaml:2: imputation: "interets" is not one of principal-first, interest-first — write one of: principal-first, interest-first',
      'law-bad.yaml:3: send_days: "weekdays" is not one of any, business — write one of: any, business',
      'law-bad.yaml:4: sector: "banque" is not a sector relance knows — write one of: periodic, transport, perishable, perishable-periodic, livestock, alcohol, public-health — or leave it out for the general limits',
    ]);
  });
});
