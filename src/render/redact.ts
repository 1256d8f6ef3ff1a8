// The one redaction every message relance prints goes through (issues, usage errors, the
// SMTP errors, commander's own): the password of any `user:password@host`, whatever shape
// the URL around it has — `smtp://`, `smtp:`, `smtp:/`, `smtps//`, no scheme at all.

/**
 * The text with the password part of every URL-like value as `***`: each quoted value as
 * a whole (a password may hold a space), then each run of non-space characters.
 */
export function redactSecrets(text: string): string {
  // No userinfo without an @: most messages are left as they are, at no cost.
  if (!text.includes('@')) return text;
  return text.replace(/"([^"\n]*)"/g, (_, inner: string) => `"${redactUserinfo(inner)}"`).replace(/[^\s"]+/g, redactUserinfo);
}

/**
 * One value: everything between the colon after the user name and the last @ (a password
 * written without %-encoding may hold an @, a # or a /) becomes `***`.
 * `smtp://u:p@ss@host:587` → `smtp://u:***@host:587`; `user:pw@host` → `user:***@host`.
 */
export function redactUserinfo(value: string): string {
  const at = value.lastIndexOf('@');
  if (at < 0) return value;
  // `smtp://`, `smtp:/`, `smtps//`, `smtp:`: what comes before the user name, when there is one.
  const scheme = /^[^\s:/@]*(?::\/+|\/\/)/.exec(value)?.[0] ?? /^[^\s:/@a-z]*smtps?:/i.exec(value)?.[0] ?? '';
  const colon = value.indexOf(':', scheme.length);
  if (colon < 0 || colon > at) return value;
  const user = value.slice(scheme.length, colon);
  // `Dupont: compta <a@b>`, `TO:<a@b>` and `mailto:a@b` are addresses: no password there.
  if (/\s/.test(user) || /[\s<]/.test(value[colon + 1] ?? ' ') || user.toLowerCase() === 'mailto') return value;
  return `${value.slice(0, colon)}:***@${value.slice(at + 1)}`;
}
