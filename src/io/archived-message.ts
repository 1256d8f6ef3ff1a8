// A reminder as it went out, read back from its archived bytes (an .eml, or one message of
// the day's mbox): the proof a dossier shows is the message itself, not the journal's
// summary of it. Parsed with postal-mime: headers decoded, the text part or, failing it,
// the HTML part reduced to its text.

import PostalMime from 'postal-mime';
import type { Address } from 'postal-mime';

export interface ArchivedMessage {
  /** ISO 8601 as the Date header gives it, or null. */
  date: string | null;
  from: string | null;
  to: string[];
  cc: string[];
  subject: string;
  messageId: string | null;
  text: string;
  attachments: string[];
}

function written(address: Address): string[] {
  if (address.group) return address.group.map((m) => (m.name ? `${m.name} <${m.address}>` : m.address));
  return [address.name ? `${address.name} <${address.address}>` : address.address];
}

/** The text of an HTML body: tags dropped, paragraphs and breaks kept as lines, the usual entities decoded. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style|head)[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|tr|li|h[1-6]|table)>/gi, '\n\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, '\u00a0')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    // Handlebars, which writes relance's HTML, escapes with numeric entities (&#x27; &#x3D;).
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export async function readArchivedMessage(raw: Uint8Array): Promise<ArchivedMessage> {
  const email = await PostalMime.parse(raw);
  const text = email.text?.trim() ? email.text : email.html ? htmlToText(email.html) : '';
  return {
    date: email.date ?? null,
    from: email.from ? (written(email.from)[0] ?? null) : null,
    to: (email.to ?? []).flatMap(written),
    cc: (email.cc ?? []).flatMap(written),
    subject: email.subject ?? '',
    messageId: email.messageId ?? null,
    text: text.replace(/\r\n?/g, '\n').trimEnd(),
    attachments: email.attachments.map((a) => a.filename ?? '(sans nom)'),
  };
}
