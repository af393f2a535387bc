import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A pass-through in front of one server that notes when each request arrived: the bench's view of what reaches
 * the origin from a cache in front of it (the server keeps no request log of its own). Loopback only; bodies
 * and headers go through untouched, so the cache sees the origin's own answers.
 */
export interface CountingProxy {
  url: string;
  /** performance.now() of each request whose path starts with `prefix`, in order of arrival. */
  arrivals(prefix: string): number[];
  close(): Promise<void>;
}

export async function startCountingProxy(target: string): Promise<CountingProxy> {
  const origin = new URL(target);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const seen: { at: number; path: string }[] = [];
  const server = createServer((incoming, outgoing) => {
    seen.push({ at: performance.now(), path: incoming.url ?? '' });
    const forwarded = request(
      {
        host: origin.hostname,
        port: origin.port,
        method: incoming.method,
        path: incoming.url,
        headers: incoming.headers,
        agent,
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
        answer.pipe(outgoing);
      },
    );
    // The origin not answering is what the cache must see: a closed connection, as if it were down.
    forwarded.on('error', () => outgoing.destroy());
    incoming.pipe(forwarded);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    arrivals: (prefix) => seen.filter((request) => request.path.startsWith(prefix)).map((request) => request.at),
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
