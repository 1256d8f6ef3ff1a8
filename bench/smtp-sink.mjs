// The local SMTP server of the send benchmark: accepts everything on 127.0.0.1, counts the
// messages and throws them away. Started by run.mjs with an IPC channel (fork): it sends
// `{ port }` when listening and answers `count` / `reset` messages. SINK_DELAY=MS makes it
// answer each message that many milliseconds after its data is in, as a real server that
// writes to disk and scans does (0, the default: at once).
//
// As in the tests: no reverse DNS (`disableReverseLookup`), no STARTTLS (loopback, plain
// for relance and for the baseline alike). smtp-server has no option for its 100 ms
// "early talker" pause before each greeting (3.21: a fixed setTimeout in
// SMTPConnection#init), so init is replaced by the same code without the pause.

import { SMTPServer } from 'smtp-server';
import { SMTPConnection } from 'smtp-server/lib/smtp-connection.js';

SMTPConnection.prototype.init = function initWithoutGreetingDelay() {
  this._setListeners(() => {
    if (this._server.options.maxClients && this._server.connections.size > this._server.options.maxClients) {
      return this.send(421, `${this.name} Too many connected clients, try again in a moment`, false);
    }
    this.connectionReady();
  });
};

const DELAY = Number(process.env.SINK_DELAY ?? 0) || 0;

let count = 0;
let bytes = 0;
let connections = 0;

const server = new SMTPServer({
  disableReverseLookup: true,
  disabledCommands: ['STARTTLS'],
  hideSTARTTLS: true,
  authOptional: true,
  allowInsecureAuth: true,
  logger: false,
  maxClients: 100,
  closeTimeout: 100,
  onData(stream, _session, callback) {
    stream.on('data', (chunk) => (bytes += chunk.length));
    stream.on('end', () => {
      const answer = () => {
        count++;
        callback(null, `2.0.0 Ok: queued as ${count}`);
      };
      if (DELAY > 0) setTimeout(answer, DELAY);
      else answer();
    });
  },
});
server.server.on('connection', () => connections++);
server.on('error', (err) => process.stderr.write(`smtp-sink: ${err.message}\n`));

server.listen(0, '127.0.0.1', () => {
  process.send({ port: server.server.address().port });
});

process.on('message', (msg) => {
  if (msg === 'count') process.send({ count, bytes, connections });
  else if (msg === 'reset') {
    count = 0;
    bytes = 0;
    connections = 0;
    process.send({ reset: true });
  } else if (msg === 'stop') server.close(() => process.exit(0));
});
process.on('disconnect', () => process.exit(0));
