// When the desktop app looks for, downloads and installs an update. Pure: the Electron shell
// (main/shell/updater.ts) feeds it the facts and carries out what it says with electron-updater.
// Rules: nothing when turned off (setting or policy), in a development build, or for an install
// that is updated by other means (MSI and deb: IT's deployment tool or the package manager);
// download in the background; install when the console quits, or at the time staff chose — and
// never while a call is live.
import type { UpdateChannel, UpdateRelease } from './feed.js';

export const FIRST_CHECK_AFTER_MS = 2 * 60_000;
export const CHECK_EVERY_MS = 4 * 60 * 60_000;

/** How the running copy was installed; only some kinds update themselves. */
export type InstallKind = 'nsis' | 'msi' | 'mac' | 'appimage' | 'deb' | 'unknown';

export interface UpdateFacts {
  setting: { enabled: boolean; channel: UpdateChannel; installAt: string | null; url: string | null };
  packaged: boolean;
  installKind: InstallKind;
  /** The feed the installer was built with (resources/app-update.yml); null when none. */
  builtInFeed: string | null;
}

export type UpdatePlan = { check: false; reason: string } | { check: true; channel: UpdateChannel; feedUrl: string };

export function updatePlan(facts: UpdateFacts): UpdatePlan {
  if (!facts.setting.enabled) return { check: false, reason: 'automatic updates are turned off (Settings or the IT policy)' };
  if (!facts.packaged) return { check: false, reason: 'a development build does not update itself' };
  if (facts.installKind === 'msi') return { check: false, reason: 'an MSI install is updated by the deployment tool that installed it' };
  if (facts.installKind === 'deb') return { check: false, reason: 'a deb install is updated by the package manager' };
  if (facts.installKind === 'unknown') return { check: false, reason: 'this kind of install cannot update itself' };
  const feedUrl = facts.setting.url ?? facts.builtInFeed;
  if (!feedUrl) return { check: false, reason: 'no update server is configured' };
  return { check: true, channel: facts.setting.channel, feedUrl };
}

/** Whether `release` is newer than the running version (beta builds see stable releases too). */
export function worthDownloading(current: string, release: UpdateRelease | null): boolean {
  return release !== null && compareVersions(release.version, current) > 0;
}

export type InstallDecision = { action: 'on-quit' } | { action: 'now' } | { action: 'at'; at: Date } | { action: 'after-calls' };

/**
 * A downloaded update: install when the console quits (always armed), or at `installAt` (local
 * HH:MM, the next such time) when no call is live then; a live call postpones it until the calls end.
 */
export function installDecision(facts: { installAt: string | null; liveCalls: number; now: Date; due: boolean }): InstallDecision {
  if (!facts.installAt) return { action: 'on-quit' };
  if (facts.due) return facts.liveCalls > 0 ? { action: 'after-calls' } : { action: 'now' };
  return { action: 'at', at: nextTime(facts.installAt, facts.now) };
}

/** The next moment the local clock shows HH:MM, after `now`. */
export function nextTime(hhmm: string, now: Date): Date {
  const [h, m] = hhmm.split(':').map(Number);
  const at = new Date(now);
  at.setHours(h!, m!, 0, 0);
  if (at <= now) at.setDate(at.getDate() + 1);
  return at;
}

/** Semantic-version order: 1.2.0 < 1.10.0, 1.3.0-beta.2 < 1.3.0-beta.10 < 1.3.0. */
export function compareVersions(a: string, b: string): number {
  const [coreA, preA] = splitVersion(a);
  const [coreB, preB] = splitVersion(b);
  for (let i = 0; i < 3; i++) if (coreA[i] !== coreB[i]) return coreA[i]! < coreB[i]! ? -1 : 1;
  if (!preA.length || !preB.length) return preA.length === preB.length ? 0 : preA.length ? -1 : 1;
  for (let i = 0; i < Math.max(preA.length, preB.length); i++) {
    const [x, y] = [preA[i], preB[i]];
    if (x === undefined || y === undefined) return x === undefined ? -1 : 1;
    if (x === y) continue;
    const [nx, ny] = [/^\d+$/.test(x) ? Number(x) : null, /^\d+$/.test(y) ? Number(y) : null];
    if (nx !== null && ny !== null) return nx < ny ? -1 : 1;
    if (nx !== null || ny !== null) return nx !== null ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

function splitVersion(v: string): [number[], string[]] {
  const [core, pre] = v.replace(/\+.*$/, '').split(/-(.*)/s);
  return [core!.split('.').map(Number), pre ? pre.split('.') : []];
}
