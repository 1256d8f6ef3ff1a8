// What the server's announcements and a stopped run say, in words: a message the server
// said it cannot take (over its SIZE, an address it cannot carry without SMTPUTF8), and
// the one line that names the account or the TLS problem when the run stops on it.

import { formatByteSize } from '../domain/byte-size.js';
import type { BuiltMessage } from './compose.js';
import type { SmtpSettings } from './smtp.js';
import type { ProbeFailure, ServerFeatures } from './smtp-probe.js';

/** Why the server cannot take this message, from what it announced; null when it can. */
export function refusedAtSend(built: BuiltMessage, features: ServerFeatures, settings: SmtpSettings): { what: 'address' | 'message'; reason: string } | null {
  if (features.size !== null && features.size > 0 && built.raw.length > features.size) {
    return {
      what: 'message',
      reason: `the message is ${formatByteSize(built.raw.length)} and ${settings.display} takes ${formatByteSize(features.size)} at most (its SIZE): not sent — attach a smaller PDF, then relance record ${built.email.action.invoices[0]!.number} retry`,
    };
  }
  if (built.needsSmtpUtf8 && !features.smtpUtf8) {
    const addresses = built.envelope.to.filter((a) => /[^\x00-\x7f]/.test(a.slice(0, a.lastIndexOf('@'))));
    return {
      what: 'address',
      reason: `${addresses.join(', ')} has letters beyond ASCII before the @, and ${settings.display} does not announce SMTPUTF8 (RFC 6531), so it cannot carry it: not sent — ask the client for an ASCII address, or send through a server that takes SMTPUTF8`,
    };
  }
  return null;
}

/** The one reason every message left is "not attempted" for, when the login or TLS fails. */
export function stopReason(cause: 'auth' | 'tls', reason: string, settings: SmtpSettings): string {
  if (cause === 'auth') {
    const account = settings.user === null ? 'relance (no user name in the URL)' : `the account ${JSON.stringify(settings.user)}`;
    return `${settings.display} refused the login of ${account} (${reason}) — check the user name in the URL and the password (RELANCE_SMTP_PASSWORD); relance stopped at the first refusal, so that the account is not locked`;
  }
  const hint = settings.ca !== null ? 'check that mail.ca is the authority that signed the server’s certificate' : 'if the server’s certificate comes from a company authority, name its PEM file in mail.ca';
  return `TLS with ${settings.display} failed (${reason}) — ${hint}`;
}

/** The same for the login made before any message (smtp-probe.ts), and a server that cannot be reached. */
export function probeStopReason(failure: ProbeFailure, settings: SmtpSettings): string {
  if (failure.kind !== 'connection') return stopReason(failure.kind, failure.reason, settings);
  return `${settings.display} could not be reached (${failure.reason})`;
}
