// Turns launch-at-login on or off: Electron's login items on Windows and macOS, an XDG autostart
// file on Linux. Call setLaunchAtLogin() when the launchAtLogin / startMinimized settings change.
import { app } from 'electron';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname } from 'node:path';
import { autostartExecutable, linuxAutostartEntry, linuxAutostartPath, LOGIN_HIDDEN_FLAG, loginItemSettings, openedHidden } from './autostart.js';
import { PRODUCT_NAME } from './tray-model.js';

/** Base name of the Linux executable and icon (electron-builder.yml linux.executableName). */
export const LINUX_EXECUTABLE_NAME = 'frontdesk-console';

export async function setLaunchAtLogin(enabled: boolean, startHidden: boolean): Promise<void> {
  if (process.platform !== 'linux') {
    app.setLoginItemSettings(loginItemSettings(process.platform, enabled, startHidden));
    return;
  }
  const file = linuxAutostartPath(process.env, homedir(), LINUX_EXECUTABLE_NAME);
  if (!enabled) {
    await rm(file, { force: true });
    return;
  }
  const text = linuxAutostartEntry({
    name: PRODUCT_NAME,
    exec: autostartExecutable(process.execPath, process.env),
    args: startHidden ? [LOGIN_HIDDEN_FLAG] : [],
    icon: LINUX_EXECUTABLE_NAME,
  });
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, text, 'utf8');
}

/** Whether this launch should stay in the tray: the --minimized/--hidden flag, or a macOS login launch. */
export function shouldStartHidden(flagHidden: boolean, startMinimizedSetting: boolean): boolean {
  const wasOpenedAtLogin = process.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin;
  return openedHidden(flagHidden, process.platform, wasOpenedAtLogin, startMinimizedSetting);
}
