// A real SMTP server on 127.0.0.1 for the tests (STYLE.md: no mocked nodemailer). It can
// require a password, refuse recipients for good or for now (greylisting), refuse the
// data, answer slowly or hold its answers, drop a connection, announce a SIZE limit or
// leave SMTPUTF8 out, speak TLS with a given certificate, and it keeps what arrived
// (parsed with postal-mime), the EHLO names and the AUTH attempts it saw.

import { afterEach } from 'vitest';
import { createServer, type Server, type Socket } from 'node:net';
import PostalMime, { type Email } from 'postal-mime';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';

export const TEST_USER = 'relance';
export const TEST_PASSWORD = 'Pa55-w0rd:with@odd/chars';

export interface TestSmtpOptions {
  /** Require AUTH with TEST_USER and this password (default: no AUTH needed, any accepted). */
  password?: string;
  /** Recipients refused at RCPT TO, with the code (550 for good, 451 for now, or any other). */
  reject?: Readonly<Record<string, number>>;
  /** Greylisting: each of these recipients is refused with 451 at its first `attempts` RCPT TO. */
  greylist?: { recipients: readonly string[]; attempts: number };
  /** The reply to the end of the data for messages to these recipients (e.g. 552, 554, 451). */
  dataReply?: Readonly<Record<string, number>>;
  /** Milliseconds before answering each message once its data is in (or per recipients). */
  delay?: number | ((to: readonly string[]) => number);
  /** Answers to the data wait for this too (a test holds the server while it looks around). */
  hold?: Promise<void>;
  /**
   * Once `afterMessages` messages were accepted, drop the connection of the next one,
   * once: at its MAIL FROM (nothing of it sent yet) or when its data has arrived whole
   * without answering (the server has it; the client cannot know).
   */
  drop?: { afterMessages: number; at: 'mail' | 'data' };
  /** The SIZE limit announced in EHLO and enforced, in bytes. */
  size?: number;
  /** false: SMTPUTF8 is not announced (an address like zoé@… cannot be carried). */
  smtpUtf8?: boolean;
  /** TLS from the first byte with this key and certificate (PEM), for smtps://. */
  tls?: { key: string; cert: string };
  /** Called as each message's data arrives, before it is answered (e.g. to look at the journal). */
  onArrival?: (message: ReceivedMessage) => void;
}

export interface ReceivedMessage {
  from: string;
  to: string[];
  raw: Buffer;
}

export interface TestSmtp {
  port: number;
  /** Accepted messages, in order of acceptance (each is here before its 250 goes out). */
  received: ReceivedMessage[];
  /** Messages whose data arrived whole on a connection dropped before the answer. */
  droppedWhole: ReceivedMessage[];
  /** Connections opened so far. */
  connections: () => number;
  /** AUTH attempts so far, accepted or not. */
  authAttempts: () => number;
  /** The name each session gave in EHLO (or HELO), in order. */
  ehloNames: string[];
  /** `smtp://relance:PASSWORD@127.0.0.1:PORT`, or without credentials when none given (smtps:// with `tls`). */
  url(password?: string | null): string;
  parsed(): Promise<Email[]>;
  close(): Promise<void>;
}

export async function startSmtpServer(options: TestSmtpOptions = {}): Promise<TestSmtp> {
  const received: ReceivedMessage[] = [];
  const droppedWhole: ReceivedMessage[] = [];
  const ehloNames: string[] = [];
  const sockets = new Set<Socket>();
  const greylisted = new Map<string, number>();
  let dropped = false;
  let connections = 0;
  let authAttempts = 0;
  const shouldDrop = (at: 'mail' | 'data') => !dropped && options.drop?.at === at && received.length === options.drop.afterMessages;
  const socketOf = (session: SMTPServerSession) => [...sockets].find((s) => s.remotePort === session.remotePort);
  const smtpError = (code: number, message: string) => Object.assign(new Error(message), { responseCode: code });

  const server = new SMTPServer({
    disableReverseLookup: true,
    ...(options.tls ? { secure: true, key: options.tls.key, cert: options.tls.cert } : { disabledCommands: ['STARTTLS'] }),
    allowInsecureAuth: true,
    authOptional: options.password === undefined,
    logger: false,
    closeTimeout: 100,
    ...(options.size === undefined ? {} : { size: options.size }),
    ...(options.smtpUtf8 === false ? { hideSMTPUTF8: true } : {}),
    onAuth(auth, session, callback) {
      authAttempts++;
      ehloNames.push(session.hostNameAppearsAs);
      if (options.password !== undefined && (auth.username !== TEST_USER || auth.password !== options.password)) {
        return callback(smtpError(535, 'Authentication failed'));
      }
      callback(null, { user: auth.username });
    },
    onMailFrom(_address, session, callback) {
      if (!ehloNames.includes(session.hostNameAppearsAs)) ehloNames.push(session.hostNameAppearsAs);
      if (shouldDrop('mail')) {
        dropped = true;
        socketOf(session)?.destroy();
        return;
      }
      callback();
    },
    onRcptTo(address, _session, callback) {
      const who = address.address;
      const code = options.reject?.[who];
      if (code !== undefined && code >= 500) return callback(smtpError(code, `5.1.1 <${who}>: no such mailbox`));
      if (code !== undefined) return callback(smtpError(code, `4.3.0 <${who}>: try again later`));
      if (options.greylist?.recipients.includes(who)) {
        const seen = (greylisted.get(who) ?? 0) + 1;
        greylisted.set(who, seen);
        if (seen <= options.greylist.attempts) return callback(smtpError(451, `4.7.1 <${who}>: greylisted, try again in a few minutes`));
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const message: ReceivedMessage = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks),
        };
        if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) {
          return callback(smtpError(552, `5.3.4 message exceeds fixed maximum message size ${options.size}`));
        }
        options.onArrival?.(message);
        if (shouldDrop('data')) {
          dropped = true;
          droppedWhole.push(message);
          socketOf(session)?.destroy();
          return;
        }
        const refusal = message.to.map((t) => options.dataReply?.[t]).find((c) => c !== undefined);
        const delay = typeof options.delay === 'function' ? options.delay(message.to) : (options.delay ?? 0);
        const answer = () => {
          if (refusal !== undefined) return callback(smtpError(refusal, refusal >= 500 ? '5.7.1 message refused: its content' : '4.7.0 scanner busy, try again later'));
          received.push(message);
          callback(null, `2.0.0 Ok: queued as ${received.length}`);
        };
        const later = () => (delay > 0 ? setTimeout(answer, delay) : answer());
        if (options.hold) void options.hold.then(later);
        else later();
      });
    },
  });
  server.server.on('connection', (socket: Socket) => {
    connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  const scheme = options.tls ? 'smtps' : 'smtp';

  return {
    port,
    received,
    droppedWhole,
    ehloNames,
    connections: () => connections,
    authAttempts: () => authAttempts,
    url: (password = null) => (password === null ? `${scheme}://127.0.0.1:${port}` : `${scheme}://${TEST_USER}:${encodeURIComponent(password)}@127.0.0.1:${port}`),
    parsed: () => Promise.all(received.map((m) => PostalMime.parse(m.raw))),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}


/** A server that accepts connections and never says a word: greeting timeouts. */
export async function startSilentServer(): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * For a test file's top level: a function that starts a server, and an afterEach that
 * closes every server the test started.
 */
export function serversClosedAfterEach(): (options?: TestSmtpOptions) => Promise<TestSmtp> {
  const servers: TestSmtp[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });
  return async (options = {}) => {
    const s = await startSmtpServer(options);
    servers.push(s);
    return s;
  };
}

