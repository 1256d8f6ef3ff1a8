// The request for the step the dossier asks for, or why the claim cannot take it: one
// entry for `relance dossier --for STEP`. The facts come from the dossier itself, so the
// refusal and the request can never disagree.

import type { ClaimFacts, NextStep, StepProblem } from '../domain/next-step.js';
import { checkStep } from '../domain/next-step.js';
import type { Dossier, Exhibit } from './dossier-document.js';
import { exhibitsOf } from './dossier-document.js';
import { agencyRequest } from './request-agence.js';
import { declarationRequest } from './request-declaration.js';
import type { RequestDocument } from './request-document.js';
import { injonctionRequest } from './request-injonction.js';
import { petitesCreancesRequest } from './request-petites-creances.js';

export type RequestOutcome = { ok: true; request: RequestDocument; warnings: StepProblem[] } | { ok: false; refusals: StepProblem[]; warnings: StepProblem[] };

const BUILDERS: Readonly<Record<NextStep, (dossier: Dossier, exhibits: readonly Exhibit[]) => RequestDocument>> = {
  'petites-creances': petitesCreancesRequest,
  injonction: injonctionRequest,
  agence: agencyRequest,
  declaration: declarationRequest,
};

export function dossierFacts(dossier: Dossier): ClaimFacts {
  const t = dossier.decompte.totals;
  return {
    regime: dossier.debtor.regime,
    invoices: dossier.decompte.invoices.map((d) => ({ number: d.invoice.number, dueDate: d.invoice.dueDate })),
    balance: t.balance,
    interest: t.interest,
    flatFee: t.flatFee,
    contractual: dossier.contractual,
    disputedSince: dossier.disputedSince,
    notice: dossier.notice === null ? null : { date: dossier.notice.date, receivedOn: dossier.notice.receivedOn },
    insolvency: dossier.insolvency === null ? null : { judgment: dossier.insolvency.judgment, bodacc: dossier.insolvency.bodacc },
    creditorOutsideMetropole: dossier.creditorOutsideMetropole,
  };
}

export function nextStepRequest(dossier: Dossier): RequestOutcome {
  const { refusals, warnings } = checkStep(dossier.nextStep, dossierFacts(dossier), dossier.today);
  if (refusals.length > 0) return { ok: false, refusals, warnings };
  return { ok: true, request: BUILDERS[dossier.nextStep](dossier, exhibitsOf(dossier)), warnings };
}
