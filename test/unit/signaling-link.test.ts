// The signaling credential against a fake LWA token endpoint on 127.0.0.1: a manual link is proven
// live before anything is saved, each LWA error leaves the vault as it was, the grant code path,
// saving the client, unlinking, and no secret value in any status or error.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LwaError } from '../../main/auth/lwa.js';
import type { MessageId } from '../../main/domain/text.js';
import { SignalingLink } from '../../main/auth/signaling-link.js';
import type { SecretName, Vault } from '../../main/auth/vault.js';

const CLIENT_ID = 'amzn1.application-oa2-client.0123456789abcdef0123456789abcdef';
const CLIENT_SECRET = 'skill-messaging-client-secret-value';
const REFRESH_TOKEN = 'Atzr|manual-refresh-token-value';
const SECRETS = [CLIENT_SECRET, REFRESH_TOKEN, 'Atzr|from-grant-refresh-token', 'Atza|access-token-value'];

/** An in-memory Vault; `failOn` makes one name's writes fail like a locked keychain. */
function memoryVault(initial: Partial<Record<SecretName, string>> = {}) {
  const entries = new Map<SecretName, string>(Object.entries(initial) as [SecretName, string][]);
  let failOn: SecretName | null = null;
  const vault: Vault = {
    kind: 'memory',
    problem: null,
    detail: null,
    async get(name) {
      return entries.get(name) ?? null;
    },
    async set(name, value) {
      if (name === failOn) throw new Error(`keychain refused ${name}`);
      entries.set(name, value);
    },
    async delete(name) {
      entries.delete(name);
    },
  };
  return {
    vault,
    entries,
    failOn(name: SecretName | null) {
      failOn = name;
    },
    snapshot: () => Object.fromEntries(entries),
  };
}

type Reply = { status: number; body: unknown };

const lwa = {
  server: null as Server | null,
  url: '',
  forms: [] as Record<string, string>[],
  queue: [] as Reply[],
};

beforeAll(async () => {
  lwa.server = createServer((req, res) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (text += c));
    req.on('end', () => {
      lwa.forms.push(Object.fromEntries(new URLSearchParams(text)));
      const reply = lwa.queue.shift() ?? { status: 500, body: { error: 'server_error' } };
      res.writeHead(reply.status, { 'Content-Type': 'application/json' }).end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => lwa.server!.listen(0, '127.0.0.1', resolve));
  lwa.url = `http://127.0.0.1:${(lwa.server.address() as AddressInfo).port}/auth/o2/token`;
});

afterAll(async () => {
  await new Promise((resolve) => lwa.server?.close(resolve));
});

beforeEach(() => {
  lwa.forms.length = 0;
  lwa.queue.length = 0;
});

const tokenReply = (extra: object = {}): Reply => ({
  status: 200,
  body: { access_token: 'Atza|access-token-value', token_type: 'bearer', expires_in: 3600, ...extra },
});

function expectNoSecrets(value: unknown) {
  const text = JSON.stringify(value) + (value instanceof Error ? value.message : '');
  for (const secret of SECRETS) expect(text).not.toContain(secret);
}

async function rejection(promise: Promise<unknown>): Promise<LwaError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LwaError);
  return error as LwaError;
}

describe('linkManually', () => {
  it('proves the credentials with one refresh, then saves all three', async () => {
    const { vault, snapshot } = memoryVault();
    const link = new SignalingLink({ vault });
    lwa.queue.push(tokenReply());

    const status = await link.linkManually(
      { clientId: ` ${CLIENT_ID}\n`, clientSecret: CLIENT_SECRET, refreshToken: REFRESH_TOKEN },
      lwa.url,
    );

    expect(lwa.forms).toEqual([
      { grant_type: 'refresh_token', refresh_token: REFRESH_TOKEN, client_id: CLIENT_ID, client_secret: CLIENT_SECRET },
    ]);
    expect(snapshot()).toEqual({
      'signaling.clientId': CLIENT_ID,
      'signaling.clientSecret': CLIENT_SECRET,
      'signaling.refreshToken': REFRESH_TOKEN,
    });
    expect(status).toEqual({ linked: true, clientIdSet: true, validUntil: null, lastError: null, fromEnvironment: false });
    expectNoSecrets(status);
  });

  it('keeps the replacement refresh token when LWA hands one out', async () => {
    const { vault, entries } = memoryVault();
    lwa.queue.push(tokenReply({ refresh_token: 'Atzr|from-grant-refresh-token' }));
    await new SignalingLink({ vault }).linkManually({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, refreshToken: REFRESH_TOKEN }, lwa.url);
    expect(entries.get('signaling.refreshToken')).toBe('Atzr|from-grant-refresh-token');
  });

  const failures: [string, Reply, string, RegExp, MessageId][] = [
    ['invalid_grant', { status: 400, body: { error: 'invalid_grant' } }, 'invalid_grant', /refresh token: it is wrong, expired or was revoked/, 'link.error.refreshTokenRefused'],
    ['invalid_client', { status: 401, body: { error: 'invalid_client' } }, 'invalid_client', /Alexa Skill Messaging client id or secret/, 'link.error.skillClientRefused'],
    ['unauthorized_client', { status: 400, body: { error: 'unauthorized_client' } }, 'unauthorized_client', /Alexa Skill Messaging client id/, 'link.error.unauthorizedClient'],
    ['a server error', { status: 503, body: { error: 'temporarily_unavailable' } }, 'temporarily_unavailable', /try again shortly/, 'link.error.unreachable'],
  ];

  for (const [name, reply, code, words, staffWords] of failures) {
    it(`reports ${name} in plain words and saves nothing`, async () => {
      const before = {
        'signaling.clientId': 'amzn1.application-oa2-client.ffffffffffffffffffffffffffffffff',
        'signaling.clientSecret': 'old-secret-value',
        'signaling.refreshToken': 'Atzr|old-refresh-token',
      } as const;
      const { vault, snapshot } = memoryVault(before);
      const link = new SignalingLink({ vault });
      lwa.queue.push(reply);

      const error = await rejection(
        link.linkManually({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, refreshToken: REFRESH_TOKEN }, lwa.url),
      );

      expect(error.code).toBe(code);
      expect(error.message).toMatch(words);
      expect(error.words).toEqual({ id: staffWords });
      expectNoSecrets(error);
      expect(snapshot()).toEqual(before);
      const status = await link.status();
      expect(status.lastError).toEqual({ id: staffWords });
      expectNoSecrets(status);
    });
  }

  it('reports an unreachable LWA and saves nothing', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/auth/o2/token`;
    await new Promise((resolve) => closed.close(resolve));
    const { vault, snapshot } = memoryVault();

    const error = await rejection(
      new SignalingLink({ vault }).linkManually({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, refreshToken: REFRESH_TOKEN }, deadUrl),
    );

    expect(error.code).toBe('unreachable');
    expect(error.message).toMatch(/could not be reached/);
    expect(snapshot()).toEqual({});
  });

  it('rejects bad input by field name without asking LWA or saving', async () => {
    const { vault, snapshot } = memoryVault();
    const link = new SignalingLink({ vault });
    const good = { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, refreshToken: REFRESH_TOKEN };
    const cases: [object, string, RegExp][] = [
      [{ ...good, clientId: '' }, lwa.url, /^clientId: must be a non-empty string/],
      [{ ...good, clientSecret: 'short' }, lwa.url, /^clientSecret: is too short/],
      [{ ...good, refreshToken: 'Atzr|has a space' }, lwa.url, /^refreshToken: must not contain spaces/],
      [{ ...good, refreshToken: 42 }, lwa.url, /^refreshToken: must be a non-empty string/],
      [good, 'http://lwa.example.com/auth/o2/token', /^LWA token URL: plain http is only allowed/],
    ];
    // Staff read which field and what to do, in their language.
    expect((await rejection(link.linkManually({ ...good, clientSecret: 'short' }, lwa.url))).words).toEqual({
      id: 'link.field.tooShort',
      values: { field: { id: 'link.clientSecret' }, min: 8 },
    });
    for (const [input, url, words] of cases) {
      const error = await rejection(link.linkManually(input as typeof good, url));
      expect(error.code).toBe('invalid_input');
      expect(error.message).toMatch(words);
    }
    expect(lwa.forms).toEqual([]);
    expect(snapshot()).toEqual({});
  });

  it('puts the previous values back when the keychain fails half way', async () => {
    const before = { 'signaling.clientId': 'amzn1.application-oa2-client.ffffffffffffffffffffffffffffffff' } as const;
    const { vault, snapshot, failOn } = memoryVault(before);
    failOn('signaling.refreshToken');
    lwa.queue.push(tokenReply());

    await expect(
      new SignalingLink({ vault }).linkManually({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, refreshToken: REFRESH_TOKEN }, lwa.url),
    ).rejects.toThrow(/keychain refused signaling.refreshToken/);
    expect(snapshot()).toEqual(before);
  });
});

describe('acceptGrantCode', () => {
  const client = { 'signaling.clientId': CLIENT_ID, 'signaling.clientSecret': CLIENT_SECRET } as const;

  it('exchanges the code with the stored client and stores the refresh token', async () => {
    const { vault, entries } = memoryVault(client);
    lwa.queue.push(tokenReply({ refresh_token: 'Atzr|from-grant-refresh-token' }));

    const status = await new SignalingLink({ vault }).acceptGrantCode('ANgrantcode123', lwa.url);

    expect(lwa.forms).toEqual([
      { grant_type: 'authorization_code', code: 'ANgrantcode123', client_id: CLIENT_ID, client_secret: CLIENT_SECRET },
    ]);
    expect(entries.get('signaling.refreshToken')).toBe('Atzr|from-grant-refresh-token');
    expect(status.linked).toBe(true);
    expectNoSecrets(status);
  });

  it('uses the fallback client from the environment when the vault has none', async () => {
    const { vault, entries } = memoryVault();
    lwa.queue.push(tokenReply({ refresh_token: 'Atzr|from-grant-refresh-token' }));
    const link = new SignalingLink({ vault, fallback: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET } });

    await link.acceptGrantCode('ANgrantcode123', lwa.url);

    expect(lwa.forms[0]).toMatchObject({ client_id: CLIENT_ID, client_secret: CLIENT_SECRET });
    expect(entries.get('signaling.refreshToken')).toBe('Atzr|from-grant-refresh-token');
    expect((await link.status()).linked).toBe(true);
  });

  it('says the client id and secret are missing without asking LWA', async () => {
    const { vault, snapshot } = memoryVault();
    const link = new SignalingLink({ vault });
    const error = await rejection(link.acceptGrantCode('ANgrantcode123', lwa.url));
    expect(error.code).toBe('not_linked');
    expect(error.message).toMatch(/no Alexa Skill Messaging client id and secret/);
    expect(lwa.forms).toEqual([]);
    expect(snapshot()).toEqual({});
    expect((await link.status()).lastError).toEqual({ id: 'link.error.noSkillClient' });
  });

  it('explains an expired or used code and keeps the old refresh token', async () => {
    const before = { ...client, 'signaling.refreshToken': 'Atzr|old-refresh-token' };
    const { vault, snapshot } = memoryVault(before);
    lwa.queue.push({ status: 400, body: { error: 'invalid_grant' } });
    const error = await rejection(new SignalingLink({ vault }).acceptGrantCode('ANgrantcode123', lwa.url));
    expect(error.message).toMatch(/link code from Alexa has expired or was already used/);
    expect(snapshot()).toEqual(before);
  });

  it('rejects an empty code', async () => {
    const { vault } = memoryVault(client);
    const error = await rejection(new SignalingLink({ vault }).acceptGrantCode('  ', lwa.url));
    expect(error.message).toBe('code: must be a non-empty string');
    expect(lwa.forms).toEqual([]);
  });
});

describe('saveClient, tokens, unlink', () => {
  it('saves the client, warning about an id in an unknown shape', async () => {
    const { vault, entries } = memoryVault();
    const link = new SignalingLink({ vault });
    expect(await link.saveClient({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET })).toEqual({ warning: null });
    const odd = await link.saveClient({ clientId: 'my-client', clientSecret: CLIENT_SECRET });
    expect(odd.warning).toEqual({ id: 'link.clientIdShape' });
    expect(entries.get('signaling.clientId')).toBe('my-client');
    expect(await link.status()).toEqual({ linked: false, clientIdSet: true, validUntil: null, lastError: null, fromEnvironment: false });
  });

  it('drops the refresh token when the client id changes, keeps it when it does not', async () => {
    const { vault, entries } = memoryVault({
      'signaling.clientId': CLIENT_ID,
      'signaling.clientSecret': 'old-secret-value',
      'signaling.refreshToken': REFRESH_TOKEN,
    });
    const link = new SignalingLink({ vault });
    await link.saveClient({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
    expect(entries.get('signaling.refreshToken')).toBe(REFRESH_TOKEN);
    await link.saveClient({ clientId: 'amzn1.application-oa2-client.ffffffffffffffffffffffffffffffff', clientSecret: CLIENT_SECRET });
    expect(entries.has('signaling.refreshToken')).toBe(false);
  });

  it('gives access tokens from the vault and reports how long they are used', async () => {
    const { vault } = memoryVault({
      'signaling.clientId': CLIENT_ID,
      'signaling.clientSecret': CLIENT_SECRET,
      'signaling.refreshToken': REFRESH_TOKEN,
    });
    const link = new SignalingLink({ vault, now: () => 1_000_000 });
    const tokens = link.tokens(lwa.url);
    lwa.queue.push(tokenReply());
    expect(await tokens.getAccessToken()).toBe('Atza|access-token-value');
    expect(lwa.forms[0]).toMatchObject({ grant_type: 'refresh_token', refresh_token: REFRESH_TOKEN });
    expect((await link.status()).validUntil).toBe(1_000_000 + 3600 * 1000 * 0.9);
  });

  it('says not linked once Amazon refuses the refresh token (invalid_grant), until it is linked again', async () => {
    const { vault } = memoryVault({
      'signaling.clientId': CLIENT_ID,
      'signaling.clientSecret': CLIENT_SECRET,
      'signaling.refreshToken': REFRESH_TOKEN,
    });
    let revoked = 0;
    const link = new SignalingLink({ vault, onRevoked: () => revoked++ });
    expect((await link.status()).linked).toBe(true);
    const tokens = link.tokens(lwa.url);
    lwa.queue.push({ status: 400, body: { error: 'invalid_grant' } }, { status: 400, body: { error: 'invalid_grant' } });
    await expect(tokens.getAccessToken()).rejects.toMatchObject({ code: 'invalid_grant' });
    await expect(tokens.getAccessToken()).rejects.toMatchObject({ code: 'invalid_grant' });
    expect(await link.status()).toMatchObject({ linked: false, lastError: { id: 'link.error.expired' } });
    expect(revoked).toBe(1); // once, not once per failed refresh

    lwa.queue.push({ status: 500, body: { error: 'server_error' } });
    await expect(tokens.getAccessToken()).rejects.toMatchObject({ code: 'server_error' });
    expect(revoked).toBe(1); // LWA being down says nothing about the link

    lwa.queue.push(tokenReply());
    await link.linkManually({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, refreshToken: 'Atzr|a-new-refresh-token' }, lwa.url);
    expect((await link.status()).linked).toBe(true);
  });

  it('unlink removes the signaling entries only', async () => {
    const { vault, snapshot } = memoryVault({
      'signaling.clientId': CLIENT_ID,
      'signaling.clientSecret': CLIENT_SECRET,
      'signaling.refreshToken': REFRESH_TOKEN,
      'setup.clientId': 'amzn1.application-oa2-client.ffffffffffffffffffffffffffffffff',
      'webhook.secret': 'webhook-secret-value',
    });
    const status = await new SignalingLink({ vault }).unlink();
    expect(status).toEqual({ linked: false, clientIdSet: false, validUntil: null, lastError: null, fromEnvironment: false });
    expect(snapshot()).toEqual({
      'setup.clientId': 'amzn1.application-oa2-client.ffffffffffffffffffffffffffffffff',
      'webhook.secret': 'webhook-secret-value',
    });
  });

  it('says when the link comes from the DESK_LWA_* variables, and unlink stops using them until restart', async () => {
    const { vault } = memoryVault();
    const fallback = { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, refreshToken: REFRESH_TOKEN };
    const link = new SignalingLink({ vault, fallback });
    expect(await link.status()).toMatchObject({ linked: true, clientIdSet: true, fromEnvironment: true });
    expect(await link.unlink()).toMatchObject({ linked: false, clientIdSet: false, fromEnvironment: false });
    await expect(link.tokens(lwa.url).getAccessToken()).rejects.toMatchObject({ code: 'not_linked' });
    expect(lwa.forms).toEqual([]);
    // A later start with the variables still set links again.
    expect(await new SignalingLink({ vault, fallback }).status()).toMatchObject({ linked: true, fromEnvironment: true });
  });
});
