// The desktop app's update decisions under plain Node, against a local update server that serves
// electron-builder's channel files: which channel and server, whether a release is worth
// downloading, when a downloaded one installs (never during a call), and when nothing happens
// (turned off by staff or policy, development build, MSI or deb installs, no server).
import { afterEach, describe, expect, it } from 'vitest';
import { compareVersions, installDecision, nextTime, updatePlan, worthDownloading, type UpdateFacts } from '../../main/update/decision.js';
import { channelFileName, readUpdateFeed } from '../../main/update/feed.js';
import { channelFile, startUpdateServer, type UpdateServer } from '../support/update-server.js';

let server: UpdateServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

const facts = (over: Partial<Omit<UpdateFacts, 'setting'>> & { setting?: Partial<UpdateFacts['setting']> } = {}): UpdateFacts => ({
  packaged: true,
  installKind: 'nsis',
  builtInFeed: 'https://updates.example.com/desktop/win/x64',
  ...over,
  setting: { enabled: true, channel: 'stable', installAt: null, url: null, ...over.setting },
});

describe('what to check', () => {
  it('checks the installer feed on the chosen channel, or the server IT set', () => {
    expect(updatePlan(facts())).toEqual({ check: true, channel: 'stable', feedUrl: 'https://updates.example.com/desktop/win/x64' });
    expect(updatePlan(facts({ setting: { channel: 'beta', url: 'https://mirror.hospital.example/fdc' } }))).toEqual({ check: true, channel: 'beta', feedUrl: 'https://mirror.hospital.example/fdc' });
  });

  it('does nothing when turned off, in development, for MSI and deb installs, or without a server', () => {
    expect(updatePlan(facts({ setting: { enabled: false } }))).toMatchObject({ check: false, reason: expect.stringContaining('turned off') });
    expect(updatePlan(facts({ packaged: false }))).toMatchObject({ check: false, reason: expect.stringContaining('development') });
    expect(updatePlan(facts({ installKind: 'msi' }))).toMatchObject({ check: false, reason: expect.stringContaining('MSI') });
    expect(updatePlan(facts({ installKind: 'deb' }))).toMatchObject({ check: false, reason: expect.stringContaining('package manager') });
    expect(updatePlan(facts({ builtInFeed: null }))).toMatchObject({ check: false, reason: expect.stringContaining('no update server') });
    expect(updatePlan(facts({ installKind: 'appimage' }))).toMatchObject({ check: true });
    expect(updatePlan(facts({ installKind: 'mac' }))).toMatchObject({ check: true });
  });
});

describe('reading the update server', () => {
  it("downloads a newer stable release; a beta machine also sees the beta channel's", async () => {
    server = await startUpdateServer({ '/win/latest.yml': channelFile('0.2.0'), '/win/beta.yml': channelFile('0.3.0-beta.1') });
    const stable = await readUpdateFeed(`${server.url}/win/`, 'stable', 'win32', 'x64');
    expect(stable).toMatchObject({ ok: true, release: { version: '0.2.0', files: [{ url: 'frontdesk-console-setup-0.2.0-x64.exe', size: 104857600 }] } });
    expect(worthDownloading('0.1.0', stable.ok ? stable.release : null)).toBe(true);
    expect(worthDownloading('0.2.0', stable.ok ? stable.release : null)).toBe(false);
    expect(worthDownloading('0.3.0', stable.ok ? stable.release : null)).toBe(false);

    const beta = await readUpdateFeed(`${server.url}/win`, 'beta', 'win32', 'x64');
    expect(beta).toMatchObject({ ok: true, release: { version: '0.3.0-beta.1' } });
    expect(worthDownloading('0.2.0', beta.ok ? beta.release : null)).toBe(true);
    expect(server.requests).toEqual(['/win/latest.yml', '/win/beta.yml']);
  });

  it('asks for the file of its OS and CPU', async () => {
    expect(channelFileName('stable', 'darwin', 'arm64')).toBe('latest-mac.yml');
    expect(channelFileName('beta', 'linux', 'x64')).toBe('beta-linux.yml');
    expect(channelFileName('stable', 'linux', 'arm64')).toBe('latest-linux-arm64.yml');
    server = await startUpdateServer({ '/linux/latest-linux-arm64.yml': channelFile('1.0.0', 'frontdesk-console-1.0.0-arm64.AppImage') });
    expect(await readUpdateFeed(`${server.url}/linux`, 'stable', 'linux', 'arm64')).toMatchObject({ ok: true, release: { version: '1.0.0' } });
  });

  it('a channel with no release yet is no update; anything else wrong is a plain error', async () => {
    server = await startUpdateServer();
    expect(await readUpdateFeed(server.url, 'beta', 'win32', 'x64')).toEqual({ ok: true, release: null });
    server.put('/latest.yml', 'version: [unclosed');
    expect(await readUpdateFeed(server.url, 'stable', 'win32', 'x64')).toMatchObject({ ok: false, error: expect.stringMatching(/^The update server's latest\.yml is not valid YAML/) });
    server.put('/latest.yml', 'version: one\nfiles: []\n');
    expect(await readUpdateFeed(server.url, 'stable', 'win32', 'x64')).toMatchObject({ ok: false, error: expect.stringContaining('version: must be a version like') });
    server.put('/latest.yml', 'oops', 503);
    expect(await readUpdateFeed(server.url, 'stable', 'win32', 'x64')).toMatchObject({ ok: false, error: expect.stringContaining('HTTP 503') });
    const gone = server.url;
    await server.close();
    server = null;
    expect(await readUpdateFeed(gone, 'stable', 'win32', 'x64')).toMatchObject({ ok: false, error: expect.stringContaining('could not be reached') });
  });
});

describe('when a downloaded update installs', () => {
  const now = new Date(2026, 10, 30, 14, 0);

  it('when the console quits, unless staff chose a time', () => {
    expect(installDecision({ installAt: null, liveCalls: 0, now, due: false })).toEqual({ action: 'on-quit' });
    expect(installDecision({ installAt: '03:30', liveCalls: 0, now, due: false })).toEqual({ action: 'at', at: new Date(2026, 11, 1, 3, 30) });
  });

  it('at that time only with no live call; a call postpones it until the calls end', () => {
    expect(installDecision({ installAt: '03:30', liveCalls: 0, now, due: true })).toEqual({ action: 'now' });
    expect(installDecision({ installAt: '03:30', liveCalls: 1, now, due: true })).toEqual({ action: 'after-calls' });
  });

  it('counts times on the local clock', () => {
    expect(nextTime('14:30', now)).toEqual(new Date(2026, 10, 30, 14, 30));
    expect(nextTime('14:00', now)).toEqual(new Date(2026, 11, 1, 14, 0));
  });

  it('orders versions as semantic versions', () => {
    expect(compareVersions('1.10.0', '1.9.9')).toBe(1);
    expect(compareVersions('1.3.0-beta.10', '1.3.0-beta.2')).toBe(1);
    expect(compareVersions('1.3.0', '1.3.0-beta.10')).toBe(1);
    expect(compareVersions('1.3.0-alpha', '1.3.0-beta')).toBe(-1);
    expect(compareVersions('1.3.0+build.5', '1.3.0')).toBe(0);
  });
});
