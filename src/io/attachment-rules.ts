// Which files an invoice may attach. The `attachment` field comes from an export anyone
// may have edited: left alone, `../../.ssh/id_rsa`, `/proc/self/environ` (which holds
// RELANCE_SMTP_PASSWORD) or `/dev/urandom` would be mailed to a client. So an attachment
// must be, after its symbolic links are followed, inside the invoices file's folder or a
// folder named under `attachments:` in relance.yaml, a regular file of a real file system,
// and no bigger than `attachment_max_size` (10 MB by default).

import { realpath, stat, statfs } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { formatByteSize, parseByteSize } from '../domain/byte-size.js';
import type { Invoice } from '../domain/invoice.js';
import type { Issue } from '../domain/issue.js';
import { error } from '../domain/issue.js';
import { formatCount, quote } from '../domain/user-text.js';
import { displayPath, fileProblem } from './paths.js';
import { kindOf } from './user-file.js';

export interface AttachmentRules {
  /** Absolute folders named by `attachments:`, besides each invoices file's own. */
  folders: readonly string[];
  maxBytes: number;
}

export const DEFAULT_ATTACHMENT_MAX_BYTES = 10_000_000;

export const DEFAULT_ATTACHMENT_RULES: AttachmentRules = { folders: [], maxBytes: DEFAULT_ATTACHMENT_MAX_BYTES };

export type AttachmentCheck =
  | { kind: 'ok'; /** The file itself, links followed: what is attached. */ path: string }
  | { kind: 'missing'; issue: Issue }
  | { kind: 'refused'; issue: Issue };

// File systems whose files are the kernel's, not documents: /proc, /sys and their kin.
const KERNEL_FILE_SYSTEMS = new Set([0x9fa0 /* proc */, 0x62656572 /* sysfs */, 0x64626720 /* debugfs */, 0x74726163 /* tracefs */, 0x73636673 /* securityfs */, 0x27e0eb /* cgroup */, 0x63677270 /* cgroup2 */, 0xcafe4a11 /* bpf */, 0x1cd1 /* devpts */]);

/** What the rules need of the config: the rules, the invoice files (absolute), its folder. */
export interface AttachmentSetting {
  attachments: AttachmentRules;
  invoices: readonly string[];
  /** Paths in messages are relative to it, as in relance.yaml. */
  dir: string;
}

/**
 * Checks the attachment of `invoice` (its path already absolute); reads nothing of the
 * file. Allowed: the folders of the invoice files, and those under `attachments:`.
 */
export async function checkAttachment(invoice: Invoice, config: AttachmentSetting): Promise<AttachmentCheck> {
  const path = invoice.attachment!;
  const shown = JSON.stringify(displayPath(path, config.dir));
  const refuse = (message: string, hint: string): AttachmentCheck => ({
    kind: 'refused',
    issue: error(invoice.source.file, invoice.source.line, 'attachment', `${shown} (the PDF of invoice ${invoice.number}) ${message}`, hint),
  });
  let real: string;
  try {
    real = await realpath(path);
  } catch (e) {
    if ((e as { code?: string }).code === 'ENOENT') {
      return { kind: 'missing', issue: error(invoice.source.file, invoice.source.line, 'attachment', `${shown} does not exist (the PDF of invoice ${invoice.number})`, 'check the path: it is relative to the invoices file') };
    }
    const problem = fileProblem(e);
    if (problem === null) throw e;
    return refuse(problem.message, problem.hint);
  }
  const invoiceFolders = [...new Set(config.invoices.map((f) => dirname(f)))];
  const allowed = await Promise.all([...invoiceFolders, ...config.attachments.folders].map((f) => realpath(f).catch(() => null)));
  if (!allowed.some((folder) => folder !== null && isInside(real, folder))) {
    const where = real === resolve(path) ? '' : `: it leads to ${JSON.stringify(real)}`;
    return refuse(
      `is outside the folders attachments may come from${where}`,
      'put the PDF in the folder of the invoices file, or name its folder under attachments: in relance.yaml',
    );
  }
  const stats = await stat(real);
  if (!stats.isFile()) {
    const kind = kindOf(stats);
    return refuse(`is ${kind}, not a file to attach`, kind === 'a folder' ? 'name the PDF itself' : 'name the PDF itself: relance attaches regular files only');
  }
  const fs = await statfs(real).catch(() => null);
  if (fs !== null && KERNEL_FILE_SYSTEMS.has(fs.type)) {
    return refuse('is a file of the system (/proc, /sys), not a document', 'name the PDF itself: relance attaches documents only');
  }
  const { maxBytes } = config.attachments;
  if (stats.size > maxBytes) {
    return refuse(
      `is ${formatByteSize(stats.size)} (${formatCount(stats.size)} bytes): attachments are limited to ${formatByteSize(maxBytes)}`,
      'attach a lighter PDF, or raise attachment_max_size in relance.yaml (mail servers often refuse messages over 10 to 25 MB)',
    );
  }
  return { kind: 'ok', path: real };
}

function isInside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return !isAbsolute(rel) && rel.split(sep)[0] !== '..';
}

type Fail = (path: readonly (string | number)[], message: string, hint: string) => null;

/** `attachments:` (a folder or a list, relative to relance.yaml) and `attachment_max_size:`. */
export async function readAttachmentRules(folders: unknown, maxSize: unknown, dir: string, fail: Fail): Promise<AttachmentRules> {
  const named: { text: string; path: (string | number)[] }[] = [];
  if (typeof folders === 'string' && folders !== '') named.push({ text: folders, path: ['attachments'] });
  else if (Array.isArray(folders)) {
    folders.forEach((f, i) => {
      if (typeof f === 'string' && f !== '') named.push({ text: f, path: ['attachments', i] });
      else if (f !== null && f !== '') fail(['attachments', i], 'expected a folder', 'write one folder per line, e.g. - factures/pdf');
    });
  } else if (folders !== undefined && folders !== null && folders !== '') {
    fail(['attachments'], 'expected a folder or a list of folders', 'write e.g. attachments: factures/pdf');
  }
  const found: string[] = [];
  for (const { text, path } of named) {
    const abs = resolve(dir, text);
    const isFolder = await stat(abs).then((s) => s.isDirectory(), () => false);
    if (isFolder) found.push(abs);
    else fail(path, `the folder ${quote(text)} does not exist`, 'create it, or correct the path (relative to relance.yaml)');
  }
  let maxBytes = DEFAULT_ATTACHMENT_MAX_BYTES;
  if (typeof maxSize === 'string' && maxSize !== '') {
    const bytes = parseByteSize(maxSize);
    if (bytes === null) fail(['attachment_max_size'], `${quote(maxSize)} is not a size`, 'write e.g. 10 MB, 500 kB, 2 Mo, or a number of bytes');
    else maxBytes = bytes;
  } else if (maxSize !== undefined && maxSize !== null && maxSize !== '') {
    fail(['attachment_max_size'], 'expected a size', 'write e.g. attachment_max_size: 10 MB');
  }
  return { folders: found, maxBytes };
}
