// Kept-alive connections to Amazon, direct or through a proxy: https through a CONNECT tunnel
// (TLS end to end, the proxy sees only the host name), http in the proxy's absolute form. One
// agent per proxy, so a tunnel is reused like any kept-alive connection.
import { Agent as HttpAgent, request as httpRequest, type RequestOptions } from 'node:http';
import { Agent as HttpsAgent, type AgentOptions } from 'node:https';
import type { Duplex } from 'node:stream';
import { connect as tlsConnect, type ConnectionOptions } from 'node:tls';
import type { ProxyRoute } from './proxy.js';

const POOL = { keepAlive: true, maxSockets: 32 };
const direct = { 'http:': new HttpAgent(POOL), 'https:': new HttpsAgent(POOL) };
const viaProxy = new Map<string, HttpAgent>();

/** Why the proxy would not carry a request: its answer to CONNECT, or no answer. */
export class ProxyError extends Error {
  constructor(
    readonly code: 'EPROXYAUTH' | 'EPROXY',
    message: string,
  ) {
    super(message);
  }
}

/** A tunnel per connection: CONNECT host:port through the proxy, then TLS to the host. */
class TunnelAgent extends HttpsAgent {
  constructor(private readonly proxy: Extract<ProxyRoute, { kind: 'proxy' }>, options: AgentOptions) {
    super(options);
  }

  override createConnection(options: ConnectionOptions & { host?: string; port?: number }, done: (err: Error | null, socket?: Duplex) => void): undefined {
    const target = `${options.host}:${options.port ?? 443}`;
    const connect = httpRequest({
      host: this.proxy.host,
      port: this.proxy.port,
      method: 'CONNECT',
      path: target,
      agent: false,
      headers: { host: target, ...proxyAuthorization(this.proxy) },
    });
    connect.once('connect', (res, socket) => {
      if (res.statusCode !== 200) {
        socket.destroy();
        const code = res.statusCode === 407 ? 'EPROXYAUTH' : 'EPROXY';
        done(new ProxyError(code, `the proxy ${this.proxy.host}:${this.proxy.port} refused the connection to ${target} (HTTP ${res.statusCode})`));
        return;
      }
      const tls = tlsConnect({ ...options, socket, servername: options.servername ?? options.host });
      done(null, tls);
    });
    connect.once('error', (e) => done(e));
    connect.end();
    return undefined;
  }
}

function proxyAuthorization(proxy: Extract<ProxyRoute, { kind: 'proxy' }>): Record<string, string> {
  return proxy.auth ? { 'Proxy-Authorization': `Basic ${Buffer.from(proxy.auth).toString('base64')}` } : {};
}

/** Options for node:http(s).request to `target` along `route`. */
export function requestOptions(target: URL, route: ProxyRoute): RequestOptions & { secure: boolean } {
  const secure = target.protocol === 'https:';
  const base = { hostname: target.hostname.replace(/^\[|\]$/g, ''), port: target.port || (secure ? 443 : 80), path: `${target.pathname}${target.search}` };
  if (route.kind === 'direct') return { ...base, secure, agent: direct[secure ? 'https:' : 'http:'] };
  const key = `${secure ? 'tunnel' : 'forward'} ${route.host}:${route.port} ${route.auth ?? ''}`;
  let agent = viaProxy.get(key);
  if (!agent) {
    agent = secure ? new TunnelAgent(route, POOL) : new HttpAgent(POOL);
    viaProxy.set(key, agent);
  }
  if (secure) return { ...base, secure, agent };
  // Plain http: ask the proxy for the absolute URL.
  return { hostname: route.host, port: route.port, path: target.href, secure, agent, headers: { host: target.host, ...proxyAuthorization(route) } };
}
