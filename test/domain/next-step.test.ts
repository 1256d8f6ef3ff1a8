import { describe, expect, it } from 'vitest';
import { checkStep, declarationDeadline, injonctionCourt, reliefDeadline, suggestedStep, type ClaimFacts, type NextStep } from '../../src/domain/next-step.js';
import { formatIsoDay } from '../../src/domain/dates.js';
import { day } from '../helpers/factories.js';

const today = day('2026-11-22');

function facts(o: Partial<ClaimFacts> = {}): ClaimFacts {
  return {
    regime: 'b2b',
    invoices: [{ number: 'F-1', dueDate: day('2026-09-30') }],
    balance: 120_000,
    interest: 1_500,
    flatFee: 4_000,
    contractual: true,
    disputedSince: null,
    notice: { date: day('2026-11-02'), receivedOn: day('2026-11-05') },
    insolvency: null,
    creditorOutsideMetropole: false,
    ...o,
  };
}

const messages = (step: NextStep, f: ClaimFacts, on = today): string[] => checkStep(step, f, on).refusals.map((r) => `${r.message} — ${r.hint}`);

describe('checkStep', () => {
  it.each(['petites-creances', 'injonction', 'agence'] as const)('accepts a claim in order for %s', (step) => {
    expect(checkStep(step, facts(), today)).toEqual({ refusals: [], warnings: [] });
  });

  it('refuses a claim over 5 000 € in principal and interest for petites-creances, and says where to go', () => {
    expect(messages('petites-creances', facts({ balance: 495_000, interest: 5_001 }))).toEqual([
      'the claim is 5 000,01 € in principal and interest; the procédure simplifiée takes 5 000,00 € at most (R125-1 CPCE) — use --for injonction',
    ]);
    expect(messages('injonction', facts({ balance: 495_000, interest: 5_001 }))).toEqual([]);
  });

  it('takes exactly 5 000 € for petites-creances, warning when the €40 takes it over', () => {
    const check = checkStep('petites-creances', facts({ balance: 495_000, interest: 5_000 }), today);
    expect(check.refusals).toEqual([]);
    expect(check.warnings.map((w) => w.message)).toEqual(['with the €40 indemnities the claim is 5 040,00 €, over 5 000 €: the limit counts principal and interest only']);
  });

  it('refuses a claim that is not contractual for petites-creances', () => {
    expect(messages('petites-creances', facts({ contractual: false }))).toEqual(['the procédure simplifiée takes only claims of contractual origin (L125-1 CPCE) — use --for injonction']);
  });

  it.each(['petites-creances', 'injonction', 'agence', 'declaration'] as const)('refuses a time-barred invoice for %s, naming it', (step) => {
    const f = facts({ invoices: [{ number: 'F-0', dueDate: day('2021-11-15') }], insolvency: { judgment: day('2026-11-01'), bodacc: day('2026-11-10') } });
    expect(messages(step, f)[0]).toBe('invoice F-0 is time-barred since 2026-11-16 (5 years from the due date, art. L110-4 C. com.) — leave F-0 out of the dossier: no step can recover it');
  });

  it('counts 2 years against a consumer', () => {
    const f = facts({ regime: 'b2c', invoices: [{ number: 'F-9', dueDate: day('2024-11-21') }] });
    expect(messages('injonction', f)).toEqual(['invoice F-9 is time-barred since 2026-11-22 (2 years from the due date, art. L218-2 C. conso.) — leave F-9 out of the dossier: no step can recover it']);
  });

  it.each(['petites-creances', 'injonction', 'agence'] as const)('refuses a dispute with no end for %s', (step) => {
    expect(messages(step, facts({ disputedSince: day('2026-10-20') }))).toEqual([
      'the claim is disputed since 2026-10-20 and no end of the dispute is recorded — settle it, then `relance record INVOICE resume`; a disputed claim goes to the court on its merits, not by these steps',
    ]);
  });

  it('lets a disputed claim be declared, with a warning: the deadline does not wait', () => {
    const check = checkStep('declaration', facts({ disputedSince: day('2026-10-20'), insolvency: { judgment: day('2026-11-01'), bodacc: day('2026-11-10') } }), today);
    expect(check.refusals).toEqual([]);
    expect(check.warnings.map((w) => w.message)).toEqual(['the claim is disputed since 2026-10-20 and no end of the dispute is recorded: the mandataire may contest the claim']);
  });

  it.each(['petites-creances', 'injonction'] as const)('refuses %s without a formal notice, saying how to record it', (step) => {
    expect(messages(step, facts({ notice: null }))).toEqual([
      `${step} needs a formal notice, and none is recorded — send the mise en demeure by registered letter, then \`relance record INVOICE letter --date … --tracking N --received DATE\``,
    ]);
  });

  it('hands a claim without formal notice to an agency', () => {
    expect(messages('agence', facts({ notice: null }))).toEqual([]);
  });

  it('warns when the formal notice has no receipt date', () => {
    const check = checkStep('injonction', facts({ notice: { date: day('2026-11-02'), receivedOn: null } }), today);
    expect(check.refusals).toEqual([]);
    expect(check.warnings.map((w) => w.message)).toEqual(['the formal notice of 2026-11-02 has no receipt date: the signed avis de réception is its proof']);
  });

  it('refuses individual recovery in a collective proceeding and points to the declaration', () => {
    expect(messages('injonction', facts({ insolvency: { judgment: day('2026-11-01'), bodacc: null } }))).toEqual([
      'a collective proceeding opened on 2026-11-01: it stops every individual recovery (L622-21 C. com.) — declare the claim to the mandataire: --for declaration',
    ]);
  });

  it('a consumer with a judgment date is a surendettement file: no L622 wording', () => {
    expect(messages('injonction', facts({ regime: 'b2c', insolvency: { judgment: day('2026-11-01'), bodacc: null } }))).toEqual([
      'a surendettement file since 2026-11-01: enforcement against the consumer is suspended (art. L722-2 C. conso.) — answer the commission de surendettement: it sets what is paid, and when',
    ]);
  });

  it('refuses an injonction or the procédure simplifiée against a public buyer, and names the administrative court', () => {
    for (const step of ['injonction', 'petites-creances'] as const) {
      expect(messages(step, facts({ regime: 'public' }))).toEqual([
        'a public buyer is not reached by an injonction de payer nor the procédure simplifiée: ask the tribunal administratif for a référé-provision (art. R541-1 CJA) — relance does not prepare that request: it goes to the administrative court with the décompte and the formal notice',
      ]);
    }
  });

  it.each<[string, Partial<ClaimFacts>, string]>([
    ['no judgment', {}, 'declaration needs the opening judgment of a collective proceeding, and none is recorded — set insolvency_date (and bodacc_date) on the invoice, from the BODACC notice'],
    ['no BODACC date', { insolvency: { judgment: day('2026-11-01'), bodacc: null } }, 'the declaration deadline runs from the BODACC publication, and its date is not recorded — set bodacc_date on the invoice, from the BODACC notice (bodacc.fr)'],
    ['a consumer', { regime: 'b2c', insolvency: { judgment: day('2026-11-01'), bodacc: day('2026-11-10') } }, 'a déclaration de créance to a mandataire concerns a business in a collective proceeding; this client is a consumer — a consumer in a surendettement file: answer the commission de surendettement'],
  ])('refuses a declaration with %s', (_what, change, message) => {
    expect(messages('declaration', facts(change))).toEqual([message]);
  });

  it('warns past the declaration deadline, with the relief deadline', () => {
    const check = checkStep('declaration', facts({ insolvency: { judgment: day('2026-08-20'), bodacc: day('2026-09-01') } }), today);
    expect(check.refusals).toEqual([]);
    expect(check.warnings.map((w) => `${w.message} — ${w.hint}`)).toEqual([
      'the deadline to declare was 2026-11-01 — ask the juge-commissaire for a relief from foreclosure (relevé de forclusion, L622-26 C. com.) by 2027-03-01',
    ]);
  });
});

describe('deadlines, court and the step offered', () => {
  it.each([
    ['2026-09-01', false, '2026-11-01'],
    ['2026-09-01', true, '2027-01-01'],
    ['2026-12-31', false, '2027-02-28'],
  ])('BODACC %s, outside metropolitan France %s: declare by %s', (bodacc, abroad, deadline) => {
    expect(formatIsoDay(declarationDeadline(day(bodacc), abroad))).toBe(deadline);
  });

  it('gives 6 months from the publication for a relief from foreclosure', () => {
    expect(formatIsoDay(reliefDeadline(day('2026-09-01')))).toBe('2027-03-01');
  });

  it('sends a business to the tribunal de commerce (Cerfa 12946), a consumer to the tribunal judiciaire (12948)', () => {
    expect(injonctionCourt('b2b')).toEqual({ court: 'tribunal de commerce', cerfa: '12946' });
    expect(injonctionCourt('b2c')).toEqual({ court: 'tribunal judiciaire', cerfa: '12948' });
  });

  it.each<[string, Partial<ClaimFacts>, NextStep]>([
    ['a small claim', {}, 'petites-creances'],
    ['a claim over 5 000 €', { balance: 600_000 }, 'injonction'],
    ['a debtor in a collective proceeding', { insolvency: { judgment: day('2026-11-01'), bodacc: null } }, 'declaration'],
  ])('offers %s %s', (_what, change, step) => {
    expect(suggestedStep(facts(change))).toBe(step);
  });
});
