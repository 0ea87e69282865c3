// A real HTTP proxy for tests, as hotel networks run them: CONNECT tunnels for https (it sees only
// host:port), absolute-URL forwarding for plain http, optional Basic authentication (407). Host
// names are looked up in `hosts` first, so the console can reach names only the proxy knows.
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';

export interface TestProxy {
  url: string;
  port: number;
  /** `host:port` of every CONNECT, and the absolute URLs forwarded. */
  seen: string[];
  close(): Promise<void>;
}

export async function startConnectProxy(opts: { hosts?: Record<string, string>; auth?: string } = {}): Promise<TestProxy> {
  const seen: string[] = [];
  const route = (host: string) => opts.hosts?.[host] ?? host;
  const authorized = (header: string | undefined) => !opts.auth || header === `Basic ${Buffer.from(opts.auth).toString('base64')}`;
  const server: Server = createServer((req, res) => {
    seen.push(req.url ?? '');
    if (!authorized(req.headers['proxy-authorization'])) return void res.writeHead(407, { 'Proxy-Authenticate': 'Basic' }).end();
    const target = new URL(req.url ?? '');
    const upstream = request({ host: route(target.hostname), port: target.port || 80, path: `${target.pathname}${target.search}`, method: req.method, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  server.on('connect', (req, client, head) => {
    seen.push(req.url ?? '');
    if (!authorized(req.headers['proxy-authorization'])) return void client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic\r\n\r\n');
    const [host, port] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), route(host!), () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n'));
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    seen,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
