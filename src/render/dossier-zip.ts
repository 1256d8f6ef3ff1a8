// The dossier as one ZIP to send or upload: the bound PDF, the original files exactly as
// they were (invoice PDFs, the reminders' .eml, the printed letter), the request as plain
// text to copy into a form, and the agency's CSV and JSON. Names in UTF-8 marked Unix
// (`os: 3`, or Debian's unzip garbles accents), and every date the dossier's own day at
// noon, so the same dossier gives the same bytes.

import { strToU8, zipSync } from 'fflate';
import type { Zippable } from 'fflate';
import { ymdFromDay } from '../domain/dates.js';
import type { Dossier, Exhibit } from './dossier-document.js';
import { exhibitsOf } from './dossier-document.js';
import { AGENCY_FILES, agencyCsv, agencyJson } from './request-agence.js';
import type { RequestDocument } from './request-document.js';
import { requestText } from './request-document.js';

/** A file or folder name without path separators or characters Windows refuses. */
export function safeName(text: string): string {
  return text.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '-').replace(/\s+/g, ' ').trim() || 'sans-nom';
}

export function dossierFolder(dossier: Pick<Dossier, 'reference'>): string {
  return `dossier-${safeName(dossier.reference)}`;
}

const twoDigits = (n: number): string => String(n).padStart(2, '0');

/** The original files, named by exhibit number first so they sort in the bordereau's order. */
function originals(exhibits: readonly Exhibit[]): [string, Uint8Array][] {
  const files: [string, Uint8Array][] = [];
  for (const e of exhibits) {
    const s = e.source;
    const file = s.kind === 'invoice' ? s.file : s.kind === 'reminder' ? s.reminder.message : s.kind === 'notice' ? s.notice.letter : null;
    if (file) files.push([`pieces/${twoDigits(e.number)}-${safeName(file.name)}`, file.bytes]);
  }
  return files;
}

/** Every file of the dossier, under its folder: what the ZIP holds, and what `relance dossier` writes beside it. */
export function dossierEntries(dossier: Dossier, pdf: Uint8Array, request: RequestDocument): [string, Uint8Array][] {
  const folder = dossierFolder(dossier);
  const list: [string, Uint8Array][] = [
    [`${folder}.pdf`, pdf],
    [`demande-${request.step}.txt`, strToU8(requestText(request))],
    ...originals(exhibitsOf(dossier)),
    [AGENCY_FILES.csv, strToU8(agencyCsv(dossier))],
    [AGENCY_FILES.json, strToU8(agencyJson(dossier))],
  ];
  return list.map(([name, bytes]) => [`${folder}/${name}`, bytes]);
}

export function dossierZip(dossier: Dossier, pdf: Uint8Array, request: RequestDocument): Uint8Array {
  const { year, month, day } = ymdFromDay(dossier.today);
  // ZIP times are local wall-clock times: noon of the dossier's day reads the same everywhere.
  const mtime = new Date(year, month - 1, day, 12, 0, 0);
  const files: Zippable = {};
  for (const [name, bytes] of dossierEntries(dossier, pdf, request)) {
    // PDFs are compressed already: stored, they cost no time and no size.
    files[name] = [bytes, { mtime, os: 3, attrs: 0o100644 << 16, level: name.endsWith('.pdf') ? 0 : 6 }];
  }
  return zipSync(files);
}
