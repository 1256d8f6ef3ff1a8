// The dry run into a folder: each e-mail as a real .eml (composed as it would be sent, so it
// opens in any mail client, attachments included), each letter as the PDF to print, each
// call or task as a text file.

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { letterBytes } from './letter-file.js';
import type { OutgoingEmail, Todo } from './message.js';
import type { Outbox } from './outbox.js';

export async function emlOutbox(dir: string, now: Date): Promise<Outbox> {
  await mkdir(dir, { recursive: true });
  const { buildMessage } = await import('./compose.js');
  return {
    async send(emails, report) {
      for (const email of emails) {
        const { raw } = await buildMessage(email, now);
        const file = join(dir, `${fileStem(email)}.eml`);
        await writeFile(file, raw);
        report(email, { status: 'drafted', messageId: email.messageId, error: null, file });
      }
    },
    async issue(todos, report) {
      for (const todo of todos) {
        // A letter as the PDF to print; a call or a task as its notes.
        const file = join(dir, `${fileStem(todo)}.${todo.letter === null ? 'txt' : 'pdf'}`);
        await writeFile(file, todo.letter === null ? `${todo.title}\n${todo.subject ? `\n${todo.subject}\n` : ''}\n${todo.text}` : await letterBytes(todo));
        report(todo, { status: 'todo', messageId: null, error: null, file });
      }
    },
    async close() {
      return [];
    },
  };
}

/** `F-2026-014_relance-1`: the invoices and the step, safe as a file name. */
export function fileStem(item: OutgoingEmail | Todo): string {
  const numbers = item.action.invoices.map((i) => i.number).join('+');
  return `${numbers}_${item.action.step.id}`.replace(/[^A-Za-z0-9._+-]/g, '_');
}
