// The console's one window: secure web preferences, bounds remembered across launches, close hides
// it to the tray (a front desk must keep ringing), and a crashed page is reloaded.
import { BrowserWindow, screen } from 'electron';
import { join } from 'node:path';
import type { Logger } from '../log/logger.js';
import { reloadAfterCrash } from './crash-policy.js';
import { APP_ENTRY_URL, secureWebPreferences } from './security.js';
import { PRODUCT_NAME } from './tray-model.js';
import { defaultWindowState, fitToDisplays, MIN_SIZE, readWindowState, WINDOW_STATE_FILE, writeWindowState, type Rect, type WindowState } from './window-state.js';

export interface MainWindowOptions {
  dataDir: string;
  preloadPath: string;
  startHidden: boolean;
  /** Window icon (Linux; other systems take it from the app bundle). */
  iconPath: string | undefined;
  devTools: boolean;
  /** True once the app is quitting: closing then really closes. */
  isQuitting: () => boolean;
  log: Logger;
}

function workAreas(): Rect[] {
  const primary = screen.getPrimaryDisplay();
  return [primary, ...screen.getAllDisplays().filter((d) => d.id !== primary.id)].map((d) => d.workArea);
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const stateFile = join(options.dataDir, WINDOW_STATE_FILE);
  const saved = readWindowState(stateFile, (why) => options.log.warn(why));
  const state: WindowState = saved ? fitToDisplays(saved, workAreas()) : defaultWindowState(workAreas());

  const win = new BrowserWindow({
    ...state.bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    title: PRODUCT_NAME,
    icon: options.iconPath,
    autoHideMenuBar: true,
    webPreferences: { ...secureWebPreferences(options.preloadPath), devTools: options.devTools },
  });
  if (state.maximized) win.maximize();

  win.once('ready-to-show', () => {
    if (!options.startHidden) win.show();
  });

  let saveTimer: NodeJS.Timeout | undefined;
  const saveState = () => {
    clearTimeout(saveTimer);
    if (win.isDestroyed() || win.isMinimized()) return;
    try {
      writeWindowState(stateFile, { bounds: win.getNormalBounds(), maximized: win.isMaximized() });
    } catch (e) {
      options.log.warn('window state: cannot save', { error: String(e) });
    }
  };
  const saveSoon = () => {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(saveState, 500);
  };
  win.on('resize', saveSoon);
  win.on('move', saveSoon);
  win.on('maximize', saveSoon);
  win.on('unmaximize', saveSoon);
  win.on('close', (event) => {
    saveState();
    if (!options.isQuitting()) {
      event.preventDefault();
      win.hide();
    }
  });

  let crashes: number[] = [];
  win.webContents.on('render-process-gone', (_event, details) => {
    options.log.error('renderer process gone', { reason: details.reason, exitStatus: details.exitCode });
    if (details.reason === 'clean-exit' || options.isQuitting()) return;
    const decision = reloadAfterCrash(crashes, Date.now());
    crashes = decision.recent;
    setTimeout(() => {
      if (!win.isDestroyed()) void win.loadURL(APP_ENTRY_URL);
    }, decision.delayMs);
  });
  win.webContents.on('unresponsive', () => options.log.warn('renderer unresponsive'));
  win.webContents.on('responsive', () => options.log.info('renderer responsive again'));
  // Errors in the page (uncaught exceptions, rejected promises, console.error) go to the log.
  win.webContents.on('console-message', (details) => {
    if (details.level === 'error') options.log.warn('renderer error', { message: details.message.slice(0, 2_000), source: `${details.sourceId}:${details.lineNumber}` });
  });

  void win.loadURL(APP_ENTRY_URL);
  return win;
}

/** Brings the window to the front (from the tray, a notification or a second launch). */
export function revealWindow(win: BrowserWindow | null): void {
  if (!win || win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}
