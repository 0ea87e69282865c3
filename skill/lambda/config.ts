// The skill's configuration, read once from the Lambda environment and validated so a
// misconfiguration is reported at cold start with the variable's name, not at the first call.

export const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Property mode: the property's NATS server the skill publishes to (every desk of the property subscribes). */
export interface BrokerTarget {
  /** nats://, tls://, or (on a Node runtime with WebSocket, 22+) wss:// / ws://. */
  url: string;
  /** Letters, digits, "-" and "_": the property's id, shared with its desks. */
  property: string;
  /** The text of a NATS .creds file, or a token; null when the server needs neither. */
  credential: { kind: 'creds'; text: string } | { kind: 'token'; token: string } | null;
}

/** One of the two ways to reach the desks is configured: the console's webhook, or the property's broker. */
export interface SkillConfig {
  /** Base URL of the console's webhook, without a trailing slash; events go to `${consoleUrl}/alexa`. Null in property mode. */
  consoleUrl: string | null;
  /** Sent as `Authorization: Bearer <webhookSecret>`. Null in property mode. */
  webhookSecret: string | null;
  /** Property mode: publish to the property's broker instead; null when the webhook is used. */
  broker: BrokerTarget | null;
  /** How long one forward may take before the skill answers Alexa without the console. */
  forwardTimeoutMs: number;
  logLevel: LogLevel;
  /** Answer InitiateOutboundCall with the `providerSessionId` directive instead of an empty response. */
  outboundCallDirective: boolean;
}

export type SkillEnv = Readonly<Record<string, string | undefined>>;

export const DEFAULT_FORWARD_TIMEOUT_MS = 4000;
// Alexa gives a skill about 8 s; a cold start and the reply itself need part of that.
export const MAX_FORWARD_TIMEOUT_MS = 6000;
export const MIN_FORWARD_TIMEOUT_MS = 100;
export const MIN_SECRET_LENGTH = 16;

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export class SkillConfigError extends Error {
  constructor(
    readonly field: string,
    reason: string,
  ) {
    super(`${field}: ${reason}`);
    this.name = 'SkillConfigError';
  }
}

/** Builds the configuration from environment variables; throws SkillConfigError naming the variable. */
export function loadConfig(env: SkillEnv): SkillConfig {
  const broker = readBroker(env);
  if (broker && (env.CONSOLE_URL?.trim() || env.WEBHOOK_SECRET)) {
    throw new SkillConfigError('CONSOLE_URL', 'set either CONSOLE_URL and WEBHOOK_SECRET (one desk) or BROKER_URL and PROPERTY_ID (property mode), not both');
  }
  return {
    consoleUrl: broker ? null : readConsoleUrl(env.CONSOLE_URL),
    webhookSecret: broker ? null : readSecret(env.WEBHOOK_SECRET),
    broker,
    forwardTimeoutMs: readTimeout(env.FORWARD_TIMEOUT_MS),
    logLevel: readLogLevel(env.LOG_LEVEL),
    outboundCallDirective: readSwitch('OUTBOUND_CALL_DIRECTIVE', env.OUTBOUND_CALL_DIRECTIVE),
  };
}

/** A one-line description that is safe to log: no secret, and only the console's origin. */
export function describeConfig(config: SkillConfig): Record<string, unknown> {
  return {
    ...(config.broker
      ? { broker: `${new URL(config.broker.url).protocol}//${new URL(config.broker.url).host}`, property: config.broker.property }
      : { console: new URL(config.consoleUrl!).origin }),
    forwardTimeoutMs: config.forwardTimeoutMs,
    logLevel: config.logLevel,
    outboundCallDirective: config.outboundCallDirective,
  };
}

function readConsoleUrl(raw: string | undefined): string {
  const field = 'CONSOLE_URL';
  if (!raw?.trim()) {
    throw new SkillConfigError(field, 'is required (the console webhook base URL, e.g. https://desk.example.com), unless BROKER_URL and PROPERTY_ID are set for property mode');
  }
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new SkillConfigError(field, 'is not a valid URL');
  }
  const loopback = LOOPBACK_HOSTS.has(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new SkillConfigError(field, 'must use https:// (plain http is accepted only for a loopback host)');
  }
  if (url.username || url.password) throw new SkillConfigError(field, 'must not contain user credentials');
  if (url.search || url.hash) throw new SkillConfigError(field, 'must not contain a query or a fragment');
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

function readSecret(raw: string | undefined): string {
  const field = 'WEBHOOK_SECRET';
  if (!raw) throw new SkillConfigError(field, 'is required (the console webhook secret)');
  // Printable ASCII without spaces, so it can travel in an HTTP header unchanged.
  if (!/^[\x21-\x7e]+$/.test(raw)) throw new SkillConfigError(field, 'must be printable ASCII without spaces');
  if (raw.length < MIN_SECRET_LENGTH) throw new SkillConfigError(field, `must be at least ${MIN_SECRET_LENGTH} characters`);
  return raw;
}

const BROKER_SCHEMES = ['nats:', 'tls:', 'ws:', 'wss:'];

function readBroker(env: SkillEnv): BrokerTarget | null {
  const rawUrl = env.BROKER_URL?.trim();
  const property = env.PROPERTY_ID?.trim();
  if (!rawUrl && !property) return null;
  if (!rawUrl) throw new SkillConfigError('BROKER_URL', 'is required with PROPERTY_ID (the property server, e.g. tls://nats.example.com:4222)');
  if (!property) throw new SkillConfigError('PROPERTY_ID', 'is required with BROKER_URL (the property id its desks use)');
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new SkillConfigError('BROKER_URL', 'is not a valid URL');
  }
  if (!BROKER_SCHEMES.includes(url.protocol)) throw new SkillConfigError('BROKER_URL', 'must start with nats://, tls://, ws:// or wss://');
  if ((url.protocol === 'ws:' || url.protocol === 'wss:') && typeof (globalThis as { WebSocket?: unknown }).WebSocket !== 'function') {
    throw new SkillConfigError('BROKER_URL', 'ws:// and wss:// need a Node runtime with WebSocket (nodejs22.x); use tls:// or upgrade the runtime');
  }
  if (url.search || url.hash) throw new SkillConfigError('BROKER_URL', 'must not contain a query or a fragment');
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(property)) throw new SkillConfigError('PROPERTY_ID', 'must be 1-64 letters, digits, "-" or "_"');
  const creds = env.BROKER_CREDS?.trim();
  const token = env.BROKER_TOKEN?.trim();
  if (creds && token) throw new SkillConfigError('BROKER_CREDS', 'set BROKER_CREDS or BROKER_TOKEN, not both');
  if (creds && !/-----BEGIN NATS USER JWT-----/.test(creds)) throw new SkillConfigError('BROKER_CREDS', 'must be the text of a NATS .creds file');
  return { url: rawUrl.replace(/\/+$/, ''), property, credential: creds ? { kind: 'creds', text: creds } : token ? { kind: 'token', token } : null };
}

function readTimeout(raw: string | undefined): number {
  const field = 'FORWARD_TIMEOUT_MS';
  if (raw === undefined || raw.trim() === '') return DEFAULT_FORWARD_TIMEOUT_MS;
  const value = Number(raw.trim());
  if (!Number.isInteger(value) || value < MIN_FORWARD_TIMEOUT_MS || value > MAX_FORWARD_TIMEOUT_MS) {
    throw new SkillConfigError(field, `must be an integer number of milliseconds from ${MIN_FORWARD_TIMEOUT_MS} to ${MAX_FORWARD_TIMEOUT_MS}`);
  }
  return value;
}

function readLogLevel(raw: string | undefined): LogLevel {
  const field = 'LOG_LEVEL';
  if (raw === undefined || raw.trim() === '') return 'info';
  const value = raw.trim().toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(value)) throw new SkillConfigError(field, `must be one of ${LOG_LEVELS.join(', ')}`);
  return value as LogLevel;
}

function readSwitch(field: string, raw: string | undefined): boolean {
  if (raw === undefined || raw.trim() === '') return false;
  const value = raw.trim().toLowerCase();
  if (value === 'on') return true;
  if (value === 'off') return false;
  throw new SkillConfigError(field, 'must be "on" or "off"');
}
