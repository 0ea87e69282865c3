// The machine policy file: read like any outside input (a bad file or entry is reported and
// skipped, never stops the console), presets applied once per value, locked values always, and an
// update that would change a locked value refused without writing anything.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { NO_POLICY, parsePolicy, policyPath, readPolicyFile } from '../../main/policy/policy.js';
import { withPolicy } from '../../main/policy/policy-store.js';
import { openNodeSettingsStore, SettingsError } from '../../main/store/settings.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'policy-'));
});

const policy = (content: unknown) => parsePolicy(JSON.stringify(content), '/etc/frontdesk-console/policy.json');

describe('reading the policy file', () => {
  it('lives where administrators keep machine-wide settings', () => {
    expect(policyPath('win32', { ProgramData: 'C:\\ProgramData' })).toMatch(/^C:\\ProgramData[\\/]Front Desk Console[\\/]policy\.json$/);
    expect(policyPath('darwin', {})).toBe('/Library/Application Support/Front Desk Console/policy.json');
    expect(policyPath('linux', {})).toBe('/etc/frontdesk-console/policy.json');
  });

  it('no file is no policy', () => {
    expect(readPolicyFile(join(dir, 'absent.json'))).toEqual(NO_POLICY);
  });

  it('keeps valid entries and names each invalid one', () => {
    const p = policy({
      locked: { 'update.enabled': false, launchAtLogin: 'yes', 'no.such.setting': 1 },
      defaults: { region: 'EU', 'webhook.port': 70_000, schemaVersion: 9 },
    });
    expect(p.locked).toEqual({ 'update.enabled': false });
    expect(p.defaults).toEqual({ region: 'EU' });
    expect(p.problems).toEqual([
      'Policy locked "launchAtLogin": launchAtLogin: must be true or false; this entry was ignored.',
      'Policy locked "no.such.setting": not a setting this version knows; this entry was ignored.',
      'Policy defaults "webhook.port": webhook.port: must be between 0 and 65535; this entry was ignored.',
      'Policy defaults "schemaVersion": not a setting this version knows; this entry was ignored.',
    ]);
  });

  it('a file that is not JSON, or not a policy, is ignored with a plain reason', () => {
    const file = join(dir, 'policy.json');
    writeFileSync(file, '{ "locked": { "update.enabled": false, }');
    expect(readPolicyFile(file)).toMatchObject({ locked: {}, defaults: {}, problems: [expect.stringMatching(/^The policy file .*policy\.json is not valid JSON \(.+\): it was ignored\.$/)] });
    expect(policy({ lock: { dnd: true } }).problems).toEqual(['The policy file /etc/frontdesk-console/policy.json was ignored: unknown section lock (expected "locked" and "defaults").']);
    expect(policy([1]).problems).toHaveLength(1);
    expect(policy({ locked: 'update.enabled' }).problems).toEqual(['The policy file /etc/frontdesk-console/policy.json was ignored: locked: must be an object of setting paths and values.']);
  });

  it('accepts the byte-order mark Notepad writes', () => {
    expect(parsePolicy('\uFEFF{"locked":{"dnd":true}}', 'p').locked).toEqual({ dnd: true });
  });

  it('refuses prototype keys', () => {
    expect(parsePolicy('{"locked":{"__proto__.dnd":true,"constructor":1}}', 'p').locked).toEqual({});
  });
});

describe('settings under a policy', () => {
  it('applies locked values and refuses changes to them, writing nothing', () => {
    const store = withPolicy(openNodeSettingsStore(dir), policy({ locked: { 'update.enabled': false, launchAtLogin: true } }), dir);
    expect(store.get().update.enabled).toBe(false);
    expect(store.get().launchAtLogin).toBe(true);
    const before = readFileSync(join(dir, 'settings.json'), 'utf8');

    expect(() => store.update({ update: { enabled: true } })).toThrow(SettingsError);
    expect(() => store.update((s) => ({ ...s, launchAtLogin: false }))).toThrow(/launchAtLogin: is set by your IT department's policy/);
    expect(readFileSync(join(dir, 'settings.json'), 'utf8')).toBe(before);

    store.update({ update: { channel: 'beta' }, dnd: true });
    expect(store.get().update).toMatchObject({ enabled: false, channel: 'beta' });
  });

  it('a locked value wins over the settings file at every start', () => {
    openNodeSettingsStore(dir).update({ region: 'FE' });
    const store = withPolicy(openNodeSettingsStore(dir), policy({ locked: { region: 'EU' } }), dir);
    expect(store.get().region).toBe('EU');
  });

  it('applies a preset once: staff may change it, a new preset value applies again', () => {
    const first = withPolicy(openNodeSettingsStore(dir), policy({ defaults: { 'autoAnswer.policy': 'idle' } }), dir);
    expect(first.get().autoAnswer.policy).toBe('idle');
    first.update({ autoAnswer: { policy: 'off' } });

    const restart = withPolicy(openNodeSettingsStore(dir), policy({ defaults: { 'autoAnswer.policy': 'idle' } }), dir);
    expect(restart.get().autoAnswer.policy).toBe('off');

    const changed = withPolicy(openNodeSettingsStore(dir), policy({ defaults: { 'autoAnswer.policy': 'all' } }), dir);
    expect(changed.get().autoAnswer.policy).toBe('all');
  });

  it('passes the policy problems on', () => {
    const store = withPolicy(openNodeSettingsStore(dir), policy({ locked: { dnd: 'maybe' } }), dir);
    expect(store.policy.problems).toEqual(['Policy locked "dnd": dnd: must be true or false; this entry was ignored.']);
  });
});
