// Updates of the packaged app with electron-updater, as main/update/decision.ts decides: look for a
// release 2 minutes after start and every 4 hours, download it in the background, install it when
// the console quits (always armed) or at the time staff chose when no call is live.
import { app } from 'electron';
import type { AppUpdater } from 'electron-updater';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Logger } from '../log/logger.js';
import type { SettingsStore } from '../store/settings.js';
import { CHECK_EVERY_MS, FIRST_CHECK_AFTER_MS, installDecision, updatePlan, worthDownloading, type InstallKind } from '../update/decision.js';

export interface UpdaterDeps {
  settings: SettingsStore;
  /** Calls not yet ended: an update never installs while there is one. */
  liveCalls(): number;
  log: Logger;
}

export interface Updater {
  /** The calls changed: an install that waited for them may go now. */
  callsChanged(): void;
}

export function startUpdater({ settings, liveCalls, log }: UpdaterDeps): Updater {
  let builtInFeed: string | null | undefined;
  let updater: AppUpdater | null = null;
  /** electron-updater loads with the first check, not at start. */
  const load = async (): Promise<AppUpdater> => {
    if (updater) return updater;
    const { autoUpdater } = (await import('electron-updater')).default;
    autoUpdater.autoDownload = false;
    autoUpdater.autoInstallOnAppQuit = settings.get().update.enabled; // the quit ends live calls first (main.ts before-quit)
    autoUpdater.logger = { info: (m: unknown) => log.info(`updater: ${String(m)}`), warn: (m: unknown) => log.warn(`updater: ${String(m)}`), error: (m: unknown) => log.error(`updater: ${String(m)}`), debug: () => {} };
    autoUpdater.on('update-downloaded', (info) => {
      downloaded = info.version;
      scheduleInstall(false);
    });
    autoUpdater.on('error', (e) => log.warn('updates: electron-updater failed', { error: e.message }));
    return (updater = autoUpdater);
  };
  let downloaded: string | null = null;
  let installTimer: NodeJS.Timeout | null = null;
  let waitingForCalls = false;
  let checking = false;

  async function check(): Promise<void> {
    builtInFeed ??= await readBuiltInFeed();
    const plan = updatePlan({ setting: settings.get().update, packaged: app.isPackaged, installKind: installKind(), builtInFeed });
    if (!plan.check) return log.info(`updates: not checking — ${plan.reason}`);
    if (checking || downloaded) return;
    checking = true;
    try {
      const { readUpdateFeed } = await import('../update/feed.js'); // with its YAML parser: not needed at start
      const feed = await readUpdateFeed(plan.feedUrl, plan.channel, process.platform, process.arch);
      if (!feed.ok) return log.warn(`updates: ${feed.error}`);
      if (!worthDownloading(app.getVersion(), feed.release)) return log.info('updates: this is the newest version', { channel: plan.channel });
      const autoUpdater = await load();
      autoUpdater.setFeedURL({ provider: 'generic', url: plan.feedUrl, channel: plan.channel === 'beta' ? 'beta' : 'latest' });
      autoUpdater.allowPrerelease = plan.channel === 'beta';
      autoUpdater.allowDowngrade = false;
      log.info(`updates: downloading version ${feed.release!.version} in the background`);
      await autoUpdater.checkForUpdates();
      await autoUpdater.downloadUpdate();
    } catch (e) {
      log.warn('updates: the check or download failed', { error: e instanceof Error ? e.message : String(e) });
    } finally {
      checking = false;
    }
  }

  function scheduleInstall(due: boolean): void {
    if (!downloaded) return;
    if (installTimer) clearTimeout(installTimer);
    installTimer = null;
    waitingForCalls = false;
    const decision = installDecision({ installAt: settings.get().update.installAt, liveCalls: liveCalls(), now: new Date(), due });
    if (decision.action === 'on-quit') return log.info(`updates: version ${downloaded} installs when the console quits`);
    if (decision.action === 'after-calls') {
      waitingForCalls = true;
      return log.info(`updates: version ${downloaded} installs once the live calls end`);
    }
    if (decision.action === 'at') {
      log.info(`updates: version ${downloaded} installs at ${decision.at.toLocaleString()}`);
      installTimer = setTimeout(() => scheduleInstall(true), Math.min(decision.at.getTime() - Date.now(), 2 ** 31 - 1));
      return;
    }
    log.info(`updates: installing version ${downloaded} now (no live call)`);
    updater?.quitAndInstall(true, true);
  }

  settings.onChange((now, before) => {
    if (now.update === before.update) return;
    if (updater) updater.autoInstallOnAppQuit = now.update.enabled;
    if (now.update.enabled) {
      scheduleInstall(false);
      if (now.update.channel !== before.update.channel || now.update.url !== before.update.url) void check();
    }
  });
  setTimeout(() => void check(), FIRST_CHECK_AFTER_MS).unref();
  setInterval(() => void check(), CHECK_EVERY_MS).unref();

  return {
    callsChanged() {
      if (waitingForCalls && liveCalls() === 0) scheduleInstall(true);
    },
  };
}

/** The feed electron-builder wrote into resources/app-update.yml (publish in electron-builder.yml). */
async function readBuiltInFeed(): Promise<string | null> {
  const file = join(process.resourcesPath, 'app-update.yml');
  if (!existsSync(file)) return null;
  const { load: parseYaml } = await import('js-yaml');
  const config = parseYaml(readFileSync(file, 'utf8')) as { url?: unknown } | null;
  return typeof config?.url === 'string' && /^https?:\/\//.test(config.url) ? config.url : null;
}

/** NSIS installs carry electron-builder's uninstaller; the per-machine MSI does not. */
function installKind(): InstallKind {
  if (process.platform === 'darwin') return 'mac';
  if (process.platform === 'win32') return existsSync(join(dirname(process.execPath), `Uninstall ${app.getName()}.exe`)) ? 'nsis' : 'msi';
  if (process.platform === 'linux') return process.env.APPIMAGE ? 'appimage' : existsSync('/usr/share/doc/frontdesk-console') ? 'deb' : 'unknown';
  return 'unknown';
}
