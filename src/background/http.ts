// One bounded HTTP request: a timeout, a size cap, no redirects followed, failures as typed errors.
import { MAX_BODY_BYTES, REQUEST_TIMEOUT_MS } from '../core/limits';
import type { FeedError } from '../core/types';

export { MAX_BODY_BYTES, REQUEST_TIMEOUT_MS };

export interface HttpResponse {
  ok: true;
  status: number;
  contentType: string;
  body: string;
  /** Absolute time the server asked us to wait until (Retry-After), if it said so. */
  retryAt?: number;
}

export type HttpOutcome = HttpResponse | { ok: false; error: FeedError };

export interface RequestLimits {
  timeoutMs?: number;
  maxBytes?: number;
  now?: () => number;
  /** Turns the body's bytes into text, for a body that may not be UTF-8 (AWS's is UTF-16). */
  decode?: (bytes: Uint8Array) => string;
}

function fail(kind: FeedError['kind'], message: string, httpStatus?: number): { ok: false; error: FeedError } {
  return { ok: false, error: httpStatus === undefined ? { kind, message } : { kind, message, httpStatus } };
}

export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return now + Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(now, date);
}

async function readCapped(
  response: Response,
  maxBytes: number,
  decode: (bytes: Uint8Array) => string = (bytes) => new TextDecoder().decode(bytes),
  whole = true,
): Promise<string | null> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) {
    await response.body?.cancel();
    return null;
  }
  if (!response.body) return '';
  // Declared small enough and not compressed (a compressed body may grow past its declared length): read whole.
  const encoding = response.headers.get('content-encoding') ?? 'identity';
  if (whole && declared <= maxBytes && encoding === 'identity') return response.text();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return decode(bytes);
}

function isTimeout(error: unknown): boolean {
  return error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

export async function request(url: string, init: RequestInit, limits: RequestLimits = {}): Promise<HttpOutcome> {
  const { timeoutMs = REQUEST_TIMEOUT_MS, maxBytes = MAX_BODY_BYTES, now = Date.now, decode } = limits;
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetch(url, { ...init, redirect: 'manual', cache: 'no-store', signal });
    if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
      return fail('signed-out', 'MBI redirected the request (to its sign-in page).', response.status || undefined);
    }
    const body = await readCapped(response, maxBytes, decode, decode === undefined);
    if (body === null)
      return fail('too-large', `The response is larger than ${maxBytes / 1024 / 1024} MB.`, response.status);
    const retryAt = parseRetryAfter(response.headers.get('retry-after'), now());
    const result: HttpResponse = {
      ok: true,
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
      body,
    };
    if (retryAt !== undefined) result.retryAt = retryAt;
    return result;
  } catch (error) {
    if (isTimeout(error) || signal.aborted) return fail('timeout', `No complete answer within ${timeoutMs / 1000} s.`);
    if (typeof navigator !== 'undefined' && navigator.onLine === false)
      return fail('offline', 'The browser is offline.');
    return fail('unreachable', `The request failed: ${error instanceof Error ? error.message : String(error)}.`);
  }
}

/** The meaning of a non-2xx status; `authFailure` is what 401/403 mean for this endpoint, `who` answered. */
export function errorForStatus(
  response: HttpResponse,
  authFailure: 'signed-out' | 'key-rejected',
  who = 'MBI',
): FeedError | null {
  const { status } = response;
  if (status >= 200 && status < 300) return null;
  if (status === 401 || status === 403)
    return { kind: authFailure, message: `${who} answered HTTP ${status}.`, httpStatus: status };
  if (status === 429) {
    const error: FeedError = {
      kind: 'rate-limited',
      message: `${who} answered HTTP 429 (too many requests).`,
      httpStatus: status,
    };
    if (response.retryAt !== undefined) error.retryAt = response.retryAt;
    return error;
  }
  if (status >= 500) return { kind: 'server-error', message: `${who} answered HTTP ${status}.`, httpStatus: status };
  return {
    kind: 'format-changed',
    message: `${who} answered HTTP ${status} where a status list was expected.`,
    httpStatus: status,
  };
}

/** Parses a JSON body, or says why it is not JSON; a sign-in page is told apart from other HTML. */
export function parseJsonBody(
  response: HttpResponse,
  authFailure: 'signed-out' | 'key-rejected',
  who = 'MBI',
): { ok: true; value: unknown } | { ok: false; error: FeedError } {
  const text = response.body.trimStart();
  if (/^</.test(text) || /text\/html/i.test(response.contentType)) {
    if (/type=["']?password|sign[\s-]?in|log[\s-]?in/i.test(text.slice(0, 20_000))) {
      return { ok: false, error: { kind: authFailure, message: `${who} returned its sign-in page instead of data.` } };
    }
    return {
      ok: false,
      error: { kind: 'format-changed', message: `${who} returned an HTML page where JSON was expected.` },
    };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, error: { kind: 'format-changed', message: `${who} returned malformed JSON.` } };
  }
}
