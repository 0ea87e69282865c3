// Sign in with Amazon for the setup credential, end to end against a fake LWA on 127.0.0.1: the
// authorize URL, the browser's redirect back to the loopback listener, PKCE checked by the token
// endpoint, state mismatch, access_denied, timeout, cancel; the listener is closed in every case.
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LwaError } from '../../main/auth/lwa.js';
import {
  SETUP_SCOPES,
  setupReturnUrl,
  SetupSignInError,
  setupStatus,
  setupTokens,
  signOutOfSetup,
  startSetupSignIn,
  type SetupSignInOptions,
} from '../../main/auth/setup-signin.js';
import type { SecretName, Vault } from '../../main/auth/vault.js';

const CLIENT_ID = 'amzn1.application-oa2-client.abcdefabcdefabcdefabcdefabcdefab';
const CLIENT_SECRET = 'setup-profile-client-secret';

function memoryVault(initial: Partial<Record<SecretName, string>> = {}) {
  const entries = new Map<SecretName, string>(Object.entries(initial) as [SecretName, string][]);
  const vault: Vault = {
    kind: 'memory',
    problem: null,
    detail: null,
    async get(name) {
      return entries.get(name) ?? null;
    },
    async set(name, value) {
      entries.set(name, value);
    },
    async delete(name) {
      entries.delete(name);
    },
  };
  return { vault, snapshot: () => Object.fromEntries(entries) };
}

/** How the fake authorization page answers: consent, refusal, or a reply with someone else's state. */
type AuthorizeMode = 'allow' | 'deny' | 'wrong-state' | 'ignore';

/** A fake Login with Amazon: GET /ap/oa redirects like a consenting admin; POST /auth/o2/token checks PKCE. */
const amazon = {
  server: null as Server | null,
  base: '',
  mode: 'allow' as AuthorizeMode,
  authorizeQueries: [] as URLSearchParams[],
  tokenForms: [] as Record<string, string>[],
  issued: new Map<string, { challenge: string; redirectUri: string }>(),
};

beforeAll(async () => {
  amazon.server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method === 'GET' && url.pathname === '/ap/oa') {
      const q = url.searchParams;
      amazon.authorizeQueries.push(q);
      if (amazon.mode === 'ignore') {
        res.writeHead(200, { 'Content-Type': 'text/html' }).end('<p>Sign in</p>');
        return;
      }
      const back = new URL(q.get('redirect_uri')!);
      back.searchParams.set('state', amazon.mode === 'wrong-state' ? 'someone-elses-state' : q.get('state')!);
      if (amazon.mode === 'deny') {
        back.searchParams.set('error', 'access_denied');
        back.searchParams.set('error_description', 'The user denied the request');
      } else {
        const code = `ANcode${amazon.issued.size}`;
        amazon.issued.set(code, { challenge: q.get('code_challenge')!, redirectUri: q.get('redirect_uri')! });
        back.searchParams.set('code', code);
      }
      res.writeHead(302, { Location: back.toString() }).end();
      return;
    }
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (text += c));
    req.on('end', () => {
      const form = Object.fromEntries(new URLSearchParams(text));
      amazon.tokenForms.push(form);
      const grant = amazon.issued.get(form.code ?? '');
      const verifierOk = grant && createHash('sha256').update(form.code_verifier ?? '').digest('base64url') === grant.challenge;
      const ok =
        grant &&
        verifierOk &&
        form.grant_type === 'authorization_code' &&
        form.redirect_uri === grant.redirectUri &&
        form.client_id === CLIENT_ID &&
        form.client_secret === CLIENT_SECRET;
      const [status, body] = ok
        ? [200, { access_token: 'Atza|setup-access', refresh_token: 'Atzr|setup-refresh', token_type: 'bearer', expires_in: 3600 }]
        : [400, { error: 'invalid_grant' }];
      res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => amazon.server!.listen(0, '127.0.0.1', resolve));
  amazon.base = `http://127.0.0.1:${(amazon.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => amazon.server?.close(resolve));
});

beforeEach(() => {
  amazon.mode = 'allow';
  amazon.authorizeQueries.length = 0;
  amazon.tokenForms.length = 0;
  amazon.issued.clear();
});

/** A browser that follows the authorize URL and its redirect, keeping the last page it showed. */
function browser() {
  const b = {
    opened: [] as string[],
    page: null as Promise<{ status: number; html: string; csp: string | null }> | null,
    open: (url: string) => {
      b.opened.push(url);
      b.page = fetch(url).then(async (r) => ({ status: r.status, html: await r.text(), csp: r.headers.get('content-security-policy') }));
    },
  };
  return b;
}

function options(vault: Vault, open: (url: string) => void, extra: Partial<SetupSignInOptions> = {}): SetupSignInOptions {
  return {
    vault,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    tokenUrl: `${amazon.base}/auth/o2/token`,
    authorizeUrl: `${amazon.base}/ap/oa`,
    openExternal: open,
    port: 0,
    ...extra,
  };
}

async function failure(promise: Promise<unknown>): Promise<SetupSignInError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SetupSignInError);
  return error as SetupSignInError;
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

async function hasIpv6Loopback(): Promise<boolean> {
  const probe = createServer();
  const ok = await new Promise<boolean>((resolve) => {
    probe.once('error', () => resolve(false));
    probe.listen(0, '::1', () => resolve(true));
  });
  if (ok) await new Promise((resolve) => probe.close(resolve));
  return ok;
}

async function expectClosed(redirectUri: string) {
  await expect(fetch(redirectUri)).rejects.toThrow();
}

describe('setup sign-in', () => {
  it('signs in end to end: PKCE, state, code exchange, setup.* stored, listener closed', async () => {
    const { vault, snapshot } = memoryVault({ 'signaling.refreshToken': 'Atzr|signaling' });
    const b = browser();

    const signIn = await startSetupSignIn(options(vault, b.open));
    await signIn.done;

    expect(b.opened).toEqual([signIn.authorizeUrl]);
    const authorize = new URL(signIn.authorizeUrl);
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${amazon.base}/ap/oa`);
    expect(signIn.authorizeUrl).toContain('scope=alexa%3A%3Aenterprise%3Amanagement%20amazon_communication%3A%3Aservice_provider');
    const q = amazon.authorizeQueries[0]!;
    expect(q.get('client_id')).toBe(CLIENT_ID);
    expect(q.get('scope')).toBe(SETUP_SCOPES.join(' '));
    expect(q.get('response_type')).toBe('code');
    expect(q.get('redirect_uri')).toBe(signIn.redirectUri);
    expect(signIn.redirectUri).toMatch(/^http:\/\/localhost:\d+\/callback$/);
    expect(q.get('code_challenge_method')).toBe('S256');
    expect(q.get('state')).toMatch(/^[\w-]{43}$/);
    expect(signIn.authorizeUrl).not.toContain(CLIENT_SECRET);

    const form = amazon.tokenForms[0]!;
    expect(createHash('sha256').update(form.code_verifier!).digest('base64url')).toBe(q.get('code_challenge'));
    expect(form).toMatchObject({ grant_type: 'authorization_code', code: 'ANcode0', redirect_uri: signIn.redirectUri });

    expect(snapshot()).toEqual({
      'signaling.refreshToken': 'Atzr|signaling',
      'setup.clientId': CLIENT_ID,
      'setup.clientSecret': CLIENT_SECRET,
      'setup.refreshToken': 'Atzr|setup-refresh',
    });
    const page = await b.page!;
    expect(page.status).toBe(200);
    expect(page.html).toContain('You can close this window and return to the console.');
    expect(page.html).not.toMatch(/<script/i);
    expect(page.csp).toBe("default-src 'none'");
    await expectClosed(signIn.redirectUri);
    expect(await setupStatus(vault)).toEqual({ signedIn: true, clientIdSet: true });
  });

  it('rejects a reply whose state does not match, without exchanging or saving', async () => {
    amazon.mode = 'wrong-state';
    const { vault, snapshot } = memoryVault();
    const b = browser();
    const signIn = await startSetupSignIn(options(vault, b.open));

    const error = await failure(signIn.done);

    expect(error.code).toBe('state_mismatch');
    expect(error.message).toMatch(/did not belong to the sign-in the console started/);
    expect(amazon.tokenForms).toEqual([]);
    expect(snapshot()).toEqual({});
    const page = await b.page!;
    expect(page.status).toBe(400);
    expect(page.html).toContain('You can close this window and return to the console.');
    await expectClosed(signIn.redirectUri);
  });

  it('explains access_denied in plain words', async () => {
    amazon.mode = 'deny';
    const { vault, snapshot } = memoryVault();
    const signIn = await startSetupSignIn(options(vault, browser().open));

    const error = await failure(signIn.done);

    expect(error.code).toBe('access_denied');
    expect(error.message).toMatch(/Access was not allowed .* choose Allow/);
    expect(snapshot()).toEqual({});
    await expectClosed(signIn.redirectUri);
  });

  it('gives up after the timeout and closes the listener', async () => {
    amazon.mode = 'ignore';
    const { vault } = memoryVault();
    const signIn = await startSetupSignIn(options(vault, browser().open, { timeoutMs: 50 }));

    const error = await failure(signIn.done);

    expect(error.code).toBe('timeout');
    expect(error.message).toBe('Nobody finished signing in with Amazon within 50 ms — start the sign-in again');
    await expectClosed(signIn.redirectUri);
  });

  it('reports a refused code exchange in setup words and saves nothing', async () => {
    const { vault, snapshot } = memoryVault();
    const signIn = await startSetupSignIn(options(vault, browser().open, { clientSecret: 'the-wrong-client-secret' }));

    const error = await failure(signIn.done);

    expect(error.code).toBe('exchange_failed');
    expect(error.message).toBe('Signing in for setup failed: The setup sign-in has expired or was revoked — sign in with Amazon again');
    expect(error.message).not.toContain('the-wrong-client-secret');
    expect(snapshot()).toEqual({});
    await expectClosed(signIn.redirectUri);
  });

  it('can be cancelled', async () => {
    amazon.mode = 'ignore';
    const { vault } = memoryVault();
    const signIn = await startSetupSignIn(options(vault, browser().open));
    signIn.cancel();
    expect((await failure(signIn.done)).code).toBe('cancelled');
    await expectClosed(signIn.redirectUri);
  });

  it('closes the listener when the browser cannot be opened', async () => {
    const { vault } = memoryVault();
    let redirectUri = '';
    const error = await failure(
      startSetupSignIn(
        options(vault, (url) => {
          redirectUri = new URL(url).searchParams.get('redirect_uri')!;
          throw new Error('no browser');
        }),
      ),
    );
    expect(error.code).toBe('browser');
    await expectClosed(redirectUri);
  });

  it('returns to the fixed port on both loopback addresses, the URL the security profile allows', async () => {
    const port = await freePort();
    const signIn = await startSetupSignIn(options(memoryVault().vault, () => {}, { port }));
    expect(signIn.redirectUri).toBe(setupReturnUrl(port));
    expect(setupReturnUrl(port)).toBe(`http://localhost:${port}/callback`);
    expect((await fetch(`http://127.0.0.1:${port}/other`)).status).toBe(404);
    if (await hasIpv6Loopback()) expect((await fetch(`http://[::1]:${port}/other`)).status).toBe(404);
    signIn.cancel();
    await failure(signIn.done);
  });

  it('frees the fixed port by the time cancel() resolves, so the next sign-in can listen on it', async () => {
    const port = await freePort();
    const first = await startSetupSignIn(options(memoryVault().vault, () => {}, { port }));
    await first.cancel();
    expect((await failure(first.done)).code).toBe('cancelled');
    const second = await startSetupSignIn(options(memoryVault().vault, () => {}, { port }));
    expect(second.redirectUri).toBe(setupReturnUrl(port));
    await second.cancel();
    await failure(second.done);
  });

  it('says which port is busy and what to do when another program holds it', async () => {
    const other = createServer();
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const port = (other.address() as AddressInfo).port;
    try {
      const error = await failure(startSetupSignIn(options(memoryVault().vault, browser().open, { port })));
      expect(error.code).toBe('listener');
      expect(error.message).toMatch(new RegExp(`^Port ${port}, where Amazon's sign-in page returns to, is used by another program.*sign-in return port in Settings`));
    } finally {
      other.close();
    }
  });

  it('rejects bad input by field name', async () => {
    const { vault } = memoryVault();
    const open = () => {};
    const cases: [Partial<SetupSignInOptions>, RegExp][] = [
      [{ clientId: '' }, /^clientId: must be a non-empty string/],
      [{ clientSecret: 'x' }, /^clientSecret: is too short/],
      [{ authorizeUrl: 'http://www.amazon.com/ap/oa' }, /^LWA authorize URL: plain http is only allowed/],
      [{ tokenUrl: 'ftp://127.0.0.1/token' }, /^LWA token URL: must start with https/],
      [{ timeoutMs: 0 }, /^timeoutMs:/],
      [{ port: 70_000 }, /^port:/],
    ];
    for (const [extra, words] of cases) {
      const error = await failure(startSetupSignIn(options(vault, open, extra)));
      expect(error.code).toBe('invalid_input');
      expect(error.message).toMatch(words);
    }
  });
});

describe('setup tokens', () => {
  it('refreshes with the stored setup credential', async () => {
    const { vault } = memoryVault();
    await startSetupSignIn(options(vault, browser().open)).then((s) => s.done);
    amazon.tokenForms.length = 0;
    // The fake token endpoint only knows authorization codes: answer this refresh from a tiny server.
    const refresh = createServer((req, res) => {
      let text = '';
      req.on('data', (c: Buffer) => (text += c.toString()));
      req.on('end', () => {
        amazon.tokenForms.push(Object.fromEntries(new URLSearchParams(text)));
        res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ access_token: 'Atza|fresh', expires_in: 3600 }));
      });
    });
    await new Promise<void>((resolve) => refresh.listen(0, '127.0.0.1', resolve));
    try {
      const tokens = setupTokens(vault, `http://127.0.0.1:${(refresh.address() as AddressInfo).port}/auth/o2/token`);
      expect(await tokens.getAccessToken()).toBe('Atza|fresh');
      expect(amazon.tokenForms).toEqual([
        { grant_type: 'refresh_token', refresh_token: 'Atzr|setup-refresh', client_id: CLIENT_ID, client_secret: CLIENT_SECRET },
      ]);
      expect(tokens.status().validUntil).not.toBeNull();
    } finally {
      await new Promise((resolve) => refresh.close(resolve));
    }
  });

  it('says the console is not signed in for setup, in setup words', async () => {
    const { vault } = memoryVault({ 'signaling.clientId': CLIENT_ID, 'signaling.clientSecret': CLIENT_SECRET, 'signaling.refreshToken': 'Atzr|x' });
    const tokens = setupTokens(vault, `${amazon.base}/auth/o2/token`);
    const error = await tokens.getAccessToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LwaError);
    expect((error as LwaError).message).toMatch(/not signed in to Amazon for setup/);
    expect(tokens.status().lastError).toBe((error as LwaError).message);
    expect(amazon.tokenForms).toEqual([]);
  });

  it('sign-out forgets the setup credential only', async () => {
    const { vault, snapshot } = memoryVault({
      'setup.clientId': CLIENT_ID,
      'setup.clientSecret': CLIENT_SECRET,
      'setup.refreshToken': 'Atzr|setup',
      'signaling.refreshToken': 'Atzr|signaling',
    });
    await signOutOfSetup(vault);
    expect(snapshot()).toEqual({ 'signaling.refreshToken': 'Atzr|signaling' });
    expect(await setupStatus(vault)).toEqual({ signedIn: false, clientIdSet: false });
  });
});
