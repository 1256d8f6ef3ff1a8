// The escalation dossier bound as one PDF file, read back with pdf.js: the cover, the
// bordereau listing every exhibit with its page, each exhibit found at that page (relance's
// own pages, the invoice PDF and the printed letter merged as they were), the stamps, and
// the request for the next step at the page the cover gives.

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exhibitsOf, type Dossier } from '../../src/render/dossier-document.js';
import { DossierFileError, renderDossierPdf } from '../../src/render/dossier-pdf.js';
import { nextStepRequest } from '../../src/render/next-step-request.js';
import { day } from '../helpers/factories.js';
import { SPEC, decompteFor, dossier } from '../helpers/documents.js';
import { readPdf, type PdfText } from '../helpers/pdf-text.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'relance-dossier-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function bound(d: Dossier): Promise<{ pdf: PdfText; bytes: Buffer }> {
  const outcome = nextStepRequest(d);
  if (!outcome.ok) throw new Error(outcome.refusals.map((r) => r.message).join('; '));
  const path = join(dir, `${d.reference}.pdf`);
  await writeFile(path, await renderDossierPdf(d, outcome.request));
  const bytes = await readFile(path);
  return { pdf: await readPdf(bytes), bytes };
}

/** The page the bordereau gives for each exhibit, read by position: the number at the left margin, the page at the right on the same line. */
function bordereauPages(pdf: PdfText): number[] {
  const page = pdf.pages[1]!;
  expect(page.text).toMatch(/^Bordereau des pièces /);
  const numbers = page.pieces.filter((p) => Math.abs(p.x - 20) < 0.5 && /^\d+$/.test(p.str));
  return numbers.map((n) => {
    const right = page.pieces.find((p) => Math.abs(p.baseline - n.baseline) < 0.5 && Math.abs(p.x + p.width - 190) < 0.5);
    expect(right, `the page of exhibit ${n.str}`).toBeDefined();
    return Number(right!.str);
  });
}

describe('the dossier PDF', () => {
  it('opens with a cover naming the parties, the amount, the notice and the step', async () => {
    const { pdf } = await bound(await dossier(dir));
    const cover = pdf.pages[0]!.text;
    expect(cover).toContain('Dossier de recouvrement Atelier Dupré & Fils contre Société Bâtiments Œuvre Requête en injonction de payer');
    expect(cover).toContain('Somme due 856,44 € au 22 novembre 2026 dont principal 800,00 €, intérêts 16,44 €, indemnités 40,00 €');
    expect(cover).toContain('Mise en demeure du 5 novembre 2026, reçue le 7 novembre 2026');
    expect(cover).toContain('Bordereau des pièces page 2 Pièces n° 1 à 6 pages 3 à 10 Demande page 11');
    expect(pdf.numPages).toBe(12);
  });

  it('lists every exhibit in the bordereau, each found at the page it gives', async () => {
    const d = await dossier(dir);
    const { pdf } = await bound(d);
    const exhibits = exhibitsOf(d);
    expect(exhibits.map((e) => e.title)).toEqual([
      'Décompte des sommes dues au 22 novembre 2026',
      'Facture F-2026-014 du 1er septembre 2026',
      'Relance du 12 octobre 2026 par courriel (facture F-2026-014)',
      'Relance du 2 novembre 2026 par courriel (facture F-2026-014)',
      'Mise en demeure du 5 novembre 2026, lettre recommandée n° 1A 234 567 8901 2, reçue le 7 novembre 2026',
      'Notes d’appels et de promesses de paiement (2)',
    ]);
    const bordereau = pdf.pages[1]!.text;
    for (const e of exhibits) expect(bordereau).toContain(`${e.number} ${e.title}`);
    const pages = bordereauPages(pdf);
    expect(pages).toEqual([3, 4, 5, 6, 7, 10]);

    const at = (n: number): string => pdf.pages[n - 1]!.text;
    // relance's own exhibits open with their number and title.
    for (const i of [0, 2, 3, 4, 5]) expect(at(pages[i]!)).toMatch(new RegExp(`^Pièce n° ${i + 1} – `));
    // The décompte as of today.
    expect(at(3)).toContain('16/10/2026 – 22/11/2026 Intérêts de retard (L441-10 C. com.) 38 800,00 € 12,40 % 10,33 €');
    expect(at(3)).toContain('Total facture F-2026-014 856,44 €');
    // The invoice PDF, merged as it was.
    expect(at(4)).toContain('FACTURE F-2026-014 Client : Société Bâtiments Œuvre Prestation de menuiserie, septembre 2026 Total TTC : 1 200,00 EUR');
    // Each reminder from its archived bytes: date, recipient, subject, body.
    expect(at(5)).toContain('Envoyé le 12 octobre 2026 à 07:00 (UTC) De Atelier Dupré & Fils <compta@dupre.example> À compta@oeuvre.example Objet Facture F-2026-014 échue');
    expect(at(5)).toContain('Pièces jointes facture-F-2026-014.pdf Fichier d’origine 2026-10-12-relance-1-F-2026-014.eml');
    expect(at(5)).toContain('Bonjour, Sauf erreur de notre part, la facture F-2026-014 reste impayée. Cordialement');
    expect(at(6)).toContain('À Service compta <compta@oeuvre.example> Objet Deuxième relance : facture F-2026-014');
    expect(at(6)).toContain('Malgré notre relance du 12 octobre, le solde de 800,00 € reste dû.');
    // The formal notice: posting, tracking, receipt, then the letter itself.
    expect(at(7)).toContain('Lettre du 5 novembre 2026 Envoi Lettre recommandée avec demande d’avis de réception Déposée le 5 novembre 2026 N° de suivi 1A 234 567 8901 2 Avis de réception signé le 7 novembre 2026');
    expect(at(8)).toContain('Fait à Lyon, le 5 novembre 2026 Lettre recommandée avec demande d’avis de réception');
    expect(at(9)).toContain('Annexe : décompte des sommes dues');
    // The notes, oldest first.
    expect(at(10)).toContain('10/11/2026 – Appel Facture F-2026-014 Appel au service comptable : facture bien reçue 15/11/2026 – Promesse de paiement Facture F-2026-014 – paiement promis pour le 20 novembre 2026 M. Martin promet un virement');
  });

  it('stamps every page with its number, and each exhibit page with its exhibit', async () => {
    const { pdf } = await bound(await dossier(dir));
    const stamps = pdf.pages.map((page) => page.pieces.filter((p) => /p\. \d+\/\d+$/.test(p.str)).map((p) => p.str));
    expect(stamps).toEqual([
      ['p. 1/12'],
      ['p. 2/12'],
      ['Pièce n° 1 – p. 3/12'],
      ['Pièce n° 2 – p. 4/12'],
      ['Pièce n° 3 – p. 5/12'],
      ['Pièce n° 4 – p. 6/12'],
      ['Pièce n° 5 – p. 7/12'],
      ['Pièce n° 5 – p. 8/12'],
      ['Pièce n° 5 – p. 9/12'],
      ['Pièce n° 6 – p. 10/12'],
      ['p. 11/12'],
      ['p. 12/12'],
    ]);
    // In the top margin, right-aligned, clear of the merged pages' own text.
    const stamp = pdf.pages[3]!.pieces.find((p) => p.str.startsWith('Pièce n° 2'))!;
    expect(stamp.baseline).toBeLessThan(8);
    expect(stamp.x + stamp.width).toBeCloseTo(198, 0);
  });

  it('ends with the request for the next step, laid out as the Cerfa asks', async () => {
    const { pdf } = await bound(await dossier(dir));
    const request = pdf.pages.slice(10).map((p) => p.text).join(' ');
    expect(request).toMatch(/^Requête en injonction de payer – contenu du Cerfa n° 12946 \(tribunal de commerce\) Juridiction Tribunal Tribunal de commerce du lieu où demeure le débiteur \(VIENNE\)/);
    expect(request).toContain('Défendeur (débiteur) Dénomination Société Bâtiments Œuvre SIREN 443 061 841 Adresse Zone artisanale des Prés, 4 allée des Chênes, 38200 VIENNE');
    expect(request).toContain('Principal restant dû 800,00 € Intérêts au 22 novembre 2026 16,44 €');
    expect(request).toContain('Pièce n° 6 : Notes d’appels et de promesses de paiement (2)');
    expect(request).toContain('Fait à Lyon, le 22 novembre 2026 Jeanne Dupré, Gérante pour Atelier Dupré & Fils');
  });

  it('binds a dossier without invoice file, letter or notes, for an agency', async () => {
    const d = await dossier(dir, { nextStep: 'agence', notice: null, notes: [], reminders: [] });
    const { pdf } = await bound({ ...d, invoices: d.invoices.map((i) => ({ ...i, file: null })) });
    expect(exhibitsOf({ ...d, invoices: d.invoices.map((i) => ({ ...i, file: null })) }).map((e) => e.title)).toEqual(['Décompte des sommes dues au 22 novembre 2026']);
    expect(pdf.pages[0]!.text).toContain('Mise en demeure aucune Étape demandée Transmission à une société de recouvrement');
    expect(pdf.pages[0]!.text).toContain('Pièces n° 1 à 1 pages 3 à 3 Demande page 4');
    expect(pdf.pages[3]!.text).toMatch(/^Transmission d’un dossier de recouvrement/);
  });

  it.each([
    ['petites-creances', 'Demande d’engagement de la procédure simplifiée de recouvrement des petites créances'],
    ['injonction', 'Requête en injonction de payer – contenu du Cerfa n° 12946 (tribunal de commerce)'],
    ['agence', 'Transmission d’un dossier de recouvrement'],
    ['declaration', 'Déclaration de créance'],
  ] as const)('binds the %s request as the last section, at the page the cover gives', async (step, title) => {
    const insolvency = step === 'declaration' ? { proceeding: 'redressement judiciaire', judgment: day('2026-11-01'), bodacc: day('2026-11-10'), court: null } : null;
    const d = await dossier(dir, { nextStep: step, insolvency, ...(insolvency ? { decompte: decompteFor([{ ...SPEC, insolvency: '2026-11-01' }], day('2026-11-22')) } : {}) });
    const { pdf } = await bound(d);
    const page = Number(/Demande page (\d+)/.exec(pdf.pages[0]!.text)![1]);
    expect(pdf.pages[page - 1]!.text.startsWith(title)).toBe(true);
    expect(pdf.pages[page - 2]!.text).toMatch(/^Pièce n° 6 – Notes/);
    expect(pdf.all).toContain('Fait à Lyon, le 22 novembre 2026 Jeanne Dupré, Gérante pour Atelier Dupré & Fils');
  });

  it('gives the same bytes for the same dossier', async () => {
    const d = await dossier(dir);
    const outcome = nextStepRequest(d);
    if (!outcome.ok) throw new Error('refused');
    const a = await renderDossierPdf(d, outcome.request);
    const b = await renderDossierPdf(d, outcome.request);
    expect(a.equals(b)).toBe(true);
  });

  it('says which file is not a PDF it can merge', async () => {
    const d = await dossier(dir);
    const broken = { ...d, invoices: [{ ...d.invoices[0]!, file: { name: 'facture-F-2026-014.pdf', bytes: new TextEncoder().encode('not a pdf') } }] };
    const outcome = nextStepRequest(broken);
    if (!outcome.ok) throw new Error('refused');
    await expect(renderDossierPdf(broken, outcome.request)).rejects.toThrow(DossierFileError);
    await expect(renderDossierPdf(broken, outcome.request)).rejects.toThrow(/^facture-F-2026-014\.pdf: not a readable PDF/);
  });

  it('marks a provisional total on the cover', async () => {
    const d = await dossier(dir);
    // 2027-H1 is past the shipped tables: its rate is carried forward.
    const later = { ...d, today: day('2027-02-10'), decompte: decompteFor([SPEC], day('2027-02-10')) };
    expect(later.decompte.provisional).toBe(true);
    const outcome = nextStepRequest(later);
    if (!outcome.ok) throw new Error('refused');
    const pdf = await readPdf(await renderDossierPdf(later, outcome.request));
    expect(pdf.pages[0]!.text).toMatch(/Somme due \d+,\d\d € \(montant provisoire\) au 10 février 2027/);
    expect(pdf.all).toContain('Intérêts au 10 février 2027');
    expect(pdf.all).toMatch(/Total \d+,\d\d € \(provisoire\)/);
  });
});
