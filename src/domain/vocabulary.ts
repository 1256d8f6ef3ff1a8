// The words of real exports, as data: the names of each field's column, and the status,
// client type and language words, French and English. Compared after `normalizeName`
// (case, accents, spaces and punctuation ignored). Extend a table here, not the code that
// reads it; a user's own words go in relance.yaml (`columns:`).

import type { ClientType, InvoiceStatus, Language, Sector } from './invoice.js';
import type { InvoiceField } from './invoice-fields.js';
import { INVOICE_FIELDS, normalizeName } from './invoice-fields.js';

// Each field's column names as people write them; the field's own name (`due_date`)
// always works too.
export const HEADER_NAMES: Readonly<Record<InvoiceField, readonly string[]>> = {
  number: ['N° facture', 'N° de facture', 'Numéro', 'Numéro de facture', 'No facture', 'Facture', 'Invoice', 'Invoice number', 'Invoice no', 'Invoice #', 'Number', 'Réf facture'],
  client: ['Client', 'Nom du client', 'Nom client', 'Raison sociale', 'Société', 'Customer', 'Customer name', 'Client name'],
  email: ['Email', 'E-mail', 'Mail', 'Courriel', 'Email client', 'Adresse email', 'Adresse e-mail', 'Email address', 'Contact email'],
  client_type: ['Type client', 'Type de client', 'Client type', 'Customer type'],
  amount: ['Montant TTC', 'Total TTC', 'Montant', 'Montant dû', 'Amount', 'Total', 'Amount due', 'Total amount', 'TTC'],
  currency: ['Devise', 'Monnaie', 'Currency'],
  issue_date: ['Date', 'Date de facture', 'Date facture', "Date d'émission", 'Date émission', 'Date de facturation', 'Issue date', 'Invoice date'],
  due_date: ['Échéance', "Date d'échéance", 'Date échéance', 'Date limite de paiement', 'Date limite', 'Due date', 'Due'],
  payment_terms: ['Conditions de paiement', 'Conditions de règlement', 'Délai de paiement', 'Délai de règlement', 'Payment terms', 'Terms'],
  paid_amount: ['Payé', 'Montant payé', 'Montant réglé', 'Réglé', 'Encaissé', 'Paid', 'Amount paid', 'Paid amount'],
  paid_date: ['Date de paiement', 'Date de règlement', 'Date paiement', 'Date règlement', "Date d'encaissement", 'Paid date', 'Payment date', 'Paid on'],
  balance: ['Reste à payer', 'Restant dû', 'Reste dû', 'Solde', 'Solde dû', 'Balance', 'Balance due', 'Outstanding', 'Amount outstanding'],
  status: ['Statut', 'État', 'Status', 'State'],
  paused_until: ['Suspendu jusqu’au', "En pause jusqu'au", "Pause jusqu'au", 'Paused until', 'On hold until'],
  notice_date: ['Date de mise en demeure', 'Mise en demeure', 'Notice date', 'Formal notice date'],
  insolvency_date: ['Date du jugement', "Date d'ouverture", 'Procédure collective', 'Insolvency date'],
  bodacc_date: ['Date BODACC', 'BODACC', 'Publication BODACC', 'BODACC date'],
  tags: ['Étiquettes', 'Tags', 'Labels', 'Segment'],
  language: ['Langue', 'Language', 'Lang'],
  attachment: ['PDF', 'Fichier', 'Pièce jointe', 'Attachment', 'File'],
  penalty_rate: ['Taux de pénalités', 'Taux pénalités', 'Taux de pénalité', "Taux d'intérêt de retard", 'Penalty rate', 'Late payment rate', 'Interest rate'],
  client_code: ['Code client', 'N° client', 'Numéro client', 'Numéro de client', 'Réf client', 'Référence client', 'Compte client', 'Compte auxiliaire', 'Customer code', 'Customer ID', 'Customer number', 'Client code'],
  client_address: ['Adresse', 'Adresse client', 'Adresse du client', 'Adresse de facturation', 'Adresse postale', 'Address', 'Billing address', 'Client address', 'Customer address'],
  delivery_date: ['Date de livraison', 'Livraison', 'Livré le', "Date d'exécution", 'Date de prestation', 'Date de réalisation', 'Exécution', 'Delivery date', 'Delivered', 'Delivered on', 'Date of supply', 'Service date', 'Performance date'],
  sector: ['Secteur', "Secteur d'activité", 'Sector', 'Industry'],
};

// Words found in the "Statut" column of French and English exports, normalised.
export const STATUS_WORDS: Record<string, InvoiceStatus> = Object.fromEntries(
  (
    [
      ['open', ['open', 'ouverte', 'ouvert', 'enattente', 'impayee', 'impaye', 'apayer', 'enretard', 'due', 'unpaid', 'overdue', 'emise', 'envoyee', 'sent', 'partiellementpayee', 'partiellementreglee', 'partiel', 'partial', 'partiallypaid']],
      ['paid', ['paid', 'payee', 'paye', 'reglee', 'regle', 'soldee', 'solde', 'encaissee', 'settled']],
      ['disputed', ['disputed', 'litige', 'enlitige', 'contestee', 'conteste', 'contested']],
      ['paused', ['paused', 'pause', 'enpause', 'suspendue', 'suspendu', 'onhold']],
      ['cancelled', ['cancelled', 'canceled', 'annulee', 'annule', 'void', 'avoir']],
      ['insolvency', ['insolvency', 'insolvent', 'procedurecollective', 'redressement', 'redressementjudiciaire', 'liquidation', 'liquidationjudiciaire', 'sauvegarde']],
    ] as const
  ).flatMap(([status, words]) => words.map((w) => [w, status])),
);

export const CLIENT_TYPE_WORDS: Record<string, ClientType> = {
  b2b: 'b2b', pro: 'b2b', professionnel: 'b2b', professionnelle: 'b2b', entreprise: 'b2b', societe: 'b2b', business: 'b2b', company: 'b2b',
  b2c: 'b2c', particulier: 'b2c', consommateur: 'b2c', consumer: 'b2c', individual: 'b2c', private: 'b2c',
  public: 'public', acheteurpublic: 'public', personnepublique: 'public', collectivite: 'public', collectivitelocale: 'public', collectiviteterritoriale: 'public',
  administration: 'public', etat: 'public', mairie: 'public', commune: 'public', etablissementpublic: 'public', hopital: 'public', publicbuyer: 'public',
  publicsector: 'public', publicauthority: 'public', government: 'public',
};

// The sector column's words (and `sector:` in relance.yaml): which special payment caps apply.
export const SECTOR_WORDS: Record<string, Sector> = {
  periodic: 'periodic', periodique: 'periodic', facturationperiodique: 'periodic', factureperiodique: 'periodic', periodicinvoice: 'periodic',
  transport: 'transport', transportroutier: 'transport', roadtransport: 'transport', roadhaulage: 'transport', logistique: 'transport',
  perishable: 'perishable', perissable: 'perishable', perissables: 'perishable', alimentaireperissable: 'perishable', fresh: 'perishable', frais: 'perishable',
  perishableperiodic: 'perishable-periodic', perissableperiodique: 'perishable-periodic',
  livestock: 'livestock', betail: 'livestock', betailsurpied: 'livestock', viandefraiche: 'livestock', freshmeat: 'livestock',
  alcohol: 'alcohol', alcool: 'alcohol', boissonsalcooliques: 'alcohol', alcoholicdrinks: 'alcohol',
  publichealth: 'public-health', sante: 'public-health', etablissementpublicdesante: 'public-health', hopitalpublic: 'public-health', health: 'public-health',
};

export const LANGUAGE_WORDS: Record<string, Language> = {
  fr: 'fr', francais: 'fr', french: 'fr', frfr: 'fr',
  en: 'en', anglais: 'en', english: 'en', engb: 'en', enus: 'en',
};

const BY_NAME: ReadonlyMap<string, InvoiceField> = (() => {
  const map = new Map<string, InvoiceField>();
  for (const field of INVOICE_FIELDS) {
    map.set(normalizeName(field), field);
    for (const alias of HEADER_NAMES[field]) map.set(normalizeName(alias), field);
  }
  return map;
})();

/** The field a header names, or null for columns relance does not use (HT, TVA…). */
export function fieldForHeader(header: string, columns?: ReadonlyMap<string, InvoiceField>): InvoiceField | null {
  const key = normalizeName(header);
  return columns?.get(key) ?? BY_NAME.get(key) ?? null;
}

/** The names a user may write for a field, for hints. */
export function namesOf(field: InvoiceField): readonly string[] {
  return HEADER_NAMES[field];
}
