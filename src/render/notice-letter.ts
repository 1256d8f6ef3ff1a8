// A `letter` step made into the document letter-pdf.ts prints: the step's rendered
// template as the body, the creditor's block, the client's address for the window, the
// décompte of the invoices as of today, the deadline from receipt and the transfer
// details. What only this letter lacks (the address, a claim that cannot be computed) is
// returned as its problems: `send` skips that step alone.

import type { Claim } from '../domain/claim.js';
import { claimDecompte } from '../domain/claim-decompte.js';
import type { Creditor } from '../domain/creditor.js';
import type { UnallocatedCredit } from '../domain/credit-notes.js';
import { creditDeducted } from '../domain/credit-notes.js';
import type { Day } from '../domain/dates.js';
import type { History } from '../domain/history.js';
import { debtorAddress, letterAddressProblems } from '../domain/letter-address.js';
import type { Action } from '../domain/plan.js';
import type { LetterDocument } from './letter-document.js';
import { letterCreditor, letterPayment } from './letter-parties.js';
import type { RenderedReminder } from './template-types.js';

export interface NoticeInputs {
  claims: ReadonlyMap<string, Claim>;
  /** Each client's credit notes left over, by client name: deducted from what the letter asks. */
  credits?: ReadonlyMap<string, UnallocatedCredit>;
  histories: ReadonlyMap<string, History>;
  creditor: Creditor;
  today: Day;
}

export type NoticeLetter = { ok: true; letter: LetterDocument } | { ok: false; problems: { field: string; message: string; hint: string }[] };

export function noticeLetter(action: Action, rendered: RenderedReminder, inputs: NoticeInputs): NoticeLetter {
  const first = action.invoices[0]!;
  const problems = letterAddressProblems(first, action.step.id);
  const { decompte, uncomputed } = claimDecompte(action.invoices, inputs.claims, inputs.histories, inputs.today);
  if (decompte === null) {
    problems.push({ field: 'amount', message: `the amount of ${uncomputed.join(', ')} cannot be computed today, so the letter "${action.step.id}" has no décompte`, hint: 'relance status says why (a missing rate, a balance nobody knows)' });
  }
  if (problems.length > 0 || decompte === null) return { ok: false, problems };
  const numbers = action.invoices.map((i) => i.number);
  // As the e-mails do (reminder-context.ts).
  const left = inputs.credits?.get(action.client) ?? null;
  const deducted = creditDeducted(left, decompte.totals.balance);
  const credit = deducted === 0 ? null : { amount: deducted, notes: [...left!.notes] };
  return {
    ok: true,
    letter: {
      creditor: letterCreditor(inputs.creditor),
      debtor: debtorAddress(first),
      date: inputs.today,
      registered: true,
      subject: rendered.subject,
      body: rendered.text,
      deadlineDays: action.step.deadlineDays,
      decompte,
      credit,
      payment: letterPayment(inputs.creditor, numbers, decompte.totals.total - deducted),
    },
  };
}
