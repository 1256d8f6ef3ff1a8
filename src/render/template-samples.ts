// The two clients every template is test-rendered for when it is loaded, and the shape
// every variable is checked against (taken from the full one): a B2B client with
// everything filled in, and a B2C one with every optional value null.

import type { Language } from '../domain/invoice.js';
import type { ReminderContext, ReminderInvoice } from './template-types.js';


const FULL_INVOICE: ReminderInvoice = {
  number: 'F-2026-014',
  issue_date: '2026-10-01',
  due_date: '2026-10-31',
  amount: '1200.00',
  paid: '0.00',
  balance: '1200.00',
  days_late: 22,
  interest: '9.17',
  flat_fee: '40.00',
  total: '1249.17',
  attachment: 'F-2026-014.pdf',
  provisional: false,
  interest_paid: '0.00',
  principal_left: '1200.00',
  contractual_rate: null,
};

export function fullContext(language: Language): ReminderContext {
  const second: ReminderInvoice = { ...FULL_INVOICE, number: 'F-2026-015', issue_date: null, paid: '100.00', balance: '1100.00', total: '1148.41', interest: '8.41', provisional: true, attachment: null, interest_paid: '2.10', principal_left: '1102.10', contractual_rate: '12.00' };
  return {
    language,
    client: { name: 'Atelier Martin', email: 'compta@martin.example', type: 'b2b', is_b2b: true, is_b2c: false, is_public: false, code: 'C001', contact: 'M. Luc Martin', address: '8 rue de la Forge, 69007 Lyon' },
    creditor: {
      name: 'Atelier Dupont SARL',
      email: 'compta@atelier-dupont.example',
      phone: '01 23 45 67 89',
      address: '12 rue des Lilas, 75011 Paris',
      siren: '123456789',
      iban: 'FR76 3000 6000 0112 3456 7890 189',
      bic: 'AGRIFRPP',
      payment_link: 'https://pay.example/atelier-dupont',
      country: 'FR',
      legal: 'SARL au capital de 10 000 € · RCS Paris 123 456 789 · TVA FR12123456789',
      signatory: 'Marie Dupont, gérante',
      place: 'Paris',
    },
    invoices: [FULL_INVOICE, second],
    invoice: FULL_INVOICE,
    totals: { balance: '2300.00', interest: '17.58', flat_fee: '80.00', total: '2397.58', due: '2247.58', count: 2, provisional: true, interest_paid: '2.10', principal_left: '2302.10', partly_paid: true },
    credits: { amount: '150.00', notes: ['AV-2026-003'] },
    readings: { imputation: 'interest-first', interest_first: true, floor: 'raise', floor_raised: true, floor_void: false },
    step: { id: 'relance-2', day: 15, channel: 'email' },
    previous: [{ step: 'relance-1', date: '2026-11-02', subject: 'Facture F-2026-014' }],
    deadline: { days: 8, date: '2026-11-30' },
    notice: { date: '2026-11-20' },
    today: '2026-11-22',
  };
}

function sparseContext(language: Language): ReminderContext {
  const invoice: ReminderInvoice = { ...FULL_INVOICE, issue_date: null, interest: '0.00', flat_fee: '0.00', total: '1200.00', attachment: null };
  return {
    ...fullContext(language),
    client: { name: 'Jeanne Petit', email: '', type: 'b2c', is_b2b: false, is_b2c: true, is_public: false, code: null, contact: null, address: null },
    creditor: { name: null, email: null, phone: null, address: null, siren: null, iban: null, bic: null, payment_link: null, country: null, legal: null, signatory: null, place: null },
    invoices: [invoice],
    invoice,
    totals: { balance: '1200.00', interest: '0.00', flat_fee: '0.00', total: '1200.00', due: '1200.00', count: 1, provisional: false, interest_paid: '0.00', principal_left: '1200.00', partly_paid: false },
    credits: { amount: '0.00', notes: [] },
    readings: { imputation: 'principal-first', interest_first: false, floor: 'raise', floor_raised: false, floor_void: false },
    previous: [],
    notice: { date: null },
  };
}

export const SAMPLES = [
  { description: 'a sample B2B client with two invoices', context: fullContext },
  { description: 'a sample B2C client with one invoice, no formal notice and no optional creditor details', context: sparseContext },
];
