// The dry run: every message and to-do drafted, printed when asked, nothing sent or recorded.

import { draftHeading, formatEmailDraft, formatTodo } from '../mail/draft-text.js';
import type { Outbox } from './outbox.js';

/** `print` shows each draft (text output); null drafts silently (JSON output). */
export function draftOutbox(print: ((text: string) => Promise<void>) | null): Outbox {
  return {
    async send(emails, report) {
      for (const [i, email] of emails.entries()) {
        if (print) await print(`${formatEmailDraft(email, draftHeading('e-mail', i + 1, emails.length, email))}\n`);
        report(email, { status: 'drafted', messageId: email.messageId, error: null, file: null });
      }
    },
    async issue(todos, report) {
      for (const [i, todo] of todos.entries()) {
        if (print) await print(`${formatTodo(todo, draftHeading(`to-do (${todo.channel})`, i + 1, todos.length, todo))}\n`);
        report(todo, { status: 'todo', messageId: null, error: null, file: null });
      }
    },
    async close() {
      return [];
    },
  };
}
