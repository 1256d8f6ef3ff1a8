// A real HTTP server on 127.0.0.1 for the tests that fetch (relance rates --update): each
// route answers as the test says — a saved ECB answer, an error, a page cut short, nothing
// at all — and every request is kept.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export type Route = (req: IncomingMessage, res: ServerResponse) => void;

export interface TestHttp {
  /** `http://127.0.0.1:PORT` + path. */
  url(path: string): string;
  port: number;
  /** The path and query of each request, in order. */
  requests: string[];
  close(): Promise<void>;
}

export async function startHttpServer(routes: Readonly<Record<string, Route>>): Promise<TestHttp> {
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const route = routes[(req.url ?? '').split('?')[0]!];
    if (route) route(req, res);
    else res.writeHead(404, { 'content-type': 'text/plain' }).end('no such route in the test server');
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    url: (path) => `http://127.0.0.1:${port}${path}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        // A route that never answers keeps its connection: end them all.
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

