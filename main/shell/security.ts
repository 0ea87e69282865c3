// Security decisions of the desktop shell, as plain data and pure functions so they are tested
// without Electron: the renderer's web preferences, its Content-Security-Policy, which permissions
// it gets, and what happens to navigation, new windows and external links.
import { isAbsolute } from 'node:path';

/** The renderer is served from this privileged scheme so its origin is fixed: app://desk. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'desk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Privileges of the app scheme: a secure standard origin (getUserMedia needs a secure context). */
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  // Vite's module scripts load in CORS mode; same-origin only, since we send no CORS headers.
  corsEnabled: true,
  stream: true,
} as const;

/** The renderer's webPreferences: isolated, sandboxed, no Node, no webviews. */
export function secureWebPreferences(preloadPath: string) {
  if (!isAbsolute(preloadPath)) throw new Error(`preload path: must be absolute (got "${preloadPath}")`);
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    // A hidden or minimised console must still ring and keep call media running.
    backgroundThrottling: false,
    // The ringtone must sound for the first call of the shift, before anyone has clicked.
    autoplayPolicy: 'no-user-gesture-required',
  } as const;
}

export { RENDERER_CSP } from '../security/renderer-csp.js';

/** Is this URL (or bare origin) our own renderer's origin, app://desk? */
export function isAppOrigin(urlOrOrigin: string | null | undefined): boolean {
  if (typeof urlOrOrigin !== 'string' || urlOrOrigin === '') return false;
  let url: URL;
  try {
    url = new URL(urlOrOrigin);
  } catch {
    return false;
  }
  // URL.origin is "null" for non-special schemes, so compare the parts.
  return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && url.username === '' && url.password === '';
}

/** Permissions the console's own page may have; everything else is denied. */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['media', 'notifications', 'speaker-selection']);

export interface PermissionQuery {
  permission: string;
  /** The requesting origin or URL as Electron reports it (requestingOrigin / requestingUrl / securityOrigin). */
  origin: string | null | undefined;
  /** The request comes from our main window's web contents. */
  fromMainWindow: boolean;
  /** For 'media' requests: what is asked for (camera = video, microphone = audio). */
  mediaTypes?: readonly string[];
}

/** Camera, microphone, notifications and audio-output selection, for our own page only. */
export function isPermissionAllowed(query: PermissionQuery): boolean {
  if (!query.fromMainWindow || !isAppOrigin(query.origin)) return false;
  if (!ALLOWED_PERMISSIONS.has(query.permission)) return false;
  if (query.permission === 'media' && query.mediaTypes) {
    // Screen capture arrives as 'display-capture'; anything but camera/mic here is refused.
    return query.mediaTypes.every((t) => t === 'audio' || t === 'video');
  }
  return true;
}

/**
 * Hosts the console may open in the user's browser (links to Amazon's developer and Alexa Smart
 * Properties documentation and consoles). Exact host names, https only.
 */
export const EXTERNAL_HOSTS: ReadonlySet<string> = new Set([
  'developer.amazon.com',
  'smartproperties.amazon.com',
  'www.amazon.com',
]);

/** https, an allow-listed host, default port, no credentials in the URL. */
export function isSafeExternalUrl(candidate: unknown): candidate is string {
  if (typeof candidate !== 'string' || candidate.length > 2048) return false;
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return false;
  }
  return url.protocol === 'https:' && url.port === '' && url.username === '' && url.password === '' && EXTERNAL_HOSTS.has(url.hostname);
}

/**
 * URLs the core itself asks to open in the browser (Sign in with Amazon): https only, no
 * credentials. The host is the core's configured authorize endpoint, so it is not allow-listed.
 */
export function isBrowserUrl(candidate: unknown): candidate is string {
  if (typeof candidate !== 'string' || candidate.length > 8192) return false;
  try {
    const url = new URL(candidate);
    return url.protocol === 'https:' && url.username === '' && url.password === '' && url.hostname !== '';
  } catch {
    return false;
  }
}

export type NavigationDecision = { action: 'deny' } | { action: 'open-external'; url: string };

/**
 * The console's page never navigates away and never opens windows. A link to an allow-listed
 * external page opens in the user's browser instead; everything else is dropped.
 */
export function decideNavigation(url: string): NavigationDecision {
  return isSafeExternalUrl(url) ? { action: 'open-external', url } : { action: 'deny' };
}
