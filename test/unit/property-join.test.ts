// How a desk joins its property: the server credential in the keychain, a desk-join file exported
// from a linked desk and imported on a new one — all or nothing, secrets only in the keychain, and
// the status saying what the next start changes.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SignalingLink } from '../../main/auth/signaling-link.js';
import type { SecretName, Vault } from '../../main/auth/vault.js';
import { DeskConfig } from '../../main/desk/desk-config.js';
import { PropertyJoin } from '../../main/desk/property-join.js';
import type { DeskOptions } from '../../main/desk/types.js';
import { checkArgs } from '../../main/ipc/schemas.js';
import type { Logger } from '../../main/log/logger.js';
import { parsePolicy, NO_POLICY, type Policy } from '../../main/policy/policy.js';
import { withPolicy } from '../../main/policy/policy-store.js';
import { openDeskJoin } from '../../main/property/desk-join.js';
import { openNodeSettingsStore } from '../../main/store/settings.js';
import { userCreds } from '../support/nats-creds.js';

const PASSPHRASE = 'four words make a passphrase';
const SIGNALING = { clientId: 'amzn1.application-oa2-client.0123456789abcdef0123456789abcdef', clientSecret: 'client-secret-value', refreshToken: 'Atzr|refresh-token-value' };
const TOKEN = 'broker-token-value';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function memoryVault(initial: Partial<Record<SecretName, string>> = {}) {
  const entries = new Map(Object.entries(initial) as [SecretName, string][]);
  let failOn: SecretName | null = null;
  const vault: Vault = {
    kind: 'memory',
    problem: null,
    detail: null,
    get: async (name) => entries.get(name) ?? null,
    set: async (name, value) => {
      if (name === failOn) throw new Error(`the keychain refused ${name}`);
      entries.set(name, value);
    },
    delete: async (name) => void entries.delete(name),
  };
  return { vault, entries, failOn: (name: SecretName | null) => (failOn = name) };
}

function desk(opts: { secrets?: Partial<Record<SecretName, string>>; options?: Partial<DeskOptions>; policy?: Policy } = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'desk-join-'));
  dirs.push(dataDir);
  const settings = withPolicy(openNodeSettingsStore(dataDir), opts.policy ?? NO_POLICY, dataDir);
  const options: DeskOptions = { dataDir, ...opts.options };
  const config = new DeskConfig(options, settings);
  const { vault, entries, failOn } = memoryVault(opts.secrets);
  const lines: string[] = [];
  const log: Logger = { debug: () => {}, info: (m, d) => lines.push(m + JSON.stringify(d ?? {})), warn: (m, d) => lines.push(m + JSON.stringify(d ?? {})), error: (m, d) => lines.push(m + JSON.stringify(d ?? {})) };
  const link = new SignalingLink({ vault, fallback: options.envCredentials, log });
  let linkedCalls = 0;
  let changes = 0;
  const service = new PropertyJoin({
    config,
    vault,
    link,
    options,
    log,
    deskName: () => options.deskName ?? settings.get().deskName,
    linked: async () => void linkedCalls++,
    changed: () => void changes++,
  });
  return { service, settings, config, link, entries, failOn, lines, dataDir, linked: () => linkedCalls, changes: () => changes };
}

const linkedSecrets = { 'signaling.clientId': SIGNALING.clientId, 'signaling.clientSecret': SIGNALING.clientSecret, 'signaling.refreshToken': SIGNALING.refreshToken } as const;

/** A linked desk of the property "grand-hotel", started in property mode. */
async function memberDesk(over: Parameters<typeof desk>[0] = {}) {
  const d = desk({ secrets: { ...linkedSecrets, 'broker.token': TOKEN }, ...over });
  d.settings.update({ broker: { url: 'tls://nats.hotel.example:4222', property: 'grand-hotel' }, deskName: 'Front desk 1', region: 'EU' });
  await d.service.started();
  return d;
}

/** One file of the member desk, exported once (scrypt takes a moment each time). */
let memberFile: Promise<string> | null = null;
const exportedFile = () => (memberFile ??= memberDesk().then((d) => d.service.exportFile({ passphrase: PASSPHRASE })).then((f) => f.text));

async function failure(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected a failure');
}

describe('the property server credential', () => {
  it('is kept in the keychain (one kind at a time), shown only by kind, and a restart applies it', async () => {
    const d = await memberDesk();
    expect(await d.service.view()).toEqual({ credential: { kind: 'token', from: 'keychain' }, fromFlags: false });
    expect(d.service.restartNeeded()).toBeNull();
    const creds = userCreds();
    expect(await d.service.setCredential({ kind: 'creds', text: creds })).toEqual({ credential: { kind: 'creds', from: 'keychain' }, fromFlags: false });
    expect(d.entries.get('broker.creds')).toBe(creds);
    expect(d.entries.has('broker.token')).toBe(false);
    expect(d.service.restartNeeded()).toBe('change');
    expect(d.changes()).toBe(1);
    expect(await d.service.setCredential(null)).toEqual({ credential: null, fromFlags: false });
    expect(d.entries.has('broker.creds')).toBe(false);
    expect(d.lines.join('\n')).not.toContain(creds.split('\n')[9]);
  });

  it('refuses a pasted text that is not a credential and keeps the saved one', async () => {
    const d = await memberDesk();
    expect(await failure(d.service.setCredential({ kind: 'creds', text: 'password123' }))).toContain('creds: is not the text of a NATS .creds file');
    expect(d.entries.get('broker.token')).toBe(TOKEN);
    expect(d.service.restartNeeded()).toBeNull();
  });

  it('comes from DESK_BROKER_* when set, and says so', async () => {
    const d = desk({ options: { brokerCredential: { kind: 'token', token: 'from-env' } } });
    expect(await d.service.view()).toEqual({ credential: { kind: 'token', from: 'environment' }, fromFlags: false });
    expect(await d.service.credential()).toEqual({ kind: 'token', token: 'from-env' });
  });
});

describe('the desk-join file', () => {
  it("is exported from a linked desk of a property with this desk's credential, or the one given for the new desk", async () => {
    const d = await memberDesk();
    const exported = await d.service.exportFile({ passphrase: PASSPHRASE });
    expect(exported.fileName).toBe('grand-hotel.deskjoin');
    expect(await openDeskJoin(exported.text, PASSPHRASE)).toMatchObject({
      brokerUrl: 'tls://nats.hotel.example:4222',
      property: 'grand-hotel',
      brokerCredential: { kind: 'token', token: TOKEN },
      signaling: SIGNALING,
      region: 'EU',
      exportedBy: 'Front desk 1',
    });
    const creds = userCreds();
    const ownCredential = await d.service.exportFile({ passphrase: PASSPHRASE, credential: { kind: 'creds', text: creds } });
    expect((await openDeskJoin(ownCredential.text, PASSPHRASE)).brokerCredential).toEqual({ kind: 'creds', text: creds });
    expect(d.lines.join('\n')).toContain('desk-join file exported');
    for (const secret of [TOKEN, SIGNALING.clientSecret, SIGNALING.refreshToken, PASSPHRASE]) expect(d.lines.join('\n')).not.toContain(secret);
  });

  it('is exported with the DESK_LWA_* link of a managed desk', async () => {
    const d = desk({ options: { envCredentials: SIGNALING, broker: { url: 'nats://10.0.0.5:4222', property: 'ward-3' } } });
    await d.service.started();
    expect((await openDeskJoin((await d.service.exportFile({ passphrase: PASSPHRASE })).text, PASSPHRASE)).signaling).toEqual(SIGNALING);
  });

  it('is not exported by a desk without a property or without a link, nor with a short passphrase', async () => {
    const alone = desk({ secrets: linkedSecrets });
    expect(await failure(alone.service.exportFile({ passphrase: PASSPHRASE }))).toContain('Save the property server and the property id first');
    const unlinked = desk();
    unlinked.settings.update({ broker: { url: 'nats://10.0.0.5:4222', property: 'ward-3' } });
    expect(await failure(unlinked.service.exportFile({ passphrase: PASSPHRASE }))).toContain('This desk is not linked to Amazon');
    expect(await failure((await memberDesk()).service.exportFile({ passphrase: 'too short' }))).toContain('passphrase: must be at least 12 characters');
  });

  it('is imported by a new desk: secrets into its keychain only, the server, property, region and name into its settings; a restart joins', async () => {
    const text = await exportedFile();
    const fresh = desk();
    await fresh.service.started();
    expect(await fresh.service.importFile({ text, passphrase: PASSPHRASE, deskName: 'Night desk' })).toEqual({ property: 'grand-hotel', exportedBy: 'Front desk 1' });
    expect(Object.fromEntries(fresh.entries)).toEqual({ ...linkedSecrets, 'broker.token': TOKEN });
    expect(fresh.settings.get()).toMatchObject({ broker: { url: 'tls://nats.hotel.example:4222', property: 'grand-hotel' }, deskName: 'Night desk', region: 'EU' });
    const onDisk = readFileSync(join(fresh.dataDir, 'settings.json'), 'utf8');
    for (const secret of [TOKEN, SIGNALING.clientId, SIGNALING.clientSecret, SIGNALING.refreshToken, PASSPHRASE]) {
      expect(onDisk).not.toContain(secret);
      expect(fresh.lines.join('\n')).not.toContain(secret);
    }
    expect((await fresh.link.status()).linked).toBe(true);
    expect(fresh.linked()).toBe(1);
    expect(fresh.service.restartNeeded()).toBe('join');
    expect(await fresh.service.credential()).toEqual({ kind: 'token', token: TOKEN });
  });

  it('changes nothing when the passphrase is wrong or the file damaged', async () => {
    const text = await exportedFile();
    const fresh = desk({ secrets: { 'broker.creds': 'kept' } });
    await fresh.service.started();
    const before = fresh.settings.get();
    expect(await failure(fresh.service.importFile({ text, passphrase: 'not the passphrase', deskName: 'Night desk' }))).toContain('passphrase does not open this file');
    expect(await failure(fresh.service.importFile({ text: text.replace(/"tag": "(.)/, (_, c: string) => `"tag": "${c === 'A' ? 'B' : 'A'}`), passphrase: PASSPHRASE, deskName: 'Night desk' }))).toContain(
      'changed after it was made',
    );
    expect(fresh.settings.get()).toEqual(before);
    expect(Object.fromEntries(fresh.entries)).toEqual({ 'broker.creds': 'kept' });
    expect(fresh.linked()).toBe(0);
    expect(fresh.service.restartNeeded()).toBeNull();
  });

  it('changes nothing when the policy locks a value the file would change, or the desk name is not valid', async () => {
    const text = await exportedFile();
    const locked = desk({ policy: parsePolicy(JSON.stringify({ locked: { region: 'NA' } }), '/etc/frontdesk-console/policy.json') });
    expect(await failure(locked.service.importFile({ text, passphrase: PASSPHRASE, deskName: 'Night desk' }))).toContain("region: is set by your IT department's policy");
    expect(locked.entries.size).toBe(0);
    expect(locked.settings.get().broker).toEqual({ url: null, property: null });
    const unnamed = desk();
    expect(await failure(unnamed.service.importFile({ text, passphrase: PASSPHRASE, deskName: '   ' }))).toContain('deskName: Name this desk');
    expect(unnamed.entries.size).toBe(0);
  });

  it('changes nothing when the keychain refuses a secret: the settings are put back, the secrets written are undone', async () => {
    const text = await exportedFile();
    const fresh = desk({ secrets: { 'signaling.clientId': 'old-id' } });
    fresh.failOn('broker.token');
    const before = fresh.settings.get();
    expect(await failure(fresh.service.importFile({ text, passphrase: PASSPHRASE, deskName: 'Night desk' }))).toContain('the keychain refused broker.token');
    expect(fresh.settings.get()).toEqual(before);
    expect(Object.fromEntries(fresh.entries)).toEqual({ 'signaling.clientId': 'old-id' });
    expect(fresh.linked()).toBe(0);
  });
});

describe('what the next start changes', () => {
  it('join, leave, or change (server, property, desk name); nothing while the start flags decide', async () => {
    const alone = desk();
    await alone.service.started();
    expect(alone.service.restartNeeded()).toBeNull();
    alone.settings.update({ deskName: 'Desk 2' }); // a desk on its own uses a new name at once
    expect(alone.service.restartNeeded()).toBeNull();
    alone.settings.update({ broker: { url: 'nats://10.0.0.5:4222', property: 'ward-3' } });
    expect(alone.service.restartNeeded()).toBe('join');

    const member = await memberDesk();
    member.settings.update({ deskName: 'Front desk 9' });
    expect(member.service.restartNeeded()).toBe('change');
    member.settings.update({ deskName: 'Front desk 1', broker: { url: 'tls://nats.hotel.example:4222', property: 'other-hotel' } });
    expect(member.service.restartNeeded()).toBe('change');
    member.settings.update({ broker: { url: null, property: null } });
    expect(member.service.restartNeeded()).toBe('leave');

    const flagged = desk({ options: { broker: { url: 'nats://10.0.0.5:4222', property: 'ward-3' } } });
    await flagged.service.started();
    flagged.settings.update({ broker: { url: 'nats://10.0.0.6:4222', property: 'ward-4' } });
    expect(flagged.service.restartNeeded()).toBeNull();
  });
  it('nothing when what was saved is what runs: the same credential again, or the file of its own property', async () => {
    const member = await memberDesk();
    await member.service.setCredential({ kind: 'token', text: TOKEN });
    expect(member.service.restartNeeded()).toBeNull();
    await member.service.importFile({ text: await exportedFile(), passphrase: PASSPHRASE, deskName: 'Front desk 1' });
    expect(member.service.restartNeeded()).toBeNull();
    await member.service.setCredential({ kind: 'token', text: 'another-token' });
    expect(member.service.restartNeeded()).toBe('change');
  });
});

describe('contract arguments', () => {
  it('are checked before anything runs', () => {
    expect(checkArgs('setBrokerCredential', { credential: { kind: 'password', text: 'x' } }).ok).toBe(false);
    expect(checkArgs('setBrokerCredential', { credential: null }).ok).toBe(true);
    expect(checkArgs('exportDeskJoin', { passphrase: PASSPHRASE, extra: 1 }).ok).toBe(false);
    expect(checkArgs('importDeskJoin', { text: 'x'.repeat(1_000_001), passphrase: PASSPHRASE, deskName: 'Desk' }).ok).toBe(false);
    expect(checkArgs('importDeskJoin', { text: '{}', passphrase: PASSPHRASE, deskName: 'Desk' }).ok).toBe(true);
  });
});
