import { describe, expect, it, vi } from 'vitest';
import {
  errorForStatus,
  type HttpOutcome,
  type HttpResponse,
  parseJsonBody,
  parseRetryAfter,
  request,
} from '../../src/background/http';

const URL_ = 'https://api.rjmetrics.com/v1/v2/clients/194/connections/input-connections?include_deleted=false';

function kindOf(outcome: HttpOutcome): string {
  return outcome.ok ? 'ok' : outcome.error.kind;
}

function streamOf(chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
}

function response(status: number, body = '', contentType = 'application/json'): HttpResponse {
  return { ok: true, status, contentType, body };
}

describe('request', () => {
  it('returns the status, content type and body of a 200 JSON answer', async () => {
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(Response.json([{ id: 5 }]));
    await expect(request(URL_, {})).resolves.toEqual({
      ok: true,
      status: 200,
      contentType: 'application/json',
      body: '[{"id":5}]',
    });
  });

  it('reads a body that arrives in several chunks', async () => {
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response(streamOf(['[{"id":', '5}', ']'])));
    const outcome = await request(URL_, {});
    expect(outcome.ok && outcome.body).toBe('[{"id":5}]');
  });

  it('reports "too-large" when the body grows past the cap', async () => {
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response(streamOf(['x'.repeat(60), 'x'.repeat(60)])));
    expect(kindOf(await request(URL_, {}, { maxBytes: 100 }))).toBe('too-large');
  });

  it('reads a body exactly at the cap', async () => {
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response(streamOf(['x'.repeat(50), 'x'.repeat(50)])));
    expect(kindOf(await request(URL_, {}, { maxBytes: 100 }))).toBe('ok');
  });

  it('reports "too-large" when the declared length is over the cap', async () => {
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response('[]', { headers: { 'content-length': '1000000' } }));
    expect(kindOf(await request(URL_, {}, { maxBytes: 100 }))).toBe('too-large');
  });

  it.each([
    {
      what: 'a 302 to the sign-in page',
      make: () => Response.redirect('https://dashboard.rjmetrics.com/v2/session/create', 302),
    },
    { what: 'a bare 302', make: () => new Response(null, { status: 302 }) },
    { what: 'a 303', make: () => new Response(null, { status: 303 }) },
  ])('reports "signed-out" for $what', async ({ make }) => {
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(make());
    expect(kindOf(await request(URL_, {}))).toBe('signed-out');
  });

  it('reports "unreachable" with the reason when the network fails', async () => {
    vi.spyOn(globalThis, 'fetch').mockRejectedValue(new TypeError('fetch failed'));
    const outcome = await request(URL_, {});
    expect(outcome.ok ? undefined : outcome.error).toMatchObject({
      kind: 'unreachable',
      message: expect.stringContaining('fetch failed') as unknown,
    });
  });

  it('reports "timeout" when no answer comes within the time limit', async () => {
    vi.spyOn(globalThis, 'fetch').mockImplementation(
      (_input, init) =>
        new Promise<Response>((_resolve, reject) => {
          init?.signal?.addEventListener('abort', () => reject(init.signal?.reason as Error));
        }),
    );
    expect(kindOf(await request(URL_, {}, { timeoutMs: 50 }))).toBe('timeout');
  });

  it('reports "timeout" when the body stalls after the headers', async () => {
    vi.spyOn(globalThis, 'fetch').mockImplementation((_input, init) => {
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('[{"id":'));
          init?.signal?.addEventListener('abort', () => controller.error(init.signal?.reason));
        },
      });
      return Promise.resolve(new Response(body));
    });
    expect(kindOf(await request(URL_, {}, { timeoutMs: 50 }))).toBe('timeout');
  });

  it('passes on the time a 429 answer asks to wait until', async () => {
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(
      new Response('', { status: 429, headers: { 'retry-after': '120' } }),
    );
    const outcome = await request(URL_, {}, { now: () => 1_000_000 });
    expect(outcome).toMatchObject({ ok: true, status: 429, retryAt: 1_120_000 });
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-01-15T12:00:00Z');

  it.each([
    { value: '120', expected: now + 120_000 },
    { value: ' 0 ', expected: now },
    { value: 'Thu, 15 Jan 2026 12:05:00 GMT', expected: now + 300_000 },
    { value: 'Thu, 15 Jan 2026 11:00:00 GMT', expected: now },
    { value: 'soon', expected: undefined },
    { value: '', expected: undefined },
    { value: null, expected: undefined },
  ])('reads "$value" as $expected', ({ value, expected }) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });
});

describe('errorForStatus', () => {
  it.each([
    { status: 200, auth: 'signed-out', kind: null },
    { status: 204, auth: 'key-rejected', kind: null },
    { status: 401, auth: 'signed-out', kind: 'signed-out' },
    { status: 403, auth: 'signed-out', kind: 'signed-out' },
    { status: 401, auth: 'key-rejected', kind: 'key-rejected' },
    { status: 403, auth: 'key-rejected', kind: 'key-rejected' },
    { status: 429, auth: 'key-rejected', kind: 'rate-limited' },
    { status: 500, auth: 'signed-out', kind: 'server-error' },
    { status: 503, auth: 'key-rejected', kind: 'server-error' },
    { status: 404, auth: 'signed-out', kind: 'format-changed' },
  ] as const)('reads HTTP $status ($auth endpoint) as $kind', ({ status, auth, kind }) => {
    expect(errorForStatus(response(status), auth)?.kind ?? null).toBe(kind);
  });

  it('keeps the time a 429 asks to wait until', () => {
    expect(errorForStatus({ ...response(429), retryAt: 5_000 }, 'key-rejected')).toMatchObject({
      kind: 'rate-limited',
      retryAt: 5_000,
      httpStatus: 429,
    });
  });

  it('names the HTTP status in the message', () => {
    expect(errorForStatus(response(503), 'signed-out')?.message).toContain('503');
  });
});

describe('parseJsonBody', () => {
  it.each([
    {
      what: 'a password form',
      body: '<!doctype html><form><input type="password" name="pw"></form>',
      auth: 'signed-out',
      kind: 'signed-out',
    },
    {
      what: 'a sign-in page',
      body: '<html><body><h1>Sign in to MBI</h1></body></html>',
      auth: 'signed-out',
      kind: 'signed-out',
    },
    {
      what: 'a login page for the key endpoint',
      body: '<html><title>Log in</title></html>',
      auth: 'key-rejected',
      kind: 'key-rejected',
    },
    {
      what: 'a maintenance page',
      body: '<html><body>We will be back soon.</body></html>',
      auth: 'signed-out',
      kind: 'format-changed',
    },
    { what: 'truncated JSON', body: '[{"id":5,', auth: 'signed-out', kind: 'format-changed' },
    { what: 'plain text', body: 'OK', auth: 'key-rejected', kind: 'format-changed' },
  ] as const)('reads $what as $kind', ({ body, auth, kind }) => {
    const parsed = parseJsonBody(response(200, body, ''), auth);
    expect(parsed.ok ? 'ok' : parsed.error.kind).toBe(kind);
  });

  it('treats a body labelled text/html as a page even without a leading tag', () => {
    const parsed = parseJsonBody(response(200, 'Please log in', 'text/html; charset=utf-8'), 'signed-out');
    expect(parsed.ok ? 'ok' : parsed.error.kind).toBe('signed-out');
  });

  it('parses JSON after leading whitespace', () => {
    expect(parseJsonBody(response(200, '\n  [{"id":5}]'), 'signed-out')).toEqual({ ok: true, value: [{ id: 5 }] });
  });
});
