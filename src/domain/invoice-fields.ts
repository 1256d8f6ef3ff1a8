// The fields of an invoice record and the names people give them in their exports.
// Headers are compared once normalised: case, accents, spaces and punctuation ignored,
// so "Date d'échéance", "DATE D ECHEANCE" and "date_echeance" are the same header.

export const INVOICE_FIELDS = [
  'number',
  'client',
  'email',
  'client_type',
  'amount',
  'currency',
  'issue_date',
  'due_date',
  'payment_terms',
  'paid_amount',
  'paid_date',
  'balance',
  'status',
  'paused_until',
  'notice_date',
  'insolvency_date',
  'bodacc_date',
  'tags',
  'language',
  'attachment',
  'penalty_rate',
] as const;

export type InvoiceField = (typeof INVOICE_FIELDS)[number];

/** Lower case, no accents, letters and digits only: `N° Facture` → `nfacture`. */
export function normalizeName(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

// Each field's names, French and English, as people write them; the field's own name
// (`due_date`) always works too. Compared after `normalizeName`.
const ALIASES: Record<InvoiceField, readonly string[]> = {
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
};

const BY_NAME: ReadonlyMap<string, InvoiceField> = (() => {
  const map = new Map<string, InvoiceField>();
  for (const field of INVOICE_FIELDS) {
    map.set(normalizeName(field), field);
    for (const alias of ALIASES[field]) map.set(normalizeName(alias), field);
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
  return ALIASES[field];
}

export function isInvoiceField(name: string): name is InvoiceField {
  return (INVOICE_FIELDS as readonly string[]).includes(name);
}
