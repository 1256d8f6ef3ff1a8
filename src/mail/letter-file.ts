// A letter step's file: the PDF to print and post (letter-pdf.ts), or, for a letter
// without its document, its text. Live runs write it beside the journal, dry runs into
// `--out DIR`; both name it the same way.

import { dirname, join } from 'node:path';
import { renderLetterPdf } from '../render/letter-pdf.js';
import type { Todo } from './message.js';

/** `<journal's folder>/letters/`: `.relance/letters/` by default. */
export function lettersFolder(journalPath: string): string {
  return join(dirname(journalPath), 'letters');
}

export async function letterBytes(todo: Todo): Promise<Buffer> {
  return todo.letter === null ? Buffer.from(todo.text) : renderLetterPdf(todo.letter);
}
