import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  APP_ORIGIN,
  decideNavigation,
  isAppOrigin,
  isBrowserUrl,
  isPermissionAllowed,
  isSafeExternalUrl,
  RENDERER_CSP,
  secureWebPreferences,
} from '../../main/shell/security.js';

describe('secureWebPreferences', () => {
  it('isolates and sandboxes the renderer with no Node and no webviews', () => {
    const prefs = secureWebPreferences('/opt/app/dist/preload.cjs');
    expect(prefs).toMatchObject({
      preload: '/opt/app/dist/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    });
  });

  it('keeps a hidden window ringing (no background throttling, ringtone without a prior click)', () => {
    expect(secureWebPreferences('/p.cjs').backgroundThrottling).toBe(false);
    expect(secureWebPreferences('/p.cjs').autoplayPolicy).toBe('no-user-gesture-required');
  });

  it('refuses a relative preload path', () => {
    expect(() => secureWebPreferences('dist/preload.cjs')).toThrow(/preload path: must be absolute/);
  });
});

describe('RENDERER_CSP', () => {
  const directives = new Map(
    RENDERER_CSP.split(';').map((d) => {
      const [name = '', ...values] = d.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );

  it('denies by default and allows scripts only from the app itself', () => {
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
  });

  it('has no inline or eval escape hatches anywhere', () => {
    expect(RENDERER_CSP).not.toMatch(/unsafe-inline|unsafe-eval|wasm-unsafe-eval|\*/);
  });

  it('lets the page talk only to itself and play local/blob/stream media', () => {
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(directives.get('media-src')).toEqual(["'self'", 'blob:', 'mediastream:']);
    expect(directives.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
  });

  it('forbids base changes, form posts and framing', () => {
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('form-action')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
  });
});

describe('isAppOrigin', () => {
  it.each([APP_ORIGIN, `${APP_ORIGIN}/`, APP_ENTRY_URL, `${APP_ORIGIN}/assets/index.js?x=1#y`])('accepts %s', (url) => {
    expect(isAppOrigin(url)).toBe(true);
  });

  it.each([
    'app://other/index.html',
    'app://desk.evil/index.html',
    'app://user@desk/index.html',
    'https://desk/index.html',
    'file:///opt/app/dist/renderer/index.html',
    'http://127.0.0.1:5173/',
    'null',
    '',
    undefined,
    null,
  ])('refuses %s', (url) => {
    expect(isAppOrigin(url)).toBe(false);
  });
});

describe('isPermissionAllowed', () => {
  const ours = { origin: APP_ORIGIN, fromMainWindow: true };

  it.each(['media', 'notifications', 'speaker-selection'])('grants %s to our own page', (permission) => {
    expect(isPermissionAllowed({ ...ours, permission })).toBe(true);
  });

  it('grants camera and microphone requests', () => {
    expect(isPermissionAllowed({ ...ours, permission: 'media', mediaTypes: ['audio', 'video'] })).toBe(true);
  });

  it('refuses a media request for anything but camera and microphone', () => {
    expect(isPermissionAllowed({ ...ours, permission: 'media', mediaTypes: ['audio', 'screen'] })).toBe(false);
  });

  it.each(['geolocation', 'display-capture', 'clipboard-read', 'openExternal', 'midiSysex', 'hid', 'usb', 'serial', 'fullscreen', 'unknown'])(
    'refuses %s even to our own page',
    (permission) => {
      expect(isPermissionAllowed({ ...ours, permission })).toBe(false);
    },
  );

  it('refuses media to another origin', () => {
    expect(isPermissionAllowed({ permission: 'media', origin: 'https://example.com', fromMainWindow: true })).toBe(false);
  });

  it('refuses media to our origin in another web contents', () => {
    expect(isPermissionAllowed({ permission: 'media', origin: APP_ORIGIN, fromMainWindow: false })).toBe(false);
  });

  it('refuses when the origin is unknown', () => {
    expect(isPermissionAllowed({ permission: 'notifications', origin: undefined, fromMainWindow: true })).toBe(false);
  });
});

describe('isSafeExternalUrl', () => {
  it.each([
    'https://developer.amazon.com/en-US/docs/alexa/alexa-smart-properties/get-started-calling-api-for-asp.html',
    'https://smartproperties.amazon.com/',
  ])('allows %s', (url) => {
    expect(isSafeExternalUrl(url)).toBe(true);
  });

  it.each([
    ['plain http', 'http://developer.amazon.com/docs'],
    ['a look-alike host', 'https://developer.amazon.com.evil.example/'],
    ['a sibling host', 'https://evil.amazon.com/'],
    ['credentials in the URL', 'https://user:pw@developer.amazon.com/'],
    ['a custom port', 'https://developer.amazon.com:8443/'],
    ['javascript:', 'javascript:alert(1)'],
    ['file:', 'file:///etc/passwd'],
    ['our own scheme', 'app://desk/index.html'],
    ['not a URL', 'developer.amazon.com'],
    ['a non-string', 42],
  ])('refuses %s', (_why, url) => {
    expect(isSafeExternalUrl(url)).toBe(false);
  });
});

describe('decideNavigation', () => {
  it('sends an allow-listed link to the browser', () => {
    expect(decideNavigation('https://developer.amazon.com/docs')).toEqual({ action: 'open-external', url: 'https://developer.amazon.com/docs' });
  });

  it.each(['https://example.com/', 'app://desk/other.html', 'file:///tmp/x.html', 'about:blank'])('denies %s', (url) => {
    expect(decideNavigation(url)).toEqual({ action: 'deny' });
  });
});

describe('isBrowserUrl (addresses the core opens, e.g. Sign in with Amazon)', () => {
  it('allows https addresses of any host', () => {
    expect(isBrowserUrl('https://www.amazon.com/ap/oa?client_id=x&state=y')).toBe(true);
    expect(isBrowserUrl('https://eu.account.amazon.com/ap/oa')).toBe(true);
  });

  it.each(['http://www.amazon.com/ap/oa', 'file:///etc/passwd', 'javascript:alert(1)', 'ms-settings:privacy', 'https://u:p@www.amazon.com/', 'not a url', 7])(
    'refuses %s',
    (url) => {
      expect(isBrowserUrl(url)).toBe(false);
    },
  );
});
