// The ASP setup API client against a fake Amazon API on 127.0.0.1: exact methods, paths, bodies and
// headers; 201 and 404 handling; retries on 429/5xx/network with a fake sleep; one token refresh on
// 401; input and reply validation. Also the setup checklist merged with progress.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LwaError, type TokenProvider } from '../../main/auth/lwa.js';
import { AspApiError, createAspClient, type AspClient } from '../../main/setup/asp-client.js';
import { checklistWithProgress, nextStep, SETUP_CHECKLIST } from '../../main/setup/checklist.js';

const SP_ID = 'amzn1.comms.csp.id.eb56ddf4-a5bd-119c-be09-0242ac127501';
const SKILL_ID = 'amzn1.ask.skill.0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0';

type Seen = { method: string; path: string; auth: string | undefined; contentType: string | undefined; body: unknown };
type Reply = { status: number; body?: unknown };

const api = {
  server: null as Server | null,
  base: '',
  seen: [] as Seen[],
  queue: [] as Reply[],
};

beforeAll(async () => {
  api.server = createServer((req, res) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (text += c));
    req.on('end', () => {
      api.seen.push({
        method: req.method!,
        path: req.url!,
        auth: req.headers.authorization,
        contentType: req.headers['content-type'],
        body: text ? JSON.parse(text) : undefined,
      });
      const reply = api.queue.shift() ?? { status: 500, body: { message: 'no reply queued' } };
      if (reply.body === undefined) res.writeHead(reply.status).end();
      else res.writeHead(reply.status, { 'Content-Type': 'application/json' }).end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => api.server!.listen(0, '127.0.0.1', resolve));
  api.base = `http://127.0.0.1:${(api.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => api.server?.close(resolve));
});

/** Hands out token-1, then token-2 after invalidate(), and counts refreshes. */
function fakeTokens(fail?: LwaError) {
  let generation = 1;
  const tokens: TokenProvider & { invalidations: number } = {
    invalidations: 0,
    async getAccessToken() {
      if (fail) throw fail;
      return `token-${generation}`;
    },
    invalidate() {
      generation += 1;
      tokens.invalidations += 1;
    },
    status: () => ({ validUntil: null, lastError: null }),
  };
  return tokens;
}

let sleeps: number[];
let tokens: ReturnType<typeof fakeTokens>;
let client: AspClient;

beforeEach(() => {
  api.seen.length = 0;
  api.queue.length = 0;
  sleeps = [];
  tokens = fakeTokens();
  client = createAspClient({ apiBase: `${api.base}/`, tokens, sleep: async (ms) => void sleeps.push(ms) });
});

async function aspError(promise: Promise<unknown>): Promise<AspApiError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AspApiError);
  return error as AspApiError;
}

describe('service providers', () => {
  it('creates one: POST with the logical id and display name, 201 gives the id', async () => {
    api.queue.push({ status: 201, body: { serviceProviderId: SP_ID } });
    const result = await client.createServiceProvider({ logicalId: 'grand-hotel.front-desk', displayName: 'Grand Hotel front desk' });
    expect(result).toEqual({ serviceProviderId: SP_ID });
    expect(api.seen).toEqual([
      {
        method: 'POST',
        path: '/v1/communications/serviceProviders',
        auth: 'Bearer token-1',
        contentType: 'application/json',
        body: {
          serviceProviderLogicalId: 'grand-hotel.front-desk',
          displayName: [{ locale: 'en-US', value: 'Grand Hotel front desk' }],
        },
      },
    ]);
  });

  it("reports Amazon's refusal with its status and message", async () => {
    api.queue.push({ status: 409, body: { message: 'serviceProviderLogicalId already exists' } });
    const error = await aspError(client.createServiceProvider({ logicalId: 'taken', displayName: 'Desk' }));
    expect(error.status).toBe(409);
    expect(error.message).toBe('Amazon refused to create the service provider (409): serviceProviderLogicalId already exists');
    expect(error.words).toEqual({ id: 'setup.error.exists' });
    expect(sleeps).toEqual([]);
  });

  it('rejects a 201 without a service provider id as an unexpected reply', async () => {
    api.queue.push({ status: 201, body: { id: 'something-else' } });
    const error = await aspError(client.createServiceProvider({ logicalId: 'x', displayName: 'Desk' }));
    expect(error.message).toMatch(/^Amazon sent an unexpected reply when asked to create the service provider \(serviceProviderId: /);
  });

  it('reads one, and null when Amazon does not know it', async () => {
    api.queue.push(
      { status: 200, body: { serviceProviderId: SP_ID, serviceProviderLogicalId: 'desk', displayName: [{ locale: 'en-US', value: 'Desk' }] } },
      { status: 404, body: { message: 'not found' } },
    );
    expect(await client.getServiceProvider(SP_ID)).toEqual({
      serviceProviderId: SP_ID,
      serviceProviderLogicalId: 'desk',
      displayName: [{ locale: 'en-US', value: 'Desk' }],
    });
    expect(await client.getServiceProvider(SP_ID)).toBeNull();
    expect(api.seen.map((s) => `${s.method} ${s.path} ${String(s.body)}`)).toEqual([
      `GET /v1/communications/serviceProviders/${SP_ID} undefined`,
      `GET /v1/communications/serviceProviders/${SP_ID} undefined`,
    ]);
  });

  it('updates the display name with PUT and deletes with DELETE', async () => {
    api.queue.push({ status: 204 }, { status: 204 });
    await client.updateServiceProvider(SP_ID, { displayName: 'Front desk', locale: 'en-GB' });
    await client.deleteServiceProvider(SP_ID);
    expect(api.seen.map(({ method, path, body }) => ({ method, path, body }))).toEqual([
      { method: 'PUT', path: `/v1/communications/serviceProviders/${SP_ID}`, body: { displayName: [{ locale: 'en-GB', value: 'Front desk' }] } },
      { method: 'DELETE', path: `/v1/communications/serviceProviders/${SP_ID}`, body: undefined },
    ]);
  });
});

describe('network mapping and desk contact', () => {
  const networkPath = `/v1/communications/serviceProviders/${SP_ID}/network`;
  const mapping = { networkType: 'SKILL', skillConfiguration: { skillId: SKILL_ID } };

  it('creates, reads, updates and deletes the mapping', async () => {
    api.queue.push({ status: 201, body: mapping }, { status: 200, body: mapping }, { status: 204 }, { status: 204 }, { status: 404 });
    await client.createNetworkMapping(SP_ID, SKILL_ID);
    expect(await client.getNetworkMapping(SP_ID)).toEqual({ networkType: 'SKILL', skillId: SKILL_ID });
    await client.updateNetworkMapping(SP_ID, SKILL_ID);
    await client.deleteNetworkMapping(SP_ID);
    expect(await client.getNetworkMapping(SP_ID)).toBeNull();
    expect(api.seen.map(({ method, path, body }) => ({ method, path, body }))).toEqual([
      { method: 'POST', path: networkPath, body: mapping },
      { method: 'GET', path: networkPath, body: undefined },
      { method: 'PUT', path: networkPath, body: mapping },
      { method: 'DELETE', path: networkPath, body: undefined },
      { method: 'GET', path: networkPath, body: undefined },
    ]);
  });

  it('adds the desk as a WebRTC contact to an address book', async () => {
    api.queue.push({ status: 201, body: { contactId: 'amzn1.alexa.contact.1' } });
    const result = await client.addDeskContact('amzn1.alexa.addressbook.did.AB/1', { name: 'Front Desk', contactId: 'front-desk' });
    expect(result).toEqual({ contactId: 'amzn1.alexa.contact.1' });
    expect(api.seen[0]).toMatchObject({
      method: 'POST',
      path: '/v1/addressBooks/amzn1.alexa.addressbook.did.AB%2F1/contacts',
      body: { contact: { name: 'Front Desk', providerContact: { id: 'front-desk' } } },
    });
  });
});

describe('retries and tokens', () => {
  it('retries 429 and 503 with the default back-off, then succeeds', async () => {
    api.queue.push({ status: 429, body: { message: 'slow down' } }, { status: 503 }, { status: 201, body: { serviceProviderId: SP_ID } });
    expect(await client.createServiceProvider({ logicalId: 'desk', displayName: 'Desk' })).toEqual({ serviceProviderId: SP_ID });
    expect(sleeps).toEqual([2000, 3000]);
    expect(api.seen).toHaveLength(3);
  });

  it('gives up after the last delay with the last status', async () => {
    for (let i = 0; i < 5; i += 1) api.queue.push({ status: 500, body: { message: 'internal failure' } });
    const error = await aspError(client.deleteServiceProvider(SP_ID));
    expect(error.status).toBe(500);
    expect(error.message).toBe('Amazon refused to delete the service provider (500): internal failure (gave up after 5 attempts)');
    expect(sleeps).toEqual([2000, 3000, 5000, 8000]);
  });

  it('retries when Amazon cannot be reached', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadBase = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((resolve) => closed.close(resolve));
    const offline = createAspClient({ apiBase: deadBase, tokens, retryDelaysMs: [1, 2], sleep: async (ms) => void sleeps.push(ms) });

    const error = await aspError(offline.getServiceProvider(SP_ID));

    expect(error.status).toBe(0);
    expect(error.message).toMatch(/^Could not reach Amazon to read the service provider: network error.*\(gave up after 3 attempts\)$/);
    expect(sleeps).toEqual([1, 2]);
  });

  it('refreshes the token once on 401 and retries', async () => {
    api.queue.push({ status: 401, body: { message: 'token expired' } }, { status: 204 });
    await client.deleteNetworkMapping(SP_ID);
    expect(api.seen.map((s) => s.auth)).toEqual(['Bearer token-1', 'Bearer token-2']);
    expect(tokens.invalidations).toBe(1);
  });

  it('stops at a second 401', async () => {
    api.queue.push({ status: 401, body: { message: 'token expired' } }, { status: 401, body: { message: 'not allowed' } });
    const error = await aspError(client.deleteNetworkMapping(SP_ID));
    expect(error.status).toBe(401);
    expect(error.message).toBe('Amazon refused to delete the network mapping (401): not allowed');
    expect(tokens.invalidations).toBe(1);
    expect(sleeps).toEqual([]);
  });

  it('passes on why there is no token, without calling Amazon', async () => {
    const signedOut = createAspClient({
      apiBase: api.base,
      tokens: fakeTokens(new LwaError('not_linked', 0, 'The console is not signed in to Amazon for setup yet')),
    });
    const error = await aspError(signedOut.deleteServiceProvider(SP_ID));
    expect(error.message).toBe('Could not delete the service provider: The console is not signed in to Amazon for setup yet');
    expect(api.seen).toEqual([]);
  });
});

describe('input validation', () => {
  it('rejects bad input by field name without calling Amazon', async () => {
    const cases: [() => Promise<unknown>, RegExp][] = [
      [() => client.createServiceProvider({ logicalId: ' ', displayName: 'Desk' }), /^logicalId: must be a non-empty string/],
      [() => client.createServiceProvider({ logicalId: 'desk', displayName: 'Desk', locale: 'english' }), /^locale: must look like en-US/],
      [() => client.createServiceProvider({ logicalId: 'a\nb', displayName: 'Desk' }), /^logicalId: must not contain control characters/],
      [() => client.getServiceProvider('amzn1.comms.csp.id./../x'), /^serviceProviderId: must look like amzn1\.comms\.csp\.id\./],
      [() => client.getServiceProvider('sp-1'), /^serviceProviderId: must look like/],
      [() => client.createNetworkMapping(SP_ID, 'amzn1.ask.skill.not-a-uuid'), /^skillId: must look like amzn1\.ask\.skill\.<uuid>/],
      [() => client.addDeskContact('book 1', { name: 'Front Desk', contactId: 'desk' }), /^addressBookId: must not contain spaces/],
      [() => client.addDeskContact('book-1', { name: 'Front Desk', contactId: '' }), /^contactId: must be a non-empty string/],
    ];
    expect((await aspError(client.createNetworkMapping(SP_ID, 'amzn1.ask.skill.not-a-uuid'))).words).toEqual({
      id: 'setup.field.skillIdShape',
      values: { field: { id: 'setup.skillId' } },
    });
    for (const [call, words] of cases) {
      const error = await aspError(call());
      expect(error.status).toBe(0);
      expect(error.message).toMatch(words);
    }
    expect(api.seen).toEqual([]);
  });

  it('refuses an API base that would send tokens in clear text', () => {
    expect(() => createAspClient({ apiBase: 'http://api.amazonalexa.com', tokens })).toThrow(/^ASP API URL: plain http is only allowed/);
  });
});

describe('setup checklist', () => {
  it('links every step to Amazon documentation and has unique ids', () => {
    expect(new Set(SETUP_CHECKLIST.map((i) => i.id)).size).toBe(SETUP_CHECKLIST.length);
    for (const item of SETUP_CHECKLIST) expect(item.docsUrl).toMatch(/^https:\/\/developer\.amazon\.com\//);
    expect(SETUP_CHECKLIST.filter((i) => i.byApi).map((i) => i.id)).toEqual(['service-provider', 'network-mapping', 'desk-contact']);
  });

  it('merges known progress and the steps the user ticked', () => {
    const entries = checklistWithProgress({ setupSignedIn: true, serviceProviderId: SP_ID, confirmed: ['webrtc-addon'] });
    const byId = Object.fromEntries(entries.map((e) => [e.id, e]));
    expect(byId['webrtc-addon']).toMatchObject({ done: true, detail: null });
    expect(byId['service-provider']).toMatchObject({ done: true, detail: { id: 'setup.detail.providerId', values: { id: SP_ID } } });
    expect(byId['network-mapping']).toMatchObject({ done: false, detail: null });
    expect(nextStep(entries)).toBe('network-mapping');
    expect(nextStep(checklistWithProgress({ confirmed: SETUP_CHECKLIST.map((i) => i.id) }))).toBeNull();
  });
});
