// One JSON object per line, so CloudWatch Logs Insights can filter on type, sessionId and outcome.
// Callers pass only safe fields; anything that may hold a token or SDP is logged at debug level
// and only after redact().

import type { LogLevel } from './config.js';

export type LogFields = Record<string, unknown>;

export interface Logger {
  error(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  debug(msg: string, fields?: LogFields): void;
  readonly level: LogLevel;
}

/** Where a finished line goes; the default writes through console so Lambda tags the level. */
export type LogSink = (level: LogLevel, line: string) => void;

const RANK: Record<LogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3 };

export const consoleSink: LogSink = (level, line) => {
  if (level === 'error') console.error(line);
  else if (level === 'warn') console.warn(line);
  else if (level === 'info') console.info(line);
  else console.debug(line);
};

export function createLogger(level: LogLevel, sink: LogSink = consoleSink): Logger {
  const write = (lineLevel: LogLevel) => (msg: string, fields: LogFields = {}) => {
    if (RANK[lineLevel] > RANK[level]) return;
    sink(lineLevel, JSON.stringify({ level: lineLevel, msg, ...fields }));
  };
  return { level, error: write('error'), warn: write('warn'), info: write('info'), debug: write('debug') };
}

// Keys whose values are credentials wherever they appear in an Alexa envelope or a console reply.
const SECRET_KEYS = new Set([
  'apiaccesstoken',
  'consenttoken',
  'accesstoken',
  'refreshtoken',
  'token',
  'grant',
  'grantee',
  'authorization',
  'client_secret',
  'secret',
]);

/** A deep copy with every credential replaced, for debug logging of whole envelopes. */
export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value === null || typeof value !== 'object') return value;
  const copy: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    copy[key] = SECRET_KEYS.has(key.toLowerCase()) ? '[redacted]' : redact(inner);
  }
  return copy;
}

/** The first `max` characters of a text on one line, marked when cut. */
export function excerpt(text: string, max = 300): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > max ? `${oneLine.slice(0, max)}… (${oneLine.length} chars)` : oneLine;
}
