// What a user's file is, told by its first bytes (and, for a zip, its central directory;
// for an OLE2 file, its directory entries): a text table, an .xlsx workbook, or something
// given by mistake that gets one clear sentence — never its bytes echoed back.

import { extname } from 'node:path';
import type { FileHandle } from 'node:fs/promises';
import type { Issue } from '../domain/issue.js';
import { error } from '../domain/issue.js';
import { shorten } from '../domain/user-text.js';
import { openUserFile } from './user-file.js';

export type FileKind =
  | 'text' // CSV, TSV, YAML…: read by the text readers
  | 'xlsx' // an Office Open XML workbook (.xlsx, .xlsm)
  | 'xlsb'
  | 'xls' // Excel 97–2003 (BIFF in an OLE2 compound file)
  | 'encrypted-office' // an OLE2 file holding an EncryptionInfo stream: a password-protected .xlsx
  | 'ods'
  | 'numbers'
  | 'docx'
  | 'html'
  | 'spreadsheetml' // Excel 2003 XML, often named .xls
  | 'xml'
  | 'pdf'
  | 'zip'
  | 'utf16-no-bom'
  | 'binary';

export interface Sniffed {
  kind: FileKind;
  /** For a zip: the first table file inside it (`factures.csv`), to name in the message. */
  inside?: string;
  /** For a binary file of a known kind: "an image (PNG)". */
  what?: string;
}

const HEAD_BYTES = 8192;
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP = [0x50, 0x4b, 0x05, 0x06];
const MAGIC: readonly [readonly number[], string][] = [
  [[0x89, 0x50, 0x4e, 0x47], 'an image (PNG)'],
  [[0xff, 0xd8, 0xff], 'an image (JPEG)'],
  [[0x47, 0x49, 0x46, 0x38], 'an image (GIF)'],
  [[0x1f, 0x8b], 'a compressed file (gzip)'],
  [[0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], 'a 7-Zip archive'],
  [[0x52, 0x61, 0x72, 0x21], 'a RAR archive'],
];

/** Reads as little of the file as tells what it is. fs errors are thrown, as by any reader. */
export async function sniffFile(path: string): Promise<Sniffed> {
  const { handle, size } = await openUserFile(path);
  try {
    const head = await readAt(handle, 0, Math.min(size, HEAD_BYTES));
    if (startsWith(head, OLE2)) return { kind: (await holdsEncryptionInfo(handle, size)) ? 'encrypted-office' : 'xls' };
    if (startsWith(head, ZIP) || startsWith(head, EMPTY_ZIP)) return zipKind(head, await zipEntryNames(handle, size));
    return kindOfHead(head);
  } finally {
    await handle.close();
  }
}

/** What the first bytes of a file that is neither OLE2 nor zip say. */
export function kindOfHead(head: Uint8Array): Sniffed {
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return { kind: 'pdf' }; // %PDF-
  for (const [magic, what] of MAGIC) if (startsWith(head, magic)) return { kind: 'binary', what };
  const utf16 = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
  const text = utf16 ? new TextDecoder(head[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(head) : null;
  if (!utf16) {
    const odd = binaryEvidence(head);
    if (odd !== null) return { kind: odd };
  }
  // Markup is ASCII: a latin1 reading is enough to see it, whatever the encoding.
  const start = (text ?? Buffer.from(head.buffer, head.byteOffset, head.byteLength).toString('latin1'))
    .replace(/^(\ufeff|\u00ef\u00bb\u00bf)/, '')
    .trimStart()
    .slice(0, 4096)
    .toLowerCase();
  if (start.startsWith('<?xml') || start.startsWith('<!--')) {
    if (start.includes('urn:schemas-microsoft-com:office:spreadsheet') || start.includes('progid="excel.sheet"')) return { kind: 'spreadsheetml' };
    if (/<(!doctype html|html)[\s>]/.test(start)) return { kind: 'html' };
    if (start.startsWith('<?xml')) return { kind: 'xml' };
  }
  if (/^<(!doctype html|html|head|meta|table|body|style)[\s>/]/.test(start)) return { kind: 'html' };
  return { kind: 'text' };
}

/** NUL bytes or control codes that no text table holds; UTF-16 without its mark told apart. */
function binaryEvidence(head: Uint8Array): FileKind | null {
  let nul = 0;
  let nulEven = 0;
  let control = 0;
  for (let i = 0; i < head.length; i++) {
    const b = head[i]!;
    if (b === 0) {
      nul++;
      if (i % 2 === 0) nulEven++;
    } else if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) {
      control++;
    }
  }
  // ASCII in UTF-16: every other byte is NUL, all on the same side.
  const half = Math.floor(head.length / 2);
  const sided = Math.max(nulEven, nul - nulEven);
  if (head.length >= 4 && sided >= half * 0.9 && nul - sided <= 1 && control === 0) return 'utf16-no-bom';
  // A stray NUL or control code in a text table is the text readers' to report, at its line.
  const odd = nul + control;
  return nul > 16 || (odd >= 4 && odd * 100 > head.length) ? 'binary' : null;
}

function zipKind(head: Uint8Array, names: readonly string[] | null): Sniffed {
  if (names === null) return { kind: 'zip' };
  const has = (name: string) => names.includes(name);
  if (has('[Content_Types].xml') && has('xl/workbook.xml')) return { kind: 'xlsx' };
  if (has('[Content_Types].xml') && has('xl/workbook.bin')) return { kind: 'xlsb' };
  if (has('[Content_Types].xml') && has('word/document.xml')) return { kind: 'docx' };
  if (has('mimetype') && has('content.xml')) {
    // The mimetype entry, stored first as ODF asks, is readable in the head.
    const mimetype = Buffer.from(head.buffer, head.byteOffset, head.byteLength).toString('latin1', 30, 38 + 60);
    if (!mimetype.startsWith('mimetype') || mimetype.includes('opendocument.spreadsheet')) return { kind: 'ods' };
  }
  if (names.some((n) => n.startsWith('Index/') && n.endsWith('.iwa'))) return { kind: 'numbers' };
  const table = names.find((n) => /\.(csv|tsv|txt|xlsx|xls|ods)$/i.test(n) && !n.startsWith('__MACOSX/'));
  return table === undefined ? { kind: 'zip' } : { kind: 'zip', inside: table };
}

/**
 * The names in a zip's central directory (at its end), zip64 included; null when the
 * directory cannot be found (a truncated or damaged file).
 */
async function zipEntryNames(handle: FileHandle, size: number): Promise<string[] | null> {
  const tailLength = Math.min(size, 22 + 0xffff);
  const tail = await readAt(handle, size - tailLength, tailLength);
  let at = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === 0x06054b50) {
      at = i;
      break;
    }
  }
  if (at < 0) return null;
  let count = tail.readUInt16LE(at + 10);
  let cdSize = tail.readUInt32LE(at + 12);
  let cdOffset = tail.readUInt32LE(at + 16);
  if (cdOffset === 0xffffffff || cdSize === 0xffffffff || count === 0xffff) {
    // Zip64: a locator just before the end record points at the zip64 end record.
    if (at < 20 || tail.readUInt32LE(at - 20) !== 0x07064b50) return null;
    const record = await readAt(handle, Number(tail.readBigUInt64LE(at - 20 + 8)), 56);
    if (record.length < 56 || record.readUInt32LE(0) !== 0x06064b50) return null;
    count = Number(record.readBigUInt64LE(32));
    cdSize = Number(record.readBigUInt64LE(40));
    cdOffset = Number(record.readBigUInt64LE(48));
  }
  if (cdOffset + cdSize > size || cdSize > 64 * 1024 * 1024) return null;
  const cd = await readAt(handle, cdOffset, cdSize);
  const names: string[] = [];
  let p = 0;
  while (names.length < count && p + 46 <= cd.length && cd.readUInt32LE(p) === 0x02014b50) {
    const nameLength = cd.readUInt16LE(p + 28);
    names.push(cd.toString('utf8', p + 46, p + 46 + nameLength));
    p += 46 + nameLength + cd.readUInt16LE(p + 30) + cd.readUInt16LE(p + 32);
  }
  return names;
}

// "EncryptionInfo" as an OLE2 directory entry names it: UTF-16LE, NUL-terminated (30 bytes).
const ENCRYPTION_INFO = Buffer.from('EncryptionInfo\0', 'utf16le');

/**
 * Whether an OLE2 compound file holds an `EncryptionInfo` stream (Office's container for a
 * password-protected .xlsx). Directory entries are 128 bytes, aligned on 128 in every sector,
 * so the file is scanned entry-slot by entry-slot for that name, its length (30) and its
 * type (2, a stream): no FAT chains to follow.
 */
async function holdsEncryptionInfo(handle: FileHandle, size: number): Promise<boolean> {
  const CHUNK = 1024 * 1024;
  for (let offset = 512; offset < size; offset += CHUNK) {
    const chunk = await readAt(handle, offset, Math.min(CHUNK, size - offset));
    for (let p = 0; p + 128 <= chunk.length; p += 128) {
      if (chunk[p] === 0x45 && chunk.readUInt16LE(p + 0x40) === ENCRYPTION_INFO.length && chunk[p + 0x42] === 2 && chunk.subarray(p, p + ENCRYPTION_INFO.length).equals(ENCRYPTION_INFO)) return true;
    }
  }
  return false;
}

/**
 * The one sentence for a file relance does not read as a table (message, then the hint),
 * or null for text and .xlsx. `file` is the name as the user gave it: the extension it
 * bears is part of the sentence for a web page.
 */
export function refusalOf(sniffed: Sniffed, file: string): { message: string; hint: string } | null {
  const csv = 'save it as .xlsx or as CSV (séparateur point-virgule)';
  const export_ = 'export the invoices from your tool as CSV or Excel';
  switch (sniffed.kind) {
    case 'text':
    case 'xlsx':
      return null;
    case 'xls':
      return { message: 'this is an Excel 97–2003 file (.xls)', hint: csv };
    case 'encrypted-office':
      return { message: 'this Excel file is protected by a password', hint: `open it in Excel, remove the password (Fichier > Informations > Protéger le classeur > Chiffrer avec mot de passe), then ${csv}` };
    case 'xlsb':
      return { message: 'this is an Excel binary workbook (.xlsb)', hint: csv };
    case 'ods':
      return { message: 'this is a LibreOffice/OpenOffice spreadsheet (.ods)', hint: 'save it as .xlsx or CSV' };
    case 'numbers':
      return { message: 'this is an Apple Numbers file', hint: 'export it as Excel or CSV (Fichier > Exporter vers)' };
    case 'docx':
      return { message: 'this is a Word document (.docx), not a table of invoices', hint: export_ };
    case 'html': {
      const ext = extname(file).toLowerCase();
      const named = ext === '' || ext === '.htm' || ext === '.html' ? '' : ` saved with ${/^\.[aefhilmnorsx]/.test(ext) ? 'an' : 'a'} ${shorten(ext, 20)} name`;
      return { message: `this is a web page (HTML)${named}`, hint: 'open it in Excel and save it as .xlsx or CSV' };
    }
    case 'spreadsheetml':
      return { message: 'this is an Excel 2003 XML spreadsheet', hint: 'open it in Excel and save it as .xlsx or CSV' };
    case 'xml':
      return { message: 'this is an XML file, not a table of invoices', hint: export_ };
    case 'pdf':
      return { message: 'this is a PDF, not a table of invoices', hint: export_ };
    case 'zip':
      return sniffed.inside === undefined
        ? { message: 'this is a zip archive, not a table of invoices', hint: 'unzip it and name the CSV or .xlsx file inside' }
        : { message: `this is a zip archive (it holds ${shorten(sniffed.inside, 60)})`, hint: 'unzip it and name that file instead' };
    case 'utf16-no-bom':
      return { message: 'this is UTF-16 text without its byte-order mark (BOM)', hint: 'save it as UTF-8 (in Excel: "CSV UTF-8")' };
    case 'binary':
      return { message: `this is ${sniffed.what ?? 'a binary file'}, not a table of invoices`, hint: export_ };
  }
}

/** The refusal as an Issue on the file (no line: the whole file is at fault), or null. */
export function fileKindIssue(file: string, sniffed: Sniffed): Issue | null {
  const refusal = refusalOf(sniffed, file);
  return refusal === null ? null : error(file, undefined, undefined, refusal.message, refusal.hint);
}

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  let filled = 0;
  while (filled < length) {
    const { bytesRead } = await handle.read(buffer, filled, length - filled, position + filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return buffer.subarray(0, filled);
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}
