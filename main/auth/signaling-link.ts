// The signaling credential: the skill's Alexa Skill Messaging client id + secret and the refresh
// token from an Alexa.Authorization.Grant code (or pasted by hand). It is what the console uses to
// POST /v1/communications/signaling. Credentials are proven against LWA before they are saved, and
// nothing here returns or logs a secret value.
import { text, wordsOf, type MessageId, type Text } from '../domain/text.js';
import { nullLogger, type Logger } from '../log/logger.js';
import { validateServiceUrl } from '../signaling/regions.js';
import {
  createTokenProvider,
  exchangeAuthorizationCode,
  LwaError,
  refreshWithCredentials,
  type LwaCredentials,
  type RefreshingTokenProvider,
} from './lwa.js';
import type { SecretName, Vault } from './vault.js';

export interface LwaClientInput {
  clientId: string;
  clientSecret: string;
}

export interface ManualLinkInput extends LwaClientInput {
  refreshToken: string;
}

/** What the desk may see about the signaling link: no secret values. */
export interface SignalingLinkStatus {
  /** Client id, secret and refresh token are all known. */
  linked: boolean;
  clientIdSet: boolean;
  /** Epoch ms until which the current access token is used; null when none is cached. */
  validUntil: number | null;
  /** The last linking or token failure in staff's words; null after a success. */
  lastError: Text | null;
  /** The refresh token comes from the DESK_LWA_* environment variables, not the keychain. */
  fromEnvironment: boolean;
}

/** Every Login with Amazon client id seen so far has this shape. */
export const LWA_CLIENT_ID_PATTERN = /^amzn1\.application-oa2-client\.[0-9a-f]{32}$/;

const SIGNALING_SECRETS = ['signaling.clientId', 'signaling.clientSecret', 'signaling.refreshToken'] as const;
/** Printable ASCII without spaces: what LWA ids, secrets, tokens and codes are made of. */
const TOKEN_CHARS = /^[\x21-\x7e]+$/;

/** The fields' names as the link forms label them. */
const FIELD_NAMES: Record<string, MessageId> = { clientId: 'link.clientId', clientSecret: 'link.clientSecret', refreshToken: 'link.refreshToken' };

/** "Client secret: too short (at least 8 characters)", in staff's words. */
function fieldProblem(field: string, problem: MessageId, values: Record<string, number> = {}): Text {
  const name = FIELD_NAMES[field];
  return text(problem, { field: name ? text(name) : field, ...values });
}

/**
 * Checks a pasted field: a string, trimmed, printable without spaces, within [min, max] characters.
 * Throws LwaError('invalid_input') naming the field; the value itself never appears in the message.
 */
export function checkCredentialField(value: unknown, field: string, min: number, max: number): string {
  const invalid = (why: string, problem: MessageId, values?: Record<string, number>) =>
    new LwaError('invalid_input', 0, `${field}: ${why}`, fieldProblem(field, problem, values));
  if (typeof value !== 'string' || value.trim() === '') throw invalid('must be a non-empty string', 'link.field.empty');
  const trimmed = value.trim();
  if (!TOKEN_CHARS.test(trimmed)) throw invalid('must not contain spaces or line breaks', 'link.field.spaces');
  if (trimmed.length < min) throw invalid(`is too short (at least ${min} characters)`, 'link.field.tooShort', { min });
  if (trimmed.length > max) throw invalid(`is too long (at most ${max} characters)`, 'link.field.tooLong', { max });
  return trimmed;
}

/**
 * A Login with Amazon client id and secret, validated. An id in an unknown shape is accepted with a
 * warning: Amazon could change the format, and a live check (linking) is the real proof.
 */
export function checkLwaClient(input: unknown): LwaClientInput & { warning: Text | null } {
  if (typeof input !== 'object' || input === null) throw new LwaError('invalid_input', 0, '(input): must be an object');
  const { clientId: rawId, clientSecret: rawSecret } = input as Record<string, unknown>;
  const clientId = checkCredentialField(rawId, 'clientId', 1, 256);
  const clientSecret = checkCredentialField(rawSecret, 'clientSecret', 8, 512);
  const warning = LWA_CLIENT_ID_PATTERN.test(clientId) ? null : text('link.clientIdShape');
  return { clientId, clientSecret, warning };
}

export function checkTokenUrl(tokenUrl: unknown): string {
  try {
    return validateServiceUrl(tokenUrl, 'LWA token URL');
  } catch (err) {
    throw new LwaError('invalid_input', 0, err instanceof Error ? err.message : String(err));
  }
}

/**
 * Writes several vault entries as one change (null deletes one): when a write fails, the entries
 * already written get their previous values back, so a failure leaves the vault as it was.
 */
export async function writeSecrets(vault: Vault, entries: ReadonlyArray<readonly [SecretName, string | null]>): Promise<void> {
  const previous = await Promise.all(entries.map(async ([name]) => [name, await vault.get(name)] as const));
  const written: SecretName[] = [];
  try {
    for (const [name, value] of entries) {
      await (value === null ? vault.delete(name) : vault.set(name, value));
      written.push(name);
    }
  } catch (err) {
    for (const [name, value] of previous) {
      if (!written.includes(name)) continue;
      await (value === null ? vault.delete(name) : vault.set(name, value)).catch(() => {});
    }
    throw err;
  }
}

/** LWA's answers, in the words of this credential (its own generic words fit the refresh path badly). */
function inSignalingWords(err: unknown, path: 'manual' | 'grant'): unknown {
  if (!(err instanceof LwaError)) return err;
  const words: Record<string, [string, MessageId]> = {
    invalid_client: [
      "Amazon did not accept the skill's Alexa Skill Messaging client id or secret — copy both again from the skill's Permissions page",
      'link.error.skillClientRefused',
    ],
    invalid_grant:
      path === 'manual'
        ? ['Amazon did not accept the refresh token: it is wrong, expired or was revoked, or belongs to another client id', 'link.error.refreshTokenRefused']
        : ['The link code from Alexa has expired or was already used — link the skill again in the Alexa app', 'link.error.grantExpired'],
  };
  const known = words[err.code];
  return known ? new LwaError(err.code, err.status, known[0], text(known[1])) : err;
}

export interface SignalingLinkOptions {
  vault: Vault;
  /** Credentials from the environment (DESK_LWA_*), used for any part the vault does not hold. */
  fallback?: Partial<LwaCredentials>;
  fetch?: typeof fetch;
  log?: Logger;
  now?: () => number;
  /** Amazon refused the stored credential (e.g. invalid_grant): the console is no longer linked. */
  onRevoked?: () => void;
}

/** LWA refusals that mean the stored credential is dead: only linking again helps. */
const REVOKED_CODES = new Set(['invalid_grant', 'invalid_client']);

export class SignalingLink {
  private readonly vault: Vault;
  private readonly log: Logger;
  /** The last linking failure; a failed refresh of the tokens in use is `refreshError`. */
  private lastError: unknown = null;
  private refreshError: unknown = null;
  private current: RefreshingTokenProvider | null = null;
  /** LWA refused the stored credential; linked again by a grant or a manual link. */
  private revoked = false;
  /** Unlink also stops using the DESK_LWA_* credentials, until the next start. */
  private useFallback = true;

  constructor(private readonly options: SignalingLinkOptions) {
    this.vault = options.vault;
    this.log = options.log ?? nullLogger;
  }

  async status(): Promise<SignalingLinkStatus> {
    const { credentials, fromEnvironment } = await this.credentialsWithSource();
    const client = await this.client();
    const tokens = this.current?.status() ?? { validUntil: null, lastError: null };
    const failure = this.lastError ?? (tokens.lastError === null ? null : this.refreshError);
    return {
      linked: credentials !== null && !this.revoked,
      clientIdSet: client.clientId !== null,
      validUntil: tokens.validUntil,
      lastError: failure === null ? null : (wordsOf(failure) ?? text('link.error.failed')),
      fromEnvironment,
    };
  }

  /**
   * Access tokens for the signaling API, read from the vault at each refresh, so a new link takes
   * effect at the next call. status() reports on the provider made last.
   */
  tokens(tokenUrl: string): RefreshingTokenProvider {
    const url = checkTokenUrl(tokenUrl);
    this.current?.stop();
    this.current = createTokenProvider({
      tokenUrl: url,
      credentials: () => this.credentials(),
      fetch: this.options.fetch,
      now: this.options.now,
      onError: (err) => this.refreshFailed(err),
    });
    return this.current;
  }

  /** Stops refreshing tokens in the background. */
  stop(): void {
    this.current?.stop();
  }

  private refreshFailed(err: unknown): void {
    this.refreshError = err;
    if (!(err instanceof LwaError) || !REVOKED_CODES.has(err.code) || this.revoked) return;
    this.revoked = true;
    this.log.warn(`Amazon refused the signaling credential (${err.code}): the console is no longer linked`);
    this.options.onRevoked?.();
  }

  /** Saves the client id + secret (no live check: there is no refresh token yet to try them with). */
  async saveClient(input: LwaClientInput): Promise<{ warning: Text | null }> {
    const { clientId, clientSecret, warning } = checkLwaClient(input);
    const storedId = await this.vault.get('signaling.clientId');
    await writeSecrets(this.vault, [
      ['signaling.clientId', clientId],
      ['signaling.clientSecret', clientSecret],
    ]);
    // A refresh token only works with the client that obtained it.
    if (storedId !== null && storedId !== clientId) await this.vault.delete('signaling.refreshToken');
    this.current?.invalidate();
    if (warning) this.log.warn('signaling client id saved with an unusual shape');
    this.log.info('signaling client id and secret saved');
    return { warning };
  }

  /** Proves client id, secret and refresh token with one live refresh, then saves all three. */
  async linkManually(input: ManualLinkInput, tokenUrl: string): Promise<SignalingLinkStatus> {
    const { clientId, clientSecret } = checkLwaClient(input);
    const refreshToken = checkCredentialField((input as { refreshToken?: unknown }).refreshToken, 'refreshToken', 8, 8192);
    const url = checkTokenUrl(tokenUrl);
    try {
      const proof = await refreshWithCredentials({ tokenUrl: url, clientId, clientSecret, refreshToken, fetch: this.options.fetch });
      await writeSecrets(this.vault, [
        ['signaling.clientId', clientId],
        ['signaling.clientSecret', clientSecret],
        // LWA may hand out a replacement refresh token; the newest one is the one to keep.
        ['signaling.refreshToken', proof.refreshToken ?? refreshToken],
      ]);
    } catch (err) {
      throw this.failed('manual link', inSignalingWords(err, 'manual'));
    }
    this.succeeded('signaling credentials linked by hand');
    return this.status();
  }

  /** Exchanges an Alexa.Authorization.Grant code with the stored client id/secret; stores the refresh token. */
  async acceptGrantCode(code: string, tokenUrl: string): Promise<SignalingLinkStatus> {
    const grantCode = checkCredentialField(code, 'code', 1, 4096);
    const url = checkTokenUrl(tokenUrl);
    const { clientId, clientSecret } = await this.client();
    if (clientId === null || clientSecret === null) {
      throw this.failed(
        'grant',
        new LwaError(
          'not_linked',
          0,
          'The console has no Alexa Skill Messaging client id and secret yet: enter them, then link the skill again',
          text('link.error.noSkillClient'),
        ),
      );
    }
    try {
      const tokens = await exchangeAuthorizationCode({ tokenUrl: url, clientId, clientSecret, code: grantCode, fetch: this.options.fetch });
      await writeSecrets(this.vault, [['signaling.refreshToken', tokens.refreshToken]]);
    } catch (err) {
      throw this.failed('grant', inSignalingWords(err, 'grant'));
    }
    this.succeeded('signaling linked from an Alexa grant');
    return this.status();
  }

  /**
   * The credentials in use (the keychain's, else DESK_LWA_*), for a desk-join file only: never for
   * logs, the screen or the broker.
   */
  held(): Promise<LwaCredentials | null> {
    return this.credentials();
  }

  /** Credentials were written to the vault by a desk-join import: use them from now on. */
  adopted(): void {
    this.succeeded('signaling credentials imported from a desk-join file');
  }

  /** Removes the signaling credential from the keychain (the setup credential is left alone). */
  async unlink(): Promise<SignalingLinkStatus> {
    for (const name of SIGNALING_SECRETS) await this.vault.delete(name);
    this.current?.invalidate();
    this.current?.stop();
    this.lastError = null;
    this.revoked = false;
    this.log.info('signaling credentials removed');
    if (this.useFallback && Object.values(this.options.fallback ?? {}).some(Boolean)) {
      this.useFallback = false;
      this.log.info('the DESK_LWA_* credentials are not used again until the console restarts');
    }
    return this.status();
  }

  private async client(): Promise<{ clientId: string | null; clientSecret: string | null }> {
    const fallback = this.fallback();
    return {
      clientId: (await this.vault.get('signaling.clientId')) ?? fallback.clientId ?? null,
      clientSecret: (await this.vault.get('signaling.clientSecret')) ?? fallback.clientSecret ?? null,
    };
  }

  private async credentials(): Promise<LwaCredentials | null> {
    return (await this.credentialsWithSource()).credentials;
  }

  /** The credentials, and whether the refresh token is the DESK_LWA_* one (the keychain has none). */
  private async credentialsWithSource(): Promise<{ credentials: LwaCredentials | null; fromEnvironment: boolean }> {
    const { clientId, clientSecret } = await this.client();
    const stored = await this.vault.get('signaling.refreshToken');
    const refreshToken = stored ?? this.fallback().refreshToken ?? null;
    const credentials = clientId && clientSecret && refreshToken ? { clientId, clientSecret, refreshToken } : null;
    return { credentials, fromEnvironment: credentials !== null && stored === null };
  }

  private fallback(): Partial<LwaCredentials> {
    return this.useFallback ? (this.options.fallback ?? {}) : {};
  }

  private succeeded(what: string): void {
    this.lastError = null;
    this.revoked = false;
    this.current?.invalidate();
    this.log.info(what);
  }

  private failed(what: string, err: unknown): unknown {
    this.lastError = err;
    this.log.warn(`signaling ${what} failed`, { error: err instanceof Error ? err.message : String(err) });
    return err;
  }
}
