// Alexa signaling client against a fake Alexa API on 127.0.0.1: exact request, 401 refresh and one
// retry, 429/5xx back-off (fake sleep), stopping when the message no longer matters, plain-words failures.
import { createServer, type IncomingHttpHeaders, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LwaError, type TokenProvider } from '../../main/auth/lwa.js';
import { consoleLogger } from '../../main/log/logger.js';
import { outgoing } from '../../main/protocol/outgoing.js';
import { createAlexaClient, paceOf, PACES } from '../../main/signaling/alexa-client.js';

type Reply = { status: number; body?: string };
type Received = { method?: string; url?: string; headers: IncomingHttpHeaders; body: string };

/** A fake Alexa API: records each request and answers the queued replies in order (then 200). */
const alexa = {
  received: [] as Received[],
  queue: [] as Reply[],
  base: '',
  server: null as Server | null,
};

beforeAll(async () => {
  alexa.server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      alexa.received.push({ method: req.method, url: req.url, headers: req.headers, body });
      const reply = alexa.queue.shift() ?? { status: 200 };
      res.writeHead(reply.status, { 'Content-Type': 'application/json' });
      res.end(reply.body ?? '');
    });
  });
  await new Promise<void>((resolve) => alexa.server!.listen(0, '127.0.0.1', resolve));
  alexa.base = `http://127.0.0.1:${(alexa.server!.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => alexa.server!.close(() => resolve())));
beforeEach(() => {
  alexa.received.length = 0;
  alexa.queue.length = 0;
});

/** Hands out Atza|1, Atza|2, ... : a new token after each invalidate(). */
function fakeTokens(fail?: Error) {
  let generation = 1;
  const calls = { get: 0, invalidate: 0 };
  const tokens: TokenProvider = {
    async getAccessToken() {
      calls.get += 1;
      if (fail) throw fail;
      return `Atza|${generation}`;
    },
    invalidate() {
      calls.invalidate += 1;
      generation += 1;
    },
    status: () => ({ validUntil: null, lastError: null }),
  };
  return { tokens, calls };
}

function client(opts: { tokens?: TokenProvider; apiBase?: string | (() => string) } = {}) {
  const slept: number[] = [];
  const alexaClient = createAlexaClient({
    apiBase: opts.apiBase ?? alexa.base,
    tokens: opts.tokens ?? fakeTokens().tokens,
    sleep: async (ms) => {
      slept.push(ms);
    },
  });
  return { alexaClient, slept };
}

/** An Alexa API that answers with `handler`, and a client for it that retries once after 10 ms. */
async function misbehavingAlexa(handler: RequestListener, opts: { timeoutMs?: number; deadlineMs?: number; retryDelaysMs?: number[]; sleep?: (ms: number) => Promise<void> } = {}) {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const slept: number[] = [];
  const alexaClient = createAlexaClient({
    apiBase: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    tokens: fakeTokens().tokens,
    retryDelaysMs: [10],
    sleep: async (ms) => void slept.push(ms),
    ...opts,
  });
  return {
    alexaClient,
    slept,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

const ANSWER = 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\n';

describe('createAlexaClient', () => {
  it('POSTs the flat message with JSON content type and the bearer token', async () => {
    const message = outgoing.accepted('s-1', ANSWER);
    const result = await client().alexaClient.send(message);
    expect(result).toEqual({ ok: true, status: 200 });
    expect(alexa.received).toHaveLength(1);
    const [req] = alexa.received;
    expect(req!.method).toBe('POST');
    expect(req!.url).toBe('/v1/communications/signaling');
    expect(req!.headers['content-type']).toBe('application/json');
    expect(req!.headers.authorization).toBe('Bearer Atza|1');
    expect(JSON.parse(req!.body)).toEqual({
      type: 'Alexa.Comms.CallSignaling.CallAccepted',
      sessionId: 's-1',
      sdpDetails: { type: 'ANSWER', value: ANSWER },
    });
  });

  it('reads the API base each time and tolerates a trailing slash', async () => {
    let base = `${alexa.base}/`;
    const { alexaClient } = client({ apiBase: () => base });
    await alexaClient.send(outgoing.ringing('s-1'));
    base = `${alexa.base}/other`;
    await alexaClient.send(outgoing.ringing('s-1'));
    expect(alexa.received.map((r) => r.url)).toEqual(['/v1/communications/signaling', '/other/v1/communications/signaling']);
  });

  it.each([201, 202, 204])('takes %i as success', async (status) => {
    alexa.queue.push({ status });
    expect(await client().alexaClient.send(outgoing.ringing('s-1'))).toEqual({ ok: true, status });
  });

  it('on 401 refreshes the token and retries once', async () => {
    const { tokens, calls } = fakeTokens();
    alexa.queue.push({ status: 401, body: '{"message":"token expired"}' });
    const { alexaClient, slept } = client({ tokens });
    expect(await alexaClient.send(outgoing.ringing('s-1'))).toEqual({ ok: true, status: 200 });
    expect(calls.invalidate).toBe(1);
    expect(alexa.received.map((r) => r.headers.authorization)).toEqual(['Bearer Atza|1', 'Bearer Atza|2']);
    expect(slept).toEqual([]);
  });

  it('fails on a second 401 with Alexa’s message', async () => {
    const { tokens, calls } = fakeTokens();
    alexa.queue.push({ status: 401, body: '{"message":"no"}' }, { status: 401, body: '{"message":"Invalid token"}' });
    const result = await client({ tokens }).alexaClient.send(outgoing.accepted('s-1', ANSWER));
    expect(result).toEqual({ ok: false, status: 401, message: 'Alexa rejected CallAccepted (401): Invalid token' });
    expect(alexa.received).toHaveLength(2);
    expect(calls.invalidate).toBe(1);
  });

  it.each([429, 500, 503])('retries %i with the configured delays, then succeeds', async (status) => {
    alexa.queue.push({ status }, { status });
    const { alexaClient, slept } = client();
    expect(await alexaClient.send(outgoing.ringing('s-1'))).toEqual({ ok: true, status: 200 });
    expect(slept).toEqual([250, 1000]);
    expect(alexa.received).toHaveLength(3);
  });

  it('gives up after the last delay with a plain-words failure', async () => {
    alexa.queue.push(...Array.from({ length: 4 }, () => ({ status: 503, body: '{"message":"Service unavailable"}' })));
    const { alexaClient, slept } = client();
    const result = await alexaClient.send(outgoing.ringing('s-1'));
    expect(result).toEqual({
      ok: false,
      status: 503,
      message: 'Alexa rejected CallRinging (503): Service unavailable (gave up after 4 attempts)',
    });
    expect(slept).toEqual([250, 1000, 3000]);
    expect(alexa.received).toHaveLength(4);
  });

  it('stops retrying as soon as the message no longer matters', async () => {
    alexa.queue.push({ status: 503 }, { status: 503 }, { status: 503 });
    let callEnded = false;
    const slept: number[] = [];
    const alexaClient = createAlexaClient({
      apiBase: alexa.base,
      tokens: fakeTokens().tokens,
      sleep: async (ms) => {
        slept.push(ms);
        callEnded = true; // the call ends while we wait
      },
    });
    const result = await alexaClient.send(outgoing.ringing('s-1'), { stillMatters: () => !callEnded });
    expect(result.ok).toBe(false);
    expect(result).toMatchObject({ status: 503, message: expect.stringMatching(/no longer needed/) });
    expect(alexa.received).toHaveLength(1);
    expect(slept).toEqual([250]);
  });

  it('does not even wait when the message already no longer matters', async () => {
    alexa.queue.push({ status: 500 });
    const { alexaClient, slept } = client();
    const result = await alexaClient.send(outgoing.ringing('s-1'), { stillMatters: () => false });
    expect(result.ok).toBe(false);
    expect(slept).toEqual([]);
    expect(alexa.received).toHaveLength(1);
  });

  it.each([400, 403, 404, 409])('fails %i at once without retrying', async (status) => {
    alexa.queue.push({ status, body: '{"message":"Session not found"}' });
    const { alexaClient, slept } = client();
    const result = await alexaClient.send(outgoing.ended('s-1', 'SUCCESS', 'bye'));
    expect(result).toEqual({ ok: false, status, message: `Alexa rejected CallEnded (${status}): Session not found` });
    expect(slept).toEqual([]);
    expect(alexa.received).toHaveLength(1);
  });

  it('shows a short plain-text error body but not an HTML page', async () => {
    alexa.queue.push({ status: 400, body: 'Bad   request\n' }, { status: 400, body: '<html><body>Error</body></html>' });
    const { alexaClient } = client();
    expect(await alexaClient.send(outgoing.ringing('s-1'))).toMatchObject({ message: 'Alexa rejected CallRinging (400): Bad request' });
    expect(await alexaClient.send(outgoing.ringing('s-1'))).toMatchObject({ message: 'Alexa rejected CallRinging (400)' });
  });

  it('retries a network error and then says Alexa could not be reached', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const { alexaClient, slept } = client({ apiBase: `http://127.0.0.1:${port}` });
    const result = await alexaClient.send(outgoing.ringing('s-1'));
    expect(result).toEqual({
      ok: false,
      status: null,
      message: 'Could not reach Alexa to send CallRinging: network error (ECONNREFUSED) (gave up after 4 attempts)',
    });
    expect(slept).toEqual([250, 1000, 3000]);
  });

  it('gives up on a reply that never comes, retries, and says so', async () => {
    const silent = await misbehavingAlexa(() => {}, { timeoutMs: 100 }); // reads the request, never answers
    try {
      expect(await silent.alexaClient.send(outgoing.ringing('s-1'))).toEqual({
        ok: false,
        status: null,
        message: 'Could not reach Alexa to send CallRinging: no reply in time (gave up after 2 attempts)',
      });
      expect(silent.slept).toEqual([10]);
    } finally {
      silent.close();
    }
  });

  it('treats a reply cut off mid-body as a network error and retries it', async () => {
    const cutting = await misbehavingAlexa((req, res) => {
      req.resume();
      res.writeHead(200, { 'Content-Length': '100' });
      res.write('{"partial":');
      setImmediate(() => res.socket?.destroy());
    });
    try {
      expect(await cutting.alexaClient.send(outgoing.ringing('s-1'))).toMatchObject({
        ok: false,
        status: null,
        message: expect.stringMatching(/^Could not reach Alexa to send CallRinging: network error \(ECONNRESET\) \(gave up after 2 attempts\)$/),
      });
      expect(cutting.slept).toEqual([10]);
    } finally {
      cutting.close();
    }
  });

  it('reuses its connection for the next message', async () => {
    const { alexaClient } = client();
    const sockets = new Set<unknown>();
    const onConnection = (socket: unknown) => sockets.add(socket);
    alexa.server!.on('connection', onConnection);
    try {
      for (let i = 0; i < 5; i++) expect((await alexaClient.send(outgoing.ringing(`s-${i}`))).ok).toBe(true);
    } finally {
      alexa.server!.off('connection', onConnection);
    }
    expect(alexa.received).toHaveLength(5);
    expect(sockets.size).toBeLessThanOrEqual(1);
  });

  it('surfaces a token error with its message and no status, without calling Alexa', async () => {
    const { tokens } = fakeTokens(new LwaError('invalid_grant', 400, 'The link to Amazon has expired or was revoked — relink'));
    const result = await client({ tokens }).alexaClient.send(outgoing.ringing('s-1'));
    expect(result).toEqual({
      ok: false,
      status: null,
      message: 'Could not send CallRinging: The link to Amazon has expired or was revoked — relink',
    });
    expect(alexa.received).toHaveLength(0);
  });

  it('logs the message at debug level but never the bearer token', async () => {
    const lines: string[] = [];
    alexa.queue.push({ status: 401 }, { status: 500 });
    const alexaClient = createAlexaClient({
      apiBase: alexa.base,
      tokens: fakeTokens().tokens,
      sleep: async () => {},
      log: consoleLogger('debug', (l) => lines.push(l)),
    });
    await alexaClient.send(outgoing.accepted('s-1', ANSWER));
    const all = lines.join('\n');
    expect(all).toContain('sending CallAccepted');
    expect(all).toContain('sent CallAccepted');
    expect(all).not.toContain('Atza|');
  });

  it('retries a token LWA could not hand out, like an Alexa error, and sends once LWA answers', async () => {
    let lwaDown = 1;
    const tokens: TokenProvider = {
      async getAccessToken() {
        if (lwaDown-- > 0) throw new LwaError('server_error', 500, "Amazon's login service could not be reached (it reported an internal error) — try again shortly");
        return 'Atza|after-outage';
      },
      invalidate() {},
      status: () => ({ validUntil: null, lastError: null }),
    };
    const { alexaClient, slept } = client({ tokens });
    expect(await alexaClient.send(outgoing.ended('s-1', 'SUCCESS', 'bye'))).toEqual({ ok: true, status: 200 });
    expect(slept).toEqual([250]);
    expect(alexa.received.map((r) => r.headers.authorization)).toEqual(['Bearer Atza|after-outage']);
  });

  it('gives up on a token request LWA never answers within the attempt time, and says so', async () => {
    const tokens: TokenProvider = { getAccessToken: () => new Promise(() => {}), invalidate() {}, status: () => ({ validUntil: null, lastError: null }) };
    const alexaClient = createAlexaClient({ apiBase: alexa.base, tokens, timeoutMs: 30, retryDelaysMs: [10], sleep: async () => {} });
    expect(await alexaClient.send(outgoing.ringing('s-1'))).toEqual({
      ok: false,
      status: null,
      message: "Could not send CallRinging: Amazon's login service did not answer in time (gave up after 2 attempts)",
    });
    expect(alexa.received).toHaveLength(0);
  });

  it('stops at the overall deadline, even with retries left', async () => {
    const hung = await misbehavingAlexa(() => {}, { timeoutMs: 100, deadlineMs: 250, retryDelaysMs: [10, 10, 10, 10, 10, 10], sleep: (ms) => new Promise((r) => setTimeout(r, ms)) });
    try {
      const started = performance.now();
      const result = await hung.alexaClient.send(outgoing.accepted('s-1', ANSWER));
      const took = performance.now() - started;
      expect(result).toMatchObject({ ok: false, status: null, message: expect.stringMatching(/^Could not reach Alexa to send CallAccepted: no reply in time \(gave up after [23] attempts\)$/) });
      expect(took).toBeGreaterThanOrEqual(200);
      expect(took).toBeLessThan(1_000);
    } finally {
      hung.close();
    }
  });

  it('paces call setup in seconds and gives ending a call longer', () => {
    for (const message of [outgoing.ringing('s'), outgoing.accepted('s', ANSWER), outgoing.inProgress('s', ANSWER), outgoing.update('s', 'CALL_HOLD', ANSWER), outgoing.acceptedAck('s')]) {
      expect(paceOf(message)).toBe(PACES.setup);
    }
    expect(paceOf(outgoing.ended('s', 'SUCCESS', 'bye'))).toBe(PACES.ending);
    // A hung Alexa used to hold a call for 4 tries × 10 s; setup now gives up within 10 s.
    expect(PACES.setup.attemptMs).toBeLessThanOrEqual(3_000);
    expect(PACES.setup.deadlineMs).toBeLessThanOrEqual(10_000);
    expect(PACES.ending.deadlineMs).toBeGreaterThan(PACES.setup.deadlineMs);
  });

  it('masks the token and secret-shaped text an Alexa error echoes, in the result and in the log', async () => {
    const lines: string[] = [];
    const opaque = 'opaque-access-token-0123456789';
    const tokens: TokenProvider = { getAccessToken: async () => opaque, invalidate() {}, status: () => ({ validUntil: null, lastError: null }) };
    alexa.queue.push({ status: 400, body: JSON.stringify({ message: `Bad request: Authorization: Bearer ${opaque}; refresh_token=Atzr|abc; token ${opaque}` }) });
    const alexaClient = createAlexaClient({ apiBase: alexa.base, tokens, sleep: async () => {}, log: consoleLogger('debug', (l) => lines.push(l)) });
    const result = await alexaClient.send(outgoing.ringing('s-1'));
    expect(result).toEqual({
      ok: false,
      status: 400,
      message: 'Alexa rejected CallRinging (400): Bad request: Authorization: Bearer [redacted]; refresh_token=[redacted]; token [redacted]',
    });
    expect(lines.join('\n')).not.toContain(opaque);
    expect(lines.join('\n')).not.toContain('Atzr|abc');
  });

  it('refuses bad retry delays', () => {
    expect(() => createAlexaClient({ apiBase: alexa.base, tokens: fakeTokens().tokens, retryDelaysMs: [-1] })).toThrow(
      /retryDelaysMs/,
    );
  });
});
