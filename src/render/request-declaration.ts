// The déclaration de créance to the mandataire judiciaire of a debtor in a collective
// proceeding (L622-24 s. C. com.): the amount due on the day of the opening judgment,
// interest stopped by it (L622-28), and the deadline: 2 months from the BODACC
// publication, 4 for a creditor outside metropolitan France (R622-24). The décompte it
// uses is computed with the judgment date, so its interest already stops on the eve.

import { declarationDeadline } from '../domain/next-step.js';
import type { Dossier, Exhibit } from './dossier-document.js';
import { longDate } from './notice-wording.js';
import { addresseeLines, amountFields, creditorFields, debtorFields, exhibitList, invoiceLines, signature, type RequestBlock, type RequestDocument } from './request-document.js';

export function declarationRequest(dossier: Dossier, exhibits: readonly Exhibit[]): RequestDocument {
  const insolvency = dossier.insolvency;
  if (insolvency === null) throw new Error('declarationRequest needs the collective proceeding (checkStep refuses the step without it)');
  const proceeding: RequestBlock = {
    kind: 'fields',
    rows: [
      ['Procédure', insolvency.proceeding ?? 'procédure collective'],
      ['Jugement d’ouverture', `${longDate(insolvency.judgment)}${insolvency.court ? `, ${insolvency.court}` : ''}`],
      ...(insolvency.bodacc === null
        ? []
        : ([
            ['Publication au BODACC', longDate(insolvency.bodacc)],
            [
              'Délai de déclaration',
              `jusqu’au ${longDate(declarationDeadline(insolvency.bodacc, dossier.creditorOutsideMetropole))} (${dossier.creditorOutsideMetropole ? 'quatre' : 'deux'} mois à compter de la publication au BODACC, art. R622-24 C. com.)`,
            ],
          ] as const)),
    ],
  };
  return {
    step: 'declaration',
    title: 'Déclaration de créance',
    blocks: [
      addresseeLines(dossier, 'mandataire judiciaire'),
      { kind: 'paragraph', text: `Objet : déclaration de créance – ${dossier.debtor.name}` },
      { kind: 'heading', text: 'Procédure' },
      proceeding,
      { kind: 'heading', text: 'Créancier déclarant' },
      creditorFields(dossier.creditor),
      { kind: 'heading', text: 'Débiteur' },
      debtorFields(dossier.debtor),
      { kind: 'heading', text: `Créance arrêtée au jugement d’ouverture du ${longDate(insolvency.judgment)}` },
      { kind: 'paragraph', text: 'Le jugement d’ouverture arrête le cours des intérêts (art. L622-28 C. com.) : ils sont comptés jusqu’à la veille du jugement.' },
      amountFields(dossier.decompte, insolvency.judgment - 1),
      { kind: 'fields', rows: [['Nature', 'créance échue, chirographaire sauf sûreté ou réserve de propriété à préciser']] },
      { kind: 'heading', text: 'Factures' },
      invoiceLines(dossier),
      { kind: 'heading', text: 'Pièces justificatives' },
      exhibitList(exhibits),
      ...signature(dossier.creditor, dossier.today),
    ],
  };
}
