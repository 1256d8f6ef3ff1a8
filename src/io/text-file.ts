// Reading a user's text file as it comes: UTF-8 with or without a BOM, UTF-16 with its BOM
// (Excel's "Texte Unicode"), Windows-1252 (Excel's "CSV" on a French Windows) or
// ISO-8859-15, CRLF or LF, without being told which. The
// encoding is decided on the evidence of the whole file (encoding.ts) before any row is
// handed on; a file that is neither, or mixes both, is reported at its first bad byte.

import { Buffer } from 'node:buffer';
import type { Parser } from 'csv-parse';
import type { Issue } from '../domain/issue.js';
import { error } from '../domain/issue.js';
import type { Encoding, EncodingProblem } from './encoding.js';
import { EncodingEvidence } from './encoding.js';
import { openUserFile, readUserBytes } from './user-file.js';

export type { Encoding } from './encoding.js';

/** An encoding problem with the line it is on (1-based, lines counted by LF). */
export interface LocatedEncodingProblem extends EncodingProblem {
  line: number;
}

export type Detected = { encoding: Encoding } | { problem: LocatedEncodingProblem };

/**
 * A first pass over the bytes: reading is cheap (the disk is never the limit), and
 * `isUtf8` on 1 MB chunks keeps a UTF-8 file on the fast path.
 */
export async function detectEncoding(path: string): Promise<Detected> {
  const evidence = new EncodingEvidence();
  const { handle } = await openUserFile(path);
  try {
    for await (const chunk of handle.createReadStream({ highWaterMark: 1024 * 1024, autoClose: false })) {
      if (!evidence.feed(chunk as Buffer)) break;
    }
  } finally {
    await handle.close();
  }
  const verdict = evidence.verdict();
  if ('encoding' in verdict) return { encoding: verdict.encoding };
  return { problem: { ...verdict.problem, line: await lineOfByte(path, verdict.problem.byte) } };
}

/** The line a byte is on: only ever asked once, for the message. */
async function lineOfByte(path: string, byte: number): Promise<number> {
  let line = 1;
  if (byte <= 1) return line;
  const { handle } = await openUserFile(path);
  try {
    // `end` is inclusive: the bytes before the one at fault.
    for await (const chunk of handle.createReadStream({ highWaterMark: 1024 * 1024, autoClose: false, end: byte - 2 })) {
      const bytes = chunk as Buffer;
      for (let at = bytes.indexOf(0x0a); at !== -1; at = bytes.indexOf(0x0a, at + 1)) line++;
    }
  } finally {
    await handle.close();
  }
  return line;
}

/**
 * The file in chunks, ready for the CSV parser: a UTF-8 file as its own bytes (the parser
 * reads UTF-8 itself: decoding here first would make it encode the text back to bytes),
 * without its BOM; any other encoding decoded to text (TextDecoder drops a UTF-16 BOM and
 * keeps a character cut between two chunks for the next). Line endings are left as they
 * are: CRLF, LF and CR are all record ends to the parser.
 */
/**
 * Writes `head` then every chunk into a csv-parse parser, waiting for it to drain, until the
 * chunks end or `stop()` says so, and resolves once the parser has ended. A parse error may
 * come in the middle of a write: it rejects here, never left unhandled, and a write waiting
 * for 'drain' stops waiting (a failed parser never drains).
 */
export async function feedParser(parser: Parser, head: Buffer | string, chunks: AsyncIterable<Buffer | string>, stop: () => boolean): Promise<void> {
  const done = new Promise<void>((resolve, reject) => {
    parser.on('error', reject);
    parser.on('end', resolve);
  });
  done.catch(() => undefined);
  const write = (chunk: Buffer | string) => (parser.write(chunk) ? undefined : Promise.race([new Promise((r) => parser.once('drain', r)), done]));
  await write(head);
  for await (const chunk of chunks) {
    if (stop() || parser.destroyed) break;
    await write(chunk);
  }
  if (!parser.destroyed) parser.end();
  await done;
}

export async function* readChunks(path: string, encoding: Encoding): AsyncGenerator<Buffer | string> {
  const decoder = encoding === 'utf-8' ? null : new TextDecoder(encoding);
  let first = true;
  const { handle } = await openUserFile(path);
  try {
    for await (const chunk of handle.createReadStream({ highWaterMark: 256 * 1024, autoClose: false })) {
      let bytes = chunk as Buffer;
      if (first && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
      first = false;
      yield decoder ? decoder.decode(bytes, { stream: true }) : bytes;
    }
  } finally {
    await handle.close();
  }
  if (decoder) {
    const rest = decoder.decode();
    if (rest !== '') yield rest;
  }
}

/** A whole small file (YAML) as text, decoded by the same evidence; fs errors are thrown. */
export async function readUserText(path: string): Promise<{ text: string } | { problem: LocatedEncodingProblem }> {
  const bytes = await readUserBytes(path);
  const evidence = new EncodingEvidence();
  evidence.feed(bytes);
  const verdict = evidence.verdict();
  if ('problem' in verdict) {
    let line = 1;
    for (let at = bytes.indexOf(0x0a); at !== -1 && at < verdict.problem.byte - 1; at = bytes.indexOf(0x0a, at + 1)) line++;
    return { problem: { ...verdict.problem, line } };
  }
  // Streamed even for one chunk: Node 20's one-shot decode takes windows-1252 for Latin-1 (0x9C → U+009C, not œ).
  const decoder = new TextDecoder(verdict.encoding);
  const text = decoder.decode(bytes, { stream: true }) + decoder.decode();
  return { text: text.startsWith('\uFEFF') ? text.slice(1) : text };
}

export function encodingIssue(file: string, problem: LocatedEncodingProblem): Issue {
  return error(file, problem.line, undefined, problem.message, problem.hint);
}
