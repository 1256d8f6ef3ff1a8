// The one redaction every message goes through: the password of any user:password@host,
// whatever the URL around it looks like, and nothing else of the message.

import { describe, expect, it } from 'vitest';
import { redactSecrets } from '../../src/render/redact.js';

describe('redactSecrets', () => {
  it.each([
    ['smtp://u:secret@h:587', 'smtp://u:***@h:587'],
    ['error talking to smtps://a%40b:p%3Ass@h.example:465: timeout', 'error talking to smtps://a%40b:***@h.example:465: timeout'],
    // A password written without %-encoding: everything up to the host goes.
    ['smtp://user:pa@ssword@smtp.example:465', 'smtp://user:***@smtp.example:465'],
    ['"smtp://user:p@ss#word@smtp.example" is not an SMTP URL', '"smtp://user:***@smtp.example" is not an SMTP URL'],
    // Malformed shapes: no //, one /, no colon, no scheme at all, a bad port.
    ['"smtp:user:secret@host" is wrong', '"smtp:user:***@host" is wrong'],
    ['smtp:/user:secret@host', 'smtp:/user:***@host'],
    ['smtps//u:secret@host', 'smtps//u:***@host'],
    ['user:secret@host', 'user:***@host'],
    ['smtp://u:secret@host:99999', 'smtp://u:***@host:99999'],
    // A quoted value is one value: a password with a space in it goes whole.
    ['"smtp://u:p secret@host/x" has something after the server', '"smtp://u:***@host/x" has something after the server'],
    ['(smtp://u:secret@h)', '(smtp://u:***@h)'],
  ])('%s', (text, redacted) => {
    expect(redactSecrets(text)).toBe(redacted);
  });

  it.each([
    'smtp://h:587',
    'smtp://user@h',
    'smtp:compta@smtp.example',
    'smtp://compta%40atelier-dupont.example@smtp.example:587',
    'relance.yaml:3: mail.from: "Atelier Dupont <compta@atelier-dupont.example>" — fix it',
    'From "Dupont: compta <a@b.example>" is not an address',
    'mailto:a@b.example',
    'RCPT TO:<a@b.example> refused at 09:30: 550 no such user',
    'factures.csv:12: email: "a@b" has no domain',
  ])('leaves %s as it is', (text) => {
    expect(redactSecrets(text)).toBe(text);
  });
});
