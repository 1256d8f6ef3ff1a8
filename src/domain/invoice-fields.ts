// The fields of an invoice record, and how a header names one: compared once normalised
// (case, accents, spaces and punctuation ignored), so "Date d'échéance", "DATE D ECHEANCE"
// and "date_echeance" are the same header. The names themselves, and the lookup of a header,
// are in vocabulary.ts.

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
  'client_code',
  'client_address',
  'delivery_date',
  'sector',
  // A "Payée: Oui/Non" column; the invoice a credit note reduces; the client's SIREN (a company).
  'settled',
  'credit_for',
  'siren',
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

export function isInvoiceField(name: string): name is InvoiceField {
  return (INVOICE_FIELDS as readonly string[]).includes(name);
}
