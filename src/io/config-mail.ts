// The `mail:` section of relance.yaml: who the e-mails come from and through which server.

import { badMailbox, mailboxAddress } from '../domain/email-address.js';
import { quote } from '../domain/user-text.js';
import type { ConfigReader } from './config-reader.js';

export interface MailSettings {
  from: string | null;
  replyTo: string | null;
  bcc: string | null;
  /** The SMTP URL as written (may hold a password: never print it). */
  smtp: string | null;
}

export const MAIL_KEYS = ['from', 'reply_to', 'bcc', 'smtp'] as const;

export const NO_MAIL: MailSettings = { from: null, replyTo: null, bcc: null, smtp: null };

export function readMail(reader: ConfigReader): MailSettings {
  reader.section('mail', MAIL_KEYS);
  const text = (key: (typeof MAIL_KEYS)[number]) => reader.text(['mail', key]);
  const mail: MailSettings = { from: text('from'), replyTo: text('reply_to'), bcc: text('bcc'), smtp: text('smtp') };
  // Checked here, so that every command and check say it: a bad From fails every message.
  const addresses = [['from', mail.from, false], ['reply_to', mail.replyTo, false], ['bcc', mail.bcc, true]] as const;
  for (const [key, value, several] of addresses) {
    if (value === null) continue;
    const bad = several ? badMailbox(value) : mailboxAddress(value) === null ? value : null;
    if (bad !== null) {
      reader.fail(['mail', key], `${quote(bad)} is not an e-mail address`, several ? 'write addresses like archives@example.fr, separated by ","' : 'write it like compta@example.fr or "Atelier Dupont <compta@example.fr>"');
    }
  }
  return mail;
}
