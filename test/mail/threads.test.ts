// A reminder cycle as the client's mailbox receives it, through the built binary and a
// local smtp-server: one conversation (one subject, Re: for the later steps, the thread
// headers), the client's name in To, the Date in the config's zone, Auto-Submitted, and
// French typography in the text and HTML parts (no-break spaces in amounts and before
// : ; ? !, "1er" for the first of the month).

import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Email } from 'postal-mime';
import { afterAll, describe, expect, it } from 'vitest';
import { runRelance } from '../helpers/run-cli.js';
import { startSmtpServer } from '../helpers/smtp-server.js';
import { removeTempDirs, tempDir } from './outgoing.js';

afterAll(removeTempDirs);

const header = (email: Email, key: string) => email.headers.find((h) => h.key === key)?.value;
/** The text of an HTML part, its tags taken out. */
const htmlText = (html: string) => html.replace(/<style[\s\S]*?<\/style>|<[^>]*>/g, '');

describe('one cycle, one conversation', () => {
  it('rappel, relance-1, then relance-2: one subject, Re: after the first, the step said in the body, typography in both parts', async () => {
    const smtp = await startSmtpServer();
    try {
      const dir = await tempDir();
      await writeFile(
        join(dir, 'relance.yaml'),
        ['invoices: factures.csv', 'timezone: Asia/Kolkata', 'creditor:', '  name: Atelier Dupont SARL', '  email: compta@atelier-dupont.example', '  iban: FR76 3000 6000 0112 3456 7890 189', 'mail:', '  from: "Atelier Dupont <compta@atelier-dupont.example>"', ''].join('\n'),
      );
      await writeFile(join(dir, 'factures.csv'), 'N° facture;Client;Email;Date;Échéance;Montant TTC\nF-1;Atelier Martin;compta@martin.example;01/10/2026;31/10/2026;1 234,56\n');
      const env = { RELANCE_SMTP_URL: smtp.url() };
      for (const today of ['2026-10-28', '2026-11-02', '2026-11-07', '2026-11-15']) {
        const run = await runRelance(['send', '--today', today], { cwd: dir, env });
        expect(run.code).toBe(0);
      }
      const [rappel, relance1, relance2] = await smtp.parsed();
      expect(smtp.received).toHaveLength(3);

      expect([rappel, relance1, relance2].map((m) => m!.subject)).toEqual(['Facture F-1 – Atelier Dupont SARL', 'Re: Facture F-1 – Atelier Dupont SARL', 'Re: Facture F-1 – Atelier Dupont SARL']);
      expect(relance1!.inReplyTo).toBe(rappel!.messageId);
      expect(relance2!.inReplyTo).toBe(relance1!.messageId);
      expect(relance2!.references).toBe(`${rappel!.messageId} ${relance1!.messageId}`);
      // The step's own wording opens each body.
      expect([rappel, relance1, relance2].map((m) => m!.text!.split('\n')[0])).toEqual(['Échéance prochaine\u00A0: facture F-1', 'Règlement en attente\u00A0: facture F-1', 'Relance\u00A0: facture F-1 impayée']);

      for (const m of [rappel!, relance1!, relance2!]) {
        expect(m.to).toEqual([{ name: 'Atelier Martin', address: 'compta@martin.example' }]);
        expect(header(m, 'auto-submitted')).toBe('auto-generated');
        // 07:00 UTC-ish on the test machine's clock, written in Kolkata's zone.
        expect(header(m, 'date')).toMatch(/^[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d \+0530$/);
        const parts = m.html ? [m.text!, htmlText(m.html)] : [m.text!];
        for (const part of parts) {
          expect(part).toContain('1\u202F234,56\u00A0€');
          expect(part).not.toMatch(/\d \d{3},\d\d|\d,\d\d €/);
          expect(part).not.toMatch(/ [:;?!]/);
        }
        expect(m.text).toContain('du 1er octobre 2026');
      }
      expect(relance1!.html).toContain('1\u202F234,56\u00A0€');
      expect(relance2!.html).toContain('Relance\u00A0: facture F-1 impayée');
    } finally {
      await smtp.close();
    }
  });
});
