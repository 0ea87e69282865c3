import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lookupAppFile, serveAppRequest } from '../../main/shell/app-protocol.js';
import { RENDERER_CSP } from '../../main/shell/security.js';

let base: string;
let root: string;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'shell-protocol-'));
  root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>desk</title>');
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(root, 'assets', 'room 1.css'), 'body{}');
  writeFileSync(join(base, 'secret.txt'), 'outside the renderer');
  writeFileSync(join(base, 'renderer-evil.txt'), 'sibling folder with a shared prefix');
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

const get = (url: string) => serveAppRequest({ method: 'GET', url }, root);

describe('serveAppRequest', () => {
  it('serves index.html for the entry URL with the CSP and nosniff headers', async () => {
    const res = await get('app://desk/index.html');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(RENDERER_CSP);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain('<title>desk</title>');
  });

  it('serves index.html for "/"', async () => {
    const res = await get('app://desk/');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>desk</title>');
  });

  it('serves assets with their type, ignoring query and hash', async () => {
    const res = await get('app://desk/assets/index-abc.js?v=2#x');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await res.text()).toBe('console.log(1)');
  });

  it('decodes percent-encoded names', async () => {
    const res = await get('app://desk/assets/room%201.css');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('answers 404 for a missing file and for a folder, still with the CSP', async () => {
    const missing = await get('app://desk/nope.js');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-security-policy')).toBe(RENDERER_CSP);
    expect((await get('app://desk/assets')).status).toBe(404);
  });

  it.each([
    'app://desk/%2e%2e/secret.txt',
    'app://desk/assets/..%2f..%2fsecret.txt',
    'app://desk/..%5csecret.txt',
    'app://desk/assets%2f..%2f..%2fsecret.txt',
    'app://desk/%00index.html',
    'app://desk/../renderer-evil.txt',
  ])('never serves anything outside the renderer folder: %s', async (url) => {
    const res = await get(url);
    expect(res.status).not.toBe(200);
    const text = await res.text();
    expect(text).not.toContain('outside the renderer');
    expect(text).not.toContain('shared prefix');
  });

  it('refuses another host of the scheme', async () => {
    expect((await get('app://other/index.html')).status).toBe(403);
  });

  it('refuses methods other than GET and HEAD', async () => {
    const res = await serveAppRequest({ method: 'POST', url: 'app://desk/index.html' }, root);
    expect(res.status).toBe(405);
  });

  it('answers HEAD without a body', async () => {
    const res = await serveAppRequest({ method: 'HEAD', url: 'app://desk/index.html' }, root);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  });
});

describe('lookupAppFile', () => {
  it('maps a path under the root', () => {
    expect(lookupAppFile('GET', 'app://desk/assets/a.js', resolve('/srv/r'))).toEqual({ ok: true, filePath: resolve('/srv/r', 'assets', 'a.js'), contentType: 'text/javascript; charset=utf-8' });
  });

  it('refuses file types it does not know (no guessing)', () => {
    expect(lookupAppFile('GET', 'app://desk/app.exe', resolve('/srv/r'))).toMatchObject({ ok: false, status: 404 });
  });

  it('refuses a malformed percent-encoding', () => {
    expect(lookupAppFile('GET', 'app://desk/%E0%A4%A.js', resolve('/srv/r'))).toMatchObject({ ok: false, status: 400 });
  });

  it('requires an absolute root', () => {
    expect(() => lookupAppFile('GET', 'app://desk/index.html', 'relative/root')).toThrow(/renderer root: must be absolute/);
  });
});
