// One reminder as MIME, composed one way for every outbox: the .eml a dry run writes is
// byte for byte what SMTP would carry, and what the archive keeps.

import MailComposer from 'nodemailer/lib/mail-composer';
import type { OutgoingEmail } from './message.js';

/** The compiled message (nodemailer's MIME node): `.build()` gives its bytes. */
export function composeMessage(email: OutgoingEmail, date: Date) {
  return new MailComposer({
    from: email.from,
    to: [...email.to],
    replyTo: email.replyTo ?? undefined,
    bcc: email.bcc ?? undefined,
    subject: email.subject,
    // CRLF line ends (headers and encoded parts have them already): the bytes are then
    // the very ones SMTP carries, which would otherwise turn each LF into CRLF on the way.
    text: crlf(email.text),
    html: email.html === null ? undefined : crlf(email.html),
    messageId: email.messageId,
    inReplyTo: email.inReplyTo ?? undefined,
    references: email.references.length > 0 ? [...email.references] : undefined,
    // An earlier reminder comes whole from the archive, so it is labelled 7bit when it is (RFC 2046 §5.2.1).
    attachments: email.attachments.map((a) =>
      a.content !== undefined
        ? { filename: a.filename, content: a.content, contentType: a.contentType, contentDisposition: 'attachment' as const }
        : { filename: a.filename, path: a.path, contentType: a.contentType, contentDisposition: 'attachment' as const },
    ),
    headers: { ...email.headers },
    date,
  }).compile();
}

function crlf(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}
