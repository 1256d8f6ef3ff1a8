// An earlier reminder as a later one attaches it (attach_previous): the message as it was
// sent, its own attachments left out. A 2 MB PDF repeated in each earlier copy made an
// 8 MB relance-2; without them the copy is a few kilobytes, and a note in it says which
// files were left out (they went with the original). The rest of the message is kept
// byte for byte: its headers and its text and HTML parts, as the client received them.

import { parseHeaderValue } from 'nodemailer/lib/mime-funcs';
import { decodeWords } from 'postal-mime';
import type { Language } from '../domain/invoice.js';

export interface EarlierCopy {
  /** The message to attach, CRLF line ends. */
  raw: Buffer;
  /** The attachments taken out of it: name and decoded size in bytes. */
  leftOut: { filename: string; bytes: number }[];
}

/**
 * The message with its attachments (top-level parts sent as `Content-Disposition:
 * attachment`) replaced by one text part naming them. A message without any is
 * returned as it is.
 */
export function withoutAttachments(raw: Buffer, language: Language): EarlierCopy {
  const text = raw.toString('latin1');
  const split = text.indexOf('\r\n\r\n');
  if (split < 0) return { raw, leftOut: [] };
  const head = text.slice(0, split);
  const type = headerValue(head, 'content-type');
  const parsed = type === null ? null : parseHeaderValue(type);
  const boundary = parsed?.params.boundary;
  if (!parsed || !/^multipart\/mixed$/i.test(parsed.value) || !boundary) return { raw, leftOut: [] };

  const body = text.slice(split + 4);
  const delimiter = `--${boundary}`;
  // The body is: a preamble, then each part after "--boundary CRLF", then "--boundary--".
  const pieces = ('\r\n' + body).split(`\r\n${delimiter}`);
  const preamble = pieces[0]!.slice(2);
  const parts: string[] = [];
  let epilogue = '';
  for (const piece of pieces.slice(1)) {
    if (piece.startsWith('--')) {
      epilogue = piece;
      break;
    }
    parts.push(piece);
  }
  const kept: string[] = [];
  const leftOut: EarlierCopy['leftOut'] = [];
  for (const part of parts) {
    const partHead = part.slice(0, Math.max(part.indexOf('\r\n\r\n'), 0));
    const disposition = headerValue(partHead, 'content-disposition');
    const d = disposition === null ? null : parseHeaderValue(disposition);
    if (d === null || d.value.toLowerCase() !== 'attachment') {
      kept.push(part);
      continue;
    }
    const partType = headerValue(partHead, 'content-type');
    const name = d.params.filename ?? (partType === null ? undefined : parseHeaderValue(partType).params.name) ?? 'attachment';
    leftOut.push({ filename: decodeWords(name), bytes: decodedSize(part.slice(partHead.length + 4), headerValue(partHead, 'content-transfer-encoding')) });
  }
  if (leftOut.length === 0) return { raw, leftOut };
  const note = Buffer.from(noteText(leftOut, language), 'utf8').toString('base64').replace(/.{76}/g, '$&\r\n');
  const notePart = `\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: inline\r\n\r\n${note}`;
  const rebuilt = `${head}\r\n\r\n${preamble}${[...kept, notePart].map((p) => `\r\n${delimiter}${p}`).join('')}\r\n${delimiter}${epilogue}`;
  return { raw: Buffer.from(rebuilt, 'latin1'), leftOut };
}

/** The note in the copy: which files were left out, and that they came with the original. */
export function noteText(leftOut: EarlierCopy['leftOut'], language: Language): string {
  const list = leftOut.map((a) => `${a.filename} (${size(a.bytes, language)})`).join(', ');
  return language === 'fr'
    ? `Copie de notre message sans ${leftOut.length === 1 ? 'sa pièce jointe' : 'ses pièces jointes'}, qui l’${leftOut.length === 1 ? 'accompagnait' : 'accompagnaient'} : ${list}.\r\n`
    : `A copy of our message without ${leftOut.length === 1 ? 'its attachment' : 'its attachments'}, which came with it: ${list}.\r\n`;
}

function size(bytes: number, language: Language): string {
  const [value, unit] = bytes >= 1_000_000 ? [bytes / 1_000_000, language === 'fr' ? 'Mo' : 'MB'] : [Math.max(1, Math.round(bytes / 1000)), language === 'fr' ? 'ko' : 'kB'];
  const shown = bytes >= 1_000_000 ? value.toFixed(1) : String(value);
  return `${language === 'fr' ? shown.replace('.', ',') : shown}\u00A0${unit}`;
}

/** A header's value, unfolded, or null: the first one of that name in `head`. */
function headerValue(head: string, name: string): string | null {
  const m = new RegExp(`(?:^|\\r\\n)${name}:([^\\r\\n]*(?:\\r\\n[ \\t][^\\r\\n]*)*)`, 'i').exec(head);
  return m === null ? null : m[1]!.replace(/\r\n[ \t]/g, ' ').trim();
}

function decodedSize(content: string, encoding: string | null): number {
  if (encoding !== null && encoding.toLowerCase() === 'base64') {
    const b64 = content.replace(/[^A-Za-z0-9+/]/g, '');
    return Math.floor((b64.length * 3) / 4);
  }
  return Buffer.byteLength(content, 'latin1');
}
