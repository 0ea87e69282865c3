// Calls to Amazon through a proxy, against a real CONNECT proxy on loopback: the headless console
// started with HTTPS_PROXY reaches "Amazon" (the simulated Alexa behind TLS as alexa.test, a name
// only the proxy can resolve) for its token and its signaling, the proxy sees only host:port, and
// NO_PROXY sends a host around it. Then the manual proxy setting and a proxy that wants a password.
import { readFileSync } from 'node:fs';
import { createServer as createHttpsServer, type Server } from 'node:https';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { DIRECT, envProxyResolver, manualProxyResolver, routeFromPac, setProxyResolver } from '../../main/net/proxy.js';
import { netFetch } from '../../main/net/fetch.js';
import { startSimAlexa, type SimAlexa } from '../../main/sim/alexa-cloud.js';
import { startConnectProxy, type TestProxy } from '../support/connect-proxy.js';
import { freePort } from '../support/desk-with-sim.js';
import { startHeadless, type Headless } from '../support/headless-process.js';

const tls = (name: string) => fileURLToPath(new URL(`../fixtures/tls/${name}`, import.meta.url));
const NS = 'Alexa.Comms.CallSignaling.';

/** "Amazon" over TLS: https://alexa.test in front of the simulated Alexa's plain-http endpoints. */
async function tlsFront(upstream: string): Promise<{ server: Server; port: number }> {
  const target = new URL(upstream);
  const server = createHttpsServer({ key: readFileSync(tls('alexa.test.key')), cert: readFileSync(tls('alexa.test.pem')) }, (req, res) => {
    const up = httpRequest({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: { ...req.headers, host: target.host } }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    req.pipe(up);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

let cleanup: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
  setProxyResolver(envProxyResolver({}));
});

describe('headless mode behind a proxy (HTTPS_PROXY)', () => {
  it('gets its token and sends signaling through the proxy', async () => {
    const webhookPort = await freePort();
    const sim: SimAlexa = await startSimAlexa({ webhookUrl: `http://127.0.0.1:${webhookPort}` });
    cleanup.push(() => sim.close());
    const front = await tlsFront(sim.apiBase);
    cleanup.push(() => new Promise((r) => front.server.close(r)));
    const proxy: TestProxy = await startConnectProxy({ hosts: { 'alexa.test': '127.0.0.1' } });
    cleanup.push(() => proxy.close());
    const room = sim.addRoom({ address: 'echo-101', addressType: 'RAW_ADDRESS', name: 'Room 101' });
    const base = `https://alexa.test:${front.port}`;
    const lwaPath = new URL(sim.tokenUrl).pathname;

    const desk: Headless = await startHeadless(['--webhook-port', String(webhookPort), '--alexa-api', base, '--lwa-token-url', `${base}${lwaPath}`, '--auto-answer', 'off'], {
      HTTPS_PROXY: proxy.url,
      NO_PROXY: 'localhost,127.0.0.1',
      NODE_EXTRA_CA_CERTS: tls('ca.pem'),
      DESK_LWA_CLIENT_ID: sim.credentials.clientId,
      DESK_LWA_CLIENT_SECRET: sim.credentials.clientSecret,
      DESK_LWA_REFRESH_TOKEN: sim.credentials.refreshToken,
    });
    cleanup.push(() => desk.stop());

    const sessionId = await room.callDesk();
    await sim.waitFor((m) => m.type === `${NS}CallRinging` && m.sessionId === sessionId, 10_000);
    expect(proxy.seen).toContain(`alexa.test:${front.port}`);
    expect(proxy.seen.every((s) => s === `alexa.test:${front.port}`)).toBe(true); // only host:port, never a path or token
  });
});

describe('the proxy resolvers', () => {
  it('NO_PROXY and the manual bypass list send hosts around the proxy', () => {
    const env = envProxyResolver({ HTTPS_PROXY: 'http://proxy.hotel.local:3128', NO_PROXY: '.hotel.local, 10.0.0.0/8, api.example.com:8443' });
    expect(env(new URL('https://api.amazonalexa.com/v1'))).toEqual({ kind: 'proxy', host: 'proxy.hotel.local', port: 3128, auth: null });
    expect(env(new URL('https://desk.hotel.local/'))).toBe(DIRECT);
    expect(env(new URL('https://10.20.30.40/'))).toBe(DIRECT);
    expect(env(new URL('https://api.example.com:8443/'))).toBe(DIRECT);
    expect(env(new URL('https://api.example.com/'))).not.toBe(DIRECT);
    expect(env(new URL('http://plain.example.com/'))).toBe(DIRECT); // no HTTP_PROXY
    expect(env(new URL('https://127.0.0.1:8321/health'))).toBe(DIRECT); // this computer: never proxied
    expect(env(new URL('https://localhost/'))).toBe(DIRECT);
    expect(env(new URL('https://[::1]:9/'))).toBe(DIRECT);
    const manual = manualProxyResolver('proxy.hotel.local:8080', '*.amazon.com');
    expect(manual(new URL('https://api.amazon.com/auth/o2/token'))).toBe(DIRECT);
    expect(manual(new URL('https://api.amazonalexa.com/'))).toMatchObject({ kind: 'proxy', port: 8080 });
  });

  it('reads what Electron resolves from the OS settings or a PAC script', () => {
    expect(routeFromPac('PROXY proxy.hotel.local:3128; DIRECT')).toEqual({ kind: 'proxy', host: 'proxy.hotel.local', port: 3128, auth: null });
    expect(routeFromPac('SOCKS5 socks.local:1080; PROXY p2:8080')).toMatchObject({ kind: 'proxy', host: 'p2' });
    expect(routeFromPac('DIRECT')).toBe(DIRECT);
    expect(routeFromPac('')).toBe(DIRECT);
  });

  it('through the manual setting, a proxy that wants a password says so, and one with it carries the request', async () => {
    const port = await freePort();
    const sim = await startSimAlexa({ webhookUrl: `http://127.0.0.1:${port}` });
    cleanup.push(() => sim.close());
    const proxy = await startConnectProxy({ hosts: { 'lwa.test': '127.0.0.1' }, auth: 'desk:s3cret' });
    cleanup.push(() => proxy.close());
    const url = `http://lwa.test:${new URL(sim.apiBase).port}/health`;

    setProxyResolver(manualProxyResolver(`127.0.0.1:${proxy.port}`, ''));
    expect((await netFetch(url)).status).toBe(407);
    setProxyResolver(manualProxyResolver(`http://desk:s3cret@127.0.0.1:${proxy.port}`, ''));
    expect((await netFetch(url)).status).not.toBe(407);
    expect(proxy.seen).toEqual([url, url]);
  });
});
