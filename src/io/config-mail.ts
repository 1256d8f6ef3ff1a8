// The `mail:` section of relance.yaml: who the e-mails come from, through which server,
// and how long to wait for it (RFC 5321 § 4.5.3.2) and for a temporary refusal to pass.

import { resolve } from 'node:path';
import { badMailbox, mailboxAddress } from '../domain/email-address.js';
import { quote } from '../domain/user-text.js';
import type { ConfigReader } from './config-reader.js';
import { isRecord } from './config-reader.js';

export interface MailSettings {
  from: string | null;
  replyTo: string | null;
  bcc: string | null;
  /** The SMTP URL as written (may hold a password: never print it). */
  smtp: string | null;
  /** Seconds a message refused for now (4xx, greylisting) is retried within the run, in all; 0: not at all. */
  retrySeconds: number;
  /** Seconds to wait for the server: each reply (greeting, commands), and the reply to the end of the data. */
  timeouts: { reply: number; data: number };
  /** A certificate authority (PEM) to check the server's certificate with, absolute; null: the system's. */
  ca: string | null;
  /** The name relance gives itself in EHLO; null: the machine's (or its address). */
  name: string | null;
}

export const MAIL_KEYS = ['from', 'reply_to', 'bcc', 'smtp', 'retry_seconds', 'timeouts', 'ca', 'name'] as const;
const TIMEOUT_KEYS = ['reply', 'data'] as const;

/** RFC 5321 § 4.5.3.2: 5 minutes for a reply, 10 for the end of the data; greylisting lifts within minutes. */
export const MAIL_DEFAULTS = { retrySeconds: 600, timeouts: { reply: 300, data: 600 } } as const;

export const NO_MAIL: MailSettings = { from: null, replyTo: null, bcc: null, smtp: null, retrySeconds: MAIL_DEFAULTS.retrySeconds, timeouts: { ...MAIL_DEFAULTS.timeouts }, ca: null, name: null };

// A host name (letters, digits, hyphens, dots) or an address literal such as [192.0.2.1].
const EHLO_NAME = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])$/;

export function readMail(reader: ConfigReader): MailSettings {
  const section = reader.section('mail', MAIL_KEYS);
  const text = (key: (typeof MAIL_KEYS)[number]) => reader.text(['mail', key]);
  const mail: MailSettings = {
    from: text('from'),
    replyTo: text('reply_to'),
    bcc: text('bcc'),
    smtp: text('smtp'),
    retrySeconds: seconds(reader, ['mail', 'retry_seconds'], MAIL_DEFAULTS.retrySeconds, true),
    timeouts: { ...MAIL_DEFAULTS.timeouts },
    ca: null,
    name: text('name'),
  };
  // Checked here, so that every command and check say it: a bad From fails every message.
  const addresses = [['from', mail.from, false], ['reply_to', mail.replyTo, false], ['bcc', mail.bcc, true]] as const;
  for (const [key, value, several] of addresses) {
    if (value === null) continue;
    const bad = several ? badMailbox(value) : mailboxAddress(value) === null ? value : null;
    if (bad !== null) {
      reader.fail(['mail', key], `${quote(bad)} is not an e-mail address`, several ? 'write addresses like archives@example.fr, separated by ","' : 'write it like compta@example.fr or "Atelier Dupont <compta@example.fr>"');
    }
  }
  const timeouts = section.timeouts;
  if (timeouts !== undefined && timeouts !== null && timeouts !== '') {
    if (!isRecord(timeouts)) reader.fail(['mail', 'timeouts'], 'expected "reply:" and "data:" lines', 'write timeouts: { reply: 300, data: 600 } (seconds)');
    else {
      reader.unknownKeys(timeouts, ['mail', 'timeouts'], TIMEOUT_KEYS);
      for (const key of TIMEOUT_KEYS) mail.timeouts[key] = seconds(reader, ['mail', 'timeouts', key], MAIL_DEFAULTS.timeouts[key], false);
    }
  }
  const ca = text('ca');
  if (ca !== null) mail.ca = resolve(reader.dir, ca);
  if (mail.name !== null && !EHLO_NAME.test(mail.name)) {
    reader.fail(['mail', 'name'], `${quote(mail.name)} is not a host name`, 'write the name of this machine as the server knows it, e.g. relance.atelier-dupont.example');
  }
  return mail;
}

/** A number of seconds (decimals allowed); `zero` says whether 0 is allowed. */
function seconds(reader: ConfigReader, path: string[], fallback: number, zero: boolean): number {
  const value = reader.text(path);
  if (value === null) return fallback;
  const n = Number(value.trim());
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || (!zero && n === 0)) {
    reader.fail(path, `${quote(value)} is not a number of seconds`, zero ? 'write a number of seconds, 0 or more, e.g. 600' : 'write a number of seconds above 0, e.g. 300');
    return fallback;
  }
  return n;
}
