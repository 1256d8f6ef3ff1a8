// Rendering a loaded reminder template for one message: the subject on one line, the text
// tidied, the HTML part as written; a failure is an issue, never half a message.

import type { Issue } from '../domain/issue.js';
import { error } from '../domain/issue.js';
import type { ReminderContext, ReminderTemplate, RenderedReminder, TemplatePart } from './template-types.js';
import { issueFromError } from './template-errors.js';
import { frenchHtml, frenchText } from './french-typography.js';

/** Renders the subject (one line), the text and the HTML part; issues (and no message) when it fails. */
export function renderReminder(
  template: ReminderTemplate,
  context: ReminderContext,
): { message: RenderedReminder | null; issues: Issue[] } {
  const issues: Issue[] = [];
  const run = (part: TemplatePart): string => {
    try {
      return part.render(context);
    } catch (e) {
      issues.push(issueFromError(e, part));
      return '';
    }
  };
  // One line: a newline in a subject would break the message's headers.
  const subject = run(template.subject).replace(/\s+/g, ' ').trim();
  // French messages get their no-break spaces (before : ; ? !, in amounts) in every part.
  const french = context.language === 'fr';
  const rawText = tidyText(run(template.text));
  const text = french ? frenchText(rawText) : rawText;
  const rawHtml = template.html ? run(template.html) : null;
  const html = rawHtml !== null && french ? frenchHtml(rawHtml) : rawHtml;
  if (issues.length === 0 && subject === '') {
    const { file, lineOffset } = template.subject;
    issues.push(error(file, lineOffset + 1, 'subject', 'the subject is empty for this message', 'give the subject some fixed text, e.g. the invoice number'));
  }
  if (issues.length > 0) return { message: null, issues };
  return { message: { subject, text, html }, issues };
}

/** No trailing spaces, no run of blank lines left by a skipped block, one final newline. */
function tidyText(text: string): string {
  return (
    text
      .split('\n')
      .map((l) => (l === '-- ' ? l : l.trimEnd())) // "-- " is the signature delimiter
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .replace(/^\n+/, '')
      .replace(/\n*$/, '\n')
  );
}
