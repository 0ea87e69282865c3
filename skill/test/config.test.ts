// Configuration from the Lambda environment: defaults, named errors, and the cold-start log line.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_FORWARD_TIMEOUT_MS, SkillConfigError, describeConfig, loadConfig } from '../lambda/config.js';
import { SECRET, fixture } from './helpers.js';

const valid = { CONSOLE_URL: 'https://desk.example.com/', WEBHOOK_SECRET: SECRET };

function errorFor(env: Record<string, string | undefined>): SkillConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof SkillConfigError) return error;
    throw error;
  }
  throw new Error('expected a SkillConfigError');
}

describe('loadConfig', () => {
  it('applies the defaults and drops a trailing slash', () => {
    expect(loadConfig(valid)).toEqual({
      consoleUrl: 'https://desk.example.com',
      webhookSecret: SECRET,
      broker: null,
      forwardTimeoutMs: DEFAULT_FORWARD_TIMEOUT_MS,
      logLevel: 'info',
      outboundCallDirective: false,
    });
  });

  it('reads every variable', () => {
    const config = loadConfig({ ...valid, CONSOLE_URL: 'https://desk.example.com:8443/hotel', FORWARD_TIMEOUT_MS: '2500', LOG_LEVEL: 'DEBUG', OUTBOUND_CALL_DIRECTIVE: 'on' });
    expect(config).toMatchObject({ consoleUrl: 'https://desk.example.com:8443/hotel', forwardTimeoutMs: 2500, logLevel: 'debug', outboundCallDirective: true });
  });

  it('accepts plain http only on loopback', () => {
    expect(loadConfig({ ...valid, CONSOLE_URL: 'http://127.0.0.1:8321' }).consoleUrl).toBe('http://127.0.0.1:8321');
    expect(errorFor({ ...valid, CONSOLE_URL: 'http://desk.example.com' }).field).toBe('CONSOLE_URL');
  });

  it.each([
    [{ CONSOLE_URL: undefined }, 'CONSOLE_URL', 'is required'],
    [{ CONSOLE_URL: 'desk.example.com' }, 'CONSOLE_URL', 'not a valid URL'],
    [{ CONSOLE_URL: 'ftp://desk.example.com' }, 'CONSOLE_URL', 'https'],
    [{ CONSOLE_URL: 'https://user:pw@desk.example.com' }, 'CONSOLE_URL', 'credentials'],
    [{ CONSOLE_URL: 'https://desk.example.com/?a=1' }, 'CONSOLE_URL', 'query'],
    [{ WEBHOOK_SECRET: undefined }, 'WEBHOOK_SECRET', 'is required'],
    [{ WEBHOOK_SECRET: 'short' }, 'WEBHOOK_SECRET', 'at least 16'],
    [{ WEBHOOK_SECRET: 'has a space in the middle' }, 'WEBHOOK_SECRET', 'without spaces'],
    [{ FORWARD_TIMEOUT_MS: 'soon' }, 'FORWARD_TIMEOUT_MS', 'integer'],
    [{ FORWARD_TIMEOUT_MS: '8000' }, 'FORWARD_TIMEOUT_MS', 'from 100 to 6000'],
    [{ FORWARD_TIMEOUT_MS: '50' }, 'FORWARD_TIMEOUT_MS', 'from 100 to 6000'],
    [{ LOG_LEVEL: 'verbose' }, 'LOG_LEVEL', 'one of error, warn, info, debug'],
    [{ OUTBOUND_CALL_DIRECTIVE: 'yes' }, 'OUTBOUND_CALL_DIRECTIVE', '"on" or "off"'],
  ])('rejects %o naming %s', (override, field, reason) => {
    const error = errorFor({ ...valid, ...override });
    expect(error.field).toBe(field);
    expect(error.message).toContain(field);
    expect(error.message).toContain(reason);
  });

  it('property mode: BROKER_URL and PROPERTY_ID replace CONSOLE_URL and WEBHOOK_SECRET', () => {
    const creds = '-----BEGIN NATS USER JWT-----\neyJ0\n------END NATS USER JWT------\n';
    expect(loadConfig({ BROKER_URL: 'tls://nats.example.com:4222/', PROPERTY_ID: 'hotel-7', BROKER_CREDS: creds })).toMatchObject({
      consoleUrl: null,
      webhookSecret: null,
      broker: { url: 'tls://nats.example.com:4222', property: 'hotel-7', credential: { kind: 'creds', text: creds.trim() } },
    });
    expect(loadConfig({ BROKER_URL: 'nats://127.0.0.1:4222', PROPERTY_ID: 'p1', BROKER_TOKEN: 't0k3n' }).broker?.credential).toEqual({ kind: 'token', token: 't0k3n' });
    expect(loadConfig({ BROKER_URL: 'nats://127.0.0.1:4222', PROPERTY_ID: 'p1' }).broker?.credential).toBeNull();
  });

  it.each([
    [{ BROKER_URL: 'nats://n:4222' }, 'PROPERTY_ID', 'is required with BROKER_URL'],
    [{ PROPERTY_ID: 'p1' }, 'BROKER_URL', 'is required with PROPERTY_ID'],
    [{ BROKER_URL: 'https://n', PROPERTY_ID: 'p1' }, 'BROKER_URL', 'nats://, tls://, ws:// or wss://'],
    [{ BROKER_URL: 'nats://n:4222', PROPERTY_ID: 'hotel 7' }, 'PROPERTY_ID', 'letters, digits'],
    [{ BROKER_URL: 'nats://n:4222', PROPERTY_ID: 'p1', BROKER_CREDS: 'not a creds file' }, 'BROKER_CREDS', '.creds file'],
    [{ BROKER_URL: 'nats://n:4222', PROPERTY_ID: 'p1', BROKER_TOKEN: 'a', BROKER_CREDS: 'b' }, 'BROKER_CREDS', 'not both'],
    [{ BROKER_URL: 'nats://n:4222', PROPERTY_ID: 'p1', ...{ CONSOLE_URL: 'https://desk.example.com' } }, 'CONSOLE_URL', 'not both'],
    [{}, 'CONSOLE_URL', 'unless BROKER_URL and PROPERTY_ID are set'],
  ])('property mode rejects %o naming %s', (env, field, reason) => {
    const error = errorFor(env as Record<string, string>);
    expect(error.field).toBe(field);
    expect(error.message).toContain(reason);
  });

  it('describes the broker by its host and the property, never its credential', () => {
    const described = JSON.stringify(describeConfig(loadConfig({ BROKER_URL: 'tls://user:pw@nats.example.com:4222', PROPERTY_ID: 'p1', BROKER_TOKEN: 'tok-SECRET' })));
    expect(described).toContain('tls://nats.example.com:4222');
    expect(described).toContain('p1');
    expect(described).not.toMatch(/pw|tok-SECRET/);
  });

  it('never puts the secret or the URL path in its description', () => {
    const described = JSON.stringify(describeConfig(loadConfig({ ...valid, CONSOLE_URL: 'https://desk.example.com/path-secret-123' })));
    expect(described).not.toContain(SECRET);
    expect(described).not.toContain('path-secret-123');
    expect(described).toContain('https://desk.example.com');
  });
});

describe('Lambda entry point (cold start)', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
    vi.resetModules();
  });

  // Variables the machine running the tests may happen to set.
  function clearOptionalEnv() {
    for (const name of ['FORWARD_TIMEOUT_MS', 'LOG_LEVEL', 'OUTBOUND_CALL_DIRECTIVE']) vi.stubEnv(name, '');
  }

  function captureConsole(): string[] {
    const lines: string[] = [];
    for (const method of ['error', 'warn', 'info', 'debug'] as const) {
      vi.spyOn(console, method).mockImplementation((line: unknown) => void lines.push(String(line)));
    }
    return lines;
  }

  it('logs the safe configuration once and serves requests', async () => {
    clearOptionalEnv();
    vi.stubEnv('CONSOLE_URL', 'https://desk.example.com/hidden-path');
    vi.stubEnv('WEBHOOK_SECRET', SECRET);
    const lines = captureConsole();

    const { handler } = await import('../lambda/index.js');
    const reply = await handler(fixture('LaunchRequest'));

    expect(reply.response).toMatchObject({ shouldEndSession: true });
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'info', msg: 'skill configured', console: 'https://desk.example.com', forwardTimeoutMs: 4000 });
    expect(lines.join('\n')).not.toContain(SECRET);
    expect(lines.join('\n')).not.toContain('hidden-path');
  });

  it('logs the invalid variable at cold start and fails every invocation with it', async () => {
    clearOptionalEnv();
    vi.stubEnv('CONSOLE_URL', 'http://desk.example.com');
    vi.stubEnv('WEBHOOK_SECRET', SECRET);
    const lines = captureConsole();

    const { handler } = await import('../lambda/index.js');

    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'error', field: 'CONSOLE_URL' });
    expect(lines[0]).toContain('skill configuration invalid: CONSOLE_URL: must use https://');
    await expect(handler(fixture('LaunchRequest'))).rejects.toThrow('CONSOLE_URL');
  });
});
