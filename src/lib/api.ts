import type * as z from 'zod/mini';
import { ApiError } from '../schema';

/** A failed API call, carrying what the server said so the UI can say what failed. */
export class ApiRequestError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: Record<string, string>;
  readonly retryAfterSeconds: number | undefined;

  constructor(status: number, code: string, message: string, fields: Record<string, string> = {}, retryAfter?: number) {
    super(message);
    this.name = 'ApiRequestError';
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.retryAfterSeconds = retryAfter;
  }
}

export const isNotFound = (error: unknown) => error instanceof ApiRequestError && error.status === 404;

/** status 0: the request never reached the server (offline, server down). */
export const isNetworkFailure = (error: unknown) => error instanceof ApiRequestError && error.status === 0;

export async function fetchJson<T>(path: string, schema: z.ZodMiniType<T>, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { ...init, headers: { Accept: 'application/json', ...init?.headers } });
  } catch {
    throw new ApiRequestError(0, 'network', 'We could not reach the server. Check your connection and try again.');
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const parsed = ApiError.safeParse(body);
    const retryAfter = Number(response.headers.get('Retry-After')) || undefined;
    throw parsed.success
      ? new ApiRequestError(response.status, parsed.data.error.code, parsed.data.error.message, parsed.data.error.fields, retryAfter)
      : new ApiRequestError(response.status, 'http', `The server answered ${response.status}. Please try again.`, {}, retryAfter);
  }
  const result = schema.safeParse(body);
  if (!result.success) {
    throw new ApiRequestError(response.status, 'invalid_response', 'The server sent data this page could not read.');
  }
  return result.data;
}
