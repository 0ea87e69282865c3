// LWA token client against a fake token endpoint on 127.0.0.1: the refresh grant's form, caching
// until 90 % of expires_in, one shared refresh, each error code in plain words, and no secrets in errors.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createTokenProvider,
  exchangeAuthorizationCode,
  KEEP_FRESH_RETRY_MS,
  LwaError,
  refreshWithCredentials,
  type LwaCredentials,
} from '../../main/auth/lwa.js';

const CREDENTIALS: LwaCredentials = {
  clientId: 'amzn1.application-oa2-client.desk',
  clientSecret: 'very-secret-client-secret-value',
  refreshToken: 'Atzr|refresh-token-value',
};

type Reply = { status: number; body: unknown; delayMs?: number };

/** A fake LWA token endpoint: records each form it receives and answers the queued replies in order. */
function fakeLwa() {
  const forms: Record<string, string>[] = [];
  const contentTypes: (string | undefined)[] = [];
  const queue: Reply[] = [];
  let fallback: Reply = { status: 500, body: { error: 'server_error' } };
  const server: Server = createServer((req, res) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (text += c));
    req.on('end', () => {
      forms.push(Object.fromEntries(new URLSearchParams(text)));
      contentTypes.push(req.headers['content-type']);
      const reply = queue.shift() ?? fallback;
      const payload = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
      setTimeout(() => {
        res.writeHead(reply.status, { 'Content-Type': 'application/json' });
        res.end(payload);
      }, reply.delayMs ?? 0);
    });
  });
  return {
    server,
    forms,
    contentTypes,
    url: '',
    reply(...replies: Reply[]) {
      queue.push(...replies);
    },
    setFallback(reply: Reply) {
      fallback = reply;
    },
    reset() {
      forms.length = 0;
      contentTypes.length = 0;
      queue.length = 0;
    },
  };
}

const token = (accessToken: string, expiresIn: number | string = 3600): Reply => ({
  status: 200,
  body: { access_token: accessToken, refresh_token: CREDENTIALS.refreshToken, token_type: 'bearer', expires_in: expiresIn },
});

const lwa = fakeLwa();
beforeAll(async () => {
  await new Promise<void>((resolve) => lwa.server.listen(0, '127.0.0.1', resolve));
  lwa.url = `http://127.0.0.1:${(lwa.server.address() as AddressInfo).port}/auth/o2/token`;
});
afterAll(() => new Promise<void>((resolve) => lwa.server.close(() => resolve())));
beforeEach(() => lwa.reset());

function provider(now: { t: number }, credentials: LwaCredentials | null = CREDENTIALS) {
  return createTokenProvider({ tokenUrl: lwa.url, credentials: async () => credentials, now: () => now.t });
}

describe('createTokenProvider', () => {
  it('sends the form-encoded refresh-token grant', async () => {
    lwa.reply(token('Atza|first'));
    expect(await provider({ t: 0 }).getAccessToken()).toBe('Atza|first');
    expect(lwa.contentTypes[0]).toBe('application/x-www-form-urlencoded');
    expect(lwa.forms).toEqual([
      {
        grant_type: 'refresh_token',
        refresh_token: CREDENTIALS.refreshToken,
        client_id: CREDENTIALS.clientId,
        client_secret: CREDENTIALS.clientSecret,
      },
    ]);
  });

  it('caches the token until 90 % of expires_in, then refreshes', async () => {
    const clock = { t: 1_000_000 };
    const tokens = provider(clock);
    lwa.reply(token('Atza|first', 3600), token('Atza|second', 3600));

    expect(await tokens.getAccessToken()).toBe('Atza|first');
    expect(tokens.status()).toEqual({ validUntil: 1_000_000 + 3_240_000, lastError: null });

    clock.t = 1_000_000 + 3_240_000 - 1;
    expect(await tokens.getAccessToken()).toBe('Atza|first');
    expect(lwa.forms).toHaveLength(1);

    clock.t = 1_000_000 + 3_240_000;
    expect(await tokens.getAccessToken()).toBe('Atza|second');
    expect(lwa.forms).toHaveLength(2);
  });

  it('reads expires_in given as a numeric string', async () => {
    const clock = { t: 0 };
    const tokens = provider(clock);
    lwa.reply(token('Atza|str', '100'));
    await tokens.getAccessToken();
    expect(tokens.status().validUntil).toBe(90_000);
  });

  it('shares one refresh between concurrent callers', async () => {
    const tokens = provider({ t: 0 });
    lwa.reply({ ...token('Atza|shared'), delayMs: 50 });
    const results = await Promise.all([tokens.getAccessToken(), tokens.getAccessToken(), tokens.getAccessToken()]);
    expect(results).toEqual(['Atza|shared', 'Atza|shared', 'Atza|shared']);
    expect(lwa.forms).toHaveLength(1);
  });

  it('refreshes again after invalidate()', async () => {
    const tokens = provider({ t: 0 });
    lwa.reply(token('Atza|one'), token('Atza|two'));
    expect(await tokens.getAccessToken()).toBe('Atza|one');
    tokens.invalidate();
    expect(tokens.status().validUntil).toBeNull();
    expect(await tokens.getAccessToken()).toBe('Atza|two');
    expect(lwa.forms).toHaveLength(2);
  });

  it('records the last error, shares the failure, and clears it after a success', async () => {
    const tokens = provider({ t: 0 });
    lwa.reply({ status: 400, body: { error: 'invalid_grant' } }, token('Atza|ok'));
    const failures = await Promise.allSettled([tokens.getAccessToken(), tokens.getAccessToken()]);
    expect(failures.map((f) => f.status)).toEqual(['rejected', 'rejected']);
    expect(lwa.forms).toHaveLength(1);
    expect(tokens.status()).toEqual({ validUntil: null, lastError: 'The link to Amazon has expired or was revoked — relink' });

    expect(await tokens.getAccessToken()).toBe('Atza|ok');
    expect(tokens.status().lastError).toBeNull();
  });

  it('says when there are no credentials, without calling LWA', async () => {
    const error = await provider({ t: 0 }, null).getAccessToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LwaError);
    expect(error).toMatchObject({ code: 'not_linked', status: 0 });
    expect(lwa.forms).toHaveLength(0);
  });
});

describe('keeping a token fresh', () => {
  // A scripted token endpoint (fetch), so the fake clock drives every wait.
  function scripted(...replies: (Reply | Error)[]) {
    const requests: number[] = [];
    const fetch = (async () => {
      requests.push(Date.now());
      const reply = replies.shift() ?? { status: 500, body: { error: 'server_error' } };
      if (reply instanceof Error) throw reply;
      return new Response(JSON.stringify(reply.body), { status: reply.status });
    }) as typeof globalThis.fetch;
    return { fetch, requests };
  }
  const settle = () => vi.advanceTimersByTimeAsync(0);

  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('fetches a token at once and refreshes it before it expires, so callers never wait for LWA', async () => {
    const lwaFetch = scripted(token('Atza|first', 100), token('Atza|second', 100));
    const tokens = createTokenProvider({ tokenUrl: 'http://lwa.test/token', credentials: async () => CREDENTIALS, fetch: lwaFetch.fetch });
    tokens.keepFresh();
    await settle();
    expect(lwaFetch.requests).toEqual([1_000_000]);
    expect(await tokens.getAccessToken()).toBe('Atza|first'); // from the cache
    await vi.advanceTimersByTimeAsync(80_000 - 1);
    expect(lwaFetch.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(lwaFetch.requests).toEqual([1_000_000, 1_080_000]); // at 80 % of its 100 s
    expect(await tokens.getAccessToken()).toBe('Atza|second');
    expect(lwaFetch.requests).toHaveLength(2);
    tokens.stop();
  });

  it('retries a refresh LWA could not answer with growing waits, serving the token that still works meanwhile', async () => {
    const lwaFetch = scripted(token('Atza|first', 100), { status: 500, body: { error: 'server_error' } }, new TypeError('fetch failed'), token('Atza|second', 100));
    const tokens = createTokenProvider({ tokenUrl: 'http://lwa.test/token', credentials: async () => CREDENTIALS, fetch: lwaFetch.fetch });
    tokens.keepFresh();
    await vi.advanceTimersByTimeAsync(80_000); // refresh ahead: 500
    expect(tokens.status().lastError).toMatch(/could not be reached/);
    expect(await tokens.getAccessToken()).toBe('Atza|first'); // still valid until 90 s
    await vi.advanceTimersByTimeAsync(KEEP_FRESH_RETRY_MS[0]!); // network error
    await vi.advanceTimersByTimeAsync(KEEP_FRESH_RETRY_MS[1]!); // works
    expect(lwaFetch.requests.map((t) => t - 1_000_000)).toEqual([0, 80_000, 80_000 + KEEP_FRESH_RETRY_MS[0]!, 80_000 + KEEP_FRESH_RETRY_MS[0]! + KEEP_FRESH_RETRY_MS[1]!]);
    expect(await tokens.getAccessToken()).toBe('Atza|second');
    expect(tokens.status().lastError).toBeNull();
    tokens.stop();
  });

  it('stops at a refusal that retrying cannot fix, reports it, and starts again after a later success', async () => {
    const errors: unknown[] = [];
    const lwaFetch = scripted({ status: 400, body: { error: 'invalid_grant' } }, token('Atza|relinked', 100));
    const tokens = createTokenProvider({
      tokenUrl: 'http://lwa.test/token',
      credentials: async () => CREDENTIALS,
      fetch: lwaFetch.fetch,
      onError: (e) => errors.push(e),
    });
    tokens.keepFresh();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(lwaFetch.requests).toHaveLength(1);
    expect(errors).toMatchObject([{ code: 'invalid_grant' }]);
    // Relinked: the next call refreshes, and the token is kept fresh again.
    expect(await tokens.getAccessToken()).toBe('Atza|relinked');
    await vi.advanceTimersByTimeAsync(80_000);
    expect(lwaFetch.requests).toHaveLength(3);
    tokens.stop();
    await vi.advanceTimersByTimeAsync(200_000);
    expect(lwaFetch.requests).toHaveLength(3);
  });
});

describe('LwaError.transient', () => {
  it.each([
    ['unreachable', 0, true],
    ['server_error', 500, true],
    ['temporarily_unavailable', 503, true],
    ['something_new', 502, true],
    ['server_error', 429, true],
    ['invalid_grant', 400, false],
    ['invalid_client', 401, false],
    ['not_linked', 0, false],
    ['invalid_response', 200, false],
  ])('%s (%i) -> %s', (code, status, transient) => {
    expect(new LwaError(code, status, 'x').transient).toBe(transient);
  });
});

describe('LWA errors', () => {
  const cases: { name: string; reply: Reply; code: string; status: number; message: RegExp }[] = [
    { name: 'invalid_grant', reply: { status: 400, body: { error: 'invalid_grant', error_description: 'x' } }, code: 'invalid_grant', status: 400, message: /^The link to Amazon has expired or was revoked — relink$/ },
    { name: 'invalid_client', reply: { status: 401, body: { error: 'invalid_client' } }, code: 'invalid_client', status: 401, message: /^The client id or secret is wrong$/ },
    { name: 'unauthorized_client', reply: { status: 400, body: { error: 'unauthorized_client' } }, code: 'unauthorized_client', status: 400, message: /may not use this login/ },
    { name: 'invalid_request', reply: { status: 400, body: { error: 'invalid_request' } }, code: 'invalid_request', status: 400, message: /malformed/ },
    { name: 'unsupported_grant_type', reply: { status: 400, body: { error: 'unsupported_grant_type' } }, code: 'unsupported_grant_type', status: 400, message: /does not accept this kind of login/ },
    { name: 'an unknown error code', reply: { status: 400, body: { error: 'something_new' } }, code: 'something_new', status: 400, message: /refused the request \(HTTP 400: something_new\)/ },
    { name: 'server_error', reply: { status: 500, body: { error: 'server_error' } }, code: 'server_error', status: 500, message: /^Amazon's login service could not be reached/ },
    { name: 'a 503 without a body', reply: { status: 503, body: '' }, code: 'server_error', status: 503, message: /^Amazon's login service could not be reached/ },
    { name: 'a 429', reply: { status: 429, body: 'slow down' }, code: 'server_error', status: 429, message: /^Amazon's login service could not be reached/ },
    { name: 'a reply without access_token', reply: { status: 200, body: { token_type: 'bearer', expires_in: 3600 } }, code: 'invalid_response', status: 200, message: /unexpected reply \(access_token/ },
    { name: 'a non-numeric expires_in', reply: { status: 200, body: { access_token: 'Atza|x', expires_in: 'soon' } }, code: 'invalid_response', status: 200, message: /expires_in/ },
    { name: 'a non-JSON success', reply: { status: 200, body: '<html>' }, code: 'invalid_response', status: 200, message: /unexpected reply/ },
  ];

  it.each(cases)('$name -> $code', async ({ reply, code, status, message }) => {
    lwa.reply(reply);
    const error = await refreshWithCredentials({ tokenUrl: lwa.url, ...CREDENTIALS }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LwaError);
    expect(error).toMatchObject({ code, status });
    expect((error as LwaError).message).toMatch(message);
    for (const secret of [CREDENTIALS.clientSecret, CREDENTIALS.refreshToken]) {
      expect(String(error)).not.toContain(secret);
      expect(JSON.stringify(error)).not.toContain(secret);
    }
  });

  it('says the service could not be reached on a network error', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const error = await refreshWithCredentials({ tokenUrl: `http://127.0.0.1:${port}/token`, ...CREDENTIALS }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'unreachable', status: 0 });
    expect((error as Error).message).toMatch(/^Amazon's login service could not be reached \(ECONNREFUSED\)$/);
  });

  it('names the missing field without calling LWA', async () => {
    const error = await refreshWithCredentials({ tokenUrl: lwa.url, ...CREDENTIALS, clientSecret: ' ' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'invalid_input', message: 'clientSecret: must be a non-empty string' });
    expect(lwa.forms).toHaveLength(0);
  });
});

describe('exchangeAuthorizationCode', () => {
  it('sends the authorization-code grant and returns the tokens', async () => {
    lwa.reply(token('Atza|from-code', '3600'));
    const result = await exchangeAuthorizationCode({
      tokenUrl: lwa.url,
      clientId: CREDENTIALS.clientId,
      clientSecret: CREDENTIALS.clientSecret,
      code: 'ANcode',
      redirectUri: 'https://desk.example/cb',
      codeVerifier: 'verifier',
    });
    expect(result).toEqual({ accessToken: 'Atza|from-code', refreshToken: CREDENTIALS.refreshToken, expiresIn: 3600 });
    expect(lwa.forms[0]).toEqual({
      grant_type: 'authorization_code',
      code: 'ANcode',
      client_id: CREDENTIALS.clientId,
      client_secret: CREDENTIALS.clientSecret,
      redirect_uri: 'https://desk.example/cb',
      code_verifier: 'verifier',
    });
  });

  it('leaves out the optional fields when not given', async () => {
    lwa.reply(token('Atza|x'));
    await exchangeAuthorizationCode({ tokenUrl: lwa.url, clientId: 'id', clientSecret: 'sec', code: 'c' });
    expect(Object.keys(lwa.forms[0]!).sort()).toEqual(['client_id', 'client_secret', 'code', 'grant_type']);
  });

  it('refuses a reply without a refresh token', async () => {
    lwa.reply({ status: 200, body: { access_token: 'Atza|x', expires_in: 3600 } });
    await expect(
      exchangeAuthorizationCode({ tokenUrl: lwa.url, clientId: 'id', clientSecret: 'sec', code: 'c' }),
    ).rejects.toMatchObject({ code: 'invalid_response' });
  });

  it('reports an expired code in plain words', async () => {
    lwa.reply({ status: 400, body: { error: 'invalid_grant' } });
    await expect(
      exchangeAuthorizationCode({ tokenUrl: lwa.url, clientId: 'id', clientSecret: 'sec', code: 'c' }),
    ).rejects.toThrow('The link to Amazon has expired or was revoked — relink');
  });
});
