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
