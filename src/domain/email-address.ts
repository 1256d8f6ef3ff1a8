// E-mail addresses as users write them: in an invoice's e-mail column (several, separated
// by ";" or ","), and in relance.yaml's mail settings (a mailbox: an address, with or
// without a display name).

// An address: no spaces or line breaks, one @, a dot in the domain. Line breaks matter
// most: one in an address is how a header gets injected into a message.
const EMAIL = /^[^\s\x00-\x1f\x7f@<>(),;:"]+@[^\s\x00-\x1f\x7f@<>(),;:"]+\.[^\s\x00-\x1f\x7f@<>(),;:".]{2,}$/;

export function isEmailAddress(text: string): boolean {
  return EMAIL.test(text);
}

export function parseEmails(text: string): { emails: string[]; bad: string | null } {
  const emails: string[] = [];
  for (const part of text.split(/[;,]/)) {
    const address = part.replace(/^[ \t]+|[ \t]+$/g, '');
    if (address === '') continue;
    if (!EMAIL.test(address)) return { emails, bad: address };
    emails.push(address);
  }
  return { emails, bad: null };
}

// `compta@x.fr`, `Atelier Dupont <compta@x.fr>`, `"Dupont, SARL" <compta@x.fr>`.
const MAILBOX = /^(?:(?:"[^"\r\n]*"|[^<>"\r\n]*?)[ \t]*<([^<>]*)>|([^<>]*))$/;

/** The address of one mailbox, or null when it is not one. */
export function mailboxAddress(text: string): string | null {
  const m = MAILBOX.exec(text.trim());
  if (m === null) return null;
  const address = (m[1] ?? m[2] ?? '').trim();
  return EMAIL.test(address) ? address : null;
}

/** Mailboxes separated by "," or ";" (outside quoted names): the first that is not one, or null. */
export function badMailbox(text: string): string | null {
  const parts = (text.match(/(?:"[^"]*"|[^,;"])+/g) ?? []).filter((p) => p.trim() !== '');
  if (parts.length === 0) return text;
  for (const part of parts) if (mailboxAddress(part) === null) return part.trim();
  return null;
}
