// Settings on conf in a temporary directory: defaults, validation naming the field with nothing
// written, updates and change listeners, recovery of damaged files, and migrations.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultSettings, migrateSettings, SETTINGS_VERSION } from '../../main/store/settings-schema.js';
import { openNodeSettingsStore, SettingsError, type Settings } from '../../main/store/settings.js';

let dir: string;
const file = () => path.join(dir, 'settings.json');
const onDisk = () => JSON.parse(fs.readFileSync(file(), 'utf8')) as Record<string, unknown>;
const writeFile = (content: unknown) =>
  fs.writeFileSync(file(), typeof content === 'string' ? content : JSON.stringify(content));
const backups = () => fs.readdirSync(dir).filter((n) => n.startsWith('settings.json.bad-'));

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-settings-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('defaults', () => {
  it('starts from documented defaults, with no public STUN server', () => {
    const store = openNodeSettingsStore(dir);
    expect(store.recovered).toBeNull();
    expect(store.get()).toStrictEqual({
      schemaVersion: SETTINGS_VERSION,
      region: 'NA',
      contactId: 'front-desk',
      deskName: 'Front Desk',
      webhook: { host: '127.0.0.1', port: 8321 },
      iceServers: [],
      iceGatherTimeoutMs: 2000,
      autoAnswer: { policy: 'off', delayMs: 0 },
      ringTimeoutMs: 45_000,
      sendCallInProgress: false,
      sendCallerName: false,
      dnd: false,
      devices: { microphone: null, camera: null, speaker: null, ringer: null },
      setupSignInPort: 8322,
      launchAtLogin: false,
      startMinimized: false,
      update: { enabled: true, channel: 'stable', installAt: null, url: null },
      proxy: { mode: 'system', server: null, bypass: '' },
      broker: { url: null, property: null },
      language: 'system',
      setup: { serviceProviderId: null, mappedSkillId: null, deskContactAdded: false, confirmed: [] },
    } satisfies Settings);
  });

  it('fills in settings a file does not mention and keeps the rest', () => {
    writeFile({ schemaVersion: SETTINGS_VERSION, region: 'EU', webhook: { port: 9000 } });
    const store = openNodeSettingsStore(dir);
    expect(store.recovered).toBeNull();
    expect(store.get().region).toBe('EU');
    expect(store.get().webhook).toStrictEqual({ host: '127.0.0.1', port: 9000 });
    expect(store.get().ringTimeoutMs).toBe(45_000);
    expect(onDisk().ringTimeoutMs).toBe(45_000);
  });
});

describe('update', () => {
  it('merges a partial change, persists it, and tells listeners once', () => {
    const store = openNodeSettingsStore(dir);
    const seen: [Settings, Settings][] = [];
    const unsubscribe = store.onChange((now, before) => seen.push([now, before]));

    const next = store.update({ autoAnswer: { policy: 'idle' }, devices: { ringer: 'usb-speaker' } });
    expect(next.autoAnswer).toStrictEqual({ policy: 'idle', delayMs: 0 });
    expect(next.devices.ringer).toBe('usb-speaker');
    expect(store.get()).toStrictEqual(next);
    expect(seen).toHaveLength(1);
    expect(seen[0]![1].autoAnswer.policy).toBe('off');

    store.update({ autoAnswer: { policy: 'idle' } }); // no change: no event, no write
    expect(seen).toHaveLength(1);

    store.update((s) => ({ ...s, dnd: true, rooms: [{ id: '1', name: 'Room 1', address: 'echo-1', addressType: 'RAW_ADDRESS' }] }));
    expect(seen).toHaveLength(2);
    unsubscribe();
    store.update({ dnd: false });
    expect(seen).toHaveLength(2);

    expect(openNodeSettingsStore(dir).get()).toStrictEqual(store.get());
    expect(onDisk().autoAnswer).toStrictEqual({ policy: 'idle', delayMs: 0 });
  });

  it('hands out frozen settings; the updater function gets its own copy', () => {
    const store = openNodeSettingsStore(dir);
    expect(() => {
      (store.get() as { dnd: boolean }).dnd = true;
    }).toThrow(TypeError);
    store.update((s) => {
      s.dnd = true;
      return s;
    });
    expect(store.get().dnd).toBe(true);
  });

  const invalid: { patch: unknown; field: string; message: RegExp }[] = [
    { patch: { iceGatherTimeoutMs: 50 }, field: 'iceGatherTimeoutMs', message: /between 200 and 10000/ },
    { patch: { ringTimeoutMs: 1000.5 }, field: 'ringTimeoutMs', message: /whole number/ },
    { patch: { region: 'US' }, field: 'region', message: /one of NA, EU, FE/ },
    { patch: { autoAnswer: { policy: 'sometimes' } }, field: 'autoAnswer.policy', message: /one of off, all, idle/ },
    { patch: { webhook: { port: 70000 } }, field: 'webhook.port', message: /between 0 and 65535/ },
    { patch: { contactId: '  ' }, field: 'contactId', message: /must not be empty/ },
    { patch: { iceServers: [{ urls: 'http://stun.example.org' }] }, field: 'iceServers.0.urls', message: /stun:, stuns:, turn:, turns:/ },
    { patch: { iceServers: [{ urls: ['turn:ok.example:3478', 'ftp:x'] }] }, field: 'iceServers.0.urls.1', message: /must be a URL/ },
    { patch: { iceServers: [{ urls: 'turn:t.example', credential: 'pw' }] }, field: 'iceServers.0.credential', message: /credential vault/ },
    { patch: { rooms: [{ id: '1', name: '', address: 'a' }] }, field: 'rooms.0.name', message: /must not be empty/ },
    {
      patch: { rooms: [{ id: '1', name: 'A', address: 'a' }, { id: '1', name: 'B', address: 'b' }] },
      field: 'rooms.1.id',
      message: /already used/,
    },
    { patch: { launchAtLogin: 'yes' }, field: 'launchAtLogin', message: /true or false/ },
    { patch: { colour: 'blue' }, field: 'colour', message: /unknown setting/ },
    { patch: { rooms: 'all' }, field: 'rooms', message: /must be a list of rooms/ },
    { patch: { webhook: 8321 }, field: 'webhook', message: /must be an object/ },
  ];
  for (const c of invalid) {
    it(`refuses ${JSON.stringify(c.patch)} naming ${c.field}, writing nothing`, () => {
      const store = openNodeSettingsStore(dir);
      store.update({ deskName: 'Nurse Station' });
      const before = fs.readFileSync(file(), 'utf8');
      let changes = 0;
      store.onChange(() => changes++);

      let error: unknown;
      try {
        store.update(c.patch as never);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(SettingsError);
      expect((error as SettingsError).field).toBe(c.field);
      expect((error as SettingsError).message).toMatch(c.message);
      expect(fs.readFileSync(file(), 'utf8')).toBe(before);
      expect(store.get().deskName).toBe('Nurse Station');
      expect(changes).toBe(0);
    });
  }

  it('accepts STUN and TURN servers without a credential', () => {
    const store = openNodeSettingsStore(dir);
    const iceServers = [{ urls: 'stun:stun.hotel.lan:3478' }, { urls: ['turn:turn.hotel.lan:3478?transport=udp', 'turns:turn.hotel.lan:5349'], username: 'desk' }];
    expect(store.update({ iceServers }).iceServers).toStrictEqual(iceServers);
  });
});

describe('damaged files', () => {
  it('sets aside a file that is not JSON, uses defaults and says so', () => {
    writeFile('{"region": "EU", ');
    const store = openNodeSettingsStore(dir);
    expect(store.get()).toStrictEqual(defaultSettings());
    expect(store.recovered).toMatch(/could not be read/);
    const [backup] = backups();
    expect(backup).toBeDefined();
    expect(store.recovered).toContain(backup);
    expect(fs.readFileSync(path.join(dir, backup!), 'utf8')).toBe('{"region": "EU", ');
    expect(onDisk()).toStrictEqual(defaultSettings());
    // The next start is clean.
    expect(openNodeSettingsStore(dir).recovered).toBeNull();
  });

  it('keeps the valid settings and rooms of a hand-edited invalid file', () => {
    const original = {
      schemaVersion: SETTINGS_VERSION,
      region: 'FE',
      deskName: 'Concierge',
      iceGatherTimeoutMs: 'fast',
      webhook: { host: '127.0.0.1', port: -1 },
      rooms: [
        { id: '1', name: 'Room 1', address: 'echo-1' },
        { id: '2', name: '', address: 'echo-2' },
        { id: '3', name: 'Room 3', address: 'echo-3', addressType: 'PHONE_NUMBER' },
      ],
    };
    writeFile(original);
    const store = openNodeSettingsStore(dir);
    const s = store.get();
    expect(s.region).toBe('FE');
    expect(s.deskName).toBe('Concierge');
    expect(s.iceGatherTimeoutMs).toBe(2000);
    expect(s.webhook).toStrictEqual({ host: '127.0.0.1', port: 8321 });
    expect(s.rooms!.map((r) => r.id)).toEqual(['1', '3']);
    expect(store.recovered).toMatch(/iceGatherTimeoutMs: must be a number/);
    expect(store.recovered).toMatch(/webhook\.port/);
    expect(JSON.parse(fs.readFileSync(path.join(dir, backups()[0]!), 'utf8'))).toStrictEqual(original);
    expect(onDisk()).toStrictEqual(s);
  });

  it('treats a file from a newer version as invalid rather than guessing', () => {
    writeFile({ schemaVersion: SETTINGS_VERSION + 1, region: 'EU' });
    const store = openNodeSettingsStore(dir);
    expect(store.recovered).toMatch(/newer version/);
    expect(store.get().region).toBe('EU');
    expect(store.get().schemaVersion).toBe(SETTINGS_VERSION);
  });

  it('sets aside a folder where the settings file should be, uses defaults and says so', () => {
    fs.mkdirSync(path.join(dir, 'settings.json'));
    fs.writeFileSync(path.join(dir, 'settings.json', 'inside.txt'), 'kept');
    const store = openNodeSettingsStore(dir);
    expect(store.get()).toStrictEqual(defaultSettings());
    expect(store.recovered).toMatch(/could not be read \(EISDIR\)/);
    const [backup] = backups();
    expect(store.recovered).toContain(backup);
    expect(fs.readFileSync(path.join(dir, backup!, 'inside.txt'), 'utf8')).toBe('kept');
    expect(store.update({ region: 'EU' }).region).toBe('EU');
    expect(onDisk().region).toBe('EU');
    expect(openNodeSettingsStore(dir).recovered).toBeNull();
  });

  it('removes temporary files an interrupted save left behind, keeps the last saved settings and says so', () => {
    writeFile({ schemaVersion: SETTINGS_VERSION, region: 'FE' });
    const leftovers = ['settings.json.tmp-1700000000a1b2c3', 'settings.json.tmp-17000000019f8e7d'];
    for (const name of leftovers) fs.writeFileSync(path.join(dir, name), '{"region": "E');
    fs.writeFileSync(path.join(dir, 'settings.json.tmp-notours'), 'left alone');
    const store = openNodeSettingsStore(dir);
    expect(store.get().region).toBe('FE');
    expect(store.recovered).toMatch(/stopped while saving its settings/);
    expect(fs.readdirSync(dir).sort()).toEqual(['settings.json', 'settings.json.tmp-notours']);
    expect(openNodeSettingsStore(dir).recovered).toBeNull();
  });

  it('sets aside a file that holds no object', () => {
    writeFile('[1, 2]');
    const store = openNodeSettingsStore(dir);
    expect(store.recovered).toMatch(/does not hold a settings object/);
    expect(backups()).toHaveLength(1);
  });
});

describe('migrations', () => {
  it('turns a v1 file (autoAnswer: boolean) into v2, keeping everything else', () => {
    writeFile({ schemaVersion: 1, region: 'EU', autoAnswer: true, autoAnswerDelayMs: 1500, dnd: true });
    const store = openNodeSettingsStore(dir);
    expect(store.recovered).toBeNull();
    expect(store.get().autoAnswer).toStrictEqual({ policy: 'all', delayMs: 1500 });
    expect(store.get().region).toBe('EU');
    expect(store.get().dnd).toBe(true);
    expect(onDisk().schemaVersion).toBe(SETTINGS_VERSION);
    expect(onDisk()).not.toHaveProperty('autoAnswerDelayMs');
    expect(backups()).toHaveLength(0);
  });

  it('reads a file without a version as v1', () => {
    expect(migrateSettings({ autoAnswer: false })).toStrictEqual({ autoAnswer: { policy: 'off' }, schemaVersion: 2 });
    expect(migrateSettings({})).toStrictEqual({ schemaVersion: 2 });
  });
});
