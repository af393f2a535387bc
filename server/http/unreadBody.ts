import type { Http2Bindings, HttpBindings } from '@hono/node-server';

type Fetch = (request: Request, env: HttpBindings | Http2Bindings) => Response | Promise<Response>;

const hasBody = (incoming: (HttpBindings | Http2Bindings)['incoming']) =>
  incoming.headers['transfer-encoding'] !== undefined || Number(incoming.headers['content-length'] ?? 0) > 0;

/**
 * A refusal sent before the request's body was read (413 too large, 415, 429) says `Connection: close`. The
 * unread body may still be arriving; the socket cannot carry a next request until it is gone, and a keep-alive
 * peer (Varnish, a load balancer) that reused it would see the connection drop under another reader's request.
 */
export function closeWhenBodyUnread(fetch: Fetch): Fetch {
  return async (request, env) => {
    const response = await fetch(request, env);
    const incoming = env.incoming;
    if (incoming.readableEnded || !hasBody(incoming)) return response;
    try {
      response.headers.set('Connection', 'close');
      return response;
    } catch {
      // A response with immutable headers (a fetched one): the same body under a copy of its headers.
      const headers = new Headers(response.headers);
      headers.set('Connection', 'close');
      return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
    }
  };
}
