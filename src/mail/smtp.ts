// The SMTP server `send` goes through: its URL read and checked before anything is sent,
// the password kept out of every message relance prints or writes, and nodemailer's
// connection pool (docs/performance.md: pool, maxMessages Infinity, several connections) set
// up as the config says: its certificate authority, the EHLO name, the timeouts.

import { readFileSync } from 'node:fs';
import SMTPPool from 'nodemailer/lib/smtp-pool';
import { error as issue } from '../domain/issue.js';
import { InputError } from '../errors.js';
import type { Config } from '../io/config.js';
import { redactSecrets } from '../render/redact.js';

export interface SmtpSettings {
  host: string;
  port: number;
  /** smtps:// — TLS from the first byte. Else STARTTLS, required unless on loopback. */
  secure: boolean;
  loopback: boolean;
  user: string | null;
  password: string | null;
  /** The URL as relance prints it: `smtp://user:***@host:587`. */
  display: string;
  /** mail.name: the name given in EHLO; null: nodemailer's (the machine's name, or its address). */
  name: string | null;
  /** mail.ca: the certificate authority the server's certificate is checked with (on loopback too). */
  ca: Buffer | null;
}

export interface SmtpTuning {
  /** Connections in the pool: a few, as providers limit them per account. */
  connections: number;
  /** Milliseconds to open the connection and get the greeting (nodemailer counts the greeting in). */
  connectionTimeout: number;
  /** Milliseconds for the server's 220 greeting (RFC 5321 § 4.5.3.2: 5 minutes). */
  greetingTimeout: number;
  /** Milliseconds for the replies to a message's envelope (MAIL, RCPT, DATA: 5 minutes). */
  replyTimeout: number;
  /** Milliseconds of silence on an open connection: the wait for the reply to the end of the data (10 minutes). */
  socketTimeout: number;
  /** Milliseconds a message refused for now (4xx) may wait, in all, to be tried again within the run; 0: not. */
  retryWait: number;
  /**
   * Messages with an intent on disk and no outcome yet, at most: what a crash can leave
   * uncertain. Enough to keep the pool busy while the journal syncs.
   */
  inFlight: number;
  /** Milliseconds that a stopped run (SIGTERM, Ctrl-C) waits for the answers to messages already on their way. */
  stopWait: number;
}

export const DEFAULT_TUNING: SmtpTuning = {
  connections: 5,
  connectionTimeout: 300_000,
  greetingTimeout: 300_000,
  replyTimeout: 300_000,
  socketTimeout: 600_000,
  retryWait: 600_000,
  inFlight: 20,
  stopWait: 30_000,
};

/** The tuning mail.timeouts and mail.retry_seconds ask for (seconds in the config). */
export function tuningFor(mail: Config['mail']): Partial<SmtpTuning> {
  const reply = mail.timeouts.reply * 1000;
  return { connectionTimeout: reply, greetingTimeout: reply, replyTimeout: reply, socketTimeout: mail.timeouts.data * 1000, retryWait: mail.retrySeconds * 1000 };
}

const URL_HINT = 'write smtp://user@host:587 (STARTTLS) or smtps://user@host:465 (TLS); the password may go in RELANCE_SMTP_PASSWORD';

/**
 * The server from RELANCE_SMTP_URL (which wins) or `mail.smtp`, the password from the URL
 * or RELANCE_SMTP_PASSWORD. Throws InputError (exit 2, nothing sent) when it is missing
 * or unusable; no message quotes the password.
 */
export function smtpSettings(config: Config, env: Readonly<Record<string, string | undefined>>): SmtpSettings {
  const fromEnv = env.RELANCE_SMTP_URL !== undefined && env.RELANCE_SMTP_URL.trim() !== '';
  const text = (fromEnv ? env.RELANCE_SMTP_URL! : (config.mail.smtp ?? '')).trim();
  const envPassword = env.RELANCE_SMTP_PASSWORD === '' ? undefined : env.RELANCE_SMTP_PASSWORD;
  // The password as written, whatever shape the URL has: scrubbed from every message below.
  const written = writtenPassword(text);
  const secrets = [envPassword, written, written === undefined ? undefined : safeDecode(written)].filter((s): s is string => s !== undefined && s !== '');
  const fail = (message: string, hint: string): never => {
    const where = fromEnv ? issue('RELANCE_SMTP_URL', undefined, undefined, scrub(message, secrets), hint) : issue(config.display, undefined, 'mail.smtp', scrub(message, secrets), hint);
    throw new InputError([where]);
  };

  if (text === '') fail('no SMTP server to send the e-mails through', `set mail.smtp in ${config.display} or RELANCE_SMTP_URL (${URL_HINT}), or look at the drafts with --dry-run`);
  const shown = smtpDisplay(text);
  const shape = shapeProblem(text);
  if (shape !== null) fail(`"${shown}" ${shape.problem}`, shape.hint);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    const port = /:(\d+)$/.exec(text.slice(text.lastIndexOf('@') + 1))?.[1];
    if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) fail(`"${shown}": ${port} is not a port number (1 to 65535)`, 'the usual ones: 587 for smtp:// (STARTTLS), 465 for smtps:// (TLS)');
    return fail(`"${shown}" is not a URL`, URL_HINT);
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') fail(`"${shown}" is not an SMTP URL (${url.protocol}//)`, URL_HINT);
  const secure = url.protocol === 'smtps:';
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (host === '') fail(`"${shown}" names no server`, URL_HINT);
  if ((url.pathname !== '' && url.pathname !== '/') || url.search !== '' || url.hash !== '') {
    fail(`"${shown}" has something after the server and port`, `relance takes no options in the URL: ${URL_HINT}`);
  }
  const port = url.port === '' ? (secure ? 465 : 587) : Number(url.port);
  if (!secure && port === 465) fail(`"${shown}": port 465 speaks TLS from the first byte`, `write smtps://${url.host}`);

  let user: string | null = null;
  let password: string | null = null;
  try {
    user = url.username === '' ? null : decodeURIComponent(url.username);
    password = url.password === '' ? null : decodeURIComponent(url.password);
  } catch {
    fail(`"${shown}": the user name or password is not well %-encoded`, 'write @ as %40 and : as %3A in them');
  }
  if (password !== null) secrets.push(password);
  password ??= envPassword ?? null;
  if (password !== null && user === null) fail(`"${shown}" has a password but no user name`, 'write smtp://user@host:587 and the password in RELANCE_SMTP_PASSWORD');
  if (user !== null && password === null) fail(`"${shown}": no password for ${user}`, 'export RELANCE_SMTP_PASSWORD=… (safer than writing it in the URL)');

  const loopback = isLoopback(host);
  const auth = user === null ? '' : `${encodeURIComponent(user)}${password === null ? '' : ':***'}@`;
  const display = `${url.protocol}//${auth}${host.includes(':') ? `[${host}]` : host}:${port}`;
  let ca: Buffer | null = null;
  if (config.mail.ca !== null) {
    try {
      ca = readFileSync(config.mail.ca);
    } catch (e) {
      const why = (e as { code?: string }).code === 'ENOENT' ? 'does not exist' : `cannot be read (${(e as { code?: string }).code ?? 'error'})`;
      throw new InputError([issue(config.display, undefined, 'mail.ca', `the certificate authority file ${JSON.stringify(config.mail.ca)} ${why}`, 'give the PEM file of the CA that signed the server’s certificate, relative to relance.yaml')]);
    }
  }
  return { host, port, secure, loopback, user, password, display, name: config.mail.name, ca };
}

/** 127.0.0.0/8, ::1 and localhost: the traffic never leaves the machine, TLS is not required. */
export function isLoopback(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) || /^::ffff:127\./.test(h);
}

/**
 * What is wrong with the shape of an SMTP URL before it is parsed: the `//` left out or
 * half written, a space. Null when the shape is right.
 */
function shapeProblem(text: string): { problem: string; hint: string } | null {
  if (/\s/.test(text)) return { problem: 'has a space in it', hint: 'an SMTP URL has none: write a space in the password as %20, or put the password in RELANCE_SMTP_PASSWORD' };
  const scheme = /^(smtps?)(:\/\/|:\/|:|\/\/)?/i.exec(text);
  if (scheme === null) return /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? null : { problem: 'does not start with smtp:// or smtps://', hint: URL_HINT };
  const [, name, after] = scheme;
  if (after === ':' || after === ':/') return { problem: `is missing ${after === ':' ? 'the "//"' : 'a "/"'} after "${name}:"`, hint: `write ${name}://, e.g. ${name}://user@host` };
  if (after === '//') return { problem: `is missing the ":" between "${name}" and "//"`, hint: `write ${name}://, e.g. ${name}://user@host` };
  return null;
}

/**
 * The URL as messages quote it, whatever its shape: `smtp:`, `smtp:/`, `smtps//` or
 * `smtp://` kept, then `user:***@host` — the password, up to the last @ (one written
 * without %-encoding may hold an @, a # or a space), never shown.
 */
function smtpDisplay(text: string): string {
  const parts = passwordPart(text);
  return parts === null ? text : `${text.slice(0, parts.start)}***${text.slice(parts.end)}`;
}

/** The password part as written, or undefined when there is none. */
function writtenPassword(text: string): string | undefined {
  const parts = passwordPart(text);
  return parts === null ? undefined : text.slice(parts.start, parts.end);
}

// What comes before the user name: smtp: and smtps: with 0 to 2 slashes or // alone, or any scheme://.
const SCHEME_PREFIX = /^(?:smtps?(?::\/{0,2}|\/\/)|[a-z][a-z0-9+.-]*:\/\/)/i;

/** Where the password is: from after the user name's colon to the last @ (or the end, with no @). */
function passwordPart(text: string): { start: number; end: number } | null {
  const begin = SCHEME_PREFIX.exec(text)?.[0].length ?? 0;
  const at = text.lastIndexOf('@');
  if (at >= begin) {
    const colon = text.indexOf(':', begin);
    return colon >= 0 && colon < at ? { start: colon + 1, end: at } : null;
  }
  // No @: `user:password` may have been written where `host:port` goes (an IPv6 host is bracketed).
  const colon = text.indexOf(':', text[begin] === '[' ? text.indexOf(']', begin) : begin);
  return colon >= 0 && !/^\d*(\/.*)?$/.test(text.slice(colon + 1)) ? { start: colon + 1, end: text.length } : null;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * The text without the password in any form it could travel in: as is, %-encoded, and
 * base64 as AUTH LOGIN and AUTH PLAIN send it (a server may echo what it received).
 */
export function scrub(text: string, secrets: readonly string[], user: string | null = null): string {
  let out = redactSecrets(text);
  for (const secret of secrets) {
    if (secret === '') continue;
    const forms = new Set([secret, encodeURIComponent(secret), base64(secret), base64(`\0${user ?? ''}\0${secret}`), base64(`${user ?? ''}\0${user ?? ''}\0${secret}`)]);
    for (const form of [...forms].sort((a, b) => b.length - a.length)) out = out.split(form).join('***');
  }
  return out;
}

/** Scrubs the password of these settings from a text. */
export function scrubFor(settings: SmtpSettings, text: string): string {
  return scrub(text, settings.password === null ? [] : [settings.password], settings.user);
}

export type { SMTPPool };

/** What a pool and a probe connection (smtp-probe.ts) are opened with: the same server, the same checks. */
export function connectionOptions(settings: SmtpSettings, tuning: SmtpTuning) {
  return {
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    // Off loopback a server that cannot STARTTLS is refused: the password and the
    // clients' data never cross the network in clear.
    requireTLS: !settings.secure && !settings.loopback,
    // A CA given is always checked against; on loopback without one, a local relay's
    // self-signed certificate protects nothing worth checking.
    tls: settings.ca !== null ? { ca: settings.ca } : settings.loopback ? { rejectUnauthorized: false } : {},
    ...(settings.name === null ? {} : { name: settings.name }),
    connectionTimeout: Math.max(tuning.connectionTimeout, tuning.greetingTimeout),
    greetingTimeout: tuning.greetingTimeout,
    socketTimeout: tuning.socketTimeout,
    logger: false,
    debug: false,
  };
}

/** The pool; nothing connects before the first message (or `verify()`). */
export function smtpTransport(settings: SmtpSettings, tuning: SmtpTuning): SMTPPool {
  return new SMTPPool({
    ...connectionOptions(settings, tuning),
    ...(settings.user === null ? {} : { auth: { user: settings.user, pass: settings.password ?? '' } }),
    maxConnections: tuning.connections,
    maxMessages: Infinity,
  });
}

/** Closes every connection, busy ones too (nodemailer's `force`): for when no answer is awaited any more. */
export function closePool(pool: SMTPPool): void {
  (pool.close as (options?: { force?: boolean }) => void).call(pool, { force: true });
}

function base64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}
