// Client of the ASP setup APIs the console can call for the property (asp-protocol.md §3.5, §3.6,
// §3.8): service providers, their network mapping to the skill, and the desk's contact in an
// address book. Uses the setup credential's tokens. 429/5xx/network failures are retried with
// back-off as Amazon's ASP CLI does; a 401 refreshes the token once. Errors are AspApiError.
import { z } from 'zod';
import type { TokenProvider } from '../auth/lwa.js';
import { text as words, wordsOf, type MessageId, type Text } from '../domain/text.js';
import { nullLogger, redactText, type Logger } from '../log/logger.js';
import { netFetch } from '../net/fetch.js';
import { describeIssues } from '../protocol/messages.js';
import { validateServiceUrl } from '../signaling/regions.js';

export class AspApiError extends Error {
  override readonly name = 'AspApiError';
  /** What it means, in words staff read (the message is the log's English, with Amazon's own text). */
  readonly words: Text;
  constructor(
    /** Amazon's HTTP status; 0 when there was no reply or nothing was sent. */
    readonly status: number,
    message: string,
    words?: Text,
  ) {
    super(message);
    this.words = words ?? refusalWords(status);
  }
}

/** Amazon's answer by its status: not allowed, already there, busy, or refused. */
function refusalWords(status: number): Text {
  if (status === 0) return words('setup.error.unreachable');
  if (status === 401 || status === 403) return words('setup.error.forbidden');
  if (status === 409) return words('setup.error.exists');
  if (status === 429 || status >= 500) return words('setup.error.unavailable');
  return words('setup.error.refused', { status: String(status) });
}

export interface ServiceProvider {
  serviceProviderId: string;
  serviceProviderLogicalId: string | null;
  displayName: { locale?: string; value: string }[];
}

export interface NetworkMapping {
  networkType: string;
  skillId: string | null;
}

export interface AspClient {
  createServiceProvider(input: { logicalId: string; displayName: string; locale?: string }): Promise<{ serviceProviderId: string }>;
  /** null when Amazon does not know the id (404). */
  getServiceProvider(serviceProviderId: string): Promise<ServiceProvider | null>;
  updateServiceProvider(serviceProviderId: string, input: { displayName: string; locale?: string }): Promise<void>;
  deleteServiceProvider(serviceProviderId: string): Promise<void>;
  createNetworkMapping(serviceProviderId: string, skillId: string): Promise<void>;
  /** null when the service provider has no mapping (404). */
  getNetworkMapping(serviceProviderId: string): Promise<NetworkMapping | null>;
  updateNetworkMapping(serviceProviderId: string, skillId: string): Promise<void>;
  deleteNetworkMapping(serviceProviderId: string): Promise<void>;
  /** The desk as a WebRTC contact, so Echo users can say "call <name>". */
  addDeskContact(addressBookId: string, input: { name: string; contactId: string }): Promise<{ contactId: string | null }>;
}

export interface AspClientOptions {
  apiBase: string;
  /** Tokens of the setup credential (setupTokens). */
  tokens: TokenProvider;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  retryDelaysMs?: number[];
  timeoutMs?: number;
  log?: Logger;
}

export const SERVICE_PROVIDERS_PATH = '/v1/communications/serviceProviders';
/** As Amazon's ASP CLI: 2, 3, 5, 8 s between attempts. */
export const DEFAULT_RETRY_DELAYS_MS = [2000, 3000, 5000, 8000];
const DEFAULT_TIMEOUT_MS = 15_000;
const MAX_BODY = 256 * 1024;

const SERVICE_PROVIDER_ID = /^amzn1\.comms\.csp\.id\.[A-Za-z0-9._-]{1,200}$/;
const SKILL_ID = /^amzn1\.ask\.skill\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LOCALE = /^[a-z]{2,3}-[A-Z]{2}$/;
/** Printable ASCII without spaces: ids that go into URL paths. */
const PATH_ID = /^[\x21-\x7e]+$/;

const providerIdSchema = z.string().regex(SERVICE_PROVIDER_ID, 'must look like amzn1.comms.csp.id.<id>');
const createdProviderSchema = z.looseObject({ serviceProviderId: providerIdSchema });
const providerSchema = z.looseObject({
  serviceProviderId: providerIdSchema.optional(),
  serviceProviderLogicalId: z.string().optional(),
  displayName: z.array(z.looseObject({ locale: z.string().optional(), value: z.string() })).optional(),
});
const networkSchema = z.looseObject({
  networkType: z.string().min(1, 'must be a non-empty string'),
  skillConfiguration: z.looseObject({ skillId: z.string().optional() }).optional(),
});
const contactSchema = z.looseObject({ contactId: z.string().optional(), id: z.string().optional() });

type Reply = { status: number; body: unknown };

/** The fields' names as the setup steps label them. */
const FIELD_NAMES: Record<string, MessageId> = {
  logicalId: 'setup.logicalId',
  displayName: 'setup.displayName',
  skillId: 'setup.skillId',
  addressBookId: 'setup.addressBookId',
  name: 'setup.contactName',
};

function invalid(field: string, why: string, problem: MessageId, values: Record<string, number> = {}): AspApiError {
  const name = FIELD_NAMES[field];
  return new AspApiError(0, `${field}: ${why}`, words(problem, { field: name ? words(name) : field, ...values }));
}

function text(value: unknown, field: string, max: number): string {
  if (typeof value !== 'string' || value.trim() === '') throw invalid(field, 'must be a non-empty string', 'link.field.empty');
  const t = value.trim();
  if (t.length > max) throw invalid(field, `must be at most ${max} characters`, 'link.field.tooLong', { max });
  if (/[\u0000-\u001f\u007f]/.test(t)) throw invalid(field, 'must not contain control characters or line breaks', 'setup.field.lineBreaks');
  return t;
}

function providerId(value: unknown): string {
  const id = text(value, 'serviceProviderId', 256);
  if (!SERVICE_PROVIDER_ID.test(id)) throw invalid('serviceProviderId', 'must look like amzn1.comms.csp.id.<id>', 'setup.field.providerIdShape');
  return id;
}

function skillId(value: unknown): string {
  const id = text(value, 'skillId', 100);
  if (!SKILL_ID.test(id)) throw invalid('skillId', 'must look like amzn1.ask.skill.<uuid> (copy it from the Alexa developer console)', 'setup.field.skillIdShape');
  return id;
}

function locale(value: unknown): string {
  if (value === undefined) return 'en-US';
  if (typeof value !== 'string' || !LOCALE.test(value)) throw invalid('locale', 'must look like en-US', 'setup.field.localeShape');
  return value;
}

function pathId(value: unknown, field: string): string {
  const id = text(value, field, 512);
  if (!PATH_ID.test(id)) throw invalid(field, 'must not contain spaces', 'link.field.spaces');
  return encodeURIComponent(id);
}

export function createAspClient(opts: AspClientOptions): AspClient {
  let base: string;
  try {
    base = validateServiceUrl(opts.apiBase, 'ASP API URL').replace(/\/+$/, '');
  } catch (err) {
    throw new AspApiError(0, err instanceof Error ? err.message : String(err), words('setup.error.failed'));
  }
  const delays = opts.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  if (!Array.isArray(delays) || delays.some((d) => typeof d !== 'number' || !Number.isFinite(d) || d < 0)) {
    throw new AspApiError(0, 'retryDelaysMs: must be a list of non-negative numbers of milliseconds', words('setup.error.failed'));
  }
  const fetchFn = opts.fetch ?? netFetch;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const log = opts.log ?? nullLogger;

  /** One request with retries; returns any 2xx reply, and 404 too when `allow404`. */
  async function call(what: string, method: string, path: string, body?: unknown, allow404 = false): Promise<Reply> {
    let refreshedAfter401 = false;
    let retries = 0;
    for (;;) {
      let token: string;
      try {
        token = await opts.tokens.getAccessToken();
      } catch (err) {
        // The setup sign-in's own words: not signed in, expired, not allowed.
        throw new AspApiError(0, `Could not ${what}: ${err instanceof Error ? err.message : String(err)}`, wordsOf(err) ?? words('setup.error.failed'));
      }

      let reply: Reply | null = null;
      let failure: string;
      try {
        reply = await send(method, `${base}${path}`, token, body);
        failure = '';
      } catch (err) {
        failure = `Could not reach Amazon to ${what}: ${networkReason(err)}`;
      }

      if (reply) {
        const { status } = reply;
        if ((status >= 200 && status < 300) || (status === 404 && allow404)) return reply;
        failure = `Amazon refused to ${what} (${status})${errorDetail(reply.body, token)}`;
        if (status === 401 && !refreshedAfter401) {
          refreshedAfter401 = true;
          opts.tokens.invalidate();
          log.info(`ASP API answered 401; refreshing the setup token and retrying once`, { what });
          continue;
        }
        if (status !== 429 && status < 500) throw new AspApiError(status, failure);
      }

      const delay = delays[retries];
      if (delay === undefined) {
        throw new AspApiError(reply?.status ?? 0, retries ? `${failure} (gave up after ${retries + 1} attempts)` : failure);
      }
      log.warn(`${failure}; retrying in ${delay} ms`);
      await sleep(delay);
      retries += 1;
    }
  }

  async function send(method: string, url: string, token: string, body: unknown): Promise<Reply> {
    const headers: Record<string, string> = { Authorization: `Bearer ${token}`, Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetchFn(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const raw = (await response.text()).slice(0, MAX_BODY);
    return { status: response.status, body: parseJson(raw) };
  }

  function checked<T>(schema: z.ZodType<T>, reply: Reply, what: string): T {
    const parsed = schema.safeParse(reply.body);
    if (!parsed.success) {
      throw new AspApiError(reply.status, `Amazon sent an unexpected reply when asked to ${what} (${describeIssues(parsed.error)})`, words('setup.error.unexpectedReply'));
    }
    return parsed.data;
  }

  const providerPath = (id: string) => `${SERVICE_PROVIDERS_PATH}/${encodeURIComponent(providerId(id))}`;

  return {
    async createServiceProvider(input) {
      const what = 'create the service provider';
      const logicalId = text(input?.logicalId, 'logicalId', 256);
      const displayName = text(input?.displayName, 'displayName', 256);
      const body = { serviceProviderLogicalId: logicalId, displayName: [{ locale: locale(input.locale), value: displayName }] };
      const reply = await call(what, 'POST', SERVICE_PROVIDERS_PATH, body);
      const { serviceProviderId } = checked(createdProviderSchema, reply, what);
      log.info('service provider created', { serviceProviderId });
      return { serviceProviderId };
    },

    async getServiceProvider(id) {
      const what = 'read the service provider';
      const path = providerPath(id);
      const reply = await call(what, 'GET', path, undefined, true);
      if (reply.status === 404) return null;
      const data = checked(providerSchema, reply, what);
      return {
        serviceProviderId: data.serviceProviderId ?? id.trim(),
        serviceProviderLogicalId: data.serviceProviderLogicalId ?? null,
        displayName: (data.displayName ?? []).map((d) => (d.locale === undefined ? { value: d.value } : { locale: d.locale, value: d.value })),
      };
    },

    async updateServiceProvider(id, input) {
      const path = providerPath(id);
      const displayName = text(input?.displayName, 'displayName', 256);
      await call('update the service provider', 'PUT', path, { displayName: [{ locale: locale(input.locale), value: displayName }] });
    },

    async deleteServiceProvider(id) {
      await call('delete the service provider', 'DELETE', providerPath(id));
    },

    async createNetworkMapping(id, skill) {
      const path = `${providerPath(id)}/network`;
      await call('map the service provider to the skill', 'POST', path, mappingBody(skillId(skill)));
    },

    async getNetworkMapping(id) {
      const what = 'read the network mapping';
      const reply = await call(what, 'GET', `${providerPath(id)}/network`, undefined, true);
      if (reply.status === 404) return null;
      const data = checked(networkSchema, reply, what);
      return { networkType: data.networkType, skillId: data.skillConfiguration?.skillId ?? null };
    },

    async updateNetworkMapping(id, skill) {
      const path = `${providerPath(id)}/network`;
      await call('update the network mapping', 'PUT', path, mappingBody(skillId(skill)));
    },

    async deleteNetworkMapping(id) {
      await call('delete the network mapping', 'DELETE', `${providerPath(id)}/network`);
    },

    async addDeskContact(addressBookId, input) {
      const what = 'add the desk to the address book';
      const book = pathId(addressBookId, 'addressBookId');
      const name = text(input?.name, 'name', 256);
      const contactId = text(input?.contactId, 'contactId', 256);
      const reply = await call(what, 'POST', `/v1/addressBooks/${book}/contacts`, { contact: { name, providerContact: { id: contactId } } });
      // Amazon's reply body here is not documented: any id it carries is passed on.
      const data = checked(contactSchema.optional(), reply, what);
      return { contactId: data?.contactId ?? data?.id ?? null };
    },
  };
}

function mappingBody(skill: string) {
  return { networkType: 'SKILL', skillConfiguration: { skillId: skill } };
}

function parseJson(raw: string): unknown {
  if (raw.trim() === '') return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

/**
 * ": <Amazon's message>" from an error body, one line, the request's token and anything shaped like
 * a secret masked; nothing for an HTML page or an empty body.
 */
function errorDetail(body: unknown, token: string): string {
  let message: unknown = body;
  if (typeof body === 'object' && body !== null) {
    const b = body as { message?: unknown; Message?: unknown };
    message = b.message ?? b.Message;
  }
  if (typeof message !== 'string') return '';
  const line = redactText(message, [token]).replace(/\s+/g, ' ').trim();
  if (line === '' || line.startsWith('<')) return '';
  return `: ${line.length > 300 ? `${line.slice(0, 300)}…` : line}`;
}

function networkReason(err: unknown): string {
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) return 'no reply in time';
  const code = (err as { cause?: { code?: unknown } } | null)?.cause?.code;
  if (typeof code === 'string' && /^[A-Z_]{2,40}$/.test(code)) return `network error (${code})`;
  return 'network error';
}
