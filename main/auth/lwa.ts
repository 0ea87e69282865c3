// Login with Amazon (LWA) token client: the refresh-token grant behind every call to Alexa (cached
// until 90 % of its lifetime, one refresh at a time) and the authorization-code exchange of an
// Alexa.Authorization.Grant. Errors are LwaError with plain words and never a secret value.
import { z } from 'zod';
import { text, type MessageId, type Text } from '../domain/text.js';
import { netFetch } from '../net/fetch.js';

export interface LwaCredentials {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
}

export interface TokenProvider {
  /** A valid access token, from cache or one shared refresh. Rejects with LwaError. */
  getAccessToken(): Promise<string>;
  /** Forget the cached token (e.g. Alexa answered 401); the next call refreshes. */
  invalidate(): void;
  /** validUntil: epoch ms until which the cached token is used; lastError: the last refresh failure. */
  status(): { validUntil: number | null; lastError: string | null };
}

export type LwaErrorCode =
  | 'invalid_grant'
  | 'invalid_client'
  | 'unauthorized_client'
  | 'invalid_request'
  | 'unsupported_grant_type'
  | 'invalid_scope'
  | 'server_error'
  | 'unreachable'
  | 'invalid_response'
  | 'not_linked'
  | 'invalid_input';

export class LwaError extends Error {
  override readonly name = 'LwaError';
  /** An LwaErrorCode, or another OAuth error code LWA sent. */
  readonly code: string;
  /** LWA's HTTP status; 0 when there was no reply (network) or nothing was sent. */
  readonly status: number;
  /** What it means, in words staff read (the message is the log's English). */
  readonly words: Text;

  constructor(code: string, status: number, message: string, words?: Text) {
    super(message);
    this.code = code;
    this.status = status;
    this.words = words ?? wordsFor(code, status);
  }

  /** LWA could not answer (network, overload, its own error): the same request may work moments later. */
  get transient(): boolean {
    return TRANSIENT_CODES.has(this.code) || this.status === 429 || this.status >= 500;
  }
}

const TRANSIENT_CODES = new Set(['unreachable', 'server_error', 'temporarily_unavailable']);

const UNREACHABLE = "Amazon's login service could not be reached";

const MESSAGES: Record<string, string> = {
  invalid_grant: 'The link to Amazon has expired or was revoked — relink',
  invalid_client: 'The client id or secret is wrong',
  unauthorized_client:
    "This client id may not use this login — use the skill's Alexa Skill Messaging client id and secret",
  invalid_request: "Amazon's login service rejected the request as incomplete or malformed",
  unsupported_grant_type: "Amazon's login service does not accept this kind of login",
  invalid_scope: "Amazon's login service rejected the requested permissions",
  server_error: `${UNREACHABLE} (it reported an internal error) — try again shortly`,
  temporarily_unavailable: `${UNREACHABLE} (it is temporarily unavailable) — try again shortly`,
};

/** LWA's refusals in staff's words; the rest say the login service could not be reached or refused. */
const WORDS: Record<string, MessageId> = {
  invalid_grant: 'link.error.expired',
  invalid_client: 'link.error.wrongClient',
  unauthorized_client: 'link.error.unauthorizedClient',
  not_linked: 'link.error.notLinked',
};

function wordsFor(code: string, status: number): Text {
  const known = WORDS[code];
  if (known) return text(known);
  if (TRANSIENT_CODES.has(code) || status === 429 || status >= 500) return text('link.error.unreachable');
  return text('link.error.refused');
}

const DEFAULT_TIMEOUT_MS = 15_000;
/** Share of an access token's lifetime after which it is no longer used. */
const REFRESH_AT = 0.9;
/** Kept fresh (keepFresh), a new token is fetched at this share, while the current one still serves. */
const REFRESH_AHEAD_AT = 0.8;
/** Waits between background refreshes that LWA could not answer; the last one repeats. */
export const KEEP_FRESH_RETRY_MS = [1_000, 2_000, 5_000, 10_000, 30_000];
/** setTimeout's longest wait; a token living longer is refreshed earlier, which is harmless. */
const MAX_TIMER_MS = 2 ** 31 - 1;

const expiresInSchema = z
  .union([z.number(), z.string().trim().regex(/^\d+(\.\d+)?$/, 'must be a number of seconds').transform(Number)])
  .pipe(z.number().positive('must be positive').max(10 * 365 * 24 * 3600, 'is implausibly long'));

const tokenResponseSchema = z.looseObject({
  access_token: z.string().min(1, 'must be a non-empty string').max(8192, 'is too long'),
  refresh_token: z.string().min(1).max(8192).optional(),
  token_type: z.string().optional(),
  expires_in: expiresInSchema,
});

const errorResponseSchema = z.looseObject({ error: z.string().min(1).max(100) });

type FetchFn = typeof fetch;

export interface TokenResult {
  accessToken: string;
  /** Seconds the access token is valid for. */
  expiresIn: number;
  /** Only the authorization-code grant must return one; a refresh may return a replacement. */
  refreshToken?: string;
}

/** POST a form to the LWA token endpoint and validate the reply. */
async function requestToken(
  tokenUrl: string,
  form: Record<string, string | undefined>,
  fetchFn: FetchFn,
  timeoutMs: number,
): Promise<TokenResult> {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(form)) if (value !== undefined) body.set(key, value);

  let response: Response;
  try {
    response = await fetchFn(tokenUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: body.toString(),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    throw new LwaError('unreachable', 0, `${UNREACHABLE} (${networkReason(err)})`);
  }

  const text = await response.text().catch(() => '');
  const json = parseJson(text);
  if (!response.ok) throw errorFromReply(response.status, json);

  const parsed = tokenResponseSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? `${issue.path.join('.') || '(body)'} ${issue.message}` : 'unreadable';
    throw new LwaError('invalid_response', response.status, `Amazon's login service sent an unexpected reply (${where})`);
  }
  const { access_token, refresh_token, expires_in } = parsed.data;
  return { accessToken: access_token, expiresIn: expires_in, ...(refresh_token ? { refreshToken: refresh_token } : {}) };
}

function errorFromReply(status: number, json: unknown): LwaError {
  const parsed = errorResponseSchema.safeParse(json);
  const code = parsed.success ? parsed.data.error : status >= 500 || status === 429 ? 'server_error' : 'invalid_response';
  const known = MESSAGES[code];
  if (known) return new LwaError(code, status, known);
  if (status >= 500 || status === 429) return new LwaError(code, status, `${UNREACHABLE} (HTTP ${status}) — try again shortly`);
  // Only our own words plus LWA's short error code: a reply body could echo what we sent.
  const shownCode = /^[a-z_]{1,60}$/.test(code) ? `: ${code}` : '';
  return new LwaError(code, status, `Amazon's login service refused the request (HTTP ${status}${shownCode})`);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A short reason without the error's own text, which could carry a URL or request details. */
function networkReason(err: unknown): string {
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) return 'no reply in time';
  const code = (err as { cause?: { code?: unknown } } | null)?.cause?.code;
  return typeof code === 'string' && /^[A-Z_]{2,40}$/.test(code) ? code : 'network error';
}

function requireText(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new LwaError('invalid_input', 0, `${field}: must be a non-empty string`);
  }
  return value.trim();
}

/** One refresh-token grant with explicit credentials: also the "prove these credentials" check. */
export async function refreshWithCredentials(opts: {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  fetch?: FetchFn;
  timeoutMs?: number;
}): Promise<TokenResult> {
  return requestToken(
    opts.tokenUrl,
    {
      grant_type: 'refresh_token',
      refresh_token: requireText(opts.refreshToken, 'refreshToken'),
      client_id: requireText(opts.clientId, 'clientId'),
      client_secret: requireText(opts.clientSecret, 'clientSecret'),
    },
    opts.fetch ?? netFetch,
    opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  );
}

/** Exchange an Alexa.Authorization.Grant code for tokens (asp-protocol.md §3.2). */
export async function exchangeAuthorizationCode(opts: {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  code: string;
  redirectUri?: string;
  codeVerifier?: string;
  fetch?: FetchFn;
  timeoutMs?: number;
}): Promise<{ accessToken: string; refreshToken: string; expiresIn: number }> {
  const result = await requestToken(
    opts.tokenUrl,
    {
      grant_type: 'authorization_code',
      code: requireText(opts.code, 'code'),
      client_id: requireText(opts.clientId, 'clientId'),
      client_secret: requireText(opts.clientSecret, 'clientSecret'),
      redirect_uri: opts.redirectUri === undefined ? undefined : requireText(opts.redirectUri, 'redirectUri'),
      code_verifier: opts.codeVerifier === undefined ? undefined : requireText(opts.codeVerifier, 'codeVerifier'),
    },
    opts.fetch ?? netFetch,
    opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  );
  if (!result.refreshToken) {
    throw new LwaError('invalid_response', 200, "Amazon's login service sent no refresh token for the grant");
  }
  return { accessToken: result.accessToken, refreshToken: result.refreshToken, expiresIn: result.expiresIn };
}

/** A TokenProvider that can also keep a token ready in the background. */
export interface RefreshingTokenProvider extends TokenProvider {
  /**
   * Fetch a token now and keep one ready: refreshed before it expires (at 80 % of its lifetime,
   * while the current one still serves), and retried with growing waits while LWA cannot answer,
   * so no call waits for a token. Stops at a refusal that retrying cannot fix (e.g. invalid_grant).
   */
  keepFresh(): void;
  /** Stop refreshing in the background. */
  stop(): void;
}

/** Access tokens for the signaling API from the refresh-token grant, cached until 90 % of expires_in. */
export function createTokenProvider(opts: {
  tokenUrl: string;
  credentials: () => Promise<LwaCredentials | null>;
  fetch?: FetchFn;
  now?: () => number;
  timeoutMs?: number;
  /** Every failed refresh (e.g. to notice invalid_grant: the link was revoked). */
  onError?: (error: unknown) => void;
}): RefreshingTokenProvider {
  const now = opts.now ?? Date.now;
  let cached: { token: string; validUntil: number; refreshAt: number } | null = null;
  let inflight: Promise<string> | null = null;
  let lastError: string | null = null;
  let fresh: { timer: NodeJS.Timeout | null; failures: number } | null = null;

  async function refresh(): Promise<string> {
    try {
      const credentials = await opts.credentials();
      if (!credentials) throw new LwaError('not_linked', 0, 'The console is not linked to Amazon yet — link it in Setup');
      const startedAt = now();
      const result = await refreshWithCredentials({
        tokenUrl: opts.tokenUrl,
        ...credentials,
        fetch: opts.fetch,
        timeoutMs: opts.timeoutMs,
      });
      const lifetime = result.expiresIn * 1000;
      cached = { token: result.accessToken, validUntil: startedAt + lifetime * REFRESH_AT, refreshAt: startedAt + lifetime * REFRESH_AHEAD_AT };
      lastError = null;
      if (fresh) {
        fresh.failures = 0;
        scheduleFresh();
      }
      return result.accessToken;
    } catch (err) {
      // A token that still works stays in use while a refresh ahead of time fails.
      if (!cached || now() >= cached.validUntil) cached = null;
      lastError = err instanceof Error ? err.message : String(err);
      if (fresh) {
        // Only a refusal that waiting can fix is retried; the rest waits for a new link (or a call).
        fresh.failures += 1;
        if (err instanceof LwaError && err.transient) scheduleFresh();
        else cancelFresh();
      }
      opts.onError?.(err);
      throw err;
    }
  }

  /** Single flight: callers arriving during a refresh share it. */
  function shared(): Promise<string> {
    inflight ??= refresh().finally(() => {
      inflight = null;
    });
    return inflight;
  }

  /** The next refresh ahead of time: at the token's refresh mark, or after a growing wait once refreshes failed. */
  function scheduleFresh(): void {
    if (!fresh) return;
    cancelFresh();
    const wait = fresh.failures > 0 ? KEEP_FRESH_RETRY_MS[Math.min(fresh.failures, KEEP_FRESH_RETRY_MS.length) - 1]! : (cached?.refreshAt ?? now()) - now();
    fresh.timer = setTimeout(() => {
      if (fresh) fresh.timer = null;
      shared().catch(() => {}); // refresh() reschedules, and records the error
    }, Math.min(Math.max(0, wait), MAX_TIMER_MS));
    fresh.timer.unref();
  }

  function cancelFresh(): void {
    if (fresh?.timer) clearTimeout(fresh.timer);
    if (fresh) fresh.timer = null;
  }

  return {
    getAccessToken() {
      if (cached && now() < cached.validUntil) return Promise.resolve(cached.token);
      return shared();
    },
    invalidate() {
      cached = null;
    },
    status() {
      return { validUntil: cached?.validUntil ?? null, lastError };
    },
    keepFresh() {
      if (fresh) return;
      fresh = { timer: null, failures: 0 };
      if (cached && now() < cached.validUntil) scheduleFresh();
      else shared().catch(() => {});
    },
    stop() {
      cancelFresh();
      fresh = null;
    },
  };
}
