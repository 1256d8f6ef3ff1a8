// Every e-mail sent is kept, byte for byte, in `.relance/sent/` beside the journal: the
// proof of what the client received, and what `attach_previous` attaches later.

import { access, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export function archiveDir(journalPath: string): string {
  return join(dirname(journalPath), 'sent');
}

/** `<relance.3f…@atelier.example>` → `relance.3f…@atelier.example.eml`. */
export function archiveFile(journalPath: string, messageId: string): string {
  return join(archiveDir(journalPath), `${messageId.replace(/^<|>$/g, '').replace(/[^A-Za-z0-9.@_+-]/g, '_')}.eml`);
}

export async function archiveMessage(journalPath: string, messageId: string, raw: Buffer): Promise<string> {
  const file = archiveFile(journalPath, messageId);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, raw);
  return file;
}

/** The archived copy of a sent message, or null (sent before archiving, or deleted). */
export async function archivedMessage(journalPath: string, messageId: string): Promise<string | null> {
  const file = archiveFile(journalPath, messageId);
  return access(file).then(
    () => file,
    () => null,
  );
}
