// What the server's answer means for one message (RFC 5321 § 4.2.1): a 5xx to the
// recipient or to the data is permanent — bounced, never tried again by itself; a 4xx is
// for now — tried again within the run (greylisting lifts within minutes), then the next
// run; a refused login or a TLS that fails stops the whole run, since every message would
// meet it. Without a reply code, whether the message reached the server whole decides.

import type { SMTPPoolSentMessageInfo } from 'nodemailer';
import type { Delivery, RecipientRefusal } from './smtp-delivery.js';

export type Verdict =
  /** Refused for good: the journal says `bounced`, its e-mail steps are passed over. */
  | { kind: 'bounced'; what: 'address' | 'message'; reason: string }
  /** Refused for now (4xx): tried again within the run (retryWait), then `failed`. */
  | { kind: 'temporary'; reason: string }
  /** Refused for good, but not for this message alone (the sender, say): failed, and it counts towards giving up. */
  | { kind: 'refused'; reason: string }
  /** It never reached the server whole: failed; the next run tries again. */
  | { kind: 'not-sent'; reason: string }
  /** It went out whole and no answer came: the server may hold it. Left uncertain. */
  | { kind: 'unknown'; reason: string }
  /** The login was refused, or TLS failed: every message would meet it, the run stops. */
  | { kind: 'stop'; cause: 'auth' | 'tls'; reason: string };

export interface SmtpError {
  message?: string;
  code?: string;
  /** The system error's own code, kept by nodemailer under its ESOCKET. */
  originalCode?: string;
  responseCode?: number;
  command?: string;
  rejectedErrors?: readonly RecipientRefusal[];
}

/** Permanent, as RFC 5321 has it: 5yz, but 503 (bad sequence) says nothing of the message. */
const permanent = (code: number | undefined): boolean => code !== undefined && code >= 500 && code < 600 && code !== 503;
const AUTH_CODES = new Set([530, 534, 535]);

/** The verdict on a failed delivery. `scrub` takes the password out of server texts. */
export function verdictOf(err: SmtpError, delivery: Pick<Delivery, 'readToTheEnd' | 'guard'>, scrub: (text: string) => string): Verdict {
  const guard = delivery.guard();
  if (guard?.kind === 'clients-refused') return recipientsVerdict(guard.refusals, scrub);
  if (guard?.kind === 'no-reply') return { kind: 'not-sent', reason: `no reply from the server to the envelope within ${guard.after / 1000} s` };
  const reason = scrub(err.message || String(err));
  const code = typeof err.responseCode === 'number' ? err.responseCode : undefined;
  if (err.code === 'EAUTH' || err.code === 'ENOAUTH' || (code !== undefined && AUTH_CODES.has(code))) return { kind: 'stop', cause: 'auth', reason };
  if (isTlsFailure(err)) return { kind: 'stop', cause: 'tls', reason };
  if (code === undefined) {
    if (err.code === 'EMESSAGE' && /size larger than allowed/i.test(err.message ?? '')) return { kind: 'bounced', what: 'message', reason };
    return delivery.readToTheEnd() ? { kind: 'unknown', reason } : { kind: 'not-sent', reason };
  }
  if (code < 500) return { kind: 'temporary', reason };
  if (err.command === 'RCPT TO') return recipientsVerdict(err.rejectedErrors ?? [{ recipient: '', responseCode: code, message: reason }], scrub);
  if (err.command === 'DATA') return permanent(code) ? { kind: 'bounced', what: 'message', reason } : { kind: 'temporary', reason };
  // MAIL FROM: a message too big for the server is this message's; the rest is the sender's.
  if (code === 552) return { kind: 'bounced', what: 'message', reason };
  return permanent(code) ? { kind: 'refused', reason } : { kind: 'temporary', reason };
}

const TLS_CODES = /^(ETLS|ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|HOSTNAME_MISMATCH|ERR_SSL)/;

/** STARTTLS refused or failed, a handshake or a certificate the checks refuse. */
export function isTlsFailure(err: SmtpError & { cause?: unknown }): boolean {
  const codes = [err.code, err.originalCode, (err.cause as { code?: string } | undefined)?.code].filter((c): c is string => typeof c === 'string');
  return codes.some((c) => TLS_CODES.test(c)) || (err.code === 'ESOCKET' && /certificate|\bTLS\b|\bSSL\b|handshake/i.test(err.message ?? ''));
}

/** Every client address refused: for good when every refusal is, else for now. */
function recipientsVerdict(refusals: readonly RecipientRefusal[], scrub: (text: string) => string): Verdict {
  const reason = scrub(refusals.map((r) => r.response ?? r.message ?? `${r.responseCode ?? ''} refused`).join('; ') || 'every recipient was refused');
  return refusals.length > 0 && refusals.every((r) => permanent(r.responseCode)) ? { kind: 'bounced', what: 'address', reason } : { kind: 'temporary', reason };
}

/**
 * How long to wait before trying a message refused for now again: a twentieth of the
 * budget, doubling each time (30 s, 1, 2, 4 min… of 10), the last wait cut to what is left;
 * null once the budget is spent. `waited`: what it has waited so far.
 */
export function retryWait(budget: number, tries: number, waited: number): number | null {
  const left = budget - waited;
  if (left < 1) return null;
  return Math.min((budget / 20) * 2 ** tries, left);
}

/** Recipients the server refused while it took the message for the others. */
export function refusedRecipients(info: SMTPPoolSentMessageInfo, scrub: (t: string) => string): string | null {
  if (!info.rejected || info.rejected.length === 0) return null;
  const errors = (info as { rejectedErrors?: { message?: string }[] }).rejectedErrors ?? [];
  const why = errors.map((e) => e.message ?? '').filter((m) => m !== '');
  return scrub(`refused ${info.rejected.join(', ')}${why.length > 0 ? `: ${why.join('; ')}` : ''}`);
}

/** A message taken for other recipients only (the Bcc) while every client address was refused: the verdict on it, or null. */
export function clientsRefused(info: SMTPPoolSentMessageInfo, clients: readonly string[], scrub: (t: string) => string): Verdict | null {
  const rejected = new Set((info.rejected ?? []).map((r) => String(r).toLowerCase()));
  if (!clients.every((c) => rejected.has(c))) return null;
  const refusals = ((info as { rejectedErrors?: RecipientRefusal[] }).rejectedErrors ?? []).filter((r) => clients.includes(String(r.recipient).toLowerCase()));
  return recipientsVerdict(refusals, scrub);
}
