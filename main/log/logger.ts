// The one logging interface of the main process, a console implementation, redact() and
// redactText(): logs must never hold tokens or secrets, and hold SDP bodies only at debug level.

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Implementations pass `data` through redact() before writing it anywhere. */
export interface Logger {
  debug(msg: string, data?: object): void;
  info(msg: string, data?: object): void;
  warn(msg: string, data?: object): void;
  error(msg: string, data?: object): void;
}

export const REDACTED = '[redacted]';

const SECRET_KEY = /token|secret|authorization|password|code/i;
const SDP_KEY = /sdp/i;
const MAX_DEPTH = 8;

/**
 * A copy of `value` where every property whose key looks secret (token, secret, authorization,
 * password, code) is replaced by "[redacted]"; keys mentioning sdp too, unless `level` is debug.
 */
export function redact(value: unknown, level: LogLevel = 'info'): unknown {
  return redactAt(value, level === 'debug', 0, new WeakSet());
}

function redactAt(value: unknown, keepSdp: boolean, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (value instanceof Error) return { name: value.name, message: value.message };
  if (seen.has(value)) return '[circular]';
  if (depth >= MAX_DEPTH) return '[nested too deep]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => redactAt(v, keepSdp, depth + 1, seen));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const hidden = SECRET_KEY.test(key) || (!keepSdp && SDP_KEY.test(key));
    out[key] = hidden ? REDACTED : redactAt(v, keepSdp, depth + 1, seen);
  }
  return out;
}

/**
 * Text with secrets masked: `known` values wherever they appear (the token a request carried, a
 * client secret), and the shapes a secret has in free text: bearer tokens, LWA tokens (Atza|…,
 * Atzr|…), LWA client secrets (amzn1.oa2-cs.…), `secret=…` pairs and `"token": "…"` members.
 * For anything received from outside (Alexa's or LWA's error text) before it is logged or shown.
 */
export function redactText(text: string, known: readonly (string | null | undefined)[] = []): string {
  let out = text;
  for (const value of known) {
    // Short values would mask ordinary words; secrets are long.
    if (value && value.length >= 8) out = out.split(value).join(REDACTED);
  }
  return out
    .replace(/(Bearer\s+)[^\s"',;]+/gi, `$1${REDACTED}`)
    .replace(/Atz[a-z]\|[^\s"',;]+/g, REDACTED)
    .replace(/amzn1\.oa2-cs\.[^\s"',;]+/g, REDACTED)
    .replace(/\b((?:client_secret|refresh_token|access_token|code|secret|password)=)[^&\s"';]+/gi, `$1${REDACTED}`)
    .replace(/("(?:client_secret|refresh_token|access_token|token|secret|password|code)"\s*:\s*")[^"]*"/gi, `$1${REDACTED}"`);
}

/** Lines go to stderr so stdout stays free for the one machine-readable ready line. */
export function consoleLogger(
  level: LogLevel = 'info',
  write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Logger {
  const threshold = LOG_LEVELS.indexOf(level);
  if (threshold < 0) throw new Error(`log level: must be one of ${LOG_LEVELS.join(', ')} (got "${String(level)}")`);
  const at =
    (lineLevel: LogLevel) =>
    (msg: string, data?: object): void => {
      if (LOG_LEVELS.indexOf(lineLevel) < threshold) return;
      const extra = data === undefined ? '' : ` ${safeJson(redact(data, level))}`;
      // Messages are free text and may quote what Alexa or LWA sent: masked as well.
      write(redactText(`${new Date().toISOString()} ${lineLevel.toUpperCase()} ${msg}${extra}`));
    };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return '"[unserializable]"';
  }
}

export const nullLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
};
