// Which encoding a user's file is in, decided on the evidence of all its bytes, fed in
// chunks: a UTF-16 byte-order mark (Excel's "Texte Unicode") says UTF-16; valid UTF-8
// everywhere is UTF-8; otherwise Windows-1252 (Excel's "CSV" on a French Windows) or
// ISO-8859-15 only when every byte reads as text and nothing in the file speaks for UTF-8;
// a UTF-8 file with a stray byte of another encoding is a mistake to report, never text to
// guess (it would mail "SociÃ©tÃ©" to a client).

import { isAscii, isUtf8 } from 'node:buffer';
import { formatCount } from '../domain/user-text.js';

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252' | 'iso-8859-15';

/** Where the first offending byte is (1-based, as `cmp` counts), and what is wrong with it. */
export interface EncodingProblem {
  /** 1-based offset of the byte in the file. */
  byte: number;
  message: string;
  hint: string;
}

export type EncodingVerdict = { encoding: Encoding; bom: boolean } | { problem: EncodingProblem };

const REEXPORT = 're-export it as UTF-8 (in Excel: "CSV UTF-8"), or correct the character on that line';

// Bytes that are no character in Windows-1252 (0x81, 0x8D, 0x8F, 0x90, 0x9D), and NUL,
// which no text file holds (a UTF-16 or binary file does).
const NOT_WINDOWS_1252 = new Set([0x00, 0x81, 0x8d, 0x8f, 0x90, 0x9d]);

export class EncodingEvidence {
  /** Bytes fed before the current chunk. */
  private offset = 0;
  private carry: Buffer = Buffer.alloc(0);
  private bom = false;
  /** Set by a UTF-16 byte-order mark at the start: then nothing else is looked at. */
  private utf16: 'utf-16le' | 'utf-16be' | null = null;
  /** A multi-byte sequence that is French (or any) text in UTF-8, and mojibake in Windows-1252. */
  private utf8Text = false;
  private firstInvalid: { at: number; byte: number } | null = null;
  private firstUnlikely: { at: number; byte: number } | null = null;
  /** How often each byte 0x80–0xFF occurs outside UTF-8 sequences. */
  private readonly highBytes = new Uint32Array(128);

  /** Takes the next chunk; false once the verdict cannot change (reading may stop). */
  feed(chunk: Buffer): boolean {
    if (this.utf16 !== null) return false;
    let bytes = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    const base = this.offset - this.carry.length;
    if (base === 0 && bytes.length >= 2) {
      // FF FE / FE FF: no text file in a Latin encoding starts with "ÿþ" or "þÿ".
      this.utf16 = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : null;
      if (this.utf16 !== null) {
        this.carry = Buffer.alloc(0);
        return false;
      }
    }
    // The BOM says UTF-8 on its own account; it is no UTF-8 text.
    const start = base === 0 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    if (start > 0) this.bom = true;
    // A character cut at the end of the chunk: its first bytes wait for the next one.
    let end = bytes.length;
    let back = 0;
    while (back < 3 && end - back - 1 >= 0 && (bytes[end - back - 1]! & 0xc0) === 0x80) back++;
    if (end - back - 1 >= 0 && bytes[end - back - 1]! >= 0xc0) end = end - back - 1;
    const whole = bytes.subarray(0, end);
    this.carry = Buffer.from(bytes.subarray(end));
    this.offset += chunk.length;
    bytes = whole;
    // The fast path: a valid chunk, once UTF-8 text has been seen, needs no closer look.
    if (this.firstInvalid === null && isUtf8(bytes)) {
      if (!this.utf8Text && !isAscii(bytes.subarray(start))) this.scan(bytes, base, true, start);
      else if (!this.utf8Text && this.firstUnlikely === null && bytes.indexOf(0) >= 0) this.firstUnlikely = { at: base + bytes.indexOf(0), byte: 0 };
      return true;
    }
    this.scan(bytes, base, false, start);
    return !(this.firstInvalid !== null && (this.utf8Text || this.bom));
  }

  /** The verdict once every byte has been fed. */
  verdict(): EncodingVerdict {
    if (this.utf16 !== null) return { encoding: this.utf16, bom: true };
    if (this.carry.length > 0) {
      const rest = this.carry;
      this.carry = Buffer.alloc(0);
      this.scan(rest, this.offset - rest.length);
    }
    const bad = this.firstInvalid;
    if (bad === null) return { encoding: 'utf-8', bom: this.bom };
    const where = `byte ${formatCount(bad.at + 1)}: ${hex(bad.byte)} is not UTF-8`;
    if (this.utf8Text) return { problem: { byte: bad.at + 1, message: `${where}; the rest of the file is UTF-8`, hint: REEXPORT } };
    if (this.bom) return { problem: { byte: bad.at + 1, message: `${where}, though the file begins with the UTF-8 mark (BOM)`, hint: REEXPORT } };
    const odd = this.firstUnlikely;
    if (odd !== null) {
      return {
        problem: { byte: odd.at + 1, message: `byte ${formatCount(odd.at + 1)}: ${hex(odd.byte)} is text neither in UTF-8 nor in Windows-1252`, hint: 'save the file as UTF-8 (in Excel: "CSV UTF-8"); relance reads UTF-8 and Windows-1252 files' },
      };
    }
    return { encoding: latinEncoding(this.highBytes), bom: false };
  }

  /**
   * Byte by byte: UTF-8 sequences, stray bytes, and how each would read in Windows-1252.
   * `valid`: the bytes are known to be UTF-8, so the first UTF-8 text settles them.
   */
  private scan(bytes: Buffer, base: number, valid = false, start = 0): void {
    const n = bytes.length;
    let i = start;
    while (i < n) {
      const b = bytes[i]!;
      if (b < 0x80) {
        if (b === 0 && this.firstUnlikely === null) this.firstUnlikely = { at: base + i, byte: 0 };
        i++;
        continue;
      }
      const length = sequenceLength(bytes, i);
      if (length > 0) {
        const code = codePoint(bytes, i, length);
        // U+00A0–U+017F (é, à, œ, nbsp…) and anything of three bytes or more (’, €, …)
        // are what UTF-8 French looks like; a cp1252 capital before a nbsp (É\xA0) is neither.
        if ((code >= 0xa0 && code <= 0x17f) || code >= 0x800) {
          this.utf8Text = true;
          if (valid || this.firstInvalid !== null) return; // nothing more to learn here
        } else {
          for (let k = i; k < i + length; k++) this.noteHighByte(bytes[k]!, base + k);
        }
        i += length;
        continue;
      }
      if (this.firstInvalid === null) this.firstInvalid = { at: base + i, byte: b };
      this.noteHighByte(b, base + i);
      i++;
    }
  }

  private noteHighByte(b: number, at: number): void {
    this.highBytes[b - 0x80]! += 1;
    if (this.firstUnlikely === null && NOT_WINDOWS_1252.has(b)) this.firstUnlikely = { at, byte: b };
  }
}

// Where the two differ, ISO-8859-15 has a letter or the euro (€ Œ œ Ÿ), Windows-1252 a
// symbol hardly ever typed in an invoice (¤ ¼ ½ ¾). The other four (Š š Ž ž against ¦ ¨ ´ ¸)
// decide nothing: a ´ typed for an apostrophe is as likely as a Czech name.
const ISO_8859_15_LETTERS = [0xa4, 0xbc, 0xbd, 0xbe];

/**
 * The Latin encoding of a file that is not UTF-8, from how often each byte 0x80–0xFF
 * occurs (`highBytes[b - 0x80]`). Any byte of 0x80–0x9F is a character in Windows-1252
 * (€ ’ œ « …) and a control code in ISO-8859-15: Windows-1252. Without one, a byte that is
 * €, Œ, œ or Ÿ in ISO-8859-15 (0xA4 is € there, ¤ in Windows-1252) says ISO-8859-15.
 * Otherwise the two read the same (é è à ç ô…), or nearly: Windows-1252, the commoner.
 */
function latinEncoding(highBytes: Uint32Array): Encoding {
  for (let b = 0x80; b <= 0x9f; b++) if (highBytes[b - 0x80]! > 0) return 'windows-1252';
  return ISO_8859_15_LETTERS.some((b) => highBytes[b - 0x80]! > 0) ? 'iso-8859-15' : 'windows-1252';
}

/** The length of the valid UTF-8 sequence at `i`, or 0 when the byte there starts none. */
function sequenceLength(bytes: Buffer, i: number): number {
  const b = bytes[i]!;
  const length = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
  if (length === 0 || i + length > bytes.length) return 0;
  const second = bytes[i + 1]!;
  // The ranges that exclude overlong forms, surrogates and code points past U+10FFFF.
  const low = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
  const high = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
  if (second < low || second > high) return 0;
  for (let k = 2; k < length; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return 0;
  return length;
}

function codePoint(bytes: Buffer, i: number, length: number): number {
  let code = bytes[i]! & (0xff >> (length + 1));
  for (let k = 1; k < length; k++) code = (code << 6) | (bytes[i + k]! & 0x3f);
  return code;
}

function hex(byte: number): string {
  return `0x${byte.toString(16).toUpperCase().padStart(2, '0')}`;
}

