// Which proxy, if any, a request to Amazon goes through. Hotel and hospital networks often allow
// the internet only through a proxy (set by the OS, by a PAC script, or by hand). The desktop app
// asks Electron's session (OS settings and PAC, or the manual setting applied to the session);
// headless mode reads HTTPS_PROXY / HTTP_PROXY / NO_PROXY. The request code (./agents.ts) asks the
// current resolver for each origin and remembers the answer briefly.
export type ProxyRoute = { kind: 'direct' } | { kind: 'proxy'; host: string; port: number; auth: string | null };
export type ProxyResolver = (target: URL) => ProxyRoute | Promise<ProxyRoute>;

export const DIRECT: ProxyRoute = Object.freeze({ kind: 'direct' });

/** `http://user:pass@host:port`, `host:port` → a proxy route; null when it is not a usable address. */
export function proxyFromAddress(address: string): ProxyRoute | null {
  const text = /^[a-z][a-z0-9+.-]*:\/\//i.test(address.trim()) ? address.trim() : `http://${address.trim()}`;
  if (!URL.canParse(text)) return null;
  const url = new URL(text);
  if (url.protocol !== 'http:' || !url.hostname) return null; // HTTPS/SOCKS proxies are not supported
  const auth = url.username ? `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}` : null;
  return { kind: 'proxy', host: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port || 80), auth };
}

/**
 * A NO_PROXY list (commas or spaces): `*`, host names (`example.com` also covers its subdomains,
 * as does `.example.com` and `*.example.com`), `host:port`, IPv4 addresses and CIDR ranges.
 */
export function bypassMatcher(list: string): (target: URL) => boolean {
  const entries = list
    .split(/[\s,]+/)
    .map((e) => e.trim().toLowerCase())
    .filter(Boolean);
  return (target) => {
    const host = target.hostname.toLowerCase().replace(/^\[|\]$/g, '');
    const port = target.port || (target.protocol === 'https:' ? '443' : '80');
    return entries.some((entry) => {
      if (entry === '*' || (entry === '<local>' && !host.includes('.'))) return true;
      const cidr = /^(\d+\.\d+\.\d+\.\d+)\/(\d{1,2})$/.exec(entry);
      if (cidr) return inCidr(host, cidr[1]!, Number(cidr[2]));
      const [name, entryPort] = entry.includes(':') && !entry.includes('::') ? entry.split(':') : [entry, undefined];
      if (entryPort && entryPort !== port) return false;
      const bare = name!.replace(/^\*?\./, '');
      return host === bare || host.endsWith(`.${bare}`);
    });
  };
}

function inCidr(host: string, base: string, bits: number): boolean {
  const toNumber = (ip: string) => {
    const parts = ip.split('.').map(Number);
    return parts.length === 4 && parts.every((p) => Number.isInteger(p) && p >= 0 && p <= 255) ? parts.reduce((n, p) => n * 256 + p, 0) : null;
  };
  const a = toNumber(host);
  const b = toNumber(base);
  if (a === null || b === null || bits > 32) return false;
  const size = 2 ** (32 - bits);
  return Math.floor(a / size) === Math.floor(b / size);
}

/** This computer: never through a proxy (it could not reach our loopback anyway), as in Chromium. */
function isLoopback(target: URL): boolean {
  const host = target.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** Headless mode: the proxy variables of the environment, as curl and most tools read them (loopback always direct). */
export function envProxyResolver(env: NodeJS.ProcessEnv): ProxyResolver {
  const pick = (...names: string[]) => names.map((n) => env[n]).find((v) => v?.trim());
  const https = pick('HTTPS_PROXY', 'https_proxy', 'ALL_PROXY', 'all_proxy');
  const http = pick('HTTP_PROXY', 'http_proxy', 'ALL_PROXY', 'all_proxy');
  const bypass = bypassMatcher(pick('NO_PROXY', 'no_proxy') ?? '');
  const routes = { 'https:': https ? proxyFromAddress(https) : null, 'http:': http ? proxyFromAddress(http) : null };
  return (target) => {
    const route = routes[target.protocol as 'https:' | 'http:'];
    return route && !bypass(target) && !isLoopback(target) ? route : DIRECT;
  };
}

/** The manual proxy setting: this server, except for the hosts in `bypass`. */
export function manualProxyResolver(server: string, bypass: string): ProxyResolver {
  const route = proxyFromAddress(server);
  const skip = bypassMatcher(bypass);
  return (target) => (route && !skip(target) && !isLoopback(target) ? route : DIRECT);
}

/**
 * A PAC-style answer (what Electron's session.resolveProxy returns): `PROXY host:port; DIRECT`.
 * The first entry this console can use wins; SOCKS and HTTPS proxies are skipped.
 */
export function routeFromPac(answer: string): ProxyRoute {
  for (const entry of answer.split(';').map((e) => e.trim()).filter(Boolean)) {
    const [kind, address] = entry.split(/\s+/);
    if (kind?.toUpperCase() === 'DIRECT') return DIRECT;
    if (kind?.toUpperCase() === 'PROXY' && address) {
      const route = proxyFromAddress(address);
      if (route) return route;
    }
  }
  return DIRECT;
}

/** The proxy setting as plain Node follows it (headless mode): `system` is the environment's. */
export interface ProxySetting {
  mode: 'system' | 'manual' | 'direct';
  server: string | null;
  bypass: string;
}

export function nodeProxyResolver(setting: ProxySetting, env: NodeJS.ProcessEnv): ProxyResolver {
  if (setting.mode === 'direct') return () => DIRECT;
  if (setting.mode === 'manual' && setting.server) return manualProxyResolver(setting.server, setting.bypass);
  return envProxyResolver(env);
}

// ---- the resolver in use ---------------------------------------------------------------------

const CACHE_MS = 30_000;
let current: ProxyResolver = envProxyResolver(process.env);
let cache = new Map<string, { route: ProxyRoute; until: number }>();

/** Use this resolver from now on (settings changed, or the desktop shell took over). */
export function setProxyResolver(resolver: ProxyResolver): void {
  current = resolver;
  cache = new Map();
}

/** The route to `target`'s origin: the answer is kept for 30 s (a PAC script is not run per message). */
export async function proxyRouteFor(target: URL): Promise<ProxyRoute> {
  const cached = cache.get(target.origin);
  if (cached && cached.until > Date.now()) return cached.route;
  // A PAC script that cannot be fetched or run: go direct, as Chromium does.
  const route = await Promise.resolve()
    .then(() => current(target))
    .catch(() => DIRECT);
  cache.set(target.origin, { route, until: Date.now() + CACHE_MS });
  return route;
}

/** Synchronously, when already known: the signaling hot path skips a promise turn when it can. */
export function cachedProxyRoute(target: URL): ProxyRoute | undefined {
  const cached = cache.get(target.origin);
  return cached && cached.until > Date.now() ? cached.route : undefined;
}
