import { describe, expect, it } from 'vitest';
import { autostartExecutable, linuxAutostartEntry, linuxAutostartPath, loginItemSettings, openedHidden } from '../../main/shell/autostart.js';
import { deskOptionsFor, envCredentials, parseLaunchArgs } from '../../main/shell/launch.js';

describe('parseLaunchArgs', () => {
  it('defaults to a visible window, real mode, the OS data dir', () => {
    expect(parseLaunchArgs(['/opt/Front Desk Console/frontdesk-console'])).toEqual({
      ok: true,
      value: { startHidden: false, demo: false, dataDir: null, webhookPort: null, quit: false },
    });
  });

  it('--quit asks the running console to quit', () => {
    const parsed = parseLaunchArgs(['C:\\Program Files\\Front Desk Console\\Front Desk Console.exe', '--quit']);
    expect(parsed.ok && parsed.value.quit).toBe(true);
  });

  it.each(['--minimized', '--hidden'])('%s starts hidden in the tray', (flag) => {
    const parsed = parseLaunchArgs(['app', flag]);
    expect(parsed.ok && parsed.value.startHidden).toBe(true);
  });

  it('reads --demo, --data-dir and --webhook-port in both spellings, ignoring Chromium switches', () => {
    expect(parseLaunchArgs(['app', '--no-sandbox', '--demo', '--data-dir', '/tmp/desk', '--webhook-port=0', '--inspect=0'])).toEqual({
      ok: true,
      value: { startHidden: false, demo: true, dataDir: '/tmp/desk', webhookPort: 0, quit: false },
    });
    const inline = parseLaunchArgs(['--data-dir=/var/desk']);
    expect(inline.ok && inline.value.dataDir).toBe('/var/desk');
  });

  it.each([
    [['--data-dir', 'relative/dir'], /--data-dir: must be an absolute path/],
    [['--data-dir'], /--data-dir: must be an absolute path \(got ""\)/],
    [['--webhook-port', '70000'], /--webhook-port: must be an integer 0\.\.65535/],
    [['--webhook-port=-1'], /--webhook-port: must be an integer/],
    [['--webhook-port', 'http'], /--webhook-port: must be an integer/],
  ])('refuses %j, naming the flag', (argv, error) => {
    const parsed = parseLaunchArgs(argv);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(error);
  });
});

describe('envCredentials / deskOptionsFor', () => {
  it('takes id and secret, with or without a refresh token', () => {
    expect(envCredentials({ DESK_LWA_CLIENT_ID: 'id', DESK_LWA_CLIENT_SECRET: 's' })).toEqual({ clientId: 'id', clientSecret: 's' });
    expect(envCredentials({ DESK_LWA_CLIENT_ID: 'id', DESK_LWA_CLIENT_SECRET: 's', DESK_LWA_REFRESH_TOKEN: 'r' })).toEqual({ clientId: 'id', clientSecret: 's', refreshToken: 'r' });
  });

  it('ignores incomplete or blank credentials', () => {
    expect(envCredentials({ DESK_LWA_CLIENT_ID: 'id' })).toBeUndefined();
    expect(envCredentials({ DESK_LWA_CLIENT_ID: ' ', DESK_LWA_CLIENT_SECRET: 's' })).toBeUndefined();
  });

  it('passes only what was given to the core', () => {
    const launch = { startHidden: true, demo: true, dataDir: null, webhookPort: 0, quit: false };
    expect(deskOptionsFor(launch, '/data', {})).toEqual({ dataDir: '/data', demo: true, webhookPort: 0 });
    expect(deskOptionsFor({ ...launch, demo: false, webhookPort: null }, '/data', {})).toEqual({ dataDir: '/data' });
  });
});

describe('linuxAutostartEntry', () => {
  it('writes a desktop entry that starts the app hidden', () => {
    const text = linuxAutostartEntry({ name: 'Front Desk Console', exec: '/opt/frontdesk/frontdesk-console', args: ['--minimized'], icon: 'frontdesk-console' });
    expect(text.split('\n')).toEqual([
      '[Desktop Entry]',
      'Type=Application',
      'Version=1.0',
      'Name=Front Desk Console',
      'Comment=Front-desk calling console, started at login',
      'Exec=/opt/frontdesk/frontdesk-console --minimized',
      'Icon=frontdesk-console',
      'Terminal=false',
      'X-GNOME-Autostart-enabled=true',
      '',
    ]);
  });

  it('quotes an executable path with spaces and escapes reserved characters and %', () => {
    const text = linuxAutostartEntry({ name: 'Desk', exec: '/opt/Front Desk $1/run`x`"q"\\b 100%', args: [], icon: 'i' });
    expect(text).toContain('Exec="/opt/Front Desk \\\\$1/run\\\\`x\\\\`\\\\"q\\\\"\\\\\\\\b 100%%"\n');
  });

  it.each([
    [{ name: 'Desk\nExec=/bin/evil', exec: '/opt/d', args: [], icon: 'i' }, /name must be a single line/],
    [{ name: 'Desk', exec: 'frontdesk', args: [], icon: 'i' }, /exec must be an absolute path/],
    [{ name: 'Desk', exec: '/opt/d', args: ['--x\nExec=/bin/evil'], icon: 'i' }, /args\[0\] must be a single line/],
    [{ name: ' ', exec: '/opt/d', args: [], icon: 'i' }, /name must not be empty/],
  ])('refuses an entry that could inject lines or is incomplete (%#)', (entry, error) => {
    expect(() => linuxAutostartEntry(entry)).toThrow(error);
  });
});

describe('linuxAutostartPath / autostartExecutable', () => {
  it('uses $XDG_CONFIG_HOME when absolute, else ~/.config', () => {
    expect(linuxAutostartPath({ XDG_CONFIG_HOME: '/cfg' }, '/home/ana', 'frontdesk-console')).toBe('/cfg/autostart/frontdesk-console.desktop');
    expect(linuxAutostartPath({ XDG_CONFIG_HOME: 'rel' }, '/home/ana', 'frontdesk-console')).toBe('/home/ana/.config/autostart/frontdesk-console.desktop');
    expect(linuxAutostartPath({}, '/home/ana', 'frontdesk-console')).toBe('/home/ana/.config/autostart/frontdesk-console.desktop');
  });

  it('refuses a file id that could leave the folder', () => {
    expect(() => linuxAutostartPath({}, '/home/ana', '../evil')).toThrow(/autostart file id/);
  });

  it('starts an AppImage through its .AppImage file', () => {
    expect(autostartExecutable('/tmp/.mount_x/frontdesk-console', { APPIMAGE: '/home/ana/Desk.AppImage' })).toBe('/home/ana/Desk.AppImage');
    expect(autostartExecutable('/opt/frontdesk/frontdesk-console', {})).toBe('/opt/frontdesk/frontdesk-console');
  });
});

describe('loginItemSettings / openedHidden', () => {
  it('passes the hidden flag on Windows only', () => {
    expect(loginItemSettings('win32', true, true)).toEqual({ openAtLogin: true, args: ['--minimized'] });
    expect(loginItemSettings('win32', true, false)).toEqual({ openAtLogin: true, args: [] });
    expect(loginItemSettings('win32', false, true)).toEqual({ openAtLogin: false, args: [] });
    expect(loginItemSettings('darwin', true, true)).toEqual({ openAtLogin: true });
  });

  it('starts hidden for the flag, or for a macOS login launch with startMinimized', () => {
    expect(openedHidden(true, 'linux', false, false)).toBe(true);
    expect(openedHidden(false, 'darwin', true, true)).toBe(true);
    expect(openedHidden(false, 'darwin', true, false)).toBe(false);
    expect(openedHidden(false, 'darwin', false, true)).toBe(false);
    expect(openedHidden(false, 'win32', true, true)).toBe(false);
  });
});
