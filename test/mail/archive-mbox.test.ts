// The archive a person can open: the day's mbox is mboxrd with LF line ends. Python's
// `mailbox` reads it back (no ^M, the "From " lines of a body quoted), and each message,
// its mboxrd quoting undone and its LF turned back into CRLF, is byte for byte what the
// server received; `relance log INVOICE --eml STEP` writes those very bytes as a .eml.

import { spawnSync } from 'node:child_process';
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runRelance } from '../helpers/run-cli.js';
import { startSmtpServer } from '../helpers/smtp-server.js';
import { messageIdOf, removeTempDirs, sendFolder, tempDir } from './outgoing.js';

afterAll(removeTempDirs);

const python = spawnSync('python3', ['-c', 'import mailbox']).status === 0;
if (!python) console.log('archive-mbox.test.ts: python3 with its mailbox module is not on this machine, so the read-back test is skipped');

// Reads the mbox with Python's mailbox module and undoes mboxrd's quoting, as the archive is documented.
const READ_BACK = `
import base64, json, mailbox, re, sys
box = mailbox.mbox(sys.argv[1], create=False)
out = []
for key in box.keys():
    raw = box.get_bytes(key)
    raw = re.sub(rb'(?m)^>(>*From )', rb'\\1', raw)
    out.append(base64.b64encode(raw).decode())
print(json.dumps(out))
`;

describe('the day’s archive', () => {
  it.skipIf(!python)('Python’s mailbox reads every message back as the server received it; log --eml writes one out', async () => {
    const smtp = await startSmtpServer();
    try {
      const dir = await sendFolder(3);
      // A body with lines that an mbox must quote, and one quoted already.
      await cp(join(import.meta.dirname, '../../templates'), join(dir, 'templates'), { recursive: true });
      const template = join(dir, 'templates', 'fr', 'relance-1.hbs');
      await writeFile(template, (await readFile(template, 'utf8')).replace('Bonjour,\n', 'Bonjour,\n\nFrom the desk of Atelier Dupont.\n>From a quoted line.\n'));
      await writeFile(join(dir, 'relance.yaml'), `${await readFile(join(dir, 'relance.yaml'), 'utf8')}templates: templates\n`);
      const run = await runRelance(['send', '--today', '2026-11-03'], { cwd: dir, env: { RELANCE_SMTP_URL: smtp.url() } });
      expect(run.code).toBe(0);
      expect(smtp.received).toHaveLength(3);

      const mboxPath = join(dir, '.relance', 'sent', '2026-11-03.mbox');
      const mbox = await readFile(mboxPath, 'latin1');
      expect(mbox).not.toContain('\r');
      expect(mbox.match(/^>From the desk/gm)).toHaveLength(3);
      expect(mbox.match(/^>>From a quoted line/gm)).toHaveLength(3);

      const python = spawnSync('python3', ['-c', READ_BACK, mboxPath], { encoding: 'utf8' });
      expect(python.stderr).toBe('');
      const messages = (JSON.parse(python.stdout) as string[]).map((b) => Buffer.from(Buffer.from(b, 'base64').toString('latin1').replace(/\n/g, '\r\n'), 'latin1'));
      expect(messages).toHaveLength(3);
      const received = new Map(smtp.received.map((m) => [messageIdOf(m.raw), m.raw]));
      for (const m of messages) expect(m.equals(received.get(messageIdOf(m))!)).toBe(true);

      const out = await tempDir();
      const eml = await runRelance(['log', 'F-2', '--eml', 'relance-1', '--today', '2026-11-03', '--config', join(dir, 'relance.yaml')], { cwd: out });
      expect(eml.code).toBe(0);
      expect(eml.stdout).toMatch(/^F-2_relance-1\.eml: the e-mail of step "relance-1" sent on 03\/11\/2026, [\d ]+ bytes as the server received them \(Message-ID <relance\..+>\)\n$/);
      const written = await readFile(join(out, 'F-2_relance-1.eml'));
      const sentToF2 = smtp.received.find((m) => m.raw.toString().includes('X-Relance-Invoice: F-2'))!;
      expect(written.equals(sentToF2.raw)).toBe(true);

      const none = await runRelance(['log', 'F-2', '--eml', 'relance-2', '--today', '2026-11-03', '--config', join(dir, 'relance.yaml')], { cwd: out });
      expect(none).toMatchObject({ code: 2, stderr: 'relance: F-2: no e-mail of step "relance-2" was sent — the steps sent: relance-1\n' });
    } finally {
      await smtp.close();
    }
  });
});
