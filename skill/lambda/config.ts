// The skill's configuration, read once from the Lambda environment and validated so a
// misconfiguration is reported at cold start with the variable's name, not at the first call.

export const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface SkillConfig {
  /** Base URL of the console's webhook, without a trailing slash; events go to `${consoleUrl}/alexa`. */
  consoleUrl: string;
  /** Sent as `Authorization: Bearer <webhookSecret>`. */
  webhookSecret: string;
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
  return {
    consoleUrl: readConsoleUrl(env.CONSOLE_URL),
    webhookSecret: readSecret(env.WEBHOOK_SECRET),
    forwardTimeoutMs: readTimeout(env.FORWARD_TIMEOUT_MS),
    logLevel: readLogLevel(env.LOG_LEVEL),
    outboundCallDirective: readSwitch('OUTBOUND_CALL_DIRECTIVE', env.OUTBOUND_CALL_DIRECTIVE),
  };
}

/** A one-line description that is safe to log: no secret, and only the console's origin. */
export function describeConfig(config: SkillConfig): Record<string, unknown> {
  return {
    console: new URL(config.consoleUrl).origin,
    forwardTimeoutMs: config.forwardTimeoutMs,
    logLevel: config.logLevel,
    outboundCallDirective: config.outboundCallDirective,
  };
}

function readConsoleUrl(raw: string | undefined): string {
  const field = 'CONSOLE_URL';
  if (!raw?.trim()) throw new SkillConfigError(field, 'is required (the console webhook base URL, e.g. https://desk.example.com)');
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
