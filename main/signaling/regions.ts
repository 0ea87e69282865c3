// Where the console talks to Amazon: the Alexa API base per region and the LWA token endpoint,
// with validated overrides (tests and the simulator point them at loopback over plain http).

export const REGIONS = ['NA', 'EU', 'FE'] as const;
export type Region = (typeof REGIONS)[number];

export const ALEXA_API_BASES: Readonly<Record<Region, string>> = {
  NA: 'https://api.amazonalexa.com',
  EU: 'https://api.eu.amazonalexa.com',
  FE: 'https://api.fe.amazonalexa.com',
};

export const LWA_TOKEN_URL = 'https://api.amazon.com/auth/o2/token';

/** The Alexa API base (no trailing slash) for a region, or the validated override. */
export function resolveAlexaApiBase(region: string = 'NA', override?: string): string {
  if (override !== undefined) return validateServiceUrl(override, 'Alexa API URL').replace(/\/+$/, '');
  if (!(REGIONS as readonly string[]).includes(region)) {
    throw new Error(`region: must be one of ${REGIONS.join(', ')} (got "${region.slice(0, 20)}")`);
  }
  return ALEXA_API_BASES[region as Region];
}

/** The LWA token endpoint, or the validated override. */
export function resolveLwaTokenUrl(override?: string): string {
  return override === undefined ? LWA_TOKEN_URL : validateServiceUrl(override, 'LWA token URL');
}

/**
 * Accepts https URLs, and http only for loopback hosts: bearer tokens and client secrets travel to
 * these URLs, so they must never cross a network in clear text. No user:password, query or fragment.
 */
export function validateServiceUrl(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new Error(`${what}: must be a non-empty URL`);
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new Error(`${what}: "${value.slice(0, 200)}" is not a valid URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`${what}: must start with https:// (got ${url.protocol})`);
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new Error(`${what}: plain http is only allowed for this computer (127.0.0.1, ::1, localhost); use https://`);
  }
  if (url.username || url.password) throw new Error(`${what}: must not contain a user name or password`);
  if (url.search || url.hash) throw new Error(`${what}: must not contain a query (?) or fragment (#)`);
  return url.href;
}

/** 127.0.0.0/8, ::1 and localhost (also in URL form: "[::1]"). */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h) || h === '::ffff:127.0.0.1';
}
