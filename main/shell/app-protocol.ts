// Serves the built renderer (app/dist/renderer) on app://desk/... . Only GET of existing files under
// the renderer folder; every response carries the renderer's Content-Security-Policy.
// Plain Node (fetch Response), so it is tested without Electron.
import { readFile, stat } from 'node:fs/promises';
import { extname, isAbsolute, resolve, sep } from 'node:path';
import { APP_HOST, APP_SCHEME, RENDERER_CSP } from './security.js';

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.webm': 'audio/webm',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** Headers on every response of the app scheme. */
export const APP_RESPONSE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': RENDERER_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-cache',
};

export type AppFileLookup = { ok: true; filePath: string; contentType: string } | { ok: false; status: 400 | 403 | 404 | 405; reason: string };

/**
 * Maps a request of the app scheme to a file under `rootDir`, refusing anything that could
 * leave it: another host, "..", encoded or back slashes, NUL bytes. "/" means index.html.
 */
export function lookupAppFile(method: string, rawUrl: string, rootDir: string): AppFileLookup {
  if (!isAbsolute(rootDir)) throw new Error(`renderer root: must be absolute (got "${rootDir}")`);
  if (method !== 'GET' && method !== 'HEAD') return { ok: false, status: 405, reason: `method ${method} not allowed` };
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return { ok: false, status: 400, reason: 'malformed URL' };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return { ok: false, status: 403, reason: `foreign origin ${url.protocol}//${url.host}` };

  const rawPath = url.pathname;
  if (/%2f|%5c|%00/i.test(rawPath) || rawPath.includes('\\')) return { ok: false, status: 400, reason: 'encoded separator in path' };
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    return { ok: false, status: 400, reason: 'malformed percent-encoding' };
  }
  if (path.includes('\0')) return { ok: false, status: 400, reason: 'NUL in path' };
  const segments = path.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '..' || s === '.')) return { ok: false, status: 403, reason: 'dot segment in path' };

  const root = resolve(rootDir);
  const filePath = segments.length === 0 ? resolve(root, 'index.html') : resolve(root, ...segments);
  if (!filePath.startsWith(root + sep)) return { ok: false, status: 403, reason: 'path outside the renderer folder' };
  const contentType = MIME_TYPES[extname(filePath).toLowerCase()];
  if (!contentType) return { ok: false, status: 404, reason: `no such file type ${extname(filePath) || '(none)'}` };
  return { ok: true, filePath, contentType };
}

/** The protocol handler body: a Response for any request of the app scheme. */
export async function serveAppRequest(request: Pick<Request, 'method' | 'url'>, rootDir: string): Promise<Response> {
  const found = lookupAppFile(request.method, request.url, rootDir);
  if (!found.ok) return textResponse(found.status, found.reason);
  try {
    const info = await stat(found.filePath);
    if (!info.isFile()) return textResponse(404, 'not found');
    const body = request.method === 'HEAD' ? null : await readFile(found.filePath);
    return new Response(body, { status: 200, headers: { ...APP_RESPONSE_HEADERS, 'Content-Type': found.contentType } });
  } catch {
    return textResponse(404, 'not found');
  }
}

function textResponse(status: number, text: string): Response {
  return new Response(text, { status, headers: { ...APP_RESPONSE_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
}
