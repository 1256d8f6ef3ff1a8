// After the formal notice: which way the claim can go on, and what stops it. Four steps
// (docs/law.md § Escalation, § Collective proceedings): the procédure simplifiée de
// recouvrement des petites créances (L125-1, R125-1 s. CPCE), the injonction de payer,
// a collection agency, and the déclaration de créance in a collective proceeding. A
// dossier is refused when the claim is time-barred, disputed with no end recorded, or has
// no formal notice where the step needs one; each refusal says what is missing.

import type { Day } from './dates.js';
import { addMonths, formatIsoDay } from './dates.js';
import type { ClientType } from './invoice.js';
import type { Cents } from './money.js';
import { formatEurosFr } from './money.js';
import { limitationRule, prescriptionOf } from './prescription.js';

export const NEXT_STEPS = ['petites-creances', 'injonction', 'agence', 'declaration'] as const;
export type NextStep = (typeof NEXT_STEPS)[number];

/** R125-1 CPCE: 5 000 € at most, principal and interest. */
export const PETITES_CREANCES_LIMIT: Cents = 500_000;

export interface ClaimFacts {
  regime: ClientType;
  invoices: readonly { number: string; dueDate: Day }[];
  /** Principal left, all invoices together. */
  balance: Cents;
  interest: Cents;
  flatFee: Cents;
  /** An invoice arising from a contract (goods sold, services rendered): true unless the user says otherwise. */
  contractual: boolean;
  /** A dispute recorded and not resolved (`record dispute` with no `resume`), or the file's `disputed` status. */
  disputedSince: Day | null;
  notice: { date: Day; receivedOn: Day | null } | null;
  /** The opening judgment of a collective proceeding and its BODACC publication. */
  insolvency: { judgment: Day; bodacc: Day | null } | null;
  /** R622-24 C. com.: a creditor outside metropolitan France has 4 months to declare, not 2. */
  creditorOutsideMetropole: boolean;
}

export interface StepProblem {
  message: string;
  hint: string;
}

export interface StepCheck {
  refusals: StepProblem[];
  warnings: StepProblem[];
}

const needsNotice: ReadonlySet<NextStep> = new Set(['petites-creances', 'injonction']);

/** The deadline to declare: 2 months from the BODACC publication, 4 outside metropolitan France (R622-24 C. com.). */
export function declarationDeadline(bodacc: Day, outsideMetropole: boolean): Day {
  return addMonths(bodacc, outsideMetropole ? 4 : 2);
}

/** Past the deadline, a relief from foreclosure may be asked within 6 months of the publication (L622-26 C. com.). */
export function reliefDeadline(bodacc: Day): Day {
  return addMonths(bodacc, 6);
}

/** The court of an injonction de payer and its Cerfa form: commercial court for a business debtor, judicial court otherwise (a public buyer is refused by checkStep). */
export function injonctionCourt(regime: ClientType): { court: string; cerfa: string } {
  return regime === 'b2b' ? { court: 'tribunal de commerce', cerfa: '12946' } : { court: 'tribunal judiciaire', cerfa: '12948' };
}

/** A public buyer is paid through its public accountant: no injonction de payer or small-claims procedure reaches it. */
const PUBLIC_BUYER_COURT = 'a public buyer is not reached by an injonction de payer nor the procédure simplifiée: ask the tribunal administratif for a référé-provision (art. R541-1 CJA)';

/** The step a claim is offered by default: the declaration in a collective proceeding, the small-claims procedure up to 5 000 €, else the court. */
export function suggestedStep(facts: ClaimFacts): NextStep {
  if (facts.insolvency !== null && facts.regime === 'b2b') return 'declaration';
  if (facts.contractual && facts.balance + facts.interest <= PETITES_CREANCES_LIMIT) return 'petites-creances';
  return 'injonction';
}

export function checkStep(step: NextStep, facts: ClaimFacts, today: Day): StepCheck {
  const refusals: StepProblem[] = [];
  const warnings: StepProblem[] = [];

  for (const invoice of facts.invoices) {
    const limitation = prescriptionOf({ clientType: facts.regime, dueDate: invoice.dueDate }, today);
    const { limit, state } = limitation;
    if (state === 'past') {
      const rule = limitationRule(facts.regime, limitation);
      refusals.push({ message: `invoice ${invoice.number} is time-barred since ${formatIsoDay(limit + 1)} (${rule})`, hint: `leave ${invoice.number} out of the dossier: no step can recover it` });
    }
  }

  if (facts.disputedSince !== null) {
    const dispute = `the claim is disputed since ${formatIsoDay(facts.disputedSince)} and no end of the dispute is recorded`;
    // The declaration is due within its deadline whatever the dispute: the juge-commissaire settles it when claims are verified.
    if (step === 'declaration') warnings.push({ message: `${dispute}: the mandataire may contest the claim`, hint: 'declare it anyway within the deadline, with the documents that answer the dispute' });
    else refusals.push({ message: dispute, hint: 'settle it, then `relance record INVOICE resume`; a disputed claim goes to the court on its merits, not by these steps' });
  }

  if (facts.regime === 'public' && (step === 'injonction' || step === 'petites-creances')) {
    refusals.push({ message: PUBLIC_BUYER_COURT, hint: 'relance does not prepare that request: it goes to the administrative court with the décompte and the formal notice' });
  }

  if (needsNotice.has(step)) {
    if (facts.notice === null) {
      refusals.push({ message: `${step} needs a formal notice, and none is recorded`, hint: 'send the mise en demeure by registered letter, then `relance record INVOICE letter --date … --tracking N --received DATE`' });
    } else if (facts.notice.receivedOn === null) {
      warnings.push({ message: `the formal notice of ${formatIsoDay(facts.notice.date)} has no receipt date: the signed avis de réception is its proof`, hint: '`relance record INVOICE letter --received DATE` once it comes back' });
    }
  }

  if (step === 'declaration') checkDeclaration(facts, today, refusals, warnings);
  else if (facts.insolvency !== null) {
    // A consumer is not subject to the Code de commerce's proceedings: the judgment date is a surendettement file's.
    refusals.push(
      facts.regime === 'b2c'
        ? { message: `a surendettement file since ${formatIsoDay(facts.insolvency.judgment)}: enforcement against the consumer is suspended (art. L722-2 C. conso.)`, hint: 'answer the commission de surendettement: it sets what is paid, and when' }
        : { message: `a collective proceeding opened on ${formatIsoDay(facts.insolvency.judgment)}: it stops every individual recovery (L622-21 C. com.)`, hint: 'declare the claim to the mandataire: --for declaration' },
    );
  }

  if (step === 'petites-creances') {
    const claimed = facts.balance + facts.interest;
    if (!facts.contractual) {
      refusals.push({ message: 'the procédure simplifiée takes only claims of contractual origin (L125-1 CPCE)', hint: 'use --for injonction' });
    }
    if (claimed > PETITES_CREANCES_LIMIT) {
      refusals.push({
        message: `the claim is ${formatEurosFr(claimed)} in principal and interest; the procédure simplifiée takes ${formatEurosFr(PETITES_CREANCES_LIMIT)} at most (R125-1 CPCE)`,
        hint: 'use --for injonction',
      });
    } else if (claimed + facts.flatFee > PETITES_CREANCES_LIMIT) {
      warnings.push({ message: `with the €40 indemnities the claim is ${formatEurosFr(claimed + facts.flatFee)}, over 5 000 €: the limit counts principal and interest only`, hint: 'the commissaire de justice may ask you to leave the indemnities out' });
    }
  }
  return { refusals, warnings };
}

function checkDeclaration(facts: ClaimFacts, today: Day, refusals: StepProblem[], warnings: StepProblem[]): void {
  if (facts.regime === 'b2c') {
    refusals.push({ message: 'a déclaration de créance to a mandataire concerns a business in a collective proceeding; this client is a consumer', hint: 'a consumer in a surendettement file: answer the commission de surendettement' });
    return;
  }
  if (facts.insolvency === null) {
    refusals.push({ message: 'declaration needs the opening judgment of a collective proceeding, and none is recorded', hint: 'set insolvency_date (and bodacc_date) on the invoice, from the BODACC notice' });
    return;
  }
  if (facts.insolvency.bodacc === null) {
    refusals.push({ message: 'the declaration deadline runs from the BODACC publication, and its date is not recorded', hint: 'set bodacc_date on the invoice, from the BODACC notice (bodacc.fr)' });
    return;
  }
  const deadline = declarationDeadline(facts.insolvency.bodacc, facts.creditorOutsideMetropole);
  if (today > deadline) {
    warnings.push({
      message: `the deadline to declare was ${formatIsoDay(deadline)}`,
      hint: `ask the juge-commissaire for a relief from foreclosure (relevé de forclusion, L622-26 C. com.) by ${formatIsoDay(reliefDeadline(facts.insolvency.bodacc))}`,
    });
  }
}
