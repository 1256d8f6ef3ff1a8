// The dry run into a folder: each e-mail as a real .eml (composed as it would be sent, so it
// opens in any mail client, attachments included), each letter as the PDF to print, each
// call or task as a text file.

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { letterBytes } from './letter-file.js';
import type { OutgoingEmail, Todo } from './message.js';
import type { Outbox } from './outbox.js';

const WRITES_AT_ONCE = 16;

export async function emlOutbox(dir: string, now: Date): Promise<Outbox> {
  await mkdir(dir, { recursive: true });
  const { buildMessage } = await import('./compose.js');
  return {
    async send(emails, report) {
      // Composing is CPU, writing is waiting on the disk: a few files are written while the
      // next messages are composed (half the time of a 10k dry run went to waiting).
      const writing: Promise<void>[] = [];
      try {
        for (const email of emails) {
          const { raw } = await buildMessage(email, now);
          const file = join(dir, `${fileStem(email)}.eml`);
          writing.push(writeFile(file, raw).then(() => report(email, { status: 'drafted', messageId: email.messageId, error: null, file })));
          if (writing.length >= WRITES_AT_ONCE) await writing.shift();
        }
      } finally {
        // Every write started is waited for, and the first failure, if any, is the one thrown.
        const settled = await Promise.allSettled(writing);
        const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
        if (failed) throw failed.reason;
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
