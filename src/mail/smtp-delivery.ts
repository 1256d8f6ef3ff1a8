// One message handed to the pool as it was composed and archived: no second composing,
// and what goes out is exactly what was archived. Two guards ride on its data stream,
// which the pool reads only once the server has answered the envelope (DATA's 354):
// a copy for the Bcc goes nowhere when the client's own addresses were refused (the
// connection is closed before the data, so the server discards the message), and an
// envelope the server does not answer within the reply timeout is taken back.

import { Readable } from 'node:stream';
import type { MailMessage, SMTPPoolSentMessageInfo } from 'nodemailer';
import type { SMTPPool } from './smtp.js';

/** A message as composed and archived: these bytes, to these envelope addresses. */
export interface RawMessage {
  messageId: string;
  envelope: { from: string; to: string[] };
  /** The client's own addresses (lower case): the others are the Bcc. */
  clients: readonly string[];
  raw: Buffer;
}

/** A refusal the server gave at RCPT, as nodemailer keeps it. */
export interface RecipientRefusal {
  recipient: string;
  responseCode?: number;
  response?: string;
  message?: string;
}

export interface Delivery {
  /** Resolves with the server's acceptance; rejects with the SMTP or network error. */
  done: Promise<SMTPPoolSentMessageInfo>;
  /** Whether SMTP read the message to its last byte (in its last attempt). */
  readToTheEnd(): boolean;
  /**
   * Takes the message back from the pool: out of its queue, or its connection closed before
   * the end of its data (the server then discards it). `done` rejects. Only for a message
   * not read to the end (one that was may already be the server's): false for one that was.
   */
  withdraw(): boolean;
  /** Why the message was taken back by its own guards: the client refused (the Bcc would be alone), or no reply in time. */
  guard(): { kind: 'clients-refused'; refusals: RecipientRefusal[] } | { kind: 'no-reply'; after: number } | null;
}

interface Envelope {
  from: string;
  to: string[];
  size: number;
  /** Filled in by nodemailer as the replies to RCPT come. */
  rejected?: string[];
  rejectedErrors?: (RecipientRefusal & Error)[];
}

/**
 * Hands the bytes to the pool. The pool takes what nodemailer's Mail would hand it (the
 * transport contract: `message.getEnvelope()`, `messageId()`, `createReadStream()`), and
 * asks for a fresh envelope and stream each attempt (it retries only a message not a byte
 * of which was sent). `replyTimeout` (ms) bounds the wait for the envelope's replies.
 */
export function sendRaw(pool: SMTPPool, message: RawMessage, replyTimeout: number): Delivery {
  let stream: Readable | null = null;
  let envelope: Envelope | null = null;
  let guard: ReturnType<Delivery['guard']> = null;
  let timer: NodeJS.Timeout | null = null;
  const withdrawal = new AbortController();
  const stop = (why: NonNullable<typeof guard>): void => {
    guard ??= why;
    // Out of the stream's own read() call: the pool closes the connection on the abort.
    setImmediate(() => withdrawal.abort());
  };
  const clients = new Set(message.clients);
  const mail = {
    data: { signal: withdrawal.signal },
    message: {
      // A new object each attempt: nodemailer writes the replies to RCPT into it.
      getEnvelope: () => (envelope = { from: message.envelope.from, to: [...message.envelope.to], size: message.raw.length }),
      messageId: () => message.messageId,
      getHeader: (key: string) => (key.toLowerCase() === 'message-id' ? message.messageId : undefined),
      createReadStream: () => {
        // The pool asks for the stream as it sends MAIL FROM on a ready connection.
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => stop({ kind: 'no-reply', after: replyTimeout }), replyTimeout);
        stream = new Readable({
          read() {
            // DATA was accepted: the envelope is answered.
            if (timer) clearTimeout(timer);
            const rejected = new Set((envelope?.rejected ?? []).map((r) => r.toLowerCase()));
            if (clients.size > 0 && [...clients].every((c) => rejected.has(c))) {
              const refusals = (envelope?.rejectedErrors ?? []).filter((e) => clients.has(String(e.recipient).toLowerCase()));
              stop({ kind: 'clients-refused', refusals: refusals.map((e) => ({ recipient: e.recipient, responseCode: e.responseCode, response: e.response, message: e.message })) });
              return;
            }
            this.push(message.raw);
            this.push(null);
          },
        });
        return stream;
      },
    },
  } as unknown as MailMessage<SMTPPoolSentMessageInfo>;
  const done = new Promise<SMTPPoolSentMessageInfo>((resolve, reject) =>
    pool.send(mail, (err, info) => {
      if (timer) clearTimeout(timer);
      if (err || !info) reject(err ?? new Error('no answer from the pool'));
      else resolve(info);
    }),
  );
  const readToTheEnd = () => (stream as Readable | null)?.readableEnded === true;
  return {
    done,
    readToTheEnd,
    withdraw() {
      if (readToTheEnd()) return false;
      withdrawal.abort();
      return true;
    },
    guard: () => guard,
  };
}
