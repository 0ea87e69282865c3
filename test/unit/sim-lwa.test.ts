// The simulator's Login with Amazon endpoint: grants, errors shaped as LWA's, revocation, and the
// authorize stand-in with PKCE for the setup flow.
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSimAlexa, type SimAlexa } from '../../main/sim/alexa-cloud.js';

let sim: SimAlexa;
const setupClientId = 'amzn1.application-oa2-client.setup';

beforeEach(async () => {
  sim = await startSimAlexa({
    webhookUrl: 'http://127.0.0.1:9', // never reached in these tests
    credentials: { clientId: 'skill-client', clientSecret: 'skill-secret', refreshToken: 'Atzr|console' },
    setupClientId,
  });
});
afterEach(() => sim.close());

async function token(form: Record<string, string>, contentType = 'application/x-www-form-urlencoded') {
  const res = await fetch(sim.tokenUrl, {
    method: 'POST',
    headers: { 'Content-Type': contentType },
    body: contentType.includes('json') ? JSON.stringify(form) : new URLSearchParams(form),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const refresh = (over: Record<string, string> = {}) =>
  token({ grant_type: 'refresh_token', refresh_token: 'Atzr|console', client_id: 'skill-client', client_secret: 'skill-secret', ...over });

async function signal(accessToken: string) {
  const res = await fetch(`${sim.apiBase}/v1/communications/signaling`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${accessToken}` },
    body: JSON.stringify({ type: 'Alexa.Comms.CallSignaling.CallRinging', sessionId: 'none' }),
  });
  return res.status;
}

describe('refresh_token grant', () => {
  it('answers as LWA does', async () => {
    const { status, body } = await refresh();
    expect(status).toBe(200);
    expect(body).toMatchObject({ refresh_token: 'Atzr|console', token_type: 'bearer', expires_in: 3600 });
    expect(body.access_token).toMatch(/^Atza\|/);
    expect((body.access_token as string).length).toBeGreaterThanOrEqual(350);
    expect(await signal(body.access_token as string)).toBe(404); // authorized; the session is unknown
  });

  it.each([
    [{ client_secret: 'wrong' }, 401, 'invalid_client'],
    [{ client_id: 'someone-else' }, 401, 'invalid_client'],
    [{ refresh_token: 'Atzr|stolen' }, 400, 'invalid_grant'],
    [{ grant_type: 'password' }, 400, 'unsupported_grant_type'],
    [{ grant_type: '' }, 400, 'invalid_request'],
    [{ refresh_token: '' }, 400, 'invalid_request'],
  ])('rejects %j with %i %s', async (over, status, error) => {
    const res = await refresh(over);
    expect(res.status).toBe(status);
    expect(res.body.error).toBe(error);
    expect(res.body.error_description).toEqual(expect.any(String));
  });

  it('rejects a JSON body', async () => {
    const res = await token({ grant_type: 'refresh_token' }, 'application/json');
    expect(res).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
  });

  it('revoked access tokens get 401 from signaling; a refresh gives a working one', async () => {
    const first = (await refresh()).body.access_token as string;
    sim.revokeAccessTokens();
    expect(await signal(first)).toBe(401);
    const second = (await refresh()).body.access_token as string;
    expect(await signal(second)).toBe(404);
  });
});

describe('authorization_code grant', () => {
  it('redeems a code once for a refresh token that then works', async () => {
    const code = sim.issueGrantCode();
    const grant = { grant_type: 'authorization_code', code, client_id: 'skill-client', client_secret: 'skill-secret' };
    const first = await token(grant);
    expect(first.status).toBe(200);
    expect(first.body.refresh_token).toMatch(/^Atzr\|/);
    expect(first.body.refresh_token).not.toBe('Atzr|console');
    expect(await token(grant)).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    const again = await refresh({ refresh_token: first.body.refresh_token as string });
    expect(again.status).toBe(200);
  });

  it('refuses a code issued to another client', async () => {
    const code = sim.issueGrantCode({ clientId: setupClientId });
    const res = await token({ grant_type: 'authorization_code', code, client_id: 'skill-client', client_secret: 'skill-secret' });
    expect(res).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('signs the setup client in through /ap/oa with PKCE and no secret', async () => {
    const verifier = 'a-long-enough-code-verifier-for-the-test-0123456789';
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const redirect = 'http://127.0.0.1:5555/callback';
    const url = new URL(sim.authorizeUrl);
    for (const [k, v] of Object.entries({
      client_id: setupClientId,
      response_type: 'code',
      scope: 'alexa::enterprise:management',
      redirect_uri: redirect,
      state: 'xyz',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    })) {
      url.searchParams.set(k, v);
    }
    const res = await fetch(url, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location')!);
    expect(location.origin + location.pathname).toBe(redirect);
    expect(location.searchParams.get('state')).toBe('xyz');
    const code = location.searchParams.get('code')!;

    const exchange = { grant_type: 'authorization_code', code, client_id: setupClientId, redirect_uri: redirect };
    expect(await token({ ...exchange, code_verifier: 'wrong' })).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    const ok = await token({ ...exchange, code_verifier: verifier });
    expect(ok.status).toBe(200);
    expect(await signal(ok.body.access_token as string)).toBe(403); // a setup token cannot signal
  });

  it('refuses an unknown client at /ap/oa', async () => {
    const url = `${sim.authorizeUrl}?client_id=nobody&response_type=code&redirect_uri=${encodeURIComponent('http://127.0.0.1:1/cb')}`;
    const res = await fetch(url, { redirect: 'manual' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_client' });
  });
});
