// The parties and claims the document tests print: a creditor with every legal mention,
// a debtor with a contact and a two-line street address, and décomptes computed by the
// real penalty engine on the shipped rates.

import type { Day } from '../../src/domain/dates.js';
import type { Decompte, Settlement } from '../../src/domain/decompte.js';
import { decompteOf } from '../../src/domain/decompte.js';
import type { Cents } from '../../src/domain/money.js';
import { computePenalty } from '../../src/domain/penalty.js';
import { SHIPPED_RATES } from '../../src/domain/rates.js';
import type { LetterCreditor, LetterDebtor, LetterDocument } from '../../src/render/letter-document.js';
import { day } from './factories.js';

export const creditor: LetterCreditor = {
  name: 'Atelier Dupré & Fils',
  addressLines: ['12 rue de la Charité', '69002 Lyon'],
  siren: '852 123 456',
  legal: { form: 'SARL', capital: '10 000 €', rcs: 'RCS Lyon 852 123 456', vat: 'FR12852123456' },
  phone: '04 72 00 00 00',
  email: 'compta@dupre.example',
  place: 'Lyon',
  signatory: { name: 'Jeanne Dupré', title: 'Gérante' },
};

export const debtor: LetterDebtor = {
  name: 'Société Bâtiments Œuvre',
  contact: 'Service comptabilité',
  addressLines: ['Zone artisanale des Prés', '4 allée des Chênes'],
  postcode: '38200',
  city: 'Vienne',
  country: null,
};

export interface ClaimSpec {
  number: string;
  amount: Cents;
  issue?: string;
  due: string;
  settlements?: Settlement[];
  regime?: 'b2b' | 'b2c';
  notice?: string;
  insolvency?: string;
}

/** The décompte of these invoices as of `asOf`, through the penalty engine. */
export function decompteFor(specs: readonly ClaimSpec[], asOf: Day): Decompte {
  return decompteOf(
    specs.map((s) => {
      const settlements = s.settlements ?? [];
      const penalty = computePenalty(
        {
          principal: s.amount,
          dueDate: day(s.due),
          payments: settlements,
          endDate: asOf,
          regime: s.regime ?? 'b2b',
          noticeDate: s.notice ? day(s.notice) : null,
          insolvencyDate: s.insolvency ? day(s.insolvency) : null,
        },
        SHIPPED_RATES,
      );
      return { invoice: { number: s.number, issueDate: s.issue ? day(s.issue) : null, dueDate: day(s.due), amount: s.amount }, penalty, settlements };
    }),
    asOf,
  );
}

export const BODY = `Madame, Monsieur,

Malgré nos relances restées sans effet (12 octobre 2026, 2 novembre 2026), vous restez redevable des sommes suivantes :
- facture F-2026-014 du 1 septembre 2026, d’un montant de 1 200,00 €, échue le 30 septembre 2026 : reste dû 800,00 €

S’y ajoutent, en application de l’article L441-10 du Code de commerce, les pénalités de retard et l’indemnité forfaitaire pour frais de recouvrement de 40 € prévue à l’article D441-5.

Par la présente, nous vous mettons en demeure de nous régler ces sommes.

Veuillez agréer, Madame, Monsieur, l’expression de nos salutations distinguées.`;

export function letter(o: Partial<LetterDocument> = {}): LetterDocument {
  const today = day('2026-11-22');
  return {
    creditor,
    debtor,
    date: today,
    registered: true,
    subject: 'mise en demeure de payer la facture F-2026-014',
    body: BODY,
    deadlineDays: 8,
    decompte: decompteFor([{ number: 'F-2026-014', amount: 120_000, issue: '2026-09-01', due: '2026-09-30', settlements: [{ date: day('2026-10-15'), amount: 40_000 }] }], today),
    payment: null,
    ...o,
  };
}
