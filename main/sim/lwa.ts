// Simulated Login with Amazon: the token endpoint (refresh-token and authorization-code grants),
// a consent-free authorize endpoint for the setup flow, and the access tokens the other simulated
// APIs check. Errors are shaped as LWA shapes them: {error, error_description}.
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError, readBody, sendJson } from './http-util.js';

export interface LwaClient {
  clientId: string;
  /** Absent for a public client, which may only redeem PKCE codes. */
  clientSecret?: string;
}

export interface GrantCodeOptions {
  /** The client that may redeem the code; defaults to the signaling (skill messaging) client. */
  clientId?: string;
  /** When set, the token request must carry the same redirect_uri. */
  redirectUri?: string;
  /** PKCE S256 challenge; the token request must then carry the matching code_verifier. */
  codeChallenge?: string;
}

interface GrantCode {
  clientId: string;
  redirectUri?: string;
  codeChallenge?: string;
  expiresAt: number;
}

interface AccessToken {
  clientId: string;
  expiresAt: number;
}

const CODE_LIFETIME_MS = 5 * 60_000;

class LwaError extends HttpError {
  constructor(
    status: number,
    readonly error: 'invalid_request' | 'invalid_client' | 'invalid_grant' | 'unsupported_grant_type' | 'unsupported_response_type',
    description: string,
  ) {
    super(status, description);
  }
}

const token = (prefix: string, bytes: number) => `${prefix}${randomBytes(bytes).toString('base64url')}`;

export class SimLwa {
  private readonly clients = new Map<string, LwaClient>();
  private readonly refreshTokens = new Map<string, string>(); // token -> clientId
  private readonly codes = new Map<string, GrantCode>();
  private readonly accessTokens = new Map<string, AccessToken>();

  constructor(
    clients: LwaClient[],
    private readonly defaultClientId: string | undefined,
    private readonly lifetimeSeconds: number,
  ) {
    for (const c of clients) this.clients.set(c.clientId, c);
  }

  /** Registers a refresh token as already issued to a client (the credentials the console starts with). */
  addRefreshToken(refreshToken: string, clientId: string): void {
    this.refreshTokens.set(refreshToken, clientId);
  }

  issueGrantCode(opts: GrantCodeOptions = {}): string {
    const clientId = opts.clientId ?? this.defaultClientId;
    if (!clientId || !this.clients.has(clientId)) throw new Error(`issueGrantCode: unknown client "${clientId ?? ''}"`);
    const code = token('ANDAsim', 24);
    this.codes.set(code, { ...opts, clientId, expiresAt: Date.now() + CODE_LIFETIME_MS });
    return code;
  }

  /** The client an access token was issued to, or null when it is unknown, expired or revoked. */
  clientOf(accessToken: string | null): string | null {
    if (!accessToken) return null;
    const t = this.accessTokens.get(accessToken);
    if (!t) return null;
    if (t.expiresAt <= Date.now()) {
      this.accessTokens.delete(accessToken);
      return null;
    }
    return t.clientId;
  }

  /** Every refresh token and access token stops working: refreshing answers invalid_grant (a revoked link). */
  revokeRefreshTokens(): void {
    this.refreshTokens.clear();
    this.accessTokens.clear();
  }

  /** Every access token issued so far stops working (refresh tokens keep working). */
  revokeAccessTokens(): void {
    this.accessTokens.clear();
  }

  /** An access token for a client without a token request (consent tokens in skill envelopes). */
  mintAccessToken(clientId: string): string {
    const t = token('Atza|', 270);
    this.accessTokens.set(t, { clientId, expiresAt: Date.now() + this.lifetimeSeconds * 1000 });
    return t;
  }

  /** POST /auth/o2/token (application/x-www-form-urlencoded). */
  async handleToken(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const type = String(req.headers['content-type'] ?? '');
      if (!type.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
        throw new LwaError(400, 'invalid_request', 'Content-Type must be application/x-www-form-urlencoded');
      }
      const form = new URLSearchParams(await readBody(req, 64 * 1024));
      const grantType = form.get('grant_type');
      if (!grantType) throw new LwaError(400, 'invalid_request', 'The request is missing a required parameter : grant_type');
      if (grantType !== 'refresh_token' && grantType !== 'authorization_code') {
        throw new LwaError(400, 'unsupported_grant_type', `grant_type "${grantType}" is not supported`);
      }
      const clientId = this.authenticateClient(form, grantType);
      const refreshToken =
        grantType === 'refresh_token' ? this.checkRefreshToken(form, clientId) : this.redeemCode(form, clientId);
      sendJson(res, 200, {
        access_token: this.mintAccessToken(clientId),
        refresh_token: refreshToken,
        token_type: 'bearer',
        expires_in: this.lifetimeSeconds,
      });
    } catch (e) {
      if (e instanceof LwaError) sendJson(res, e.status, { error: e.error, error_description: e.message });
      else if (e instanceof HttpError) sendJson(res, e.status, { error: 'invalid_request', error_description: e.message });
      else throw e;
    }
  }

  /** GET /ap/oa: consents at once and redirects back with a code, as a signed-in admin would. */
  handleAuthorize(url: URL, res: ServerResponse): void {
    const q = url.searchParams;
    const clientId = q.get('client_id') ?? '';
    const redirectUri = q.get('redirect_uri') ?? '';
    let redirect: URL;
    try {
      redirect = new URL(redirectUri);
      if (redirect.protocol !== 'http:' && redirect.protocol !== 'https:') throw new Error('scheme');
    } catch {
      sendJson(res, 400, { error: 'invalid_request', error_description: 'redirect_uri must be an http(s) URL' });
      return;
    }
    if (!this.clients.has(clientId)) {
      sendJson(res, 400, { error: 'invalid_client', error_description: `client_id "${clientId}" is unknown` });
      return;
    }
    const state = q.get('state');
    if (q.get('response_type') !== 'code') {
      redirect.searchParams.set('error', 'unsupported_response_type');
    } else {
      const challenge = q.get('code_challenge') ?? undefined;
      if (challenge && q.get('code_challenge_method') !== 'S256') {
        sendJson(res, 400, { error: 'invalid_request', error_description: 'code_challenge_method must be S256' });
        return;
      }
      redirect.searchParams.set('code', this.issueGrantCode({ clientId, redirectUri, codeChallenge: challenge }));
      redirect.searchParams.set('scope', q.get('scope') ?? '');
    }
    if (state !== null) redirect.searchParams.set('state', state);
    res.writeHead(302, { Location: redirect.toString() }).end();
  }

  private authenticateClient(form: URLSearchParams, grantType: string): string {
    const clientId = form.get('client_id');
    if (!clientId) throw new LwaError(400, 'invalid_request', 'The request is missing a required parameter : client_id');
    const client = this.clients.get(clientId);
    const secret = form.get('client_secret');
    if (!client) throw new LwaError(401, 'invalid_client', 'Client authentication failed');
    if (secret !== null) {
      if (client.clientSecret === undefined || secret !== client.clientSecret) {
        throw new LwaError(401, 'invalid_client', 'Client authentication failed');
      }
      return clientId;
    }
    // Without a secret only a PKCE code exchange authenticates the client.
    const pkce = grantType === 'authorization_code' && !!this.codes.get(form.get('code') ?? '')?.codeChallenge;
    if (!pkce) throw new LwaError(401, 'invalid_client', 'Client authentication failed: client_secret is missing');
    return clientId;
  }

  private checkRefreshToken(form: URLSearchParams, clientId: string): string {
    const refreshToken = form.get('refresh_token');
    if (!refreshToken) throw new LwaError(400, 'invalid_request', 'The request is missing a required parameter : refresh_token');
    if (this.refreshTokens.get(refreshToken) !== clientId) {
      throw new LwaError(400, 'invalid_grant', 'The request has an invalid grant parameter : refresh_token');
    }
    return refreshToken;
  }

  private redeemCode(form: URLSearchParams, clientId: string): string {
    const code = form.get('code');
    if (!code) throw new LwaError(400, 'invalid_request', 'The request is missing a required parameter : code');
    const grant = this.codes.get(code);
    const invalid = (why: string) => new LwaError(400, 'invalid_grant', `The request has an invalid grant parameter : code (${why})`);
    if (!grant) throw invalid('unknown or already used');
    if (grant.clientId !== clientId) throw invalid('issued to another client');
    if (grant.expiresAt <= Date.now()) throw invalid('expired');
    if (grant.redirectUri !== undefined && form.get('redirect_uri') !== grant.redirectUri) {
      throw invalid('redirect_uri does not match');
    }
    if (grant.codeChallenge !== undefined) {
      const verifier = form.get('code_verifier') ?? '';
      const computed = createHash('sha256').update(verifier).digest('base64url');
      if (computed !== grant.codeChallenge) throw invalid('code_verifier does not match');
    }
    this.codes.delete(code);
    const refreshToken = token('Atzr|', 200);
    this.refreshTokens.set(refreshToken, clientId);
    return refreshToken;
  }
}
