// The request for each next step, as the text a user copies or reads in the dossier, and
// the refusals that stop a dossier before anything is bound.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dossier } from '../../src/render/dossier-document.js';
import { nextStepRequest } from '../../src/render/next-step-request.js';
import { requestText } from '../../src/render/request-document.js';
import { SPEC, decompteFor, dossier } from '../helpers/documents.js';
import { day } from '../helpers/factories.js';

let dir: string;
let base: Dossier;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'relance-request-'));
  base = await dossier(dir);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function text(d: Dossier): string {
  const outcome = nextStepRequest(d);
  if (!outcome.ok) throw new Error(outcome.refusals.map((r) => r.message).join('; '));
  return requestText(outcome.request);
}

const today = day('2026-11-22');

describe('petites-creances', () => {
  it('asks a commissaire de justice to open the procédure simplifiée, citing L125-1 and R125-1', () => {
    const t = text({ ...base, nextStep: 'petites-creances' });
    expect(t).toMatch(/^Demande d’engagement de la procédure simplifiée de recouvrement des petites créances\n/);
    expect(t).toContain('À l’attention de : commissaire de justice (nom et adresse à compléter)');
    expect(t).toContain('Objet : procédure simplifiée de recouvrement des petites créances (articles L125-1 et R125-1 et suivants du code des procédures civiles d’exécution)');
    expect(t).toContain('pour une créance de nature contractuelle de 816,44 € en principal et intérêts au 22 novembre 2026.');
    expect(t).toContain('Principal restant dû : 800,00 €\nIntérêts au 22 novembre 2026 : 16,44 €\nIndemnité forfaitaire pour frais de recouvrement (art. L441-10 et D441-5 C. com.) : 40,00 €\nTotal : 856,44 €');
    expect(t).toContain('Mise en demeure du 5 novembre 2026 par lettre recommandée avec demande d’avis de réception, envoyée le 5 novembre 2026 (n° 1A 234 567 8901 2), reçue le 7 novembre 2026, restée sans effet.');
    expect(t).toContain('- Pièce n° 2 : Facture F-2026-014 du 1er septembre 2026');
    expect(t).toMatch(/Fait à Lyon, le 22 novembre 2026\n\nJeanne Dupré, Gérante\npour Atelier Dupré & Fils\n$/);
  });

  it('addresses the commissaire named in the dossier', () => {
    const t = text({ ...base, nextStep: 'petites-creances', addressee: { name: 'Maître Claire Huissier, commissaire de justice', addressLines: ['3 quai Saint-Antoine', '69002 Lyon'] } });
    expect(t).toContain('Maître Claire Huissier, commissaire de justice\n3 quai Saint-Antoine\n69002 Lyon');
  });

  it('refuses a claim over 5 000 € in principal and interest, before anything is bound', () => {
    // 5 400 € due 30/09/2026, 400 € paid 15/10: 15 days on 5 400 € at 12.40 % (27.5178) + 38 days
    // on 5 000 € (64.5479) = 92.07 €; 5 000 € + 92.07 € = 5 092,07 €.
    const big = decompteFor([{ ...SPEC, amount: 540_000 }], today);
    const outcome = nextStepRequest({ ...base, nextStep: 'petites-creances', decompte: big });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.refusals.map((r) => `${r.message} — ${r.hint}`)).toEqual([
      'the claim is 5 092,07 € in principal and interest; the procédure simplifiée takes 5 000,00 € at most (R125-1 CPCE) — use --for injonction',
    ]);
  });
});

describe('injonction', () => {
  it('goes to the tribunal judiciaire on Cerfa 12948 against a consumer, interest from the notice', () => {
    const consumer = { ...base, debtor: { ...base.debtor, regime: 'b2c' as const, siren: null }, decompte: decompteFor([{ ...SPEC, regime: 'b2c', notice: '2026-11-07' }], today) };
    const t = text(consumer);
    expect(t).toMatch(/^Requête en injonction de payer – contenu du Cerfa n° 12948 \(tribunal judiciaire\)\n/);
    expect(t).toContain('Tribunal : Tribunal judiciaire du lieu où demeure le débiteur (VIENNE) – art. 1406 du code de procédure civile');
    expect(t).toContain('Intérêts au taux légal à compter de la mise en demeure (art. 1231-6 et 1344-1 C. civ.).');
    expect(t).toContain('Nom : Société Bâtiments Œuvre');
    expect(t).not.toContain('Indemnité forfaitaire');
  });

  it('writes out each interest period of the décompte', () => {
    const t = text(base);
    expect(t).toContain('- Facture F-2026-014 : du 01/10/2026 au 15/10/2026, 15 jours sur 1 200,00 € à 12,40 % : 6,12 €\n- Facture F-2026-014 : du 16/10/2026 au 22/11/2026, 38 jours sur 800,00 € à 12,40 % : 10,33 €');
  });

  it.each<[string, Partial<Dossier>, string]>([
    ['without a formal notice', { notice: null }, 'injonction needs a formal notice, and none is recorded'],
    ['disputed with no end', { disputedSince: day('2026-11-12') }, 'the claim is disputed since 2026-11-12 and no end of the dispute is recorded'],
    ['time-barred', { decompte: decompteFor([{ ...SPEC, due: '2021-09-30', issue: '2021-09-01' }], today) }, 'invoice F-2026-014 is time-barred since 2026-10-01 (5 years from the due date, art. L110-4 C. com.)'],
  ])('is refused %s', (_what, change, message) => {
    const outcome = nextStepRequest({ ...base, ...change });
    expect(outcome).toMatchObject({ ok: false, refusals: [{ message }] });
  });
});

describe('declaration', () => {
  const insolvent = (o: Partial<Dossier> = {}): Dossier => ({
    ...base,
    nextStep: 'declaration',
    decompte: decompteFor([{ ...SPEC, insolvency: '2026-11-01' }], today),
    insolvency: { proceeding: 'redressement judiciaire', judgment: day('2026-11-01'), bodacc: day('2026-11-10'), court: 'tribunal de commerce de Vienne' },
    addressee: { name: 'SELARL MJ Alpes, mandataire judiciaire', addressLines: ['1 place Miremont', '38200 Vienne'] },
    ...o,
  });

  it('declares the amount due at the judgment, interest stopped on its eve, with the deadline from the BODACC', () => {
    const t = text(insolvent());
    expect(t).toContain('SELARL MJ Alpes, mandataire judiciaire\n1 place Miremont\n38200 Vienne');
    expect(t).toContain('Procédure : redressement judiciaire\nJugement d’ouverture : 1er novembre 2026, tribunal de commerce de Vienne\nPublication au BODACC : 10 novembre 2026');
    expect(t).toContain('Délai de déclaration : jusqu’au 10 janvier 2027 (deux mois à compter de la publication au BODACC, art. R622-24 C. com.)');
    expect(t).toContain('Créance arrêtée au jugement d’ouverture du 1er novembre 2026');
    // 15 days on 1 200 € at 12.40 % (6.11507) + 16/10–31/10, 16 days on 800 € (4.34849) = 10.46 €,
    // nothing from the judgment on.
    expect(t).toContain('Principal restant dû : 800,00 €\nIntérêts au 31 octobre 2026 : 10,46 €\nIndemnité forfaitaire pour frais de recouvrement (art. L441-10 et D441-5 C. com.) : 40,00 €\nTotal : 850,46 €');
    expect(t).toContain('Nature : créance échue, chirographaire sauf sûreté ou réserve de propriété à préciser');
  });

  it('gives a creditor outside metropolitan France four months', () => {
    expect(text(insolvent({ creditorOutsideMetropole: true }))).toContain('Délai de déclaration : jusqu’au 10 mars 2027 (quatre mois à compter de la publication au BODACC, art. R622-24 C. com.)');
  });

  it('is refused without the BODACC date, and the other steps are refused in a collective proceeding', () => {
    const noBodacc = insolvent({ insolvency: { proceeding: null, judgment: day('2026-11-01'), bodacc: null, court: null } });
    expect(nextStepRequest(noBodacc)).toMatchObject({ ok: false, refusals: [{ message: 'the declaration deadline runs from the BODACC publication, and its date is not recorded' }] });
    expect(nextStepRequest({ ...insolvent(), nextStep: 'injonction' })).toMatchObject({
      ok: false,
      refusals: [{ message: 'a collective proceeding opened on 2026-11-01: it stops every individual recovery (L622-21 C. com.)', hint: 'declare the claim to the mandataire: --for declaration' }],
    });
  });
});

describe('agence', () => {
  it('hands the claim over with every action taken and names the files', () => {
    const t = text({ ...base, nextStep: 'agence' });
    expect(t).toMatch(/^Transmission d’un dossier de recouvrement\n/);
    expect(t).toContain('- 2026-10-12 – facture F-2026-014 – relance-1 (e-mail) : compta@oeuvre.example\n- 2026-11-02 – facture F-2026-014 – relance-2 (e-mail) : compta@oeuvre.example');
    expect(t).toContain('- agence.csv et agence.json : une ligne par facture (débiteur, contact, montants, dates, démarches)');
  });
});
