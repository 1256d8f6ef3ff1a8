// The content of a requête en injonction de payer, laid out in the order of the Cerfa form
// to copy into it (or into the online filing): Cerfa 12946 at the tribunal de commerce for
// a business debtor, 12948 at the tribunal judiciaire otherwise (docs/law.md § Escalation
// paths). The court is that of the debtor's domicile or seat (art. 1406 CPC). The requête
// names the parties, the amount with its décompte, the €40, and annexes the exhibits.

import type { Dossier, Exhibit } from './dossier-document.js';
import { injonctionCourt } from '../domain/next-step.js';
import { amountFields, creditorFields, debtorFields, exhibitList, interestLines, invoiceLines, noticeSentence, signature, type RequestDocument } from './request-document.js';

export function injonctionRequest(dossier: Dossier, exhibits: readonly Exhibit[]): RequestDocument {
  const { court, cerfa } = injonctionCourt(dossier.debtor.regime);
  const notice = noticeSentence(dossier.notice);
  const interestBasis =
    dossier.debtor.regime === 'b2b'
      ? 'Pénalités de retard dues de plein droit dès le lendemain de l’échéance (art. L441-10 II C. com.), au taux indiqué par période ; indemnité forfaitaire de 40 € par facture (art. D441-5 C. com.).'
      : 'Intérêts au taux légal à compter de la mise en demeure (art. 1231-6 et 1344-1 C. civ.).';
  return {
    step: 'injonction',
    title: `Requête en injonction de payer – contenu du Cerfa n° ${cerfa} (${court})`,
    blocks: [
      { kind: 'heading', text: 'Juridiction' },
      { kind: 'fields', rows: [['Tribunal', `${court.charAt(0).toUpperCase()}${court.slice(1)} du lieu où demeure le débiteur (${dossier.debtor.city.toUpperCase()}) – art. 1406 du code de procédure civile`], ['Formulaire', `Cerfa n° ${cerfa}`]] },
      { kind: 'heading', text: 'Demandeur (créancier)' },
      creditorFields(dossier.creditor),
      { kind: 'heading', text: 'Défendeur (débiteur)' },
      debtorFields(dossier.debtor),
      { kind: 'heading', text: 'Montant de la créance' },
      amountFields(dossier.decompte),
      { kind: 'heading', text: 'Décompte des intérêts' },
      { kind: 'paragraph', text: interestBasis },
      interestLines(dossier.decompte),
      { kind: 'heading', text: 'Cause de la créance' },
      { kind: 'paragraph', text: 'Factures de biens ou de services restées impayées à leur échéance :' },
      invoiceLines(dossier),
      ...(notice === null ? [] : [{ kind: 'paragraph' as const, text: notice }]),
      { kind: 'heading', text: 'Pièces justificatives' },
      exhibitList(exhibits),
      ...signature(dossier.creditor, dossier.today),
    ],
  };
}
