// Factories for the outbox tests: prepared e-mails and to-dos as prepare.ts makes them,
// a config pointing at a temp folder, and a live outbox wired to a test server.

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Day } from '../../src/domain/dates.js';
import { parseIsoDay } from '../../src/domain/dates.js';
import type { Invoice } from '../../src/domain/invoice.js';
import type { JournalEntry } from '../../src/domain/journal-entry.js';
import type { Action } from '../../src/domain/plan.js';
import type { Channel, Step } from '../../src/domain/policy.js';
import type { Config } from '../../src/io/config.js';
import { configForInvoicesFile } from '../../src/io/config.js';
import { NO_MAIL } from '../../src/io/config-mail.js';
import { readJournal } from '../../src/io/journal.js';
import type { LiveOutboxOptions } from '../../src/mail/live-outbox.js';
import { liveOutbox } from '../../src/mail/live-outbox.js';
import type { Attachment, OutgoingEmail, Todo } from '../../src/mail/message.js';
import { relanceHeaders } from '../../src/mail/message.js';
import { letter } from '../helpers/documents.js';
import type { Outbox, Outcome } from '../../src/mail/outbox.js';

import { invoice as factoryInvoice } from '../helpers/factories.js';

export const TODAY: Day = parseIsoDay('2026-11-22')!;

export function invoice(number: string, o: Partial<Invoice> = {}): Invoice {
  return { ...factoryInvoice({ number }), ...o };
}

export function action(numbers: readonly string[], stepId = 'relance-1', channel: Channel = 'email', to: readonly string[] = ['compta@martin.example']): Action {
  const step: Step = { id: stepId, day: 2, channel, template: stepId, attachPrevious: false, deadlineDays: 8 };
  return { step, channel, template: stepId, client: 'Atelier Martin', emails: to, language: 'fr', invoices: numbers.map((n) => invoice(n)) };
}

let counter = 0;

/** An e-mail to `to` about invoice `number` (or several, comma separated). */
export function email(number: string, o: Partial<OutgoingEmail> & { to?: readonly string[]; step?: string } = {}): OutgoingEmail {
  const { step, ...rest } = o;
  const to = o.to ?? [`client-${number.toLowerCase()}@example.com`];
  const a = action(number.split(','), step ?? 'relance-1', 'email', to);
  counter++;
  return {
    kind: 'email',
    action: a,
    from: '"Atelier Dupont" <compta@atelier-dupont.example>',
    to,
    replyTo: 'compta@atelier-dupont.example',
    bcc: null,
    subject: `Facture ${number} : petit rappel`,
    text: `Bonjour,\n\nSauf erreur de notre part, la facture ${number} reste impayée.\n.\nUne ligne qui commence par un point, pour le dot-stuffing.\n\nCordialement`,
    html: null,
    messageId: `<${Date.now().toString(36)}.${counter}.${number}@relance.test>`,
    inReplyTo: null,
    references: [],
    attachments: [] as Attachment[],
    headers: relanceHeaders(a),
    ...rest,
    timeZone: rest.timeZone ?? null,
  };
}

export function todo(number: string, channel: Todo['channel'], stepId: string): Todo {
  const text = `Lettre recommandée\n\nFacture ${number}\n`;
  return { kind: 'todo', action: action([number], stepId, channel), channel, title: `Post the letter "${stepId}" about ${number}`, text, subject: channel === 'letter' ? 'Mise en demeure' : null, letter: channel === 'letter' ? letter({ body: text }) : null };
}

const tempDirs: string[] = [];

export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'relance-mail-'));
  tempDirs.push(dir);
  return dir;
}

/** For afterAll: the folders tempDir made. */
export async function removeTempDirs(): Promise<void> {
  await Promise.all(tempDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

/** A folder for `relance send` with relance.yaml and `count` overdue invoices, one client each (relance-1 due on 2026-11-03). */
export async function sendFolder(count: number): Promise<string> {
  const dir = await tempDir();
  await writeFile(
    join(dir, 'relance.yaml'),
    ['invoices: factures.csv', 'creditor:', '  name: Atelier Dupont SARL', '  email: compta@atelier-dupont.example', 'mail:', '  from: "Atelier Dupont <compta@atelier-dupont.example>"', '  bcc: archives@atelier-dupont.example', ''].join('\n'),
  );
  const rows = Array.from({ length: count }, (_, i) => `F-${i + 1};Client ${i + 1} SARL;c${i + 1}@example.com;01/10/2026;31/10/2026;1 200,00`);
  await writeFile(join(dir, 'factures.csv'), ['N° facture;Client;Email;Date;Échéance;Montant TTC', ...rows, ''].join('\n'));
  return dir;
}

export function configIn(dir: string, smtp: string | null = null): Config {
  const config = configForInvoicesFile('factures.csv', dir);
  return { ...config, display: 'relance.yaml', mail: { ...NO_MAIL, smtp } };
}

export interface Setup {
  dir: string;
  journalPath: string;
  outbox: Outbox;
  progress: [number, number][];
}

/** A live outbox writing its journal under `dir`, with short timeouts and no retry within the run unless asked. */
export async function setup(dir: string, env: Record<string, string | undefined>, o: Partial<LiveOutboxOptions> = {}): Promise<Setup> {
  const journalPath = join(dir, '.relance', 'journal.jsonl');
  const progress: [number, number][] = [];
  const outbox = await liveOutbox({
    config: configIn(dir),
    env,
    journalPath,
    today: TODAY,
    now: () => new Date('2026-11-22T07:00:00.000Z'),
    run: 'run-1',
    progress: (done, total) => progress.push([done, total]),
    ...o,
    smtp: { connectionTimeout: 2_000, greetingTimeout: 2_000, replyTimeout: 5_000, socketTimeout: 5_000, retryWait: 0, ...o.smtp },
  });
  return { dir, journalPath, outbox, progress };
}

/** Sends and collects the outcomes by Message-ID. */
export async function sendAll(outbox: Outbox, emails: readonly OutgoingEmail[]): Promise<Map<string, Outcome>> {
  const outcomes = new Map<string, Outcome>();
  await outbox.send(emails, (e, outcome) => {
    if (outcomes.has(e.messageId)) throw new Error(`${e.messageId} reported twice`);
    outcomes.set(e.messageId, outcome);
  });
  return outcomes;
}

export async function journalOf(path: string): Promise<JournalEntry[]> {
  const { entries, issues } = await readJournal(path);
  if (issues.length > 0) throw new Error(`journal issues: ${JSON.stringify(issues)}`);
  return entries;
}

/** Each journal line as `type invoice step`, in file order. */
export function summary(entries: readonly JournalEntry[]): string[] {
  return entries.map((e) => `${e.type} ${e.invoice} ${e.step}`);
}

export async function text(path: string): Promise<string> {
  return readFile(path, 'utf8');
}

/** The Message-ID of a raw message (its header may be folded onto the next line). */
export function messageIdOf(raw: Buffer): string {
  return /^Message-ID:\s*(\S+)/im.exec(raw.toString())![1]!;
}
