// The skill webhook over real HTTP on 127.0.0.1: route mapping, envelope handling, grant routing,
// every error status, and that the handler is never called when a request is refused.
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { consoleLogger } from '../../main/log/logger.js';
import type { Message } from '../../main/protocol/messages.js';
import {
  MAX_BODY_BYTES,
  startWebhookServer,
  type EventOutcome,
  type GrantOutcome,
  type WebhookHandler,
  type WebhookServer,
} from '../../main/signaling/webhook.js';

const NS = 'Alexa.Comms.CallSignaling';
const OFFER = 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n';
const ANSWER = 'v=0\r\no=- 3 4 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n';
const PARTICIPANTS = [
  { id: { type: 'COMMUNICATION_PROFILE_ID', value: 'amzn1.profile.room214' }, isOriginator: true },
  { id: { type: 'RAW_ADDRESS', value: 'front-desk' }, isOriginator: false },
];
const SECRET = 'desk-secret-0123456789abcdef';

/** A handler that records every call and answers what the test queued. */
function recordingHandler() {
  const events: Message[] = [];
  const grants: { code: string; request: unknown }[] = [];
  let nextEvent: EventOutcome = { ok: true };
  let nextGrant: GrantOutcome = { ok: true, response: { event: { header: { name: 'AcceptGrant.Response' } } } };
  const handler: WebhookHandler = {
    async onEvent(message) {
      events.push(message);
      return nextEvent;
    },
    async onGrant(grant) {
      grants.push(grant);
      return nextGrant;
    },
  };
  return {
    handler,
    events,
    grants,
    answerEvent(outcome: EventOutcome) {
      nextEvent = outcome;
    },
    answerGrant(outcome: GrantOutcome) {
      nextGrant = outcome;
    },
    reset() {
      events.length = 0;
      grants.length = 0;
      nextEvent = { ok: true };
    },
  };
}

async function call(
  base: string,
  path: string,
  opts: { method?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; json: any; headers: Headers }> {
  const method = opts.method ?? 'POST';
  const hasBody = opts.raw !== undefined || opts.body !== undefined;
  const response = await fetch(base + path, {
    method,
    headers: { ...(hasBody ? { 'Content-Type': 'application/json' } : {}), ...opts.headers },
    body: opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : null, headers: response.headers };
}

/** Raw request with node:http, which keeps the response when the server stops reading the body. */
function rawPost(
  port: number,
  path: string,
  headers: Record<string, string | number>,
  write: (req: ReturnType<typeof httpRequest>) => void,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method: 'POST', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    // Writing after the server answered and closed may fail; the response is what counts.
    req.on('error', (err) => setTimeout(() => reject(err), 500));
    write(req);
  });
}

describe('webhook without a secret', () => {
  const rec = recordingHandler();
  let server: WebhookServer;
  beforeAll(async () => {
    server = await startWebhookServer({ host: '127.0.0.1', port: 0, handler: rec.handler });
  });
  afterAll(() => server.close());
  afterEach(() => rec.reset());

  it('reports its loopback url and port', () => {
    expect(server.port).toBeGreaterThan(0);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
  });

  it('GET /health answers ok', async () => {
    const r = await call(server.url, '/health', { method: 'GET' });
    expect(r).toMatchObject({ status: 200, json: { ok: true } });
    expect(rec.events).toHaveLength(0);
  });

  describe("Amazon's sample-skill routes", () => {
    const cases: { name: string; path: string; body: object; message: object }[] = [
      {
        name: '/offer with the sample spellings -> InitiateOutboundCall (accessToken dropped)',
        path: '/offer',
        body: { sdpoffer: OFFER, sessionID: 's-1', accessToken: 'Atza|consent-token', participants: PARTICIPANTS },
        message: {
          type: `${NS}.InitiateOutboundCall`,
          sessionId: 's-1',
          participants: PARTICIPANTS,
          sdpDetails: { type: 'OFFER', value: OFFER },
        },
      },
      {
        name: '/offer with sessionId/sdpOffer spellings',
        path: '/offer',
        body: { sdpOffer: OFFER, sessionId: 's-2', participants: PARTICIPANTS },
        message: { type: `${NS}.InitiateOutboundCall`, sessionId: 's-2', sdpDetails: { type: 'OFFER', value: OFFER } },
      },
      {
        name: '/offer with sdp spelling',
        path: '/offer',
        body: { sdp: OFFER, sessionId: 's-3', participants: PARTICIPANTS },
        message: { type: `${NS}.InitiateOutboundCall`, sessionId: 's-3', sdpDetails: { type: 'OFFER', value: OFFER } },
      },
      {
        name: '/ring without sdp -> CallRinging',
        path: '/ring',
        body: { sessionId: 's-4' },
        message: { type: `${NS}.CallRinging`, sessionId: 's-4' },
      },
      {
        name: '/ring with sdp -> CallInProgress with the early ANSWER',
        path: '/ring',
        body: { sessionId: 's-5', sdp: ANSWER },
        message: { type: `${NS}.CallInProgress`, sessionId: 's-5', sdpDetails: { type: 'ANSWER', value: ANSWER } },
      },
      {
        name: '/answer -> CallAccepted',
        path: '/answer',
        body: { sessionId: 's-6', sdp: ANSWER },
        message: { type: `${NS}.CallAccepted`, sessionId: 's-6', sdpDetails: { type: 'ANSWER', value: ANSWER } },
      },
      {
        name: '/reoffer -> CallUpdate (no renegotiationType, as the sample skill sends it)',
        path: '/reoffer',
        body: { sessionId: 's-7', sdp: OFFER },
        message: {
          type: `${NS}.CallUpdate`,
          sessionId: 's-7',
          sdpDetails: { type: 'OFFER', value: OFFER },
        },
      },
      {
        name: '/reoffer keeps the renegotiationType it was given',
        path: '/reoffer',
        body: { sessionId: 's-8', sdp: OFFER, renegotiationType: 'CALL_HOLD' },
        message: {
          type: `${NS}.CallUpdate`,
          sessionId: 's-8',
          renegotiationType: 'CALL_HOLD',
          sdpDetails: { type: 'OFFER', value: OFFER },
        },
      },
      {
        name: '/reanswer -> CallUpdateResponse',
        path: '/reanswer',
        body: { sessionId: 's-9', sdp: ANSWER, renegotiationType: 'CALL_RESUME' },
        message: {
          type: `${NS}.CallUpdateResponse`,
          sessionId: 's-9',
          renegotiationType: 'CALL_RESUME',
          sdpDetails: { type: 'ANSWER', value: ANSWER },
        },
      },
      {
        name: '/end -> CallEnded',
        path: '/end',
        body: { sessionId: 's-10' },
        message: { type: `${NS}.CallEnded`, sessionId: 's-10' },
      },
      {
        name: '/end with a callResult',
        path: '/end',
        body: { sessionId: 's-11', callResult: { code: 'DEVICE_BUSY', message: 'busy' } },
        message: { type: `${NS}.CallEnded`, sessionId: 's-11', callResult: { code: 'DEVICE_BUSY', message: 'busy' } },
      },
    ];

    it.each(cases)('$name', async ({ path, body, message }) => {
      const r = await call(server.url, path, { body });
      expect(r).toMatchObject({ status: 200, json: { ok: true } });
      expect(rec.events).toHaveLength(1);
      expect(rec.events[0]).toMatchObject(message);
    });

    it('passes exactly the mapped fields on, nothing else from the body', async () => {
      await call(server.url, '/offer', {
        body: { sdpoffer: OFFER, sessionID: 's-1', accessToken: 'Atza|consent-token', participants: PARTICIPANTS, extra: 1 },
      });
      expect(Object.keys(rec.events[0]!).sort()).toEqual(['participants', 'sdpDetails', 'sessionId', 'type']);
      expect(JSON.stringify(rec.events[0])).not.toContain('consent-token');
    });

    it('accepts a trailing slash and a charset in the content type', async () => {
      const r = await call(server.url, '/ring/', {
        body: { sessionId: 's-12' },
        headers: { 'Content-Type': 'application/json; charset=utf-8' },
      });
      expect(r.status).toBe(200);
      expect(rec.events[0]).toMatchObject({ type: `${NS}.CallRinging`, sessionId: 's-12' });
    });
  });

  describe('POST /alexa', () => {
    const callAccepted = {
      type: `${NS}.CallAccepted`,
      requestId: 'amzn1.echo-api.request.1',
      timestamp: '2024-05-01T12:00:00Z',
      sessionId: 's-20',
      sdpDetails: { type: 'ANSWER', value: ANSWER },
    };
    const envelope = (request: object) => ({
      version: '1.0',
      context: { System: { apiAccessToken: 'Atza|api-token', user: { permissions: { consentToken: 'Atza|consent' } } } },
      request,
    });

    it('takes the full skill envelope', async () => {
      const r = await call(server.url, '/alexa', { body: envelope(callAccepted) });
      expect(r).toMatchObject({ status: 200, json: { ok: true } });
      expect(rec.events).toEqual([expect.objectContaining(callAccepted)]);
      expect(JSON.stringify(rec.events)).not.toContain('Atza|');
    });

    it('takes the bare request object', async () => {
      const r = await call(server.url, '/alexa', { body: callAccepted });
      expect(r.status).toBe(200);
      expect(rec.events).toEqual([expect.objectContaining(callAccepted)]);
    });

    it.each([
      ['CallRingingAck', {}],
      ['CallInProgressAck', {}],
      ['CallAcceptedAck', {}],
      ['CallUpdateAck', {}],
      ['CallRinging', {}],
      ['CallInProgress', { sdpDetails: { type: 'ANSWER', value: ANSWER } }],
      ['CallUpdate', { renegotiationType: 'CALL_HOLD', sdpDetails: { type: 'OFFER', value: OFFER } }],
      ['CallUpdateResponse', { renegotiationType: 'CALL_UPDATE', sdpDetails: { type: 'ANSWER', value: ANSWER } }],
      ['CallEnded', { callResult: { code: 'SUCCESS', message: 'bye' } }],
      ['InitiateOutboundCall', { participants: PARTICIPANTS, sdpDetails: { type: 'OFFER', value: OFFER } }],
    ])('forwards %s', async (name, fields) => {
      const request = { type: `${NS}.${name}`, sessionId: 's-21', ...fields };
      const r = await call(server.url, '/alexa', { body: envelope(request) });
      expect(r.status).toBe(200);
      expect(rec.events).toEqual([expect.objectContaining(request)]);
    });

    it('drops an accessToken the skill put into the request', async () => {
      await call(server.url, '/alexa', { body: { ...callAccepted, accessToken: 'Atza|secret-consent' } });
      expect(rec.events[0]).not.toHaveProperty('accessToken');
    });

    it('refuses Alexa.Authorization.Grant: linking needs the webhook secret', async () => {
      const r = await call(server.url, '/alexa', {
        body: envelope({ type: 'Alexa.Authorization.Grant', body: { grant: { type: 'OAuth2.AuthorizationCode', code: 'ANauthcode123' } } }),
      });
      expect(r.status).toBe(403);
      expect(r.json.error).toMatch(/only with the webhook secret/);
      expect(rec.grants).toHaveLength(0);
    });
  });

  describe('refusals (the handler is never called)', () => {
    const cases: {
      name: string;
      path: string;
      method?: string;
      raw?: string;
      body?: unknown;
      headers?: Record<string, string>;
      status: number;
      error?: string | RegExp;
    }[] = [
      { name: 'unknown route', path: '/nope', body: {}, status: 404, error: 'unknown route' },
      { name: 'secret-looking prefix without a configured secret', path: '/abc/offer', body: {}, status: 404 },
      { name: 'GET on a POST route', path: '/offer', method: 'GET', status: 405 },
      { name: 'POST on /health', path: '/health', body: {}, status: 405 },
      { name: 'not JSON content type', path: '/ring', raw: 'sessionId=1', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, status: 415 },
      { name: 'no content type', path: '/ring', raw: '{}', headers: { 'Content-Type': '' }, status: 415 },
      { name: 'malformed JSON', path: '/ring', raw: '{"sessionId": "s-1",', status: 400, error: '(body): malformed JSON' },
      { name: 'empty body', path: '/ring', raw: '', status: 400, error: '(body): malformed JSON' },
      { name: 'nesting 4,000 levels deep', path: '/alexa', raw: `{"request":${'['.repeat(4000)}${']'.repeat(4000)}}`, status: 400, error: '(body): nested deeper than 64 levels' },
      { name: 'an extra field nested too deep', path: '/end', raw: `{"sessionId":"s","x":${'{"a":'.repeat(100)}1${'}'.repeat(100)}}`, status: 400, error: '(body): nested deeper than 64 levels' },
      { name: 'JSON array', path: '/ring', body: [1], status: 400, error: '(body): must be a JSON object' },
      { name: 'missing sessionId', path: '/ring', body: {}, status: 400, error: /^sessionId: / },
      { name: 'missing sessionID on /offer names the sample spelling', path: '/offer', body: { sdpoffer: OFFER, participants: PARTICIPANTS }, status: 400, error: /^sessionID: / },
      { name: 'missing sdpoffer', path: '/offer', body: { sessionID: 's', participants: PARTICIPANTS }, status: 400, error: /^sdpoffer: / },
      { name: 'sdp of the wrong type', path: '/answer', body: { sessionId: 's', sdp: 42 }, status: 400, error: /^sdp: / },
      { name: 'empty sdp', path: '/answer', body: { sessionId: 's', sdp: '' }, status: 400, error: 'sdp: must be a non-empty string' },
      { name: 'sessionId of the wrong type', path: '/end', body: { sessionId: 7 }, status: 400, error: /^sessionId: / },
      { name: 'bad participant type', path: '/offer', body: { sessionID: 's', sdpoffer: OFFER, participants: [{ id: { type: 'EMAIL', value: 'x' } }] }, status: 400, error: /^participants\.0\.id\.type: / },
      { name: 'no participants', path: '/offer', body: { sessionID: 's', sdpoffer: OFFER, participants: [] }, status: 400, error: /^participants: / },
      { name: 'unknown renegotiationType', path: '/reoffer', body: { sessionId: 's', sdp: OFFER, renegotiationType: 'PAUSE' }, status: 400, error: /^renegotiationType: / },
      { name: 'unknown callResult code', path: '/end', body: { sessionId: 's', callResult: { code: 'NOPE' } }, status: 400, error: /^callResult\.code: / },
      { name: 'two different sessionId spellings', path: '/ring', body: { sessionId: 'a', sessionID: 'b' }, status: 400, error: /^sessionId: conflicts with sessionID/ },
      { name: '/alexa without a request', path: '/alexa', body: { version: '1.0' }, status: 400, error: /^request: missing/ },
      { name: '/alexa request not an object', path: '/alexa', body: { request: 'x' }, status: 400, error: 'request: must be an object' },
      { name: '/alexa unknown request type', path: '/alexa', body: { request: { type: 'LaunchRequest' } }, status: 400, error: 'request.type: unknown message type "LaunchRequest"' },
      { name: '/alexa message field errors carry the request. prefix', path: '/alexa', body: { request: { type: `${NS}.CallAccepted`, sessionId: 's' } }, status: 400, error: /^request\.sdpDetails: / },
      { name: '/alexa bare request errors carry no prefix', path: '/alexa', body: { type: `${NS}.CallAccepted`, sessionId: 's' }, status: 400, error: /^sdpDetails: / },
      { name: '/alexa grant without the secret configured', path: '/alexa', body: { request: { type: 'Alexa.Authorization.Grant', body: { grant: {} } } }, status: 403, error: /only with the webhook secret/ },
    ];

    it.each(cases)('$name -> $status', async ({ path, method, raw, body, headers, status, error }) => {
      const r = await call(server.url, path, { method, raw, body, headers });
      expect(r.status).toBe(status);
      if (status === 405) expect(r.headers.get('allow')).toMatch(/^(GET|POST)$/);
      if (error instanceof RegExp) expect(r.json.error).toMatch(error);
      else if (error) expect(r.json.error).toBe(error);
      else expect(typeof r.json.error).toBe('string');
      expect(rec.events).toHaveLength(0);
      expect(rec.grants).toHaveLength(0);
    });

    it('does not echo the body in a malformed-JSON error', async () => {
      const r = await call(server.url, '/ring', { raw: '{"accessToken":"Atza|leak" oops' });
      expect(r.status).toBe(400);
      expect(JSON.stringify(r.json)).not.toContain('Atza');
    });

    it('refuses a body over 256 KiB announced by Content-Length without reading it', async () => {
      const big = Buffer.alloc(MAX_BODY_BYTES + 1024, 0x20);
      const r = await rawPost(server.port, '/offer', { 'Content-Type': 'application/json', 'Content-Length': big.length }, (req) =>
        req.end(big),
      );
      expect(r.status).toBe(413);
      expect(JSON.parse(r.body).error).toMatch(/256 KiB/);
      expect(rec.events).toHaveLength(0);
    });

    it('refuses a chunked body once it passes 256 KiB', async () => {
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const r = await rawPost(server.port, '/offer', { 'Content-Type': 'application/json' }, (req) => {
        for (let i = 0; i < 5; i++) req.write(chunk);
        req.end();
      });
      expect(r.status).toBe(413);
      expect(rec.events).toHaveLength(0);
    });

    it('accepts a body just under the limit', async () => {
      const body = JSON.stringify({ sessionId: 's-big' });
      const padded = body.slice(0, -1) + ',"pad":"' + 'x'.repeat(MAX_BODY_BYTES - body.length - 20) + '"}';
      expect(Buffer.byteLength(padded)).toBeLessThanOrEqual(MAX_BODY_BYTES);
      const r = await call(server.url, '/ring', { raw: padded });
      expect(r.status).toBe(200);
      expect(rec.events).toHaveLength(1);
    });
  });

  describe("the handler's own answers", () => {
    it.each([404, 409] as const)('passes a handler %i on with its error', async (status) => {
      rec.answerEvent({ ok: false, status, error: `refused with ${status}` });
      const r = await call(server.url, '/answer', { body: { sessionId: 'unknown', sdp: ANSWER } });
      expect(r).toMatchObject({ status, json: { error: `refused with ${status}` } });
    });

    it('answers 500 without details when the handler throws', async () => {
      rec.handler.onEvent = async () => {
        throw new Error('boom with Atza|token');
      };
      try {
        const r = await call(server.url, '/end', { body: { sessionId: 's' } });
        expect(r.status).toBe(500);
        expect(JSON.stringify(r.json)).not.toContain('Atza');
      } finally {
        rec.handler.onEvent = async (m) => {
          rec.events.push(m);
          return { ok: true };
        };
      }
    });
  });
});

describe('webhook with a secret', () => {
  const rec = recordingHandler();
  let server: WebhookServer;
  beforeAll(async () => {
    server = await startWebhookServer({ host: '127.0.0.1', port: 0, secret: SECRET, handler: rec.handler });
  });
  afterAll(() => server.close());
  afterEach(() => rec.reset());

  const ring = { sessionId: 's-1' };

  it('accepts the secret as a bearer token', async () => {
    const r = await call(server.url, '/ring', { body: ring, headers: { Authorization: `Bearer ${SECRET}` } });
    expect(r.status).toBe(200);
    expect(rec.events).toHaveLength(1);
  });

  it('accepts the secret as the first path segment (the sample skill baseUrl)', async () => {
    const r = await call(server.url, `/${SECRET}/ring`, { body: ring });
    expect(r.status).toBe(200);
    const r2 = await call(server.url, `/${SECRET}/alexa`, { body: { type: `${NS}.CallRingingAck`, sessionId: 's-2' } });
    expect(r2.status).toBe(200);
    expect(rec.events.map((e) => e.type)).toEqual([`${NS}.CallRinging`, `${NS}.CallRingingAck`]);
  });

  it.each([
    ['no secret at all', '/ring', {}],
    ['a wrong bearer token', '/ring', { Authorization: 'Bearer wrong-secret' }],
    ['another auth scheme', '/ring', { Authorization: `Basic ${SECRET}` }],
    ['a wrong path secret', '/wrong-secret/ring', {}],
    ['a secret prefix of the right one', `/${SECRET.slice(0, -1)}/ring`, {}],
  ])('refuses %s with 401', async (_name, path, headers) => {
    const r = await call(server.url, path, { body: ring, headers });
    expect(r.status).toBe(401);
    expect(r.json.error).toBe('missing or wrong webhook secret');
    expect(rec.events).toHaveLength(0);
  });

  it('routes Alexa.Authorization.Grant to onGrant and returns its response', async () => {
    const grantRequest = {
      type: 'Alexa.Authorization.Grant',
      requestId: 'r-1',
      body: { grant: { type: 'OAuth2.AuthorizationCode', code: 'ANauthcode123' } },
    };
    const r = await call(server.url, '/alexa', { headers: { Authorization: `Bearer ${SECRET}` }, body: { version: '1.0', request: grantRequest } });
    expect(r).toEqual(
      expect.objectContaining({
        status: 200,
        json: { ok: true, response: { event: { header: { name: 'AcceptGrant.Response' } } } },
      }),
    );
    expect(rec.grants).toEqual([{ code: 'ANauthcode123', request: grantRequest }]);
    expect(rec.events).toHaveLength(0);
  });

  it('passes a refused grant on with its status', async () => {
    rec.answerGrant({ ok: false, status: 502, error: 'LWA unreachable' });
    const r = await call(server.url, '/alexa', { headers: { Authorization: `Bearer ${SECRET}` },
      body: { type: 'Alexa.Authorization.Grant', body: { grant: { code: 'c' } } },
    });
    expect(r).toMatchObject({ status: 502, json: { error: 'LWA unreachable' } });
  });
  it.each([
    ['a code with a space', 'AN code'],
    ['a code with a line break', 'AN\ncode'],
    ['a code that is not text', 42],
    ['no code', undefined],
  ])('refuses a grant with %s as bad input (400), not as a failure at Amazon', async (_name, code) => {
    const r = await call(server.url, '/alexa', {
      body: { type: 'Alexa.Authorization.Grant', body: { grant: { code } } },
      headers: { Authorization: `Bearer ${SECRET}` },
    });
    expect(r.status).toBe(400);
    expect(r.json.error).toMatch(/^body\.grant\.code: /);
    expect(rec.grants).toHaveLength(0);
  });

  it('refuses a grant without the secret (401)', async () => {
    const r = await call(server.url, '/alexa', { body: { type: 'Alexa.Authorization.Grant', body: { grant: { code: 'ANcode' } } } });
    expect(r.status).toBe(401);
    expect(rec.grants).toHaveLength(0);
  });

  it('checks the route and method before the secret', async () => {
    expect((await call(server.url, '/nope', { body: ring })).status).toBe(404);
    expect((await call(server.url, '/ring', { method: 'GET' })).status).toBe(405);
  });

  it('checks the secret before the content type and the body', async () => {
    const r = await call(server.url, '/ring', { raw: 'not json', headers: { 'Content-Type': 'text/plain' } });
    expect(r.status).toBe(401);
  });

  it('answers /health without the secret, and with it in the path', async () => {
    expect(await call(server.url, '/health', { method: 'GET' })).toMatchObject({ status: 200, json: { ok: true } });
    expect((await call(server.url, `/${SECRET}/health`, { method: 'GET' })).status).toBe(200);
    expect((await call(server.url, '/wrong/health', { method: 'GET' })).status).toBe(401);
  });
});

describe('webhook logs', () => {
  it('never hold the secret or a token, even at debug level', async () => {
    const lines: string[] = [];
    const rec = recordingHandler();
    const server = await startWebhookServer({
      host: '127.0.0.1',
      port: 0,
      secret: SECRET,
      handler: rec.handler,
      log: consoleLogger('debug', (l) => lines.push(l)),
    });
    try {
      await call(server.url, `/${SECRET}/offer`, {
        body: { sdpoffer: OFFER, sessionID: 's-1', accessToken: 'Atza|consent', participants: PARTICIPANTS },
      });
      await call(server.url, '/alexa', {
        body: { context: { System: { apiAccessToken: 'Atza|api' } }, request: { type: 'Alexa.Authorization.Grant', body: { grant: { code: 'ANgrantcode' } } } },
        headers: { Authorization: `Bearer ${SECRET}` },
      });
      await call(server.url, `/wrong-${SECRET}/ring`, { body: { sessionId: 's-1' } });
    } finally {
      await server.close();
    }
    const all = lines.join('\n');
    expect(all).toContain('/<secret>/offer -> 200');
    expect(all).toContain('InitiateOutboundCall');
    for (const secret of [SECRET, 'Atza|', 'ANgrantcode']) expect(all).not.toContain(secret);
  });
});

describe('starting the webhook', () => {
  const { handler } = recordingHandler();

  it.each(['0.0.0.0', '::', '192.168.1.10'])('refuses to listen on %s without a secret', async (host) => {
    await expect(startWebhookServer({ host, port: 0, handler })).rejects.toThrow(/without a webhook secret.*127\.0\.0\.1/);
  });

  it.each([
    [{ port: -1 }, /webhook port/],
    [{ port: 70000 }, /webhook port/],
    [{ host: '' }, /webhook host/],
    [{ secret: '' }, /webhook secret/],
    [{ secret: 'has/slash' }, /webhook secret/],
  ])('validates its options: %o', async (override, message) => {
    await expect(startWebhookServer({ host: '127.0.0.1', port: 0, handler, ...override })).rejects.toThrow(message);
  });

  it('says in plain words when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      await expect(startWebhookServer({ host: '127.0.0.1', port, handler })).rejects.toThrow(
        `Webhook port ${port} is in use by another program`,
      );
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('frees its port on close', async () => {
    const first = await startWebhookServer({ host: '127.0.0.1', port: 0, handler });
    await first.close();
    const again = await startWebhookServer({ host: '127.0.0.1', port: first.port, handler });
    await again.close();
  });
});
