import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { isLoopback, scrub, smtpSettings } from '../../src/mail/smtp.js';
import { formatIssue } from '../../src/render/issues.js';
import { configIn } from './outgoing.js';

const config = (smtp: string | null) => configIn('/tmp', smtp);

function problem(smtp: string | null, env: Record<string, string> = {}): string {
  try {
    smtpSettings(config(smtp), env);
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as InputError).issues.map(formatIssue).join('\n');
  }
  throw new Error('no problem found');
}

describe('smtpSettings', () => {
  it('reads the server, the user and the password; the URL is shown without it', () => {
    expect(smtpSettings(config('smtp://compta%40atelier.example:p%40ss@smtp.example:587'), {})).toEqual({
      host: 'smtp.example',
      port: 587,
      secure: false,
      loopback: false,
      user: 'compta@atelier.example',
      password: 'p@ss',
      display: 'smtp://compta%40atelier.example:***@smtp.example:587',
      name: null,
      ca: null,
    });
  });

  it.each([
    ['smtp://smtp.example', { port: 587, secure: false, loopback: false }],
    ['smtps://smtp.example', { port: 465, secure: true, loopback: false }],
    ['smtps://smtp.example:2465', { port: 2465, secure: true }],
    ['smtp://127.0.0.1:2525', { port: 2525, loopback: true }],
    ['smtp://localhost:25', { loopback: true }],
    ['smtp://[::1]:25', { host: '::1', loopback: true, display: 'smtp://[::1]:25' }],
  ])('%s', (url, expected) => {
    expect(smtpSettings(config(url), {})).toMatchObject(expected);
  });

  it('RELANCE_SMTP_URL wins over mail.smtp; RELANCE_SMTP_PASSWORD gives the password', () => {
    const s = smtpSettings(config('smtp://old.example'), { RELANCE_SMTP_URL: 'smtps://compta@new.example', RELANCE_SMTP_PASSWORD: 'from-env' });
    expect(s).toMatchObject({ host: 'new.example', user: 'compta', password: 'from-env', display: 'smtps://compta:***@new.example:465' });
    // A password written in the URL comes first.
    expect(smtpSettings(config('smtp://u:in-url@h.example'), { RELANCE_SMTP_PASSWORD: 'from-env' }).password).toBe('in-url');
  });

  it.each([
    [null, {}, 'relance.yaml: mail.smtp: no SMTP server to send the e-mails through — set mail.smtp in relance.yaml or RELANCE_SMTP_URL (write smtp://user@host:587 (STARTTLS) or smtps://user@host:465 (TLS); the password may go in RELANCE_SMTP_PASSWORD), or look at the drafts with --dry-run'],
    // Malformed shapes: each says what is wrong, none shows the password.
    ['smtp//u:secret@host', {}, 'relance.yaml: mail.smtp: "smtp//u:***@host" is missing the ":" between "smtp" and "//" — write smtp://, e.g. smtp://user@host'],
    ['smtps//u:secret@host', {}, 'relance.yaml: mail.smtp: "smtps//u:***@host" is missing the ":" between "smtps" and "//" — write smtps://, e.g. smtps://user@host'],
    ['smtp:user:secret@host', {}, 'relance.yaml: mail.smtp: "smtp:user:***@host" is missing the "//" after "smtp:" — write smtp://, e.g. smtp://user@host'],
    ['smtp:/user:secret@host', {}, 'relance.yaml: mail.smtp: "smtp:/user:***@host" is missing a "/" after "smtp:" — write smtp://, e.g. smtp://user@host'],
    ['user:secret@host', {}, 'relance.yaml: mail.smtp: "user:***@host" does not start with smtp:// or smtps:// — write smtp://user@host:587 (STARTTLS) or smtps://user@host:465 (TLS); the password may go in RELANCE_SMTP_PASSWORD'],
    ['smtp://u:secret@host:99999', {}, 'relance.yaml: mail.smtp: "smtp://u:***@host:99999": 99999 is not a port number (1 to 65535) — the usual ones: 587 for smtp:// (STARTTLS), 465 for smtps:// (TLS)'],
    ['smtp://u:p secret@host', {}, 'relance.yaml: mail.smtp: "smtp://u:***@host" has a space in it — an SMTP URL has none: write a space in the password as %20, or put the password in RELANCE_SMTP_PASSWORD'],
    ['smtp://u:secret', {}, 'relance.yaml: mail.smtp: "smtp://u:***" is not a URL — write smtp://user@host:587 (STARTTLS) or smtps://user@host:465 (TLS); the password may go in RELANCE_SMTP_PASSWORD'],
    ['smtp://[::1]:25/x', {}, 'relance.yaml: mail.smtp: "smtp://[::1]:25/x" has something after the server and port — relance takes no options in the URL: write smtp://user@host:587 (STARTTLS) or smtps://user@host:465 (TLS); the password may go in RELANCE_SMTP_PASSWORD'],
    ['https://u:secret@host', {}, 'relance.yaml: mail.smtp: "https://u:***@host" is not an SMTP URL (https://) — write smtp://user@host:587 (STARTTLS) or smtps://user@host:465 (TLS); the password may go in RELANCE_SMTP_PASSWORD'],
    ['smtp://host/x?secure=false', {}, 'relance.yaml: mail.smtp: "smtp://host/x?secure=false" has something after the server and port — relance takes no options in the URL: write smtp://user@host:587 (STARTTLS) or smtps://user@host:465 (TLS); the password may go in RELANCE_SMTP_PASSWORD'],
    ['smtp://u:secret@mail.example:465', {}, 'relance.yaml: mail.smtp: "smtp://u:***@mail.example:465": port 465 speaks TLS from the first byte — write smtps://mail.example:465'],
    ['smtp://:secret@mail.example', {}, 'relance.yaml: mail.smtp: "smtp://:***@mail.example" has a password but no user name — write smtp://user@host:587 and the password in RELANCE_SMTP_PASSWORD'],
    ['smtp://compta@mail.example', {}, 'relance.yaml: mail.smtp: "smtp://compta@mail.example": no password for compta — export RELANCE_SMTP_PASSWORD=… (safer than writing it in the URL)'],
    ['smtp://compta:%E0%A4%A@mail.example', {}, 'relance.yaml: mail.smtp: "smtp://compta:***@mail.example": the user name or password is not well %-encoded — write @ as %40 and : as %3A in them'],
    ['smtp://ok.example', { RELANCE_SMTP_URL: 'ftp://x' }, 'RELANCE_SMTP_URL: "ftp://x" is not an SMTP URL (ftp://) — write smtp://user@host:587 (STARTTLS) or smtps://user@host:465 (TLS); the password may go in RELANCE_SMTP_PASSWORD'],
  ])('%s %o → exit 2 with the problem', (url, env, message) => {
    expect(problem(url, env)).toBe(message);
    expect(message).not.toContain('secret');
  });

  it('never quotes RELANCE_SMTP_PASSWORD, even when it sits in the URL too', () => {
    expect(problem('http://u:hunter22@h', { RELANCE_SMTP_PASSWORD: 'hunter22' })).not.toContain('hunter22');
    // An @ or a # left in the password: nothing of it shows.
    for (const url of ['smtp://user:pa@ssword@smtp.example:465', 'smtp://user:p@ss#word@smtp.example:587']) {
      const said = problem(url, {});
      expect(said).toContain('user:***@smtp.example');
      expect(said).not.toMatch(/pa@|@ssword|p@ss|#word/);
    }
  });
});

describe('redaction', () => {
  it('scrubs the password as is, %-encoded and as AUTH LOGIN / AUTH PLAIN carry it', () => {
    const pass = 'p@ss:wörd';
    const login = Buffer.from(pass).toString('base64');
    const plain = Buffer.from(`\0user\0${pass}`).toString('base64');
    const text = `535 bad ${pass} / ${encodeURIComponent(pass)} / ${login} / ${plain}`;
    expect(scrub(text, [pass], 'user')).toBe('535 bad *** / *** / *** / ***');
  });

  it.each([
    ['127.0.0.1', true],
    ['127.8.9.10', true],
    ['localhost', true],
    ['LOCALHOST', true],
    ['::1', true],
    ['[::1]', true],
    ['10.0.0.1', false],
    ['smtp.example', false],
    ['127.0.0.1.example', false],
  ])('isLoopback(%s) = %s', (host, loopback) => {
    expect(isLoopback(host)).toBe(loopback);
  });
});
