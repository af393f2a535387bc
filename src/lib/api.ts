import type * as z from 'zod/mini';

type Schemas = typeof import('../schema');

/**
 * The validators load on demand: a first visit renders from data the server sent with the page, so the
 * validation library comes down only with the first request the page makes itself.
 */
let schemas: Promise<Schemas> | undefined;
const loadSchemas = () => (schemas ??= import('../schema'));

/** Our API's error shape, checked by hand (the validators are not loaded yet when a first request fails). */
function readApiError(body: unknown): { code: string; message: string; fields?: Record<string, string> } | undefined {
  const error = (body as { error?: { code?: unknown; message?: unknown; fields?: Record<string, string> } })?.error;
  return typeof error?.code === 'string' && typeof error.message === 'string'
    ? { code: error.code, message: error.message, fields: error.fields }
    : undefined;
}

/** A failed API call, carrying what the server said so the UI can say what failed. */
export class ApiRequestError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: Record<string, string>;

  constructor(status: number, code: string, message: string, fields: Record<string, string> = {}) {
    super(message);
    this.name = 'ApiRequestError';
    this.status = status;
    this.code = code;
    this.fields = fields;
  }
}

export const isNotFound = (error: unknown) => error instanceof ApiRequestError && error.status === 404;

type Transport = (path: string, init: RequestInit) => Promise<Response>;

let transport: Transport = (path, init) => fetch(path, init);

/** The server renders pages by answering the app's API calls in-process instead of over the network. */
export function setApiTransport(next: Transport) {
  transport = next;
}

/** Fetches an API path and checks the answer against the schema that `pick` chooses from the shared contract. */
export async function fetchJson<T>(
  path: string,
  pick: (all: Schemas) => z.ZodMiniType<T>,
  init?: RequestInit,
): Promise<T> {
  let response: Response;
  try {
    response = await transport(path, { ...init, headers: { Accept: 'application/json', ...init?.headers } });
  } catch {
    throw new ApiRequestError(0, 'network', 'We could not reach the server. Check your connection and try again.');
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    // The server's own message says what to do (a 429's says how many seconds to wait).
    const error = readApiError(body);
    throw error
      ? new ApiRequestError(response.status, error.code, error.message, error.fields)
      : new ApiRequestError(response.status, 'http', `The server answered ${response.status}. Please try again.`);
  }
  const result = pick(await loadSchemas()).safeParse(body);
  if (!result.success) {
    throw new ApiRequestError(response.status, 'invalid_response', 'The server sent data this page could not read.');
  }
  return result.data;
}
