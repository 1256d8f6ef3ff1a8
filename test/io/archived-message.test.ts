import { describe, expect, it } from 'vitest';
import { htmlToText, readArchivedMessage } from '../../src/io/archived-message.js';
import { reminderEml } from '../helpers/documents.js';

describe('readArchivedMessage', () => {
  it('reads date, sender, recipients, subject, text and attachments from the bytes that went out', async () => {
    const raw = await reminderEml({
      to: 'Service compta <compta@oeuvre.example>',
      subject: 'Facture F-2026-014 échue',
      text: 'Bonjour,\n\nLa facture F-2026-014 reste impayée.',
      date: '2026-10-12T07:00:03Z',
      messageId: '<r1@dupre.example>',
      attachment: 'facture-F-2026-014.pdf',
    });
    expect(await readArchivedMessage(raw)).toEqual({
      date: '2026-10-12T07:00:03.000Z',
      from: 'Atelier Dupré & Fils <compta@dupre.example>',
      to: ['Service compta <compta@oeuvre.example>'],
      cc: [],
      subject: 'Facture F-2026-014 échue',
      messageId: '<r1@dupre.example>',
      text: 'Bonjour,\n\nLa facture F-2026-014 reste impayée.',
      attachments: ['facture-F-2026-014.pdf'],
    });
  });

  it('falls back to the text of the HTML part', async () => {
    const raw = await reminderEml({ to: 'a@b.example', subject: 'S', html: '<p>Bonjour,</p><p>Solde&nbsp;: <b>800,00&nbsp;€</b> &amp; frais</p>', date: '2026-11-02T07:00:00Z', messageId: '<r2@x>' });
    expect((await readArchivedMessage(raw)).text).toBe('Bonjour,\n\nSolde\u00a0: 800,00\u00a0€ & frais');
  });

  it('keeps line breaks and drops styles from HTML', () => {
    expect(htmlToText('<style>p{}</style>Ligne 1<br>Ligne 2<div>Bloc</div>&#233;t&#xE9; l&#x27;a &#x3D; &lt;b&gt;')).toBe("Ligne 1\nLigne 2Bloc\n\nété l'a = <b>");
  });
});
