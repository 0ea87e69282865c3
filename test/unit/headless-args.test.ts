import { describe, expect, it } from 'vitest';
import { defaultDataDir, parseHeadlessArgs, UsageError } from '../../main/headless/args.js';

describe('headless flags (DESIGN §3.3)', () => {
  it('reads every flag, in both --flag value and --flag=value forms', () => {
    const options = parseHeadlessArgs(
      [
        '--data-dir', '/tmp/desk', '--webhook-host', '0.0.0.0', '--webhook-port=9000', '--webhook-secret', 's3cret-value',
        '--ui-port', '7000', '--region', 'eu', '--alexa-api', 'http://127.0.0.1:4000/', '--lwa-token-url', 'http://127.0.0.1:4000/auth/o2/token',
        '--contact-id', 'nurse-station', '--rooms', 'rooms.csv', '--auto-answer', 'idle', '--demo',
      ],
      {},
    );
    expect(options).toMatchObject({
      dataDir: '/tmp/desk',
      webhookHost: '0.0.0.0',
      webhookPort: 9000,
      webhookSecret: 's3cret-value',
      uiPort: 7000,
      region: 'EU',
      alexaApi: 'http://127.0.0.1:4000',
      lwaTokenUrl: 'http://127.0.0.1:4000/auth/o2/token',
      contactId: 'nurse-station',
      roomsFile: 'rooms.csv',
      autoAnswer: 'idle',
      demo: true,
    });
  });

  it('defaults to any free UI port, the OS data dir, no demo and no credentials', () => {
    const options = parseHeadlessArgs([], {});
    expect(options).toMatchObject({ uiPort: 0, demo: false, envCredentials: undefined, webhookPort: undefined });
    expect(options.dataDir).toBe(defaultDataDir());
  });

  it('takes credentials from DESK_LWA_* and a keychain group from DESK_KEYCHAIN_SERVICE', () => {
    const options = parseHeadlessArgs([], {
      DESK_LWA_CLIENT_ID: 'id',
      DESK_LWA_CLIENT_SECRET: 'secret',
      DESK_LWA_REFRESH_TOKEN: 'Atzr|x',
      DESK_KEYCHAIN_SERVICE: 'desk-test',
    });
    expect(options.envCredentials).toEqual({ clientId: 'id', clientSecret: 'secret', refreshToken: 'Atzr|x' });
    expect(options.keychainService).toBe('desk-test');
    expect(() => parseHeadlessArgs([], { DESK_LWA_CLIENT_ID: 'id' })).toThrow(/go together/);
  });

  it('takes the webhook secret from DESK_WEBHOOK_SECRET, kept out of the process list; the flag wins', () => {
    expect(parseHeadlessArgs([], { DESK_WEBHOOK_SECRET: 'from-the-environment-0123' }).webhookSecret).toBe('from-the-environment-0123');
    expect(parseHeadlessArgs(['--webhook-secret', 'from-the-flag-0123'], { DESK_WEBHOOK_SECRET: 'from-the-environment-0123' }).webhookSecret).toBe('from-the-flag-0123');
    expect(parseHeadlessArgs([], { DESK_WEBHOOK_SECRET: '' }).webhookSecret).toBeUndefined();
  });

  it.each([
    [['--bogus'], /Unknown flag --bogus/],
    [['--webhook-port', '70000'], /--webhook-port must be a port number/],
    [['--ui-port', 'x'], /--ui-port must be a port number/],
    [['--region', 'US'], /--region must be NA, EU or FE/],
    [['--auto-answer', 'sometimes'], /--auto-answer must be off, all or idle/],
    [['--alexa-api', 'ftp://x'], /--alexa-api must be an http\(s\) URL/],
    [['--rooms'], /--rooms needs a value/],
  ])('refuses %j with a clear message', (argv, message) => {
    expect(() => parseHeadlessArgs(argv as string[], {})).toThrow(UsageError);
    expect(() => parseHeadlessArgs(argv as string[], {})).toThrow(message);
  });

  it('uses the folder Electron uses for the app, per OS', () => {
    expect(defaultDataDir('win32', { APPDATA: 'C:\\Users\\desk\\AppData\\Roaming' })).toMatch(/Roaming[\\/]Front Desk Console$/);
    expect(defaultDataDir('darwin', {})).toMatch(/Library\/Application Support\/Front Desk Console$/);
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: '/home/desk/.config' })).toBe('/home/desk/.config/Front Desk Console');
  });
});
