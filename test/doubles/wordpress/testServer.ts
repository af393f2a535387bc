import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Test helper: a real HTTP server on 127.0.0.1 standing in for WordPress, so the client's paging, retries and
 * timeouts run against real sockets and headers rather than a mocked fetch.
 */
export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Raw text instead of JSON (to answer garbage). */
  raw?: string;
  /** Milliseconds to wait before answering. */
  delayMs?: number;
  /** 'hang' never answers; 'reset' drops the connection. */
  fail?: 'hang' | 'reset';
}

export interface TestServer {
  baseUrl: string;
  /** Every request's path and query, in arrival order. */
  seen: URL[];
  /** Authorization headers, by request, in arrival order. */
  authorizations: (string | undefined)[];
  inFlight: number;
  maxInFlight: number;
  close(): Promise<void>;
}

export async function startTestServer(
  handle: (url: URL, request: IncomingMessage) => Reply | Promise<Reply>,
): Promise<TestServer> {
  const sockets = new Set<import('node:net').Socket>();
  const state: TestServer = {
    baseUrl: '',
    seen: [],
    authorizations: [],
    inFlight: 0,
    maxInFlight: 0,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  const server = createServer(async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    state.seen.push(url);
    state.authorizations.push(request.headers.authorization);
    state.inFlight++;
    state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
    try {
      const reply = await handle(url, request);
      if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
      if (reply.fail === 'hang') return;
      if (reply.fail === 'reset') {
        request.socket.destroy();
        return;
      }
      const body = reply.raw ?? JSON.stringify(reply.body ?? null);
      response.writeHead(reply.status ?? 200, { 'content-type': 'application/json; charset=UTF-8', ...reply.headers });
      response.end(body);
    } finally {
      state.inFlight--;
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}

/** One page of a list, with the headers WordPress sends. */
export function listPage(items: unknown[], page: number, perPage = 100): Reply {
  const totalPages = Math.max(1, Math.ceil(items.length / perPage));
  return {
    body: items.slice((page - 1) * perPage, page * perPage),
    headers: { 'x-wp-total': String(items.length), 'x-wp-totalpages': String(totalPages) },
  };
}
