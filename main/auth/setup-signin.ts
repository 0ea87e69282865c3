// "Sign in with Amazon" for the setup credential: an LWA security profile registered in the ASP
// console, authorized by an ASP administrator for the service-provider and network-mapping APIs.
// Authorization-code grant with PKCE (S256) and `state`; the browser comes back to a one-shot
// loopback listener (http://localhost:<port>/callback), the code is exchanged here, and the tokens
// go to the vault under setup.*.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { text, wordsOf, type MessageId, type Text } from '../domain/text.js';
import { nullLogger, type Logger } from '../log/logger.js';
import { validateServiceUrl } from '../signaling/regions.js';
import { createTokenProvider, exchangeAuthorizationCode, LwaError, type LwaCredentials, type TokenProvider } from './lwa.js';
import { checkLwaClient, checkTokenUrl, writeSecrets } from './signaling-link.js';
import type { Vault } from './vault.js';

export const LWA_AUTHORIZE_URL = 'https://www.amazon.com/ap/oa';
export const SETUP_SCOPES = ['alexa::enterprise:management', 'amazon_communication::service_provider'] as const;
export const CALLBACK_PATH = '/callback';

/**
 * The return URL the security profile must allow (Login with Amazon console → Web Settings →
 * Allowed Return URLs). LWA compares it exactly, so the port is fixed by a setting.
 */
export function setupReturnUrl(port: number): string {
  return `http://localhost:${port}${CALLBACK_PATH}`;
}

const DEFAULT_TIMEOUT_MS = 5 * 60_000;
const CANCELLED = 'The sign-in with Amazon was cancelled';

export type SetupSignInErrorCode =
  | 'invalid_input'
  | 'listener'
  | 'browser'
  | 'state_mismatch'
  | 'access_denied'
  | 'authorization_error'
  | 'exchange_failed'
  | 'timeout'
  | 'cancelled';

export class SetupSignInError extends Error {
  override readonly name = 'SetupSignInError';
  constructor(
    readonly code: SetupSignInErrorCode,
    message: string,
    /** In staff's words, for the failures the settings screen shows. */
    readonly words?: Text,
  ) {
    super(message);
  }
}

export interface SetupSignInOptions {
  vault: Vault;
  /** The security profile's client id and secret (Login with Amazon console → Web Settings). */
  clientId: string;
  clientSecret: string;
  tokenUrl: string;
  /** Opens the authorize URL in the user's browser (Electron: shell.openExternal; headless: print it). */
  openExternal: (url: string) => void | Promise<void>;
  /** Default Amazon's; tests point it at a fake. */
  authorizeUrl?: string;
  /** How long the user has to finish signing in; default 5 minutes. */
  timeoutMs?: number;
  /** Port of the loopback listener Amazon returns to (setupReturnUrl); 0 = any free port (tests). */
  port: number;
  fetch?: typeof fetch;
  log?: Logger;
}

export interface SetupSignIn {
  /** The URL handed to openExternal (carries no secret: PKCE keeps the verifier here). */
  readonly authorizeUrl: string;
  readonly redirectUri: string;
  /** Settles once, after the listener has closed: resolves when setup.* is stored, else SetupSignInError. */
  readonly done: Promise<void>;
  /** Stops waiting (done rejects with code 'cancelled'); resolves once the listener is closed. */
  cancel(): Promise<void>;
}

/** The page the browser shows at the end: plain HTML, no scripts. */
export function callbackPage(ok: boolean, reason?: string): string {
  const headline = ok ? 'Signed in to Amazon for setup.' : `Sign-in did not finish: ${escapeHtml(reason ?? 'unknown reason')}`;
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8"><title>Front desk console</title></head>',
    `<body><p>${headline}</p><p>You can close this window and return to the console.</p></body></html>`,
  ].join('\n');
}

/** Starts the sign-in: listener up, browser opened. Await `done` for the outcome. */
export async function startSetupSignIn(opts: SetupSignInOptions): Promise<SetupSignIn> {
  const { clientId, clientSecret } = asSignInInput(() => checkLwaClient(opts));
  const tokenUrl = asSignInInput(() => checkTokenUrl(opts.tokenUrl));
  const authorizeBase = asSignInInput(() => validateServiceUrl(opts.authorizeUrl ?? LWA_AUTHORIZE_URL, 'LWA authorize URL'));
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0 || timeoutMs > 3_600_000) {
    throw new SetupSignInError('invalid_input', 'timeoutMs: must be between 1 ms and one hour');
  }
  const port = opts.port;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new SetupSignInError('invalid_input', 'port: must be 0..65535');
  if (typeof opts.openExternal !== 'function') throw new SetupSignInError('invalid_input', 'openExternal: must be a function');
  const log = opts.log ?? nullLogger;

  const state = randomBytes(32).toString('base64url');
  const codeVerifier = randomBytes(32).toString('base64url');
  const codeChallenge = createHash('sha256').update(codeVerifier).digest('base64url');

  let resolveDone!: () => void;
  let rejectDone!: (error: SetupSignInError) => void;
  const done = new Promise<void>((resolve, reject) => {
    resolveDone = resolve;
    rejectDone = reject;
  });
  // Marks `done` handled: a caller that never awaits it must not crash the process.
  done.catch(() => {});

  let redirectUri = '';
  let timer: NodeJS.Timeout | undefined;
  /** A callback arrived: later ones are turned away, and the timeout no longer applies. */
  let answered = false;
  let settled = false;

  // "localhost" may resolve to either loopback address, so the reply is awaited on both.
  const onRequest = (req: IncomingMessage, res: ServerResponse) => void handle(req, res);
  const servers: Server[] = [createServer(onRequest)];

  /** Closes the listener first, then settles `done` once; every caller waits for the close. */
  let closing: Promise<void> | null = null;
  function settle(error: SetupSignInError | null): Promise<void> {
    if (closing) return closing;
    settled = true;
    clearTimeout(timer);
    closing = Promise.all(servers.map(closeServer)).then(() => {
      if (error) {
        log.warn('setup sign-in did not finish', { reason: error.code });
        rejectDone(error);
      } else {
        resolveDone();
      }
    });
    return closing;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method !== 'GET' || url.pathname !== CALLBACK_PATH) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
    if (answered || settled) {
      await sendPage(res, 410, callbackPage(false, 'this sign-in has already ended'));
      return;
    }
    answered = true;
    const outcome = await complete(url.searchParams);
    await sendPage(res, outcome ? 400 : 200, callbackPage(outcome === null, outcome?.message));
    await settle(outcome);
  }

  /** The callback's query, checked and exchanged; null when the setup credential is stored. */
  async function complete(query: URLSearchParams): Promise<SetupSignInError | null> {
    if (!sameText(query.get('state') ?? '', state)) {
      return new SetupSignInError(
        'state_mismatch',
        'The reply from Amazon did not belong to the sign-in the console started, so nothing was saved — sign in again',
      );
    }
    const error = query.get('error');
    if (error === 'access_denied') {
      return new SetupSignInError(
        'access_denied',
        'Access was not allowed on the Amazon sign-in page — sign in again as an ASP administrator and choose Allow',
      );
    }
    if (error !== null) {
      const shown = /^[a-z_]{1,60}$/.test(error) ? ` (${error})` : '';
      return new SetupSignInError('authorization_error', `Amazon's sign-in page reported a problem${shown} — sign in again`);
    }
    const code = query.get('code');
    if (!code) return new SetupSignInError('authorization_error', 'Amazon sent no authorization code back — sign in again');
    try {
      const tokens = await exchangeAuthorizationCode({ tokenUrl, clientId, clientSecret, code, redirectUri, codeVerifier, fetch: opts.fetch });
      // Cancelled while the code was being exchanged: keep the promise that nothing is saved.
      if (settled) return new SetupSignInError('cancelled', CANCELLED);
      await writeSecrets(opts.vault, [
        ['setup.clientId', clientId],
        ['setup.clientSecret', clientSecret],
        ['setup.refreshToken', tokens.refreshToken],
      ]);
      log.info('signed in to Amazon for setup');
      return null;
    } catch (err) {
      const message = err instanceof LwaError ? inSetupWords(err).message : err instanceof Error ? err.message : String(err);
      return new SetupSignInError('exchange_failed', `Signing in for setup failed: ${message}`);
    }
  }

  try {
    await listen(servers[0]!, port, '127.0.0.1');
  } catch (err) {
    throw listenerError(err, port);
  }
  const boundPort = (servers[0]!.address() as AddressInfo).port;
  const ipv6 = createServer(onRequest);
  // Best effort: without IPv6 loopback, browsers reach the IPv4 listener.
  await listen(ipv6, boundPort, '::1').then(
    () => servers.push(ipv6),
    () => undefined,
  );
  redirectUri = setupReturnUrl(boundPort);
  const authorizeUrl = buildAuthorizeUrl(authorizeBase, { clientId, redirectUri, state, codeChallenge });
  timer = setTimeout(() => {
    // A reply being exchanged right now finishes on its own (the exchange has its own time limit).
    if (answered) return;
    const error = new SetupSignInError('timeout', `Nobody finished signing in with Amazon within ${describeDuration(timeoutMs)} — start the sign-in again`);
    void settle(error);
  }, timeoutMs);

  try {
    await opts.openExternal(authorizeUrl);
  } catch (err) {
    const error = new SetupSignInError(
      'browser',
      `The console could not open the Amazon sign-in page: ${err instanceof Error ? err.message : String(err)}`,
      text('setup.error.browser'),
    );
    await settle(error);
    throw error;
  }
  log.info('setup sign-in started: waiting for Amazon', { redirectUri });
  return {
    authorizeUrl,
    redirectUri,
    done,
    cancel: () => settle(new SetupSignInError('cancelled', CANCELLED)),
  };
}

/** Whether the setup credential is stored (no secret values). */
export async function setupStatus(vault: Vault): Promise<{ signedIn: boolean; clientIdSet: boolean }> {
  const credentials = await setupCredentials(vault);
  return { signedIn: credentials !== null, clientIdSet: (await vault.get('setup.clientId')) !== null };
}

/** Forgets the setup credential (the signaling credential is left alone). */
export async function signOutOfSetup(vault: Vault): Promise<void> {
  for (const name of ['setup.clientId', 'setup.clientSecret', 'setup.refreshToken'] as const) await vault.delete(name);
}

/** Access tokens for the ASP setup APIs from the vault's setup.* values, refreshed when needed. */
export function setupTokens(vault: Vault, tokenUrl: string, opts: { fetch?: typeof fetch; now?: () => number } = {}): TokenProvider {
  const inner = createTokenProvider({
    tokenUrl: checkTokenUrl(tokenUrl),
    credentials: () => setupCredentials(vault),
    fetch: opts.fetch,
    now: opts.now,
  });
  let lastError: string | null = null;
  return {
    async getAccessToken() {
      try {
        const token = await inner.getAccessToken();
        lastError = null;
        return token;
      } catch (err) {
        const worded = err instanceof LwaError ? inSetupWords(err) : err;
        lastError = worded instanceof Error ? worded.message : String(worded);
        throw worded;
      }
    },
    invalidate: () => inner.invalidate(),
    status: () => ({ validUntil: inner.status().validUntil, lastError }),
  };
}

async function setupCredentials(vault: Vault): Promise<LwaCredentials | null> {
  const clientId = await vault.get('setup.clientId');
  const clientSecret = await vault.get('setup.clientSecret');
  const refreshToken = await vault.get('setup.refreshToken');
  return clientId && clientSecret && refreshToken ? { clientId, clientSecret, refreshToken } : null;
}

/** LWA's answers in the words of the setup credential, so they are never mistaken for the signaling link. */
function inSetupWords(err: LwaError): LwaError {
  const words: Record<string, [string, MessageId]> = {
    not_linked: ['The console is not signed in to Amazon for setup yet — use Sign in with Amazon in Setup', 'setup.error.notSignedIn'],
    invalid_grant: ['The setup sign-in has expired or was revoked — sign in with Amazon again', 'setup.error.signInExpired'],
    invalid_client: ["Amazon did not accept the setup security profile's client id or secret", 'setup.error.profileRefused'],
    unauthorized_client: [
      'This security profile may not sign in for setup — check that its client id is granted API access in the ASP console (Alexa Management API Clients)',
      'setup.error.noApiAccess',
    ],
    invalid_scope: [
      `Amazon refused the setup permissions (${SETUP_SCOPES.join(', ')}) — check the security profile's API access in the ASP console`,
      'setup.error.noApiAccess',
    ],
  };
  const known = words[err.code];
  return known ? new LwaError(err.code, err.status, known[0], text(known[1])) : err;
}

function buildAuthorizeUrl(
  base: string,
  p: { clientId: string; redirectUri: string; state: string; codeChallenge: string },
): string {
  // Spaces as %20 (not "+") between scopes, as LWA's own examples write them.
  const query = [
    ['client_id', p.clientId],
    ['scope', SETUP_SCOPES.join(' ')],
    ['response_type', 'code'],
    ['redirect_uri', p.redirectUri],
    ['state', p.state],
    ['code_challenge', p.codeChallenge],
    ['code_challenge_method', 'S256'],
  ]
    .map(([k, v]) => `${k}=${encodeURIComponent(v!)}`)
    .join('&');
  return `${base}?${query}`;
}

function asSignInInput<T>(check: () => T): T {
  try {
    return check();
  } catch (err) {
    throw new SetupSignInError('invalid_input', err instanceof Error ? err.message : String(err), wordsOf(err));
  }
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function sendPage(res: ServerResponse, status: number, html: string): Promise<void> {
  if (res.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    res.on('close', () => resolve());
    res.writeHead(status, {
      'Content-Type': 'text/html; charset=utf-8',
      // The page needs nothing: no scripts, styles or frames; the code in its URL must not leak on.
      'Content-Security-Policy': "default-src 'none'",
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
      Connection: 'close',
    });
    res.end(html, () => resolve());
  });
}

function listenerError(err: unknown, port: number): SetupSignInError {
  if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    return new SetupSignInError(
      'listener',
      `Port ${port}, where Amazon's sign-in page returns to, is used by another program. Close that program, or choose another ` +
        'sign-in return port in Settings and allow the new return URL in the security profile',
      text('setup.error.portInUse', { port: String(port) }),
    );
  }
  return new SetupSignInError(
    'listener',
    `The console could not wait for Amazon's reply on this computer: ${err instanceof Error ? err.message : String(err)}`,
    text('setup.error.cannotListen'),
  );
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) {
      resolve();
      return;
    }
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

function describeDuration(ms: number): string {
  if (ms >= 60_000 && ms % 60_000 === 0) return ms === 60_000 ? '1 minute' : `${ms / 60_000} minutes`;
  return ms >= 1000 ? `${Math.round(ms / 1000)} seconds` : `${ms} ms`;
}

function escapeHtml(text: string): string {
  const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
  return text.replace(/[&<>"']/g, (c) => entities[c]!);
}
