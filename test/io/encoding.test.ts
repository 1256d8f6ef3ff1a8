// The encoding verdict as a table: the same bytes fed whole and one byte at a time (every
// chunk boundary) give the same answer.

import { describe, expect, it } from 'vitest';
import { EncodingEvidence } from '../../src/io/encoding.js';

function verdict(bytes: Buffer, chunk: number) {
  const evidence = new EncodingEvidence();
  for (let i = 0; i < bytes.length; i += chunk) if (!evidence.feed(bytes.subarray(i, i + chunk))) break;
  return evidence.verdict();
}

const u = (text: string) => Buffer.from(text, 'utf8');
const b = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? u(p) : Buffer.from(p))));

describe('EncodingEvidence', () => {
  it.each([
    ['ASCII', b('a;b\n1;2\n'), { encoding: 'utf-8', bom: false }],
    ['UTF-8 French', u('Société, cœur, 12 €, l’été\n'), { encoding: 'utf-8', bom: false }],
    ['UTF-8 with BOM', u('\ufeffCafé\n'), { encoding: 'utf-8', bom: true }],
    ['Windows-1252 French', b('Soci', [0xe9], 't', [0xe9], ' ', [0x80, 0x92, 0x9c, 0xab, 0xbb], '\n'), { encoding: 'windows-1252', bom: false }],
    // É + no-break space is valid UTF-8 (U+0260) but no French text: with an é it stays Windows-1252.
    ['Windows-1252 capital before a no-break space', b('CAF', [0xc9, 0xa0], ': caf', [0xe9], '\n'), { encoding: 'windows-1252', bom: false }],
    ['valid UTF-8 everywhere is UTF-8', b('CAF', [0xc9, 0xa0], ':\n'), { encoding: 'utf-8', bom: false }],
    ['UTF-8 then a stray byte', b('Café ', [0xe9], '\n'), { problem: { byte: 7, message: 'byte 7: 0xE9 is not UTF-8; the rest of the file is UTF-8' } }],
    ['a stray byte, then UTF-8', b('Caf', [0xe9], ' Société\n'), { problem: { byte: 4, message: 'byte 4: 0xE9 is not UTF-8; the rest of the file is UTF-8' } }],
    ['a BOM, then a stray byte', b([0xef, 0xbb, 0xbf], 'ab', [0xe9]), { problem: { byte: 6, message: 'byte 6: 0xE9 is not UTF-8, though the file begins with the UTF-8 mark (BOM)' } }],
    ['an undefined Windows-1252 byte', b('ab', [0xe9, 0x8d]), { problem: { byte: 4, message: 'byte 4: 0x8D is text neither in UTF-8 nor in Windows-1252' } }],
    ['UTF-16 without its byte-order mark (NUL bytes)', b('a', [0], [0xe9, 0]), { problem: { byte: 2, message: 'byte 2: 0x00 is text neither in UTF-8 nor in Windows-1252' } }],
    ['UTF-16 LE with its BOM (Excel\'s "Texte Unicode")', b([0xff, 0xfe], 'a', [0], [0xe9, 0], '\t', [0]), { encoding: 'utf-16le', bom: true }],
    ['UTF-16 BE with its BOM', b([0xfe, 0xff], [0], 'a', [0x20, 0xac]), { encoding: 'utf-16be', bom: true }],
    ['"ÿþ" later in a file is no BOM', b('a', [0xff, 0xfe], '\n'), { encoding: 'windows-1252', bom: false }],
    // ISO-8859-15 against Windows-1252: 0xA4 is € in one and ¤ in the other.
    ['0xA4 with none of 0x80–0x9F: ISO-8859-15 (€)', b('Total ', [0xa4], ' r', [0xe9], 'gl', [0xe9], '\n'), { encoding: 'iso-8859-15', bom: false }],
    ['0xBD (œ) with none of 0x80–0x9F: ISO-8859-15', b('S', [0xbd], 'ur\n'), { encoding: 'iso-8859-15', bom: false }],
    ['0xA4 beside 0x80 (€ in Windows-1252): Windows-1252, ¤ is ¤', b([0x80], ' ', [0xa4], '\n'), { encoding: 'windows-1252', bom: false }],
    ['0xA4 beside 0x92 (’): Windows-1252', b('l', [0x92], 'a ', [0xa4], '\n'), { encoding: 'windows-1252', bom: false }],
    ['only é, è, à (the same in both): Windows-1252', b('caf', [0xe9, 0x20, 0xe8, 0xe0], '\n'), { encoding: 'windows-1252', bom: false }],
    ['0xB4 alone (´ or Ž) decides nothing: Windows-1252', b('l', [0xb4], 'eau\n'), { encoding: 'windows-1252', bom: false }],
    ['a cut UTF-8 sequence at the end', b('Caf', [0xc3]), { encoding: 'windows-1252', bom: false }],
  ])('%s', (_name, bytes, expected) => {
    for (const chunk of [bytes.length, 1, 2, 3]) expect(verdict(bytes, chunk)).toMatchObject(expected);
  });
});
