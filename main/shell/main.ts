// Electron main entry (bundled to app/dist/main.js): one instance, one hardened window serving the
// renderer from app://desk, the core (startDesk) behind the IPC contract, tray, call alerts,
// launch at login, crash logging, and a quit that ends live calls first.
// Decisions live in pure modules beside this file (security, launch, window-state, tray-model, ...).
import { app, crashReporter, dialog, ipcMain, net, powerMonitor, protocol, session, shell, type BrowserWindow, type WebContents } from 'electron';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { arch, release, type } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDesk } from '../desk/desk.js';
import { diagnosticsBundle } from '../diagnostics/bundle.js';
import type { Desk } from '../desk/types.js';
import { applyCallsDelta } from '../domain/calls-delta.js';
import { translatorFor, type Translator } from '../i18n/format.js';
import { chooseLanguage } from '../i18n/languages.js';
import type { CallsDelta, DeskStatus, Notice, Snapshot } from '../ipc/contract.js';
import type { Logger } from '../log/logger.js';
import { policyPath, readPolicyFile } from '../policy/policy.js';
import type { SettingsStore } from '../store/settings.js';
import { createCallAlerts } from './alerts.js';
import { serveAppRequest } from './app-protocol.js';
import { openElectronSettingsStore } from './electron-settings.js';
import { registerDeskIpc, windowEventSink } from './ipc.js';
import { deskOptionsFor, parseLaunchArgs } from './launch.js';
import { fileLogger, LOG_DIR_NAME, openRotatingFile } from './log-file.js';
import { setLaunchAtLogin, shouldStartHidden } from './login-item.js';
import { installAppMenu } from './menu.js';
import { electronProxyResolver } from './proxy.js';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, decideNavigation, isBrowserUrl, isPermissionAllowed } from './security.js';
import { createDeskTray, type DeskTray } from './tray.js';
import { PRODUCT_NAME, trayModel, type TrayAction, type TrayInput } from './tray-model.js';
import { startUpdater } from './updater.js';
import { createMainWindow, revealWindow } from './window.js';

const WINDOW_CLIENT = 'main-window';
const TRAY_CLIENT = 'tray';
const STOP_TIMEOUT_MS = 8_000;
const ONLINE_POLL_MS = 15_000;

const distDir = fileURLToPath(new URL('.', import.meta.url)); // app/dist (or inside app.asar)
const rendererDir = join(distDir, 'renderer');
const preloadPath = join(distDir, 'preload.cjs');
// Packaged: electron-builder copies build/tray and the icon into resources (extraResources).
const resourceDir = app.isPackaged ? process.resourcesPath : join(app.getAppPath(), '..', 'build');
const trayIconDir = join(resourceDir, 'tray');
const windowIconPath = app.isPackaged ? join(resourceDir, 'icon.png') : join(resourceDir, 'icons', '256x256.png');

/** The shell's words before the settings are read: in the OS's language. */
const osWords = () => translatorFor(chooseLanguage('system', app.getPreferredSystemLanguages()));

const launch = parseLaunchArgs(process.argv.slice(1));
if (!launch.ok) {
  dialog.showErrorBox(osWords().formatMessage({ id: 'shell.cannotStart' }, { product: PRODUCT_NAME }), launch.error);
  app.exit(2);
} else {
  if (launch.value.dataDir) app.setPath('userData', launch.value.dataDir);
  // Must happen before 'ready'; the lock is per data dir, so test instances do not collide.
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);
  app.enableSandbox();
  // A second start shows the running console (or, with --quit, makes it quit).
  if (!app.requestSingleInstanceLock()) app.quit();
  else if (launch.value.quit) app.exit(0); // nothing is running
  else run(launch.value.startHidden, launch.value);
}

function run(flagHidden: boolean, launchOptions: Parameters<typeof deskOptionsFor>[0]): void {
  const dataDir = app.getPath('userData');
  const logDir = join(dataDir, LOG_DIR_NAME);
  const log: Logger = fileLogger(openRotatingFile({ dir: logDir }), process.env.DESK_LOG_LEVEL === 'debug' ? 'debug' : 'info');
  const devTools = !app.isPackaged;
  let win: BrowserWindow | null = null;
  let desk: Desk | null = null;
  let tray: DeskTray | null = null;
  let quitting = false;
  let stopping = false;
  let stopped = false;

  // Crash dumps stay on this PC (app.getPath('crashDumps')); "Save diagnostics…" includes them.
  crashReporter.start({ uploadToServer: false });
  const policy = readPolicyFile(policyPath(process.platform, process.env));

  process.on('uncaughtException', (e) => log.error('uncaught exception in main', { error: e.message, stack: e.stack ?? null }));
  process.on('unhandledRejection', (reason) => {
    const e = reason instanceof Error ? reason : new Error(String(reason));
    log.error('unhandled rejection in main', { error: e.message, stack: e.stack ?? null });
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());

  const mainContents = (): WebContents | null => (win && !win.isDestroyed() ? win.webContents : null);
  const openLogs = () => void shell.openPath(logDir).then((error) => error && log.warn('cannot open the logs folder', { error }));
  const openInBrowser = async (url: string) => {
    if (!isBrowserUrl(url)) throw new Error('Only https addresses open in the browser');
    await shell.openExternal(url);
  };
  // The desk's language once its settings are read (see below), the OS's until then.
  let words = osWords;
  const saveDiagnostics = async () => {
    const bundle = diagnosticsBundle({
      about: { product: app.getName(), version: app.getVersion(), packaged: app.isPackaged, electron: process.versions.electron, chrome: process.versions.chrome, node: process.versions.node, os: `${type()} ${release()}`, arch: arch(), mode: desk?.mode ?? null },
      dataDir,
      logDir,
      crashDumpDir: app.getPath('crashDumps'),
      policy,
    });
    const t = words();
    const { canceled, filePath } = await dialog.showSaveDialog({
      title: t.formatMessage({ id: 'shell.saveDiagnosticsTitle' }),
      defaultPath: join(app.getPath('desktop'), bundle.fileName),
      filters: [{ name: t.formatMessage({ id: 'shell.zipArchive' }), extensions: ['zip'] }],
    });
    if (canceled || !filePath) return;
    await writeFile(filePath, bundle.data);
    log.info('diagnostics saved', { file: filePath, entries: bundle.entries.length });
    shell.showItemInFolder(filePath);
  };
  const onSaveDiagnostics = () => void saveDiagnostics().catch((e: unknown) => {
    log.error('saving diagnostics failed', { error: String(e) });
    dialog.showErrorBox(words().formatMessage({ id: 'shell.diagnosticsNotSaved' }), e instanceof Error ? e.message : String(e));
  });
  if (process.platform === 'win32') app.setAppUserModelId('com.frontdeskconsole.app');

  app.on('second-instance', (_event, argv) => {
    const second = parseLaunchArgs(argv.slice(1));
    if (second.ok && second.value.quit) {
      log.info('quit asked for by a second start (--quit)');
      app.quit();
    } else revealWindow(win);
  });
  app.on('activate', () => revealWindow(win));
  // The console lives in the tray: closing the window does not quit.
  app.on('window-all-closed', () => {});

  // Nothing may navigate, open windows or embed webviews; allow-listed links go to the browser.
  app.on('web-contents-created', (_event, contents) => {
    const handle = (url: string) => {
      const decision = decideNavigation(url);
      if (decision.action === 'open-external') void shell.openExternal(decision.url);
      else log.warn('navigation blocked', { url: url.slice(0, 200) });
    };
    contents.on('will-navigate', (event, url) => {
      event.preventDefault();
      handle(url);
    });
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      handle(url);
      return { action: 'deny' };
    });
  });

  app.on('before-quit', (event) => {
    quitting = true;
    if (stopped) return;
    event.preventDefault();
    if (stopping) return;
    stopping = true;
    // End live calls with CallEnded before the process goes; never hang the quit on it.
    const stop = desk ? desk.stop() : Promise.resolve();
    const timeout = new Promise<void>((resolve) => setTimeout(() => {
      log.warn(`the core did not stop within ${STOP_TIMEOUT_MS} ms; quitting anyway`);
      resolve();
    }, STOP_TIMEOUT_MS));
    void Promise.race([stop, timeout])
      .catch((e: unknown) => log.error('stopping the core failed', { error: String(e) }))
      .finally(() => {
        stopped = true;
        tray?.destroy();
        app.quit();
      });
  });

  void app.whenReady().then(async () => {
    const ses = session.defaultSession;
    protocol.handle(APP_SCHEME, (request) => serveAppRequest(request, rendererDir));
    ses.setPermissionRequestHandler((contents, permission, callback, details) => {
      const origin = ('securityOrigin' in details && details.securityOrigin) || details.requestingUrl;
      const mediaTypes = 'mediaTypes' in details ? details.mediaTypes : undefined;
      const allowed = isPermissionAllowed({ permission, origin, fromMainWindow: contents === mainContents(), mediaTypes });
      if (!allowed) log.warn('permission refused', { permission, origin: String(origin).slice(0, 200) });
      callback(allowed);
    });
    ses.setPermissionCheckHandler((contents, permission, requestingOrigin) =>
      isPermissionAllowed({ permission, origin: requestingOrigin, fromMainWindow: contents !== null && contents === mainContents() }),
    );
    ses.setDevicePermissionHandler(() => false);
    installAppMenu(openLogs, onSaveDiagnostics, devTools, words());

    let settings: SettingsStore;
    try {
      settings = openElectronSettingsStore();
      desk = await startDesk({
        ...deskOptionsFor(launchOptions, dataDir, process.env),
        settingsStore: settings,
        policy,
        proxyResolver: electronProxyResolver(ses),
        openExternal: openInBrowser,
        log,
      });
    } catch (e) {
      log.error('the console could not start', { error: e instanceof Error ? e.message : String(e) });
      dialog.showErrorBox(words().formatMessage({ id: 'shell.couldNotStart' }, { product: PRODUCT_NAME }), `${e instanceof Error ? e.message : String(e)}\n\nLogs: ${logDir}`);
      stopped = true;
      app.quit();
      return;
    }
    const core = desk;
    log.info('console started', { mode: core.mode, webhook: core.webhookUrl, packaged: app.isPackaged });

    const loginSettings = settings.get();
    const startHidden = shouldStartHidden(flagHidden, loginSettings.startMinimized);
    const applyLogin = (enabled: boolean, minimized: boolean) =>
      setLaunchAtLogin(enabled, minimized).catch((e: unknown) => log.warn('launch at login: cannot apply', { error: String(e) }));
    if (app.isPackaged) void applyLogin(loginSettings.launchAtLogin, loginSettings.startMinimized);
    settings.onChange((now, before) => {
      if (!app.isPackaged) return; // a development build must not register itself at login
      if (now.launchAtLogin !== before.launchAtLogin || now.startMinimized !== before.startMinimized) void applyLogin(now.launchAtLogin, now.startMinimized);
    });

    registerDeskIpc({ ipcMain, desk: core, mainWindowContents: mainContents, clientId: WINDOW_CLIENT, log });
    win = createMainWindow({ dataDir, preloadPath, startHidden, iconPath: existsSync(windowIconPath) ? windowIconPath : undefined, devTools, isQuitting: () => quitting, log });
    core.connect(WINDOW_CLIENT, windowEventSink(mainContents));

    // Tray and alerts follow the core's events like any other client.
    const state: TrayInput = { status: null, calls: null, notices: null };
    // The shell speaks the desk's language: the setting, else the OS's preferred languages.
    words = () => translatorFor(chooseLanguage(state.status?.language ?? settings.get().language, app.getPreferredSystemLanguages()));
    const alerts = createCallAlerts(() => win, () => revealWindow(win), log, () => words());
    const onTrayAction = (action: TrayAction) => {
      if (action === 'show') revealWindow(win);
      else if (action === 'open-logs') openLogs();
      else if (action === 'save-diagnostics') onSaveDiagnostics();
      else app.quit();
    };
    tray = createDeskTray(trayIconDir, trayModel(state, words()), onTrayAction);
    const updater = startUpdater({ settings, liveCalls: () => (state.calls?.calls ?? []).filter((c) => c.phase !== 'ended').length, log });
    // The tray follows every change; the menu is built again when the language changed.
    let menuWords: Translator | null = null;
    const refresh = () => {
      const t = words();
      tray?.update(trayModel(state, t));
      if (t !== menuWords) installAppMenu(openLogs, onSaveDiagnostics, devTools, (menuWords = t));
    };
    // Call pushes are deltas: those that come before the first snapshot wait for it.
    let early: CallsDelta[] | null = [];
    core.connect(TRAY_CLIENT, (event, payload) => {
      if (event === 'status') state.status = payload as DeskStatus;
      else if (event === 'notices') state.notices = payload as Notice[];
      else if (event === 'calls') {
        if (early) return void early.push(payload as CallsDelta);
        state.calls = applyCallsDelta(state.calls!, payload as CallsDelta);
        alerts.onCalls(state.calls, state.status?.mode ?? null);
        updater.callsChanged();
      } else return;
      refresh();
    });
    const first = await core.invoke(TRAY_CLIENT, 'getSnapshot', {});
    if (first.ok) {
      const snapshot = first.value as Snapshot;
      state.status ??= snapshot.status;
      state.notices ??= snapshot.notices;
      state.calls = (early ?? []).reduce(applyCallsDelta, snapshot.calls);
      early = null;
      refresh();
    }

    // After sleep or when the network comes back, the webhook and the Amazon token are re-checked.
    const recheck = (why: string) => {
      log.info(`re-checking the link after ${why}`);
      core.recheck().catch((e: unknown) => log.warn('re-check failed', { error: String(e) }));
    };
    powerMonitor.on('resume', () => recheck('resume from sleep'));
    let online = net.isOnline();
    setInterval(() => {
      const now = net.isOnline();
      if (now && !online) recheck('the network came back');
      online = now;
    }, ONLINE_POLL_MS).unref();
  });
}
