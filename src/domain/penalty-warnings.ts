// What the penalty engine says about a result besides the figures, as typed values: a
// caller listing many invoices groups them by kind (a provisional rate is the same news
// for every invoice, a missing formal notice is worth a count), never by matching text.

export type PenaltyWarningKind =
  /** A figure uses a rate not confirmed yet (carried forward past the tables, or marked provisional). */
  | 'provisional'
  /** A consumer's interest waits for a formal notice. */
  | 'no-notice'
  /** The periods shown, each rounded, do not add up to the total rounded once. */
  | 'rounding'
  /** A contractual rate was raised to its floor, or not applied. */
  | 'contractual-rate'
  /** The fixed rate mode does not apply (consumers). */
  | 'rate-mode'
  /** A collective proceeding stopped or prevented the interest (or a consumer's surendettement file). */
  | 'insolvency'
  /** No €40 indemnity on a due date before 2013. */
  | 'flat-fee';

export interface PenaltyWarning {
  readonly kind: PenaltyWarningKind;
  readonly text: string;
}

/** Warnings in order, each said once (a half-year's floor or provisional rate recurs across periods). */
export class PenaltyWarnings {
  readonly list: PenaltyWarning[] = [];
  private readonly seen = new Set<string>();
  add(kind: PenaltyWarningKind, text: string): void {
    if (this.seen.has(text)) return;
    this.seen.add(text);
    this.list.push({ kind, text });
  }
}

export const NO_NOTICE_WARNING = 'no formal notice recorded: B2C interest will run from the day after a formal notice (mise en demeure, art. 1231-6 C. civ.)';
