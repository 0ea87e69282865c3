// The simulator's signaling endpoint (auth, validation, recording, injected failures) and how it
// hands events to the console (skill envelope, Amazon's sample routes, a custom transport).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimAlexa, type SimAlexa, type SimAlexaOptions } from '../../main/sim/alexa-cloud.js';
import { outgoing } from '../../main/protocol/outgoing.js';

const NS = 'Alexa.Comms.CallSignaling.';

interface Hit {
  url: string;
  authorization?: string;
  // Bodies are inspected freely in assertions.
  body: any;
}

/** A webhook that records what it is sent and answers `status`. */
async function startWebhook(status = 200) {
  const hits: Hit[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      hits.push({ url: req.url ?? '', authorization: req.headers.authorization, body: JSON.parse(Buffer.concat(chunks).toString() || 'null') });
      res.writeHead(status, { 'Content-Type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { hits, url, close: () => new Promise<void>((r) => server.close(() => r())) };
}

let sim: SimAlexa;
let hook: Awaited<ReturnType<typeof startWebhook>>;

async function start(opts: Partial<SimAlexaOptions> = {}, hookStatus = 200) {
  hook = await startWebhook(hookStatus);
  sim = await startSimAlexa({ webhookUrl: hook.url, setupClientId: 'setup-client', setupClientSecret: 'setup-secret', ...opts });
}

afterEach(async () => {
  await sim?.close();
  await hook?.close();
});

async function accessToken(clientId = sim.credentials.clientId, secret = sim.credentials.clientSecret) {
  const form: Record<string, string> =
    clientId === sim.credentials.clientId
      ? { grant_type: 'refresh_token', refresh_token: sim.credentials.refreshToken }
      : { grant_type: 'authorization_code', code: sim.issueGrantCode({ clientId }) };
  const res = await fetch(sim.tokenUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...form, client_id: clientId, client_secret: secret }),
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

async function post(body: unknown, token?: string | null) {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (token !== null) headers.Authorization = `Bearer ${token ?? (await accessToken())}`;
  const res = await fetch(`${sim.apiBase}/v1/communications/signaling`, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

describe('signaling endpoint', () => {
  it('needs a valid bearer token of the skill-messaging client', async () => {
    await start();
    const ringing = outgoing.ringing('s1');
    expect(await post(ringing, null)).toMatchObject({ status: 401, body: { message: expect.stringMatching(/Bearer/) } });
    expect(await post(ringing, 'Atza|made-up')).toMatchObject({ status: 401 });
    expect(await post(ringing, await accessToken('setup-client', 'setup-secret'))).toMatchObject({ status: 403 });
    expect(sim.received).toEqual([]);
    expect(sim.rejected.map((r) => r.status)).toEqual([401, 401, 403]);
  });

  it('answers 400 naming the field, and records nothing', async () => {
    await start();
    expect(await post('{not json')).toEqual({ status: 400, body: { message: '(body): must be valid JSON' } });
    expect((await post({ type: `${NS}Dance`, sessionId: 's' })).body.message).toMatch(/^type: unknown message type/);
    const noSdp = await post({ type: `${NS}CallAccepted`, sessionId: 's' });
    expect(noSdp.status).toBe(400);
    expect(noSdp.body.message).toMatch(/^sdpDetails: /);
    const wrongWay = await post({ type: `${NS}InitiateOutboundCall`, sessionId: 's', participants: [{ id: { type: 'RAW_ADDRESS', value: 'x' } }], sdpDetails: { type: 'OFFER', value: 'v=0' } });
    expect(wrongWay).toMatchObject({ status: 400, body: { message: expect.stringMatching(/sent by Alexa/) } });
    expect(sim.received).toEqual([]);
  });

  it('answers 404 for an unknown session or callee', async () => {
    await start();
    expect(await post(outgoing.ringing('nope'))).toMatchObject({ status: 404, body: { message: expect.stringMatching(/^sessionId: /) } });
    const call = outgoing.initiateInbound({ sessionId: 'd1', from: { type: 'RAW_ADDRESS', value: 'desk' }, to: { type: 'RAW_ADDRESS', value: 'ghost' }, offer: 'v=0' });
    expect(await post(call)).toMatchObject({ status: 404, body: { message: expect.stringMatching(/no device has the address "ghost"/) } });
  });

  it('records accepted bodies as posted, emits them, and reacts: a bad offer ends the call', async () => {
    await start();
    sim.addRoom({ address: 'room-7', addressType: 'RAW_ADDRESS' });
    const seen: unknown[] = [];
    sim.on('signal', (m) => seen.push(m));
    const call = outgoing.initiateInbound({ sessionId: 'd1', from: { type: 'RAW_ADDRESS', value: 'desk' }, to: { type: 'RAW_ADDRESS', value: 'room-7' }, offer: 'v=0 not really sdp', callerName: 'Desk' });
    expect(await post(call)).toEqual({ status: 200, body: {} });
    expect(sim.received).toEqual([call]);
    expect(seen).toEqual([call]);
    expect(await post(call)).toMatchObject({ status: 409 }); // the session id is taken
    const ended = await sim.waitForDelivery((d) => d.type === `${NS}CallEnded`);
    expect(ended).toMatchObject({ sessionId: 'd1', status: 200 });
    expect(hook.hits.at(-1)!.body.request.callResult.code).toBe('INTERNAL_ERROR');
    expect(sim.room('room-7')!.state).toBe('idle');
  });

  it('fails the next requests on demand, then recovers', async () => {
    await start();
    const token = await accessToken();
    sim.failNextSignaling(503, 'Service Unavailable', 2);
    expect(await post(outgoing.ringing('x'), token)).toEqual({ status: 503, body: { message: 'Service Unavailable' } });
    expect((await post(outgoing.ringing('x'), token)).status).toBe(503);
    expect((await post(outgoing.ringing('x'), token)).status).toBe(404);
  });

  it('can answer 204 without a body', async () => {
    await start({ signalingSuccessStatus: 204 });
    sim.addRoom({ address: 'r' });
    const call = outgoing.initiateInbound({ sessionId: 'd2', from: { type: 'RAW_ADDRESS', value: 'desk' }, to: { type: 'COMMUNICATION_PROFILE_ID', value: 'r' }, offer: 'v=0' });
    expect(await post(call)).toEqual({ status: 204, body: undefined });
  });

  it('waitFor rejects with what it saw', async () => {
    await start();
    await expect(sim.waitFor(() => false, 20)).rejects.toThrow(/no matching signal within 20 ms; so far: none/);
  });
});

describe('delivering events to the console', () => {
  it("envelope: POSTs the skill request envelope to /alexa with the webhook secret", async () => {
    await start({ webhookSecret: 's3cret' });
    const d = await sim.deliver({ type: `${NS}CallRinging`, sessionId: 'abc' });
    expect(d).toMatchObject({ forwarded: true, path: '/alexa', status: 200, body: { ok: true } });
    expect(sim.deliveries).toEqual([d]);
    const hit = hook.hits[0]!;
    expect(hit.url).toBe('/alexa');
    expect(hit.authorization).toBe('Bearer s3cret');
    expect(hit.body).toMatchObject({
      version: '1.0',
      context: { System: { application: { applicationId: sim.skillId }, apiEndpoint: sim.apiBase, user: { permissions: { consentToken: expect.stringMatching(/^Atza\|/) } } } },
      request: { type: `${NS}CallRinging`, sessionId: 'abc', locale: 'en-US', requestId: expect.stringMatching(/^amzn1\.echo-api\.request\./) },
    });
    expect(hit.body.request.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it("sample-routes: posts what Amazon's sample skill posts, secret in the path, and keeps the acks", async () => {
    await start({ forward: 'sample-routes', webhookSecret: 'p4th', webhookSecretIn: 'path' });
    const participants = [{ id: { type: 'RAW_ADDRESS', value: 'r1' }, isOriginator: true }, { id: { type: 'RAW_ADDRESS', value: 'desk' }, isOriginator: false }];
    const sdp = (type: string) => ({ type, value: `v=0 ${type}` });
    await sim.deliver({ type: `${NS}InitiateOutboundCall`, sessionId: 's', participants, sdpDetails: sdp('OFFER') });
    await sim.deliver({ type: `${NS}CallRinging`, sessionId: 's' });
    await sim.deliver({ type: `${NS}CallInProgress`, sessionId: 's', sdpDetails: sdp('ANSWER') });
    await sim.deliver({ type: `${NS}CallAccepted`, sessionId: 's', sdpDetails: sdp('ANSWER') });
    await sim.deliver({ type: `${NS}CallUpdate`, sessionId: 's', renegotiationType: 'CALL_HOLD', sdpDetails: sdp('OFFER') });
    await sim.deliver({ type: `${NS}CallUpdateResponse`, sessionId: 's', renegotiationType: 'CALL_UPDATE', sdpDetails: sdp('ANSWER') });
    await sim.deliver({ type: `${NS}CallEnded`, sessionId: 's', callResult: { code: 'SUCCESS' } });
    const ack = await sim.deliver({ type: `${NS}CallRingingAck`, sessionId: 's' });
    expect(ack).toMatchObject({ forwarded: false, status: 0 });

    expect(hook.hits.map((h) => [h.url, h.body])).toEqual([
      ['/p4th/offer', { sdpoffer: 'v=0 OFFER', sessionID: 's', accessToken: expect.stringMatching(/^Atza\|/), participants }],
      ['/p4th/ring', { sessionId: 's' }],
      ['/p4th/ring', { sdp: 'v=0 ANSWER', sessionId: 's' }],
      ['/p4th/answer', { sdp: 'v=0 ANSWER', sessionId: 's' }],
      ['/p4th/reoffer', { sdp: 'v=0 OFFER', sessionId: 's' }],
      ['/p4th/reanswer', { sdp: 'v=0 ANSWER', sessionId: 's' }],
      ['/p4th/end', { sessionId: 's' }],
    ]);
    expect(hook.hits.every((h) => h.authorization === undefined)).toBe(true);
  });

  it('records the status when the console refuses or is unreachable', async () => {
    await start({}, 500);
    expect(await sim.deliver({ type: `${NS}CallRinging`, sessionId: 'a' })).toMatchObject({ forwarded: true, status: 500 });
    await hook.close();
    const down = await sim.deliver({ type: `${NS}CallRinging`, sessionId: 'a' });
    expect(down).toMatchObject({ forwarded: true, status: 0, error: expect.any(String) });
  });

  it('a custom transport receives the envelope', async () => {
    const seen: unknown[] = [];
    await start({ deliver: async (envelope) => (seen.push(envelope), { status: 202, body: { version: '1.0', response: {} } }) });
    const d = await sim.deliver({ type: `${NS}CallEnded`, sessionId: 'z', callResult: { code: 'SUCCESS' } });
    expect(d).toMatchObject({ forwarded: true, status: 202, body: { version: '1.0', response: {} } });
    expect(d.path).toBeUndefined();
    expect(seen).toEqual([expect.objectContaining({ version: '1.0', request: expect.objectContaining({ type: `${NS}CallEnded`, sessionId: 'z' }) })]);
    expect(hook.hits).toEqual([]);
  });

  it('sends Alexa.Authorization.Grant with a code the console can redeem', async () => {
    await start();
    const grant = await sim.sendAuthorizationGrant();
    expect(grant.status).toBe(200);
    const request = hook.hits[0]!.body.request;
    expect(request.type).toBe('Alexa.Authorization.Grant');
    expect(request.body.grant).toEqual({ type: 'OAuth2.AuthorizationCode', code: grant.code });
    const res = await fetch(sim.tokenUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code: grant.code, client_id: sim.credentials.clientId, client_secret: sim.credentials.clientSecret }),
    });
    expect(res.status).toBe(200);
  });
});
