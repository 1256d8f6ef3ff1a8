// The words of real exports, as data: the names of each field's column, the status words,
// the paid flags, the labels of totals rows, and the client type and language words, French
// and English. Compared after `normalizeName` (case, accents, spaces and punctuation
// ignored). Extend a table here, not the code that reads it; a user's own words go in
// relance.yaml (`columns:`, `statuses:`). README § Invoice files lists these tables (a test
// checks that it does).

import type { ClientType, InvoiceStatus, Language, Sector } from './invoice.js';
import type { InvoiceField } from './invoice-fields.js';
import { INVOICE_FIELDS, normalizeName } from './invoice-fields.js';

// Each field's column names as people write them; the field's own name (`due_date`)
// always works too.
export const HEADER_NAMES: Readonly<Record<InvoiceField, readonly string[]>> = {
  number: ['N° facture', 'N° de facture', 'Numéro', 'Numéro de facture', 'No facture', 'Facture', 'Invoice', 'Invoice number', 'Invoice no', 'Invoice #', 'Number', 'Réf facture', 'Réf. facture', 'Référence', 'Référence facture', 'N°', 'N° document', 'N° pièce', 'Numéro de pièce', 'Pièce', 'Num', 'No.', 'Document number', 'Reference'],
  client: ['Client', 'Nom du client', 'Nom client', 'Raison sociale', 'Société', 'Tiers', 'Acheteur', 'Partenaire', 'Destinataire', 'Customer', 'Customer name', 'Client name', 'Company', 'Bill to'],
  email: ['Email', 'E-mail', 'Mail', 'Courriel', 'Email client', 'Adresse email', 'Adresse e-mail', 'Email address', 'Contact email', 'Customer email'],
  client_type: ['Type client', 'Type de client', 'Client type', 'Customer type'],
  amount: ['Montant TTC', 'Total TTC', 'TTC', 'Total signé', 'Montant TTC signé', 'Total TTC signé', 'Montant total TTC', 'Total (TTC)', 'Montant (TTC)', 'Net à payer', 'Amount incl. tax', 'Total incl. tax', 'Total incl. VAT', 'Amount incl. VAT', 'Total TTC (€)', 'Total amount', 'Invoice amount', 'Invoice total', 'Gross amount'],
  currency: ['Devise', 'Monnaie', 'Currency', 'Currency code', 'Code devise'],
  issue_date: ['Date de facture', 'Date facture', "Date d'émission", 'Date émission', 'Date de facturation', 'Date facturation', 'Date de la facture', 'Date pièce', 'Date du document', 'Issue date', 'Invoice date', 'Invoice/Bill Date', 'Date of issue'],
  due_date: ['Échéance', "Date d'échéance", 'Date échéance', 'Date limite de paiement', 'Date limite de règlement', 'Date limite règlement', 'Date limite', 'Date de règlement prévue', 'Due date', 'Due', 'Due on', 'Payment due'],
  payment_terms: ['Conditions de paiement', 'Conditions de règlement', 'Délai de paiement', 'Délai de règlement', 'Payment terms', 'Terms'],
  paid_amount: ['Payé', 'Montant payé', 'Montant réglé', 'Réglé', 'Encaissé', 'Montant encaissé', 'Montant paiement', 'Montant du paiement', 'Montant du règlement', 'Montant règlement', 'Déjà réglé', 'Déjà payé', 'Déjà encaissé', 'Total payé', 'Total réglé', 'Total encaissé', 'Paid', 'Amount paid', 'Paid amount', 'Payment amount', 'Payments'],
  paid_date: ['Date de paiement', 'Date de règlement', 'Date paiement', 'Date règlement', "Date d'encaissement", 'Date encaissement', 'Paid date', 'Payment date', 'Paid on', 'Date paid'],
  balance: ['Reste à payer', 'Restant dû', 'Reste dû', 'Solde', 'Solde dû', 'Reste à encaisser', 'Reste à régler', 'Montant dû', 'Montant dû signé', 'Reste à payer signé', 'Montant restant', 'Solde ouvert', 'Solde restant', 'Balance', 'Balance due', 'Open balance', 'Outstanding', 'Amount outstanding', 'Amount due', 'Remaining'],
  status: ['Statut', 'État', 'Status', 'State', 'Statut facture', 'Statut de la facture', 'Invoice status'],
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
  settled: ['Réglée', 'Payée', 'Payée complètement', 'Soldée', 'Facture réglée', 'Facture payée', 'Acquittée', 'Paid in full', 'Is paid', 'Fully paid'],
  credit_for: ["Facture d'origine", 'Avoir sur', 'Facture liée', 'Facture associée', 'Facture concernée', 'Facture rectifiée', 'Original invoice', 'Credit for', 'Applies to'],
  siren: ['SIREN', 'SIRET', 'N° SIREN', 'N° SIRET', 'Numéro SIREN', 'Numéro SIRET', 'SIREN client', 'SIRET client', 'TVA intracommunautaire', 'N° TVA intracommunautaire', 'N° TVA', 'Numéro de TVA', 'VAT number', 'VAT ID', 'Company number'],
};

// Names that win over the usual ones: a payment status says more than a document's status.
export const PREFERRED_HEADER_NAMES: Readonly<Partial<Record<InvoiceField, readonly string[]>>> = {
  status: ['Statut du paiement', 'Statut paiement', 'Statut de paiement', 'État du paiement', 'Statut de règlement', 'Payment status'],
};

// Names that read as a field only when no column of the usual names does: a bare "Date"
// beside "Date de facture", a "Montant" or "Total" beside "Montant TTC", a client code
// when the export gives no name.
export const FALLBACK_HEADER_NAMES: Readonly<Partial<Record<InvoiceField, readonly string[]>>> = {
  client: ['Code client', 'Code tiers', 'Compte client', 'Customer code', 'Customer ID'],
  amount: ['Montant', 'Total', 'Amount', 'Montant dû', 'Amount due', 'Montant facture', 'Montant de la facture', 'Montant total', 'Montant échéance'],
  issue_date: ['Date', 'Date de création', 'Date created', 'Created'],
  number: ['ID', 'Id facture'],
};

// Amounts before VAT: read as the amount only when no other column gives one, with a warning
// (reminders claim what is due, TTC).
export const HT_AMOUNT_NAMES: readonly string[] = ['Montant HT', 'Total HT', 'HT', 'Montant hors taxes', 'Total hors taxes', 'Montant HT signé', 'Total HT signé', 'Amount excl. tax', 'Total excl. tax', 'Total excl. VAT', 'Amount excl. VAT', 'Net amount', 'Subtotal'];

/** How strongly a header names a field: the config's `columns:` over the usual names, over the fallbacks, over HT. */
export const RANK = { columns: 4, preferred: 3, usual: 2, fallback: 1, ht: 0 } as const;

export interface HeaderCandidate {
  field: InvoiceField;
  rank: number;
  /** The name says the amount is before VAT. */
  ht: boolean;
}

/** What a status word says: a state, or one of the words that decide how a record is read. */
export type StatusMeaning = Exclude<InvoiceStatus, 'balance-unknown' | 'time-barred'> | 'partly-paid' | 'credit' | 'draft';
export const STATUS_MEANINGS: readonly StatusMeaning[] = ['open', 'partly-paid', 'paid', 'disputed', 'paused', 'cancelled', 'insolvency', 'credit', 'draft'];

// The words of the "Statut" column, as tools write them (compared normalised: "Non réglée",
// "NON REGLEE" and "non-réglée" are one word).
export const STATUS_WORDS: Readonly<Record<StatusMeaning, readonly string[]>> = {
  open: [
    'open', 'ouverte', 'ouvert', 'à venir', 'en attente', 'en attente de paiement', 'en attente de règlement', 'non payée', 'non payé', 'non réglée', 'non réglé',
    'impayée', 'impayé', 'à payer', 'à régler', 'à encaisser', 'émise', 'émis', 'créée', 'créé', 'envoyée', 'envoyé', 'finalisée', 'finalisé', 'validée', 'validé',
    'comptabilisée', 'comptabilisé', 'en retard', 'en retard de paiement', 'retard', 'échue', 'échu', 'relancée', 'relancé', 'non payées', 'due', 'unpaid',
    'not paid', 'overdue', 'sent', 'issued', 'pending', 'outstanding', 'awaiting payment', 'late', 'past due', 'finalized', 'approved', 'viewed', 'posted',
  ],
  'partly-paid': [
    'payée en partie', 'payé en partie', 'partiellement payée', 'partiellement payé', 'partiellement réglée', 'partiellement réglé', 'partiellement encaissée',
    'partiellement encaissé', 'payée partiellement', 'payé partiellement', 'réglée partiellement', 'réglé partiellement', 'paiement partiel', 'règlement partiel',
    'partielle', 'partiel', 'partial', 'partially paid', 'partly paid',
  ],
  paid: ['paid', 'payée', 'payé', 'réglée', 'réglé', 'soldée', 'soldé', 'encaissée', 'encaissé', 'acquittée', 'acquitté', 'entièrement payée', 'entièrement payé', 'en paiement', 'settled', 'paid in full', 'fully paid', 'in payment'],
  disputed: ['disputed', 'litige', 'en litige', 'contestée', 'contesté', 'contested', 'réclamation'],
  paused: ['paused', 'pause', 'en pause', 'suspendue', 'suspendu', 'on hold'],
  cancelled: ['cancelled', 'canceled', 'annulée', 'annulé', 'abandonnée', 'abandonné', 'extournée', 'extourné', 'void', 'voided', 'reversed'],
  insolvency: ['insolvency', 'insolvent', 'procédure collective', 'redressement', 'redressement judiciaire', 'liquidation', 'liquidation judiciaire', 'sauvegarde'],
  credit: ['avoir', 'facture d’avoir', 'credit note', 'credit', 'credit memo'],
  draft: ['brouillon', 'en brouillon', 'draft', 'pro forma', 'proforma'],
};

// A "Payée" / "Réglée" column's values.
export const SETTLED_WORDS: Readonly<Record<'yes' | 'no', readonly string[]>> = {
  yes: ['oui', 'yes', 'true', 'vrai', '1', 'x'],
  no: ['non', 'no', 'false', 'faux', '0'],
};

// The first cell of a row that is no invoice: a total, a subtotal, a group's heading.
// "Total pour Dupont", "Sous-total client", "Client : Dupont SARL".
export const TOTAL_ROW_LABELS: readonly string[] = ['Total', 'Totaux', 'Sous-total', 'Sous total', 'Subtotal', 'Grand total', 'Total général', 'Total pour', 'Total for', 'Total client'];
export const GROUP_HEADING_LABELS: readonly string[] = ['Client :', 'Customer:', 'Tiers :', 'Compte :'];

// A client's name that says it is a person (a title) or an organisation (a legal form, a
// public body, an association): relance claims the €40 and the B2B rate only from the latter
// when nothing else gives the client type (client-type-guess.ts).
export const PERSON_TITLES: readonly string[] = ['M.', 'M', 'Mr', 'Mr.', 'Mme', 'Mmes', 'Mlle', 'Melle', 'Monsieur', 'Madame', 'Mademoiselle', 'Messieurs', 'Mrs', 'Ms', 'Miss'];
export const COMPANY_FORMS: readonly string[] = [
  'SARL', 'SARLU', 'SAS', 'SASU', 'SA', 'EURL', 'SCI', 'SNC', 'SCS', 'SCA', 'SCOP', 'SCP', 'SCM', 'SEL', 'SELARL', 'SELAS', 'SELAFA', 'SELCA', 'SEM', 'SPL', 'GIE', 'GAEC', 'EARL',
  'SCEA', 'EI', 'EIRL', 'EPIC', 'EPA', 'Sàrl', 'Ltd', 'Limited', 'LLC', 'LLP', 'PLC', 'Inc', 'Corp', 'GmbH', 'AG', 'SRL', 'SpA', 'BV', 'NV', 'SL', 'SPRL',
  'Association', 'Fondation', 'Syndicat', 'Mutuelle', 'Coopérative', 'Société', 'Sté', 'Ets', 'Établissements', 'Groupe', 'Holding',
  'Mairie', 'Commune', 'Département', 'Région', 'Université', 'Lycée', 'Collège', 'Hôpital', 'CHU', 'Préfecture', 'Ministère',
  '& Fils', 'et Fils', '& Cie', 'et Cie', '& Associés', 'et Associés', 'Ville de',
];

// A trade or an establishment names a business ("Atelier Martin", "Garage Petit") unless a
// title says a person ("M. Pierre Cave"): weaker than a company form.
export const TRADE_WORDS: readonly string[] = [
  'Atelier', 'Ateliers', 'Agence', 'Boulangerie', 'Pâtisserie', 'Boucherie', 'Charcuterie', 'Fromagerie', 'Épicerie', 'Traiteur', 'Restaurant', 'Brasserie',
  'Bistrot', 'Café', 'Bar', 'Hôtel', 'Camping', 'Garage', 'Carrosserie', 'Transports', 'Taxi', 'Ambulances', 'Menuiserie', 'Ébénisterie', 'Plomberie',
  'Électricité', 'Maçonnerie', 'Charpente', 'Couverture', 'Peinture', 'Imprimerie', 'Papeterie', 'Librairie', 'Pharmacie', 'Laboratoire', 'Clinique',
  'Cabinet', 'Étude', 'Studio', 'Institut', 'Salon', 'Boutique', 'Magasin', 'Pressing', 'Fleuriste', 'Optique', 'Domaine', 'Château', 'Cave', 'Ferme',
  'Entreprise', 'Industries', 'Services', 'Conseil', 'Consulting', 'Solutions', 'Technologies', 'Distribution', 'Company', 'Group',
];

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

const BY_NAME: ReadonlyMap<string, readonly HeaderCandidate[]> = (() => {
  const map = new Map<string, HeaderCandidate[]>();
  const add = (name: string, field: InvoiceField, rank: number, ht = false): void => {
    const key = normalizeName(name);
    const list = map.get(key) ?? [];
    if (!list.some((c) => c.field === field)) list.push({ field, rank, ht });
    map.set(key, list);
  };
  for (const field of INVOICE_FIELDS) {
    add(field, field, RANK.usual);
    for (const alias of HEADER_NAMES[field]) add(alias, field, RANK.usual);
  }
  for (const [field, names] of Object.entries(PREFERRED_HEADER_NAMES) as [InvoiceField, string[]][]) for (const n of names) add(n, field, RANK.preferred);
  for (const [field, names] of Object.entries(FALLBACK_HEADER_NAMES) as [InvoiceField, string[]][]) for (const n of names) add(n, field, RANK.fallback);
  for (const n of HT_AMOUNT_NAMES) add(n, 'amount', RANK.ht, true);
  for (const list of map.values()) list.sort((a, b) => b.rank - a.rank);
  return map;
})();

const NO_CANDIDATES: readonly HeaderCandidate[] = Object.freeze([]);

/** The fields a header could be, strongest first: the config's `columns:` alone when it names the header. */
export function candidatesForHeader(header: string, columns?: ReadonlyMap<string, InvoiceField>): readonly HeaderCandidate[] {
  const key = normalizeName(header);
  const mapped = columns?.get(key);
  if (mapped !== undefined) return [{ field: mapped, rank: RANK.columns, ht: false }];
  return BY_NAME.get(key) ?? NO_CANDIDATES;
}

/** The field a header names (its strongest reading), or null for columns relance does not use (TVA, Désignation…). */
export function fieldForHeader(header: string, columns?: ReadonlyMap<string, InvoiceField>): InvoiceField | null {
  return candidatesForHeader(header, columns)[0]?.field ?? null;
}

/** The names a user may write for a field, for hints. */
export function namesOf(field: InvoiceField): readonly string[] {
  return HEADER_NAMES[field];
}

const STATUS_BY_WORD: ReadonlyMap<string, StatusMeaning> = new Map(
  (Object.entries(STATUS_WORDS) as [StatusMeaning, readonly string[]][]).flatMap(([meaning, words]) => words.map((w) => [normalizeName(w), meaning] as const)),
);

/** What a status word means, with the config's `statuses:` first (keys normalised); null when not known. */
export function statusMeaningOf(text: string, statuses?: ReadonlyMap<string, StatusMeaning>): StatusMeaning | null {
  const key = normalizeName(text);
  return statuses?.get(key) ?? STATUS_BY_WORD.get(key) ?? null;
}

const SETTLED_BY_WORD: ReadonlyMap<string, boolean> = new Map([...SETTLED_WORDS.yes.map((w) => [w, true] as const), ...SETTLED_WORDS.no.map((w) => [w, false] as const)]);

/** Oui/Non, 1/0, yes/no, true/false: true, false, or null for anything else. */
export function settledFlagOf(text: string): boolean | null {
  return SETTLED_BY_WORD.get(normalizeName(text)) ?? null;
}

const TOTAL_ROW = new RegExp(`^\\s*(?:${[...TOTAL_ROW_LABELS].sort((a, b) => b.length - a.length).map(labelPattern).join('|')})(?![\\p{L}\\p{N}])`, 'iu');
const GROUP_HEADING = new RegExp(`^\\s*(?:${GROUP_HEADING_LABELS.map((l) => labelPattern(l.replace(/\s*:$/, ''))).join('|')})\\s*:`, 'iu');

/** A cell that starts a totals row or a group's heading ("Total pour Dupont", "Client : Dupont"). */
export function isTotalOrHeadingLabel(text: string): boolean {
  return TOTAL_ROW.test(text) || GROUP_HEADING.test(text);
}

/**
 * The client a group's heading names ("Client : 411DUPONT - Dupont SARL" → "Dupont SARL"),
 * or null when the cell is no such heading: the rows below it are that client's.
 */
export function clientOfHeading(text: string): string | null {
  const m = GROUP_HEADING.exec(text);
  if (m === null) return null;
  const rest = text.slice(m[0].length).trim();
  // An account code before the name, as accounting software writes it.
  const coded = /^[0-9A-Z][0-9A-Z._]*\s+[-–]\s+(.+)$/u.exec(rest);
  return (coded?.[1] ?? rest).trim() || null;
}

function labelPattern(label: string): string {
  return label
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/[-\s]+/g, '[-\\s]*')
    .replace(/e/g, '[eéè]');
}
