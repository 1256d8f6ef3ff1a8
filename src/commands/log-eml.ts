// `relance log INVOICE --eml STEP`: the message sent for that step, out of the archive as a
// .eml file, byte for byte what the server received (archive.ts keeps them so): to open
// in a mail client, to forward, or to hand over with a dossier.

import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { formatFrenchDay } from '../domain/dates.js';
import { formatCount } from '../domain/user-text.js';
import { UsageError } from '../errors.js';
import type { Setup } from '../io/setup.js';
import { displayPath } from '../io/paths.js';
import { archiveDir, archivedMessage } from '../mail/archive.js';
import type { Cli } from './common.js';
import { writeOut } from './common.js';

/** Writes `<invoice>_<step>.eml` in the current folder; a usage error when there is no such message. */
export async function writeSentMessage(invoice: string, step: string, setup: Setup, cli: Cli): Promise<number> {
  const history = setup.histories.get(invoice);
  const sent = (history?.previous ?? []).filter((p) => p.messageId !== null);
  const message = sent.filter((p) => p.step === step).at(-1);
  if (message === undefined) {
    const steps = [...new Set(sent.map((p) => p.step))];
    const bounced = history?.bounces.find((b) => b.step === step);
    const why = bounced ? `its e-mail for step "${step}" was refused for good on ${formatFrenchDay(bounced.date)}, so nothing went out` : `no e-mail of step "${step}" was sent`;
    throw new UsageError(`${invoice}: ${why}`, steps.length > 0 ? `the steps sent: ${steps.join(', ')}` : `"relance log ${invoice}" shows what was done`);
  }
  const raw = await archivedMessage(setup.config.journal, message.messageId!);
  if (raw === null) {
    throw new UsageError(
      `${invoice}: the e-mail of step "${step}" sent on ${formatFrenchDay(message.date)} (Message-ID ${message.messageId}) is not in ${displayPath(archiveDir(setup.config.journal), cli.cwd)}/`,
      'it went out before relance kept an archive, or the archive was moved: the Bcc mailbox or the SMTP server’s sent folder has a copy',
    );
  }
  const file = join(cli.cwd, `${safe(invoice)}_${safe(step)}.eml`);
  await writeFile(file, raw);
  await writeOut(cli, `${displayPath(file, cli.cwd)}: the e-mail of step "${step}" sent on ${formatFrenchDay(message.date)}, ${formatCount(raw.length)} bytes as the server received them (Message-ID ${message.messageId})\n`);
  return 0;
}

function safe(text: string): string {
  return text.replace(/[^A-Za-z0-9._+-]/g, '_').replace(/^\.+/, '_');
}
