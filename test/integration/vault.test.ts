// The credential vault: the real keytar against the system keychain (on Linux the Secret Service,
// provided in tests by scripts/with-keyring.sh), and the memory fallback with a failing keytar.
//
// Without a Secret Service the keychain tests fail with instructions instead of skipping. A machine
// that has none declares it with DESK_TEST_NO_KEYCHAIN=1; the real keytar is then checked to fall
// back to memory instead.
import { afterAll, describe, expect, it } from 'vitest';
import {
  NO_KEYCHAIN_PROBLEM,
  openVault,
  turnSecretName,
  VaultError,
  withTurnCredentials,
  type KeytarLike,
  type Vault,
} from '../../main/auth/vault.js';

const HOW_TO_RUN =
  'Run the tests inside a session bus with an unlocked keyring: ' +
  '`dbus-run-session -- sh scripts/with-keyring.sh npx vitest run test/integration/vault.test.ts` ' +
  '(needs gnome-keyring and dbus), or set DESK_TEST_NO_KEYCHAIN=1 on a machine that has no keychain.';
const noKeychainDeclared = Boolean(process.env.DESK_TEST_NO_KEYCHAIN) && process.env.DESK_TEST_NO_KEYCHAIN !== '0';
const service = `frontdesk-console-test-${process.pid}`;
const REFRESH_TOKEN = 'Atzr|IwEBIA-test-refresh-token';

if (!noKeychainDeclared) {
  describe('keychain vault (real keytar, system keychain)', () => {
    // Each test fails on its own (no skip) when the keychain is missing.
    async function openKeychain(): Promise<Vault> {
      const vault = await openVault({ service });
      if (vault.kind !== 'keychain') throw new Error(`No system keychain is reachable (${vault.detail}). ${HOW_TO_RUN}`);
      return vault;
    }
    afterAll(async () => {
      const vault = await openVault({ service });
      if (vault.kind === 'keychain') {
        for (const name of ['signaling.refreshToken', 'webhook.secret', 'turn:turns:turn.hotel.lan:5349'] as const) await vault.delete(name);
      }
    });

    it('stores, reads and deletes a secret', async () => {
      const vault = await openKeychain();
      expect(vault.problem).toBeNull();
      expect(await vault.get('webhook.secret')).toBeNull();
      await vault.set('webhook.secret', 'desk-secret-1');
      expect(await vault.get('webhook.secret')).toBe('desk-secret-1');
      await vault.set('webhook.secret', 'desk-secret-2');
      expect(await vault.get('webhook.secret')).toBe('desk-secret-2');
      await vault.delete('webhook.secret');
      expect(await vault.get('webhook.secret')).toBeNull();
      await vault.delete('webhook.secret'); // deleting what is not there is fine
    });

    it('keeps secrets across a restart (a new vault on the same keychain)', async () => {
      const vault = await openKeychain();
      await vault.set('signaling.refreshToken', REFRESH_TOKEN);
      await vault.set('turn:turns:turn.hotel.lan:5349', 'turn-pass');
      const reopened = await openVault({ service });
      expect(reopened.kind).toBe('keychain');
      expect(await reopened.get('signaling.refreshToken')).toBe(REFRESH_TOKEN);
      expect(await reopened.get('turn:turns:turn.hotel.lan:5349')).toBe('turn-pass');
      // Another service name is another vault.
      const other = await openVault({ service: `${service}-other` });
      expect(await other.get('signaling.refreshToken')).toBeNull();
    });
  });
} else {
  describe('real keytar on a machine declared to have no keychain (DESK_TEST_NO_KEYCHAIN=1)', () => {
    it('falls back to memory and says so in plain words', async () => {
      const vault = await openVault({ service });
      expect(vault.kind, `a keychain answered although DESK_TEST_NO_KEYCHAIN=1 was set`).toBe('memory');
      expect(vault.problem).toBe(NO_KEYCHAIN_PROBLEM);
      await vault.set('signaling.refreshToken', REFRESH_TOKEN);
      expect(await vault.get('signaling.refreshToken')).toBe(REFRESH_TOKEN);
    });
  });
}

/** An in-memory keytar whose calls can be made to fail. */
function fakeKeytar(fail: { set?: Error; get?: Error; wrongValue?: boolean; hang?: boolean } = {}) {
  const items = new Map<string, string>();
  const keytar: KeytarLike = {
    async setPassword(s, a, p) {
      if (fail.hang) return new Promise<void>(() => {});
      if (fail.set) throw fail.set;
      items.set(`${s}/${a}`, p);
    },
    async getPassword(s, a) {
      if (fail.get) throw fail.get;
      return fail.wrongValue ? 'something else' : (items.get(`${s}/${a}`) ?? null);
    },
    async deletePassword(s, a) {
      return items.delete(`${s}/${a}`);
    },
  };
  return { keytar, items };
}

describe('memory fallback', () => {
  const cases: [string, () => Promise<Vault>, RegExp][] = [
    ['keytar cannot be loaded', () => openVault({ keytar: () => Promise.reject(new Error('Cannot find module keytar')) }), /Cannot find module/],
    ['the keychain refuses to store', () => openVault({ keytar: fakeKeytar({ set: new Error('Cannot autolaunch D-Bus') }).keytar }), /autolaunch/],
    ['the keychain returns something else', () => openVault({ keytar: fakeKeytar({ wrongValue: true }).keytar }), /did not return/],
    ['the keychain never answers', () => openVault({ keytar: fakeKeytar({ hang: true }).keytar, probeTimeoutMs: 50 }), /did not answer/],
  ];
  for (const [when, open, detail] of cases) {
    it(`is used when ${when}`, async () => {
      const vault = await open();
      expect(vault.kind).toBe('memory');
      expect(vault.problem).toBe(NO_KEYCHAIN_PROBLEM);
      expect(vault.detail).toMatch(detail);
      await vault.set('setup.clientSecret', 'shh');
      expect(await vault.get('setup.clientSecret')).toBe('shh');
      await vault.delete('setup.clientSecret');
      expect(await vault.get('setup.clientSecret')).toBeNull();
    });
  }

  it('keeps secrets for this session only', async () => {
    const failing = () => openVault({ keytar: fakeKeytar({ set: new Error('no keychain') }).keytar });
    const first = await failing();
    await first.set('signaling.clientSecret', 'shh');
    expect(await (await failing()).get('signaling.clientSecret')).toBeNull();
  });
});

describe('vault input and errors', () => {
  it('refuses unknown names and empty values, storing nothing', async () => {
    const { keytar, items } = fakeKeytar();
    const vault = await openVault({ keytar });
    expect(vault.kind).toBe('keychain');
    await expect(vault.set('password' as never, 'x')).rejects.toThrow(/^name: not a known secret/);
    await expect(vault.set('turn:http://x' as never, 'x')).rejects.toThrow(VaultError);
    await expect(vault.set('webhook.secret', '')).rejects.toThrow(/^value: must be a non-empty string/);
    await expect(vault.set('webhook.secret', 5 as never)).rejects.toThrow(/^value:/);
    expect(items.size).toBe(0);
  });

  it('names the secret, never the value, when the keychain fails later', async () => {
    const { keytar } = fakeKeytar();
    const vault = await openVault({ keytar });
    keytar.setPassword = () => Promise.reject(new Error('keyring is locked'));
    const error = (await vault.set('signaling.clientSecret', 'top-secret-value').catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(VaultError);
    expect(error.message).toBe('The system keychain could not save signaling.clientSecret: keyring is locked');
    expect(error.message).not.toContain('top-secret-value');
  });
});

describe('TURN credentials', () => {
  it('are keyed by the first TURN URL and merged into the ICE servers at runtime', async () => {
    expect(turnSecretName('stun:stun.hotel.lan')).toBeNull();
    expect(turnSecretName(['stun:s.lan', 'turns:t.lan:5349', 'turn:t.lan'])).toBe('turn:turns:t.lan:5349');
    const vault = await openVault({ keytar: fakeKeytar().keytar });
    await vault.set('turn:turn:t.lan:3478', 'turn-pass');
    const servers = [{ urls: 'stun:s.lan' }, { urls: ['turn:t.lan:3478'], username: 'desk' }, { urls: 'turn:other.lan' }];
    expect(await withTurnCredentials(servers, vault)).toStrictEqual([
      { urls: 'stun:s.lan' },
      { urls: ['turn:t.lan:3478'], username: 'desk', credential: 'turn-pass' },
      { urls: 'turn:other.lan' },
    ]);
  });
});
