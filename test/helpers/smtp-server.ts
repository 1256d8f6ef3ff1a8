// A real SMTP server on 127.0.0.1 for the tests (STYLE.md: no mocked nodemailer). It can
// require a password, refuse recipients, answer slowly and drop a connection, and it keeps
// what arrived, parsed with postal-mime.

import { createServer, type Server, type Socket } from 'node:net';
import PostalMime, { type Email } from 'postal-mime';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';

export const TEST_USER = 'relance';
export const TEST_PASSWORD = 'Pa55-w0rd:with@odd/chars';

export interface TestSmtpOptions {
  /** Require AUTH with TEST_USER and this password (default: no AUTH needed, any accepted). */
  password?: string;
  /** Recipients refused at RCPT TO, with the code (550 for good, 451 for now). */
  reject?: Readonly<Record<string, 550 | 451>>;
  /** Milliseconds before answering each message once its data is in (or per recipients). */
  delay?: number | ((to: readonly string[]) => number);
  /**
   * Once `afterMessages` messages were accepted, drop the connection of the next one,
   * once: at its MAIL FROM (nothing of it sent yet) or when its data has arrived whole
   * without answering (the server has it; the client cannot know).
   */
  drop?: { afterMessages: number; at: 'mail' | 'data' };
  /** Called as each message's data arrives, before it is answered (e.g. to look at the journal). */
  onArrival?: (message: ReceivedMessage) => void;
  /** No message is answered before this settles (after `delay`): a run held mid-send. */
  gate?: Promise<unknown>;
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
  /** `smtp://relance:PASSWORD@127.0.0.1:PORT`, or without credentials when none given. */
  url(password?: string | null): string;
  parsed(): Promise<Email[]>;
  close(): Promise<void>;
}

export async function startSmtpServer(options: TestSmtpOptions = {}): Promise<TestSmtp> {
  const received: ReceivedMessage[] = [];
  const droppedWhole: ReceivedMessage[] = [];
  const sockets = new Set<Socket>();
  let dropped = false;
  let connections = 0;
  const shouldDrop = (at: 'mail' | 'data') => !dropped && options.drop?.at === at && received.length === options.drop.afterMessages;
  const socketOf = (session: SMTPServerSession) => [...sockets].find((s) => s.remotePort === session.remotePort);
  const smtpError = (code: number, message: string) => Object.assign(new Error(message), { responseCode: code });

  const server = new SMTPServer({
    disableReverseLookup: true,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authOptional: options.password === undefined,
    logger: false,
    closeTimeout: 100,
    onAuth(auth, _session, callback) {
      if (options.password !== undefined && (auth.username !== TEST_USER || auth.password !== options.password)) {
        return callback(smtpError(535, 'Authentication failed'));
      }
      callback(null, { user: auth.username });
    },
    onMailFrom(_address, session, callback) {
      if (shouldDrop('mail')) {
        dropped = true;
        socketOf(session)?.destroy();
        return;
      }
      callback();
    },
    onRcptTo(address, _session, callback) {
      const code = options.reject?.[address.address];
      if (code === 550) return callback(smtpError(550, `5.1.1 <${address.address}>: no such mailbox`));
      if (code === 451) return callback(smtpError(451, `4.3.0 <${address.address}>: try again later`));
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
        options.onArrival?.(message);
        if (shouldDrop('data')) {
          dropped = true;
          droppedWhole.push(message);
          socketOf(session)?.destroy();
          return;
        }
        const delay = typeof options.delay === 'function' ? options.delay(message.to) : (options.delay ?? 0);
        const accept = () => {
          received.push(message);
          callback(null, `2.0.0 Ok: queued as ${received.length}`);
        };
        const answer = () => (options.gate ? void options.gate.then(accept, accept) : accept());
        if (delay > 0) setTimeout(answer, delay);
        else answer();
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

  return {
    port,
    received,
    droppedWhole,
    connections: () => connections,
    url: (password = null) => (password === null ? `smtp://127.0.0.1:${port}` : `smtp://${TEST_USER}:${encodeURIComponent(password)}@127.0.0.1:${port}`),
    parsed: () => Promise.all(received.map((m) => PostalMime.parse(m.raw))),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A port on 127.0.0.1 with nothing listening: connection refused. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
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
