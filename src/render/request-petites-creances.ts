// The letter to a commissaire de justice asking to open the procédure simplifiée de
// recouvrement des petites créances (L125-1, R125-1 s. CPCE): a claim of contractual
// origin, 5 000 € at most in principal and interest. The commissaire invites the debtor,
// who has one month to agree; on agreement the commissaire issues an enforceable title.
// `checkStep` refuses a claim above the limit before this is built.

import { formatEurosFr } from '../domain/money.js';
import type { Dossier, Exhibit } from './dossier-document.js';
import { STEP_TITLES } from './dossier-document.js';
import { longDate } from './notice-wording.js';
import { addresseeLines, amountFields, creditorFields, debtorFields, exhibitList, invoiceLines, noticeSentence, signature, type RequestDocument } from './request-document.js';

export function petitesCreancesRequest(dossier: Dossier, exhibits: readonly Exhibit[]): RequestDocument {
  const t = dossier.decompte.totals;
  const notice = noticeSentence(dossier.notice);
  return {
    step: 'petites-creances',
    title: `Demande d’engagement de la ${STEP_TITLES['petites-creances'].toLowerCase()}`,
    blocks: [
      addresseeLines(dossier, 'commissaire de justice'),
      { kind: 'paragraph', text: 'Objet : procédure simplifiée de recouvrement des petites créances (articles L125-1 et R125-1 et suivants du code des procédures civiles d’exécution)' },
      { kind: 'heading', text: 'Créancier' },
      creditorFields(dossier.creditor),
      { kind: 'heading', text: 'Débiteur' },
      debtorFields(dossier.debtor),
      { kind: 'heading', text: 'Demande' },
      {
        kind: 'paragraph',
        text:
          `Nous vous demandons de bien vouloir mettre en œuvre, à l’encontre du débiteur désigné ci-dessus, la procédure simplifiée de recouvrement des petites créances, ` +
          `pour une créance de nature contractuelle de ${formatEurosFr(t.balance + t.interest)} en principal et intérêts au ${longDate(dossier.decompte.asOf)}.`,
      },
      { kind: 'heading', text: 'Montant de la créance' },
      amountFields(dossier.decompte),
      { kind: 'heading', text: 'Origine de la créance' },
      invoiceLines(dossier),
      ...(notice === null ? [] : [{ kind: 'paragraph' as const, text: notice }]),
      { kind: 'heading', text: 'Pièces jointes' },
      exhibitList(exhibits),
      ...signature(dossier.creditor, dossier.today),
    ],
  };
}
