// Reading a user's text file as it comes: UTF-8 with or without a BOM, or Windows-1252
// (Excel's "CSV" on a French Windows), CRLF or LF, without being told which.

import { Buffer, isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';

export type Encoding = 'utf-8' | 'windows-1252';

/**
 * UTF-8 if every byte of the file is valid UTF-8, else Windows-1252 (a real Windows-1252
 * file with an accent is never valid UTF-8). A first pass over the bytes: reading is
 * cheap (the disk is never the limit) and no row is handed on before the encoding is known.
 */
export async function detectEncoding(path: string): Promise<Encoding> {
  let carry: Buffer = Buffer.alloc(0);
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) {
    const bytes = carry.length > 0 ? Buffer.concat([carry, chunk as Buffer]) : (chunk as Buffer);
    // A character split across two chunks: keep its first bytes for the next round.
    let end = bytes.length;
    let back = 0;
    while (back < 3 && end - back - 1 >= 0 && (bytes[end - back - 1]! & 0xc0) === 0x80) back++;
    if (end - back - 1 >= 0 && bytes[end - back - 1]! >= 0xc0) end = end - back - 1;
    if (!isUtf8(bytes.subarray(0, end))) return 'windows-1252';
    carry = Buffer.from(bytes.subarray(end));
  }
  return carry.length === 0 || isUtf8(carry) ? 'utf-8' : 'windows-1252';
}

/**
 * The file in chunks, ready for the CSV parser: a UTF-8 file as its own bytes (the parser
 * reads UTF-8 itself: decoding here first would make it encode the text back to bytes),
 * without its BOM; a Windows-1252 file decoded to text. Line endings are left as they
 * are: CRLF, LF and CR are all record ends to the parser.
 */
export async function* readChunks(path: string, encoding: Encoding): AsyncGenerator<Buffer | string> {
  const decoder = encoding === 'utf-8' ? null : new TextDecoder(encoding);
  let first = true;
  for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024 })) {
    let bytes = chunk as Buffer;
    if (first && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
    first = false;
    yield decoder ? decoder.decode(bytes, { stream: true }) : bytes;
  }
  if (decoder) {
    const rest = decoder.decode();
    if (rest !== '') yield rest;
  }
}
