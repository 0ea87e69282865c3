// The simulator's onboarding APIs: service providers, their network mapping and address-book
// contacts, reachable only with the setup client's token.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSimAlexa, type SimAlexa } from '../../main/sim/alexa-cloud.js';

let sim: SimAlexa;
let token: string;

beforeEach(async () => {
  sim = await startSimAlexa({ webhookUrl: 'http://127.0.0.1:9', setupClientId: 'setup-client', setupClientSecret: 'setup-secret' });
  const res = await fetch(sim.tokenUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: sim.issueGrantCode({ clientId: 'setup-client' }),
      client_id: 'setup-client',
      client_secret: 'setup-secret',
    }),
  });
  token = ((await res.json()) as { access_token: string }).access_token;
});
afterEach(() => sim.close());

async function api(method: string, path: string, body?: unknown, bearer: string | null = token) {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  const res = await fetch(`${sim.apiBase}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

const PROVIDERS = '/v1/communications/serviceProviders';
const create = (logicalId = 'acme.front.desk') =>
  api('POST', PROVIDERS, { serviceProviderLogicalId: logicalId, displayName: [{ locale: 'en-US', value: 'Acme Front Desk' }] });

describe('service providers', () => {
  it('creates, reads, updates and deletes', async () => {
    const created = await create();
    expect(created.status).toBe(201);
    const id = created.body.serviceProviderId as string;
    expect(id).toMatch(/^amzn1\.comms\.csp\.id\.[0-9a-f-]{36}$/);

    expect(await api('GET', `${PROVIDERS}/${id}`)).toEqual({
      status: 200,
      body: { serviceProviderId: id, serviceProviderLogicalId: 'acme.front.desk', displayName: [{ locale: 'en-US', value: 'Acme Front Desk' }] },
    });
    expect((await api('PUT', `${PROVIDERS}/${id}`, { displayName: [{ value: 'Reception' }] })).status).toBe(204);
    expect((await api('GET', `${PROVIDERS}/${id}`)).body.displayName).toEqual([{ value: 'Reception' }]);
    expect((await api('DELETE', `${PROVIDERS}/${id}`)).status).toBe(204);
    expect((await api('GET', `${PROVIDERS}/${id}`)).status).toBe(404);
  });

  it('refuses a reused logical id and a missing one, naming the field', async () => {
    await create();
    expect(await create()).toMatchObject({ status: 409, body: { message: expect.stringMatching(/already in use/) } });
    const missing = await api('POST', PROVIDERS, { displayName: [] });
    expect(missing.status).toBe(400);
    expect(missing.body.message).toMatch(/^serviceProviderLogicalId: /);
    expect(sim.onboarding.providers.size).toBe(1);
  });

  it('needs the setup client token', async () => {
    expect((await api('POST', PROVIDERS, { serviceProviderLogicalId: 'x' }, null)).status).toBe(401);
    const signalingToken = await fetch(sim.tokenUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: sim.credentials.refreshToken, client_id: sim.credentials.clientId, client_secret: sim.credentials.clientSecret }),
    }).then(async (r) => ((await r.json()) as { access_token: string }).access_token);
    expect((await api('POST', PROVIDERS, { serviceProviderLogicalId: 'x' }, signalingToken)).status).toBe(403);
    expect(sim.onboarding.providers.size).toBe(0);
  });
});

describe('network mapping', () => {
  it('maps a provider to a skill and back', async () => {
    const id = (await create()).body.serviceProviderId as string;
    const path = `${PROVIDERS}/${id}/network`;
    const mapping = { networkType: 'SKILL', skillConfiguration: { skillId: 'amzn1.ask.skill.1234-abcd' } };
    expect((await api('GET', path)).status).toBe(404);
    expect(await api('POST', path, mapping)).toEqual({ status: 201, body: mapping });
    expect((await api('POST', path, mapping)).status).toBe(409);
    expect(await api('GET', path)).toEqual({ status: 200, body: mapping });
    const moved = { networkType: 'SKILL', skillConfiguration: { skillId: 'amzn1.ask.skill.other' } };
    expect((await api('PUT', path, moved)).status).toBe(204);
    expect((await api('GET', path)).body).toEqual(moved);
    expect((await api('DELETE', path)).status).toBe(204);
    expect((await api('GET', path)).status).toBe(404);
  });

  it('validates the body and the provider', async () => {
    const id = (await create()).body.serviceProviderId as string;
    const bad = await api('POST', `${PROVIDERS}/${id}/network`, { networkType: 'PSTN', skillConfiguration: { skillId: 'nope' } });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/networkType: must be "SKILL"; skillConfiguration\.skillId: /);
    expect((await api('POST', `${PROVIDERS}/amzn1.comms.csp.id.unknown/network`, {})).status).toBe(404);
  });
});

describe('address-book contacts', () => {
  it('creates a WebRTC contact', async () => {
    const res = await api('POST', '/v1/addressBooks/book-1/contacts', { contact: { name: 'Front Desk', providerContact: { id: 'front-desk' } } });
    expect(res.status).toBe(201);
    expect(sim.onboarding.contacts).toEqual([
      { addressBookId: 'book-1', contactId: res.body.contactId, name: 'Front Desk', providerContactId: 'front-desk' },
    ]);
    const bad = await api('POST', '/v1/addressBooks/book-1/contacts', { contact: { name: 'x' } });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/^contact\.providerContact: /);
  });
});
