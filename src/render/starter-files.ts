// The text of the files `relance init` writes: a commented relance.yaml and sample
// invoices dated from today, so that `status` and `send --dry-run` show something at once.
// Pure: `init` does the asking and the writing.

import type { Day } from '../domain/dates.js';
import { formatFrenchDay, formatIsoDay } from '../domain/dates.js';

import { PLACEHOLDERS } from '../domain/creditor.js';

export const DEFAULT_INVOICES_FILE = 'factures.csv';
export const DEFAULT_CLIENTS_FILE = 'clients.csv';

/** The sample directory's name: clients.csv, unless the invoices file already has that name. */
export function clientsFileFor(invoices: string): string {
  return invoices.toLowerCase() === DEFAULT_CLIENTS_FILE ? 'annuaire-clients.csv' : DEFAULT_CLIENTS_FILE;
}

export interface StarterAnswers {
  /** The creditor's name: signs the reminders. */
  name: string;
  /** The creditor's address: the sender, and where clients reply. */
  email: string;
  /** The invoices file, relative to relance.yaml. */
  invoices: string;
}

/** A YAML scalar on one line: quoted when plain would be misread. */
function yamlValue(text: string): string {
  return /^[\w.@%+/-][\w .@%+/()'-]*$/u.test(text) && !/ $/.test(text) && !/^(true|false|null|yes|no|on|off|~|\d[\d.]*)$/i.test(text) ? text : JSON.stringify(text);
}

export function starterConfig(answers: StarterAnswers, today: Day): string {
  const mark = (value: string, placeholder: string, what: string): string =>
    value === placeholder ? `${yamlValue(value)}   # CHANGE ME: ${what}` : yamlValue(value);
  return `# relance settings, written by "relance init" on ${formatIsoDay(today)}.
# Paths are relative to this file; any value may be \${ENV_VAR}, read from the environment.
# Put your own details on the lines marked CHANGE ME, then run "relance check".

# Your invoices: the export of your invoicing tool or spreadsheet (CSV with ";" or ","
# separators, French or English headers), or a YAML file. Several files as a list:
#   invoices: [factures.csv, particuliers.yaml]
# The sample written by init has dates relative to the day it was written: replace it.
invoices: ${yamlValue(answers.invoices)}

# Your client directory (CSV, .xlsx or YAML; a list for several): one row per client, keyed by
# its code (Code client, the FEC's CompAuxNum) or its name — e-mails, client type, language,
# payment terms, postal address, contact, tags. Invoices take from it what they lack.
clients: ${yamlValue(clientsFileFor(answers.invoices))}

policy: policy.yaml        # the reminder steps and their days (without this line: the shipped policy)
templates: templates       # your templates, templates/<fr|en>/<name>.hbs (then the shipped ones)
timezone: Europe/Paris     # what "today" means for a cron on a UTC server
# journal: .relance/journal.jsonl   # what was sent and done (this is the default)
# rates: rates.yaml                 # your own rate values, added to the shipped tables (relance rates --help)
# payment_terms: 30 jours           # for invoices that give no due date

# Who you are: shown in every reminder and signs it.
creditor:
  name: ${mark(answers.name, PLACEHOLDERS.name, 'your company’s name')}
  email: ${mark(answers.email, PLACEHOLDERS.email, 'where your clients reply')}
  # phone: 01 23 45 67 89
  # address: 12 rue des Lilas, 75011 Paris
  # siren: "123456789"
  # iban: FR76 3000 6000 0112 3456 7890 189           # shown in the reminders: pay by transfer
  # bic: AGRIFRPP                                     # with the IBAN: the SEPA QR code of the letters
  # payment_link: https://pay.example/votre-societe  # shown in the reminders: pay online
  # The formal notice is a PDF letter (relance send writes it to .relance/letters/):
  # legal: "SARL au capital de 10 000 € · RCS Paris 123 456 789 · TVA FR12 123456789"
  #   (or a map: legal: { form: SARL, capital: 10 000 €, rcs: RCS Paris 123 456 789, vat: FR12123456789 })
  # signatory: Marie Dupont, gérante                 # signs the letters (default: the name above)
  # place: Paris                                      # "Fait à Paris, le …" (default: the town of address)
  # country: FR                                       # outside metropolitan France: 4 months to declare a claim

# Sending. Without mail.from, the e-mails come from the creditor's name and e-mail above.
mail:
  # from: "Votre Société <compta@votre-societe.example>"
  # reply_to: compta@votre-societe.example
  # bcc: archives@votre-societe.example     # a copy of every reminder sent
  #
  # The SMTP server "relance send" goes through (status, check and send --dry-run do not
  # need it). The password never goes in this file: export RELANCE_SMTP_PASSWORD=…
  # (or the whole URL in RELANCE_SMTP_URL). Then check the login: relance check --smtp
  # smtp: smtp://compta%40votre-societe.example@smtp.example:587
`;
}

export const STARTER_GITIGNORE = `# relance: the journal of what was sent and done (.relance/journal.jsonl) and the lock.
# Keep it backed up: it is what stops a reminder from going out twice.
.relance/
`;

/** One sample invoice, its dates as days from today. */
interface Sample {
  number: string;
  client: string;
  email: string;
  type: 'professionnel' | 'particulier';
  issue: number;
  due: number;
  amount: number;
  paid: number;
  paidOn: number | null;
  status: string;
  tags: string;
  language: 'fr' | 'en';
}

// Overdue by various lengths (one partly paid, one in English, one consumer), one not
// yet due (its friendly reminder goes out today), one paid: every state status shows.
const SAMPLES: readonly Sample[] = [
  { number: 'EX-001', client: 'Atelier Martin', email: 'compta@atelier-martin.example', type: 'professionnel', issue: -75, due: -45, amount: 120000, paid: 0, paidOn: null, status: 'Impayée', tags: '', language: 'fr' },
  { number: 'EX-002', client: 'Boulangerie Leroy', email: 'leroy@boulangerie-leroy.example', type: 'professionnel', issue: -50, due: -20, amount: 345000, paid: 100000, paidOn: -10, status: 'Partiellement payée', tags: 'fidele', language: 'fr' },
  { number: 'EX-003', client: 'Northwind Ltd', email: 'accounts@northwind.example', type: 'professionnel', issue: -35, due: -5, amount: 210000, paid: 0, paidOn: null, status: 'Impayée', tags: '', language: 'en' },
  { number: 'EX-004', client: 'Mme Claire Fontaine', email: 'claire.fontaine@mail.example', type: 'particulier', issue: -40, due: -10, amount: 42000, paid: 0, paidOn: null, status: 'Impayée', tags: '', language: 'fr' },
  { number: 'EX-005', client: 'Studio Nova', email: 'hello@studio-nova.example', type: 'professionnel', issue: -27, due: 3, amount: 198000, paid: 0, paidOn: null, status: 'Impayée', tags: '', language: 'fr' },
  { number: 'EX-006', client: 'Librairie Page', email: 'librairie@page.example', type: 'professionnel', issue: -60, due: -30, amount: 64000, paid: 64000, paidOn: -25, status: 'Payée', tags: '', language: 'fr' },
];

export const SAMPLE_INVOICE_COUNT = SAMPLES.length;

/** `1 234,56`: the way French exports write amounts. */
function frenchAmount(cents: number): string {
  const units = Math.floor(cents / 100)
    .toString()
    .replace(/\B(?=(\d{3})+$)/g, ' ');
  return `${units},${String(cents % 100).padStart(2, '0')}`;
}

/** As a French invoicing tool exports them: BOM, ";", dd/mm/yyyy, decimal commas. */
export function sampleInvoicesCsv(today: Day): string {
  const header = ['N° facture', 'Client', 'Email', 'Type client', 'Date', 'Échéance', 'Montant TTC', 'Payé', 'Date de paiement', 'Statut', 'Étiquettes', 'Langue', 'PDF'];
  const rows = SAMPLES.map((s) => [
    s.number,
    s.client,
    s.email,
    s.type,
    formatFrenchDay(today + s.issue),
    formatFrenchDay(today + s.due),
    frenchAmount(s.amount),
    s.paid === 0 ? '' : frenchAmount(s.paid),
    s.paidOn === null ? '' : formatFrenchDay(today + s.paidOn),
    s.status,
    s.tags,
    s.language,
    '',
  ]);
  return `\uFEFF${[header, ...rows].map((r) => r.join(';')).join('\r\n')}\r\n`;
}

// The sample clients' postal addresses and contacts: what an invoicing export rarely has.
const SAMPLE_CLIENTS: Readonly<Record<string, { code: string; address: string; postcode: string; city: string; country: string; contact: string }>> = {
  'Atelier Martin': { code: 'C001', address: '8 rue de la Forge', postcode: '69007', city: 'Lyon', country: '', contact: 'M. Luc Martin' },
  'Boulangerie Leroy': { code: 'C002', address: '2 place du Marché', postcode: '35000', city: 'Rennes', country: '', contact: 'Mme Julie Leroy' },
  'Northwind Ltd': { code: 'C003', address: '221 Baker Street', postcode: 'NW1 6XE', city: 'London', country: 'United Kingdom', contact: 'Accounts payable' },
  'Mme Claire Fontaine': { code: 'C004', address: '3 allée des Tilleuls', postcode: '33000', city: 'Bordeaux', country: '', contact: '' },
  'Studio Nova': { code: 'C005', address: '14 boulevard Voltaire', postcode: '75011', city: 'Paris', country: '', contact: 'Service comptabilité' },
  'Librairie Page': { code: 'C006', address: '5 rue des Écoles', postcode: '21000', city: 'Dijon', country: '', contact: '' },
};

/** The sample clients as a directory: the same e-mails and types as the invoices, and what they lack. */
export function sampleClientsCsv(): string {
  const header = ['Code client', 'Client', 'Email', 'Type client', 'Langue', 'Conditions de paiement', 'Adresse', 'Code postal', 'Ville', 'Pays', 'Contact'];
  const rows = SAMPLES.map((s) => {
    const c = SAMPLE_CLIENTS[s.client]!;
    return [c.code, s.client, s.email, s.type, s.language, '30 jours', c.address, c.postcode, c.city, c.country, c.contact];
  });
  return `\uFEFF${[header, ...rows].map((r) => r.join(';')).join('\r\n')}\r\n`;
}

/** The same invoices kept by hand in YAML, for a user who named a .yaml file. */
export function sampleInvoicesYaml(today: Day): string {
  const entries = SAMPLES.map((s) => {
    const lines = [
      `  - number: ${s.number}`,
      `    client: ${yamlValue(s.client)}`,
      `    email: ${s.email}`,
      `    client_type: ${s.type === 'particulier' ? 'b2c' : 'b2b'}`,
      `    issue_date: ${formatIsoDay(today + s.issue)}`,
      `    due_date: ${formatIsoDay(today + s.due)}`,
      `    amount: ${frenchAmount(s.amount)}`,
    ];
    if (s.paidOn !== null) lines.push(`    payments:`, `      - { date: ${formatIsoDay(today + s.paidOn)}, amount: ${JSON.stringify(frenchAmount(s.paid))} }`);
    if (s.tags !== '') lines.push(`    tags: ${s.tags}`);
    if (s.language !== 'fr') lines.push(`    language: ${s.language}`);
    return lines.join('\n');
  });
  return `# Sample invoices written by "relance init", dated from ${formatIsoDay(today)}: replace them with yours.
# Fields: number, client, email, client_type (b2b or b2c), issue_date, due_date (or payment_terms),
# amount, payments, status (open, paid, disputed, paused…), tags, language (fr or en), attachment.
invoices:
${entries.join('\n\n')}
`;
}
