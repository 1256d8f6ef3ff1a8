// The types templates are made of and fed with: what every template sees (README §
// Templates), a compiled template's parts, and a rendered
// message. Shared by the loader, the checker and the renderer, so none imports another.

import type { ClientType, Language } from '../domain/invoice.js';
import type { Creditor } from '../domain/creditor.js';

/** An invoice as a template sees it: money as "1234.50", dates as "YYYY-MM-DD". */
export interface ReminderInvoice {
  number: string;
  issue_date: string | null;
  due_date: string;
  amount: string;
  paid: string;
  balance: string;
  /** Negative before the due date. */
  days_late: number;
  interest: string;
  flat_fee: string;
  total: string;
  /** The attached file's name, or null. */
  attachment: string | null;
  /** The interest (so the total) uses a rate not confirmed yet: say it is a provisional amount. */
  provisional: boolean;
  /** What the payments paid of interest (imputation: interest-first, art. 1343-1 C. civ.), and the principal left. */
  interest_paid: string;
  principal_left: string;
  /** The contractual rate in percent ("12.00"), or null: the law's rate applies. */
  contractual_rate: string | null;
}

/** What every template sees (README § Templates); every key is always present. */
export interface ReminderContext {
  language: Language;
  client: {
    name: string;
    /** The recipients, joined with ", ". */
    email: string;
    type: ClientType;
    is_b2b: boolean;
    is_b2c: boolean;
    /** A public buyer: interest under art. R2192-31 C. commande publique, the administrative court. */
    is_public: boolean;
    /** From the invoice or the client directory; each may be null. */
    code: string | null;
    /** The person the reminder is for (`Mme Anne Roux`). */
    contact: string | null;
    /** The postal address on one line: `4 place du Marché, 69002 Lyon`. */
    address: string | null;
  };
  /** From the config; each may be null. */
  creditor: Creditor;
  invoices: ReminderInvoice[];
  /** The first of `invoices`. */
  invoice: ReminderInvoice;
  /**
   * `provisional`: some invoice's interest uses a rate not confirmed yet. `due`: the total
   * less the client's unallocated credit (`credits`), what the reminder asks for.
   */
  totals: { balance: string; interest: string; flat_fee: string; total: string; due: string; count: number; provisional: boolean; interest_paid: string; principal_left: string; partly_paid: boolean };
  /** What the client's credit notes have left over once its invoices are reduced: deducted from the total ("0.00" when none). */
  credits: { amount: string; notes: string[] };
  /**
   * The readings of the law applied, for the letter to say them: payments imputed to the
   * interest first (art. 1343-1 C. civ.), a contractual rate below its floor raised to it
   * or set aside for the default rate (L441-10 II).
   */
  readings: { imputation: string; interest_first: boolean; floor: string; floor_raised: boolean; floor_void: boolean };
  step: { id: string; day: number; channel: string };
  /** Earlier reminders for these invoices, oldest first. */
  previous: { step: string; date: string; subject: string | null }[];
  /** The date by which a formal notice demands payment. */
  deadline: { days: number; date: string };
  /** The recorded formal notice (B2C interest runs from it), or a null date. */
  notice: { date: string | null };
  today: string;
}

/** One compiled file (or the subject in it), with what turns Handlebars' lines into the file's. */
export interface TemplatePart {
  readonly file: string;
  /** Added to a line of the Handlebars source to give the line in the file. */
  readonly lineOffset: number;
  readonly field: 'subject' | undefined;
  readonly render: (context: unknown) => string;
}

export interface ReminderTemplate {
  readonly name: string;
  readonly language: Language;
  /** The `.hbs` file, as the user would name it. */
  readonly file: string;
  readonly subject: TemplatePart;
  readonly text: TemplatePart;
  readonly html: TemplatePart | null;
}

export interface RenderedReminder {
  subject: string;
  text: string;
  html: string | null;
}

/** Where a part comes from: its file, the line its source starts at, the subject or the body. */
export type Where = Pick<TemplatePart, 'file' | 'lineOffset' | 'field'>;
