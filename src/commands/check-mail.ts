// What `relance check` says of the e-mails before a run meets it: each attached PDF within
// the rules and the message it makes not too big for mail servers (10 MB, or the server's
// own SIZE with --smtp), addresses the server can carry, and with --smtp the login itself
// and what the server announces (SIZE, SMTPUTF8, STARTTLS, AUTH).

import { stat } from 'node:fs/promises';
import { formatByteSize } from '../domain/byte-size.js';
import type { Invoice } from '../domain/invoice.js';
import type { Issue } from '../domain/issue.js';
import { error, warning } from '../domain/issue.js';
import { InputError } from '../errors.js';
import { checkAttachment } from '../io/attachment-rules.js';
import type { Config } from '../io/config.js';
import type { ServerFeatures } from '../mail/smtp-probe.js';
import type { Cli } from './common.js';

/** Postfix's default message_size_limit (10 240 000 bytes): above it many servers refuse a message. */
const COMMON_LIMIT = 10_000_000;

/** A message with this PDF attached, about: base64 (4/3, lines of 76 + CRLF), and the text, HTML and headers. */
export function estimatedMessageSize(pdfBytes: number): number {
  return Math.ceil(pdfBytes / 3) * 4 * (78 / 76) + 16_000;
}

/** The attached PDFs: there and within the rules (attachment-rules.ts), and the messages they make not too big. */
export async function attachmentIssues(invoices: readonly Invoice[], config: Config, server: ServerFeatures | null): Promise<Issue[]> {
  const issues: Issue[] = [];
  const limit = server?.size ? Math.min(server.size, COMMON_LIMIT) : COMMON_LIMIT;
  for (const invoice of invoices) {
    const found = await checkAttachment(invoice, config);
    if (found.kind !== 'ok') {
      issues.push(found.issue);
      continue;
    }
    const bytes = await stat(found.path).then((s) => s.size, () => 0);
    const size = estimatedMessageSize(bytes);
    if (size <= limit) continue;
    const whose = server?.size && server.size <= COMMON_LIMIT ? `the server takes ${formatByteSize(server.size)} at most (its SIZE), so it would refuse them` : 'above 10 MB many servers refuse a message (Postfix’s default limit)';
    issues.push(
      warning(invoice.source.file, invoice.source.line, 'attachment', `the e-mails of ${invoice.number} will be about ${formatByteSize(size)} with its PDF (${formatByteSize(bytes)}): ${whose}`, 'attach a lighter PDF (a scan at 150 dpi, or the PDF as the invoicing tool exports it)'),
    );
  }
  return issues;
}

/** Addresses with letters beyond ASCII before the @: only a server announcing SMTPUTF8 carries them. */
export function smtpUtf8Issues(invoices: readonly Invoice[], server: ServerFeatures, display: string): Issue[] {
  if (server.smtpUtf8) return [];
  return invoices.flatMap((invoice) =>
    invoice.emails
      .filter((e) => /[^\x00-\x7f]/.test(e.slice(0, e.lastIndexOf('@'))))
      .map((e) => warning(invoice.source.file, invoice.source.line, 'email', `${e} (invoice ${invoice.number}) needs a server that announces SMTPUTF8, and ${display} does not: relance send would mark it bounced`, 'ask the client for an address in ASCII, or send through a server that takes SMTPUTF8')),
  );
}

/** Logs in once (as send does before the pool) and reads what the server announces; sends nothing. */
export async function smtpCheck(config: Config, env: Cli['env']): Promise<{ issues: Issue[]; display: string | null; server: ServerFeatures | null }> {
  const [{ DEFAULT_TUNING, smtpSettings, tuningFor }, { probeServer }] = await Promise.all([import('../mail/smtp.js'), import('../mail/smtp-probe.js')]);
  let settings;
  try {
    settings = smtpSettings(config, env);
  } catch (e) {
    if (e instanceof InputError) return { issues: [...e.issues], display: null, server: null };
    throw e;
  }
  const result = await probeServer(settings, { ...DEFAULT_TUNING, ...tuningFor(config.mail), connections: 1 }).result;
  if (result.ok) return { issues: [], display: settings.display, server: result.features };
  const fromEnv = env.RELANCE_SMTP_URL !== undefined && env.RELANCE_SMTP_URL.trim() !== '';
  const { kind, reason, code } = result.failure;
  const hint = kind === 'auth' ? 'check the user name in the URL and the password in RELANCE_SMTP_PASSWORD' : kind === 'tls' ? tlsHint(code, config) : connectionHint(code);
  return { issues: [error(fromEnv ? 'RELANCE_SMTP_URL' : config.display, undefined, fromEnv ? undefined : 'mail.smtp', `cannot log in to ${settings.display}: ${reason}`, hint)], display: null, server: null };
}

/** `SIZE 10 MB · SMTPUTF8 yes · STARTTLS yes · AUTH PLAIN, LOGIN`: what the server announced. */
export function featuresLine(display: string, server: ServerFeatures): string {
  const size = server.size === null ? 'SIZE not announced' : server.size === 0 ? 'SIZE without a limit' : `SIZE ${formatByteSize(server.size)}`;
  const tls = server.tls === 'starttls' ? 'STARTTLS yes' : server.tls === 'tls' ? 'TLS from the first byte (smtps)' : 'STARTTLS no (plain: loopback only)';
  const auth = server.auth.length === 0 ? 'AUTH not announced' : `AUTH ${server.auth.join(', ')}`;
  return `SMTP server ${display}: ${size} · SMTPUTF8 ${server.smtpUtf8 ? 'yes' : 'no'} · ${tls} · ${auth}`;
}

function tlsHint(code: string | null, config: Config): string {
  if (code === 'ETLS') return 'the server does not offer STARTTLS: use smtps://host:465 if it speaks TLS, or ask your provider';
  return config.mail.ca !== null ? 'check that mail.ca is the authority that signed the server’s certificate' : 'if the server’s certificate comes from a company authority, name its PEM file in mail.ca';
}

function connectionHint(code: string | null): string {
  if (code === 'EDNS') return 'check the server name in the URL';
  return 'check the server name and port, and that this machine may reach it (a firewall, a provider that blocks port 25)';
}
