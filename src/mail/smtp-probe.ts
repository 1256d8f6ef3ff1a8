// One connection to the server before any message goes out: it logs in once, and reads
// what the server announces in EHLO. A wrong password is then tried once, not once per
// connection of the pool and per message (providers and fail2ban lock an account after a
// handful of failed logins); a TLS that fails stops the run the same way. `send` learns
// the server's SIZE limit and whether it takes SMTPUTF8 addresses, `check --smtp` reports
// them with STARTTLS and the AUTH mechanisms.

import SMTPConnection from 'nodemailer/lib/smtp-connection';
import type { SmtpSettings, SmtpTuning } from './smtp.js';
import { connectionOptions, scrubFor } from './smtp.js';
import { isTlsFailure } from './smtp-verdict.js';

export interface ServerFeatures {
  /** The SIZE limit in bytes; 0: SIZE announced without a limit; null: not announced. */
  size: number | null;
  smtpUtf8: boolean;
  /** `starttls`: offered and used; `tls`: TLS from the first byte (smtps://); `none`: plain (loopback only). */
  tls: 'starttls' | 'tls' | 'none';
  /** The AUTH mechanisms announced, as the server lists them. */
  auth: string[];
}

export interface ProbeFailure {
  /** `auth`: the login was refused; `tls`: TLS could not be set up or the certificate was refused; else the connection. */
  kind: 'auth' | 'tls' | 'connection';
  /** The error, the password scrubbed from it, on one line. */
  reason: string;
  code: string | null;
}

export type ProbeResult = { ok: true; features: ServerFeatures } | { ok: false; failure: ProbeFailure };

/** Connects, reads EHLO, upgrades to TLS as the pool would, logs in when there is a user, then QUIT. `cancel` closes it. */
export function probeServer(settings: SmtpSettings, tuning: SmtpTuning): { result: Promise<ProbeResult>; cancel: () => void } {
  const ehlo: string[] = [];
  let lastCommand = '';
  // The transaction log goes to this logger only: the server's replies, and our commands
  // (nodemailer masks the AUTH ones) to know which reply answers EHLO.
  const logger = {
    debug(entry: { tnx?: string }, message: unknown) {
      if (entry.tnx === 'client') lastCommand = String(message);
      else if (entry.tnx === 'server' && /^(EHLO|LHLO) /i.test(lastCommand) && /^250[ -]/.test(String(message))) ehlo.push(String(message));
    },
    info() {},
    warn() {},
    error() {},
    trace() {},
    fatal() {},
  };
  const connection = new SMTPConnection({ ...connectionOptions(settings, tuning), logger, transactionLog: true } as ConstructorParameters<typeof SMTPConnection>[0]);
  let cancel = (): void => undefined;
  const result = new Promise<ProbeResult>((resolve) => {
    let settled = false;
    const finish = (result: ProbeResult): void => {
      if (settled) return;
      settled = true;
      if (result.ok) connection.quit();
      else connection.close();
      resolve(result);
    };
    const fail = (err: Error & { code?: string }): void => finish({ ok: false, failure: failureOf(err, settings) });
    cancel = () => finish({ ok: false, failure: { kind: 'connection', reason: 'the run stopped before the login', code: null } });
    connection.on('error', fail);
    connection.connect((err) => {
      if (err) return fail(err);
      const features = featuresOf(ehlo, settings);
      if (settings.user === null || !connection.allowsAuth) return finish({ ok: true, features });
      connection.login({ user: settings.user, credentials: { user: settings.user, pass: settings.password ?? '' } }, (loginErr) => {
        if (loginErr) fail(loginErr);
        else finish({ ok: true, features });
      });
    });
  });
  return { result, cancel: () => cancel() };
}

/** What the EHLO replies announce: the last one (after STARTTLS) for the extensions, the first for STARTTLS. */
export function featuresOf(replies: readonly string[], settings: Pick<SmtpSettings, 'secure'>): ServerFeatures {
  const lines = (reply: string | undefined) => (reply ?? '').split(/\r?\n/).map((l) => l.replace(/^250[ -]/, '').trim());
  const last = lines(replies.at(-1)).slice(1);
  const size = last.map((l) => /^SIZE(?:\s+(\d+))?$/i.exec(l)).find((m) => m !== null);
  const offered = lines(replies[0]).some((l) => /^STARTTLS$/i.test(l));
  const auth = last.map((l) => /^AUTH[ =](.*)$/i.exec(l)).find((m) => m !== null);
  return {
    size: size ? Number(size[1] ?? 0) : null,
    smtpUtf8: last.some((l) => /^SMTPUTF8$/i.test(l)),
    tls: settings.secure ? 'tls' : offered && replies.length > 1 ? 'starttls' : 'none',
    auth: auth ? auth[1]!.trim().split(/[\s=]+/).filter((m) => m !== '') : [],
  };
}

/** An SMTP or socket error, sorted: a refused login, a TLS failure, or the connection. */
export function failureOf(err: Error & { code?: string; originalCode?: string; responseCode?: number }, settings: SmtpSettings): ProbeFailure {
  const reason = scrubFor(settings, (err.message || String(err)).split('\n')[0]!).trim();
  const auth = err.code === 'EAUTH' || err.code === 'ENOAUTH' || err.responseCode === 530 || err.responseCode === 534 || err.responseCode === 535;
  return { kind: auth ? 'auth' : isTlsFailure(err) ? 'tls' : 'connection', reason, code: err.originalCode ?? err.code ?? null };
}
