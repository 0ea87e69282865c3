// Launch at login. Windows and macOS use Electron's login-item settings; Linux uses an XDG
// autostart entry (~/.config/autostart/<id>.desktop). The decisions and the file text are pure.
// Linux paths, whatever system runs the tests.
import { posix } from 'node:path';
import { HIDDEN_FLAGS } from './launch.js';

/** The hidden flag put on the login command line when the console should start in the tray. */
export const LOGIN_HIDDEN_FLAG = HIDDEN_FLAGS[0];

export interface AutostartEntry {
  /** Shown in the desktop's "startup applications" list. */
  name: string;
  /** The executable to start: for an AppImage the .AppImage file ($APPIMAGE), not the mounted binary. */
  exec: string;
  args: readonly string[];
  /** Icon name or absolute icon path. */
  icon: string;
}

// Desktop Entry spec: an argument holding any of these must be quoted.
const RESERVED = /[\s"'\\><~|&;$*?#`()]/;

function quoteArg(arg: string): string {
  const quoted = RESERVED.test(arg) || arg === '' ? `"${arg.replace(/(["`$\\])/g, '\\$1')}"` : arg;
  // Then the string-value escape of backslashes, and field codes: a literal % is written %%.
  return quoted.replace(/\\/g, '\\\\').replace(/%/g, '%%');
}

function checkLine(field: string, value: string): void {
  if (/[\r\n\0]/.test(value)) throw new Error(`autostart entry: ${field} must be a single line`);
  if (value.trim() === '') throw new Error(`autostart entry: ${field} must not be empty`);
}

/** The text of the XDG autostart .desktop file. */
export function linuxAutostartEntry(entry: AutostartEntry): string {
  checkLine('name', entry.name);
  checkLine('exec', entry.exec);
  checkLine('icon', entry.icon);
  if (!posix.isAbsolute(entry.exec)) throw new Error(`autostart entry: exec must be an absolute path (got "${entry.exec}")`);
  entry.args.forEach((a, i) => {
    if (/[\r\n\0]/.test(a)) throw new Error(`autostart entry: args[${i}] must be a single line`);
  });
  const exec = [entry.exec, ...entry.args].map(quoteArg).join(' ');
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.0',
    `Name=${entry.name}`,
    'Comment=Front-desk calling console, started at login',
    `Exec=${exec}`,
    `Icon=${entry.icon}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/** $XDG_CONFIG_HOME/autostart/<fileId>.desktop, falling back to ~/.config when unset or relative. */
export function linuxAutostartPath(env: NodeJS.ProcessEnv, homeDir: string, fileId: string): string {
  if (!/^[A-Za-z0-9._-]+$/.test(fileId)) throw new Error(`autostart file id: letters, digits, ".", "_" and "-" only (got "${fileId}")`);
  const configHome = env.XDG_CONFIG_HOME && posix.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : posix.join(homeDir, '.config');
  return posix.join(configHome, 'autostart', `${fileId}.desktop`);
}

/** What runs at login: an AppImage must be started through its .AppImage file. */
export function autostartExecutable(execPath: string, env: NodeJS.ProcessEnv): string {
  const appImage = env.APPIMAGE;
  return appImage && posix.isAbsolute(appImage) ? appImage : execPath;
}

/** Electron's setLoginItemSettings() argument for Windows and macOS. */
export function loginItemSettings(platform: NodeJS.Platform, enabled: boolean, startHidden: boolean): { openAtLogin: boolean; args?: string[] } {
  // Only Windows passes args; macOS reports wasOpenedAtLogin instead (see openedHidden()).
  if (platform === 'win32') return { openAtLogin: enabled, args: enabled && startHidden ? [LOGIN_HIDDEN_FLAG] : [] };
  return { openAtLogin: enabled };
}

/** Should this launch start hidden in the tray? */
export function openedHidden(flagHidden: boolean, platform: NodeJS.Platform, wasOpenedAtLogin: boolean, startMinimizedSetting: boolean): boolean {
  if (flagHidden) return true;
  return platform === 'darwin' && wasOpenedAtLogin && startMinimizedSetting;
}
