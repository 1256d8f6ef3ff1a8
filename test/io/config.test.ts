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
});
