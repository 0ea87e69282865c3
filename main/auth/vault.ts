// The credential vault: secrets live in the OS keychain (keytar: macOS Keychain, Windows Credential
// Manager, the Secret Service on Linux). When no keychain works, secrets are kept in memory for this
// session only, and the vault says so. Values are never written to disk in plain text, never logged.
import { randomUUID } from 'node:crypto';
import { text, type Text } from '../domain/text.js';
import type { IceServerSetting } from '../store/settings-schema.js';

export const SECRET_NAMES = [
  'signaling.clientId',
  'signaling.clientSecret',
  'signaling.refreshToken',
  'setup.clientId',
  'setup.clientSecret',
  'setup.refreshToken',
  'webhook.secret',
  'broker.creds',
  'broker.token',
] as const;

/** A fixed secret, or a TURN server's credential keyed by the server's TURN URL (`turn:turns:host:5349`). */
export type SecretName = (typeof SECRET_NAMES)[number] | `turn:${string}`;

export interface Vault {
  readonly kind: 'keychain' | 'memory';
  /** Plain words for the desk when there is no keychain; null when secrets are in the keychain. */
  readonly problem: string | null;
  /** Technical reason the keychain could not be used (for logs; holds no secret); null when it works. */
  readonly detail: string | null;
  get(name: SecretName): Promise<string | null>;
  set(name: SecretName, value: string): Promise<void>;
  delete(name: SecretName): Promise<void>;
}

/** The part of keytar the vault uses. */
export interface KeytarLike {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export interface VaultOptions {
  /** Keychain service name; default 'frontdesk-console'. */
  service?: string;
  /** keytar itself or a loader of it (tests); default: keytar, imported on first use. */
  keytar?: KeytarLike | (() => Promise<KeytarLike>);
  /** A keychain that does not answer the probe within this time is treated as missing; default 5000. */
  probeTimeoutMs?: number;
}

export class VaultError extends Error {
  override name = 'VaultError';
  constructor(
    message: string,
    /** In staff's words, when staff can do something about it (a keychain that did not answer). */
    readonly words?: Text,
  ) {
    super(message);
  }
}

export const NO_KEYCHAIN_PROBLEM =
  'No system keychain is available: linked credentials are kept in memory until the console closes.';

const MAX_SECRET_LENGTH = 16_384;

export function isSecretName(name: unknown): name is SecretName {
  if (typeof name !== 'string') return false;
  return (SECRET_NAMES as readonly string[]).includes(name) || (name.startsWith('turn:') && /^turns?:\S{1,512}$/i.test(name.slice(5)));
}

/** Where a TURN server's credential is kept: keyed by its first turn:/turns: URL; null for STUN only. */
export function turnSecretName(urls: string | readonly string[]): SecretName | null {
  const turnUrl = (typeof urls === 'string' ? [urls] : urls).find((u) => /^turns?:/i.test(u.trim()));
  return turnUrl ? `turn:${turnUrl.trim()}` : null;
}

/** ICE servers for the peers: the settings' servers with each TURN credential from the vault. */
export async function withTurnCredentials(
  servers: readonly IceServerSetting[],
  vault: Vault,
): Promise<{ urls: string | string[]; username?: string; credential?: string }[]> {
  return Promise.all(
    servers.map(async ({ credential: _never, ...server }) => {
      const name = turnSecretName(server.urls);
      const credential = name ? await vault.get(name) : null;
      return credential === null ? server : { ...server, credential };
    }),
  );
}

/** Open the keychain vault, or a memory vault (with `problem` set) when no keychain works. */
export async function openVault(opts: VaultOptions = {}): Promise<Vault> {
  const service = opts.service ?? 'frontdesk-console';
  let keytar: KeytarLike;
  try {
    keytar = await loadKeytar(opts.keytar);
    await withTimeout(probe(keytar, service), opts.probeTimeoutMs ?? 5000);
  } catch (error) {
    return memoryVault(`${error instanceof Error ? error.message : String(error)}`);
  }
  return keychainVault(keytar, service);
}

async function loadKeytar(given: VaultOptions['keytar']): Promise<KeytarLike> {
  if (typeof given === 'function') return given();
  if (given) return given;
  try {
    // keytar is an optional native module: it may be missing or built for another runtime.
    const mod = (await import('keytar')) as KeytarLike & { default?: KeytarLike };
    return mod.default ?? mod;
  } catch (error) {
    throw new Error(`keytar could not be loaded: ${error instanceof Error ? error.message : String(error)}`);
  }
}

// One round trip proves the keychain is there, unlocked and writable. The entry is unique to this
// probe so that two processes opening the same vault at once do not read each other's marker.
async function probe(keytar: KeytarLike, service: string): Promise<void> {
  const account = `vault.probe.${randomUUID()}`;
  const marker = randomUUID();
  await keytar.setPassword(service, account, marker);
  const read = await keytar.getPassword(service, account);
  await keytar.deletePassword(service, account);
  if (read !== marker) throw new Error('the keychain did not return what was stored in it');
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the keychain did not answer within ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function checkName(name: unknown): asserts name is SecretName {
  if (!isSecretName(name)) throw new VaultError(`name: not a known secret (${SECRET_NAMES.join(', ')} or turn:<TURN URL>)`);
}

function checkValue(value: unknown): asserts value is string {
  if (typeof value !== 'string' || value.length === 0) throw new VaultError('value: must be a non-empty string');
  if (value.length > MAX_SECRET_LENGTH) throw new VaultError(`value: must be at most ${MAX_SECRET_LENGTH} characters`);
}

function keychainVault(keytar: KeytarLike, service: string): Vault {
  // Keychain errors name the secret and the action, never the value.
  const attempt = async <T>(action: string, name: SecretName, work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      throw new VaultError(`The system keychain could not ${action} ${name}: ${error instanceof Error ? error.message : String(error)}`, text('link.error.keychain'));
    }
  };
  return {
    kind: 'keychain',
    problem: null,
    detail: null,
    async get(name) {
      checkName(name);
      return attempt('read', name, () => keytar.getPassword(service, name));
    },
    async set(name, value) {
      checkName(name);
      checkValue(value);
      await attempt('save', name, () => keytar.setPassword(service, name, value));
    },
    async delete(name) {
      checkName(name);
      await attempt('delete', name, () => keytar.deletePassword(service, name));
    },
  };
}

function memoryVault(detail: string): Vault {
  const secrets = new Map<SecretName, string>();
  return {
    kind: 'memory',
    problem: NO_KEYCHAIN_PROBLEM,
    detail,
    async get(name) {
      checkName(name);
      return secrets.get(name) ?? null;
    },
    async set(name, value) {
      checkName(name);
      checkValue(value);
      secrets.set(name, value);
    },
    async delete(name) {
      checkName(name);
      secrets.delete(name);
    },
  };
}
