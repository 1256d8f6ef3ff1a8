// One reminder as MIME, composed one way for every outbox: the .eml a dry run writes is
// byte for byte what SMTP would carry, and what the archive keeps.

import type { Address as MimeNodeAddress } from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import { zoneOffsetFor } from '../io/time-zone.js';
import type { OutgoingEmail } from './message.js';
import { recipientName } from './message.js';

/** A message as it goes out: these bytes (CRLF line ends only), to these envelope addresses. */
export interface BuiltMessage {
  email: OutgoingEmail;
  raw: Buffer;
  /** From, and To with Bcc: who gets it. */
  envelope: { from: string; to: string[] };
  /** The client's own addresses (To), lower case: the message counts as sent if one took it. */
  clients: string[];
  /** An envelope address with a non-ASCII local part: only a server announcing SMTPUTF8 takes it (RFC 6531). */
  needsSmtpUtf8: boolean;
}

/** The compiled message (nodemailer's MIME node): `.build()` gives its bytes. */
export function composeMessage(email: OutgoingEmail, date: Date) {
  return new MailComposer({
    from: email.from,
    // `"Atelier Martin" <compta@…>`: the client's name, as their mailbox shows who it is for.
    to: email.to.map((address) => ({ name: recipientName(email.action), address })),
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
    // The Date in the config's time zone: the client reads 08:00 +0100, not 07:00 +0000.
    headers: { ...email.headers, Date: rfc5322Date(date, email.timeZone) },
  }).compile();
}

/** Composes the message once: these very bytes go out, are archived, and are what a dry run writes. */
export async function buildMessage(email: OutgoingEmail, date: Date): Promise<BuiltMessage> {
  const node = composeMessage(email, date);
  const { from, to } = node.getEnvelope();
  if (!from) throw new Error(`no sender address in ${JSON.stringify(email.from)}`);
  const clients = addressesOf(node.getAddresses().to ?? []);
  if (clients.length === 0) throw new Error(`no recipient address in ${JSON.stringify(email.to.join(', '))}`);
  const raw = crlfOnly(await node.build());
  const needsSmtpUtf8 = [from, ...to].some((a) => /[^\x00-\x7f]/.test(a.slice(0, a.lastIndexOf('@'))));
  return { email, raw, envelope: { from, to }, clients, needsSmtpUtf8 };
}

function addressesOf(list: readonly MimeNodeAddress[]): string[] {
  return list.flatMap((a) => (a.group ? addressesOf(a.group) : a.address ? [a.address.toLowerCase()] : []));
}

function crlf(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

/**
 * Every line end a CRLF, and one at the end: what the server receives (SMTP turns a bare
 * LF into CRLF on the way), so that the archive's LF lines turn back into these very bytes.
 */
export function crlfOnly(raw: Buffer): Buffer {
  const text = raw.toString('latin1');
  if (!/\r(?!\n)|(?<!\r)\n/.test(text) && text.endsWith('\r\n')) return raw;
  return Buffer.from(text.replace(/\r\n|\r|\n/g, '\r\n').replace(/(?<!\r\n)$/, '\r\n'), 'latin1');
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `Sun, 22 Nov 2026 08:00:00 +0100` (RFC 5322 § 3.3) in `timeZone`, or in the machine's zone. */
export function rfc5322Date(date: Date, timeZone: string | null): string {
  const offsetOf = timeZone === null ? null : zoneOffsetFor(timeZone);
  const offset = offsetOf === null ? -date.getTimezoneOffset() : offsetOf(Math.floor(date.getTime() / 60_000));
  const wall = new Date(date.getTime() + offset * 60_000);
  const two = (n: number) => String(n).padStart(2, '0');
  const sign = offset < 0 ? '-' : '+';
  const zone = `${sign}${two(Math.floor(Math.abs(offset) / 60))}${two(Math.abs(offset) % 60)}`;
  return `${DAYS[wall.getUTCDay()]}, ${two(wall.getUTCDate())} ${MONTHS[wall.getUTCMonth()]} ${wall.getUTCFullYear()} ${two(wall.getUTCHours())}:${two(wall.getUTCMinutes())}:${two(wall.getUTCSeconds())} ${zone}`;
}
