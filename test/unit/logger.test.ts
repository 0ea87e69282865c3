// redact() and the console logger: tokens and secrets never reach a log line; SDP only at debug.
import { describe, expect, it } from 'vitest';
import { consoleLogger, redact, REDACTED } from '../../main/log/logger.js';

describe('redact', () => {
  const input = {
    sessionId: 's-1',
    accessToken: 'Atza|a',
    nested: { refresh_token: 'Atzr|r', client_secret: 'cs', Authorization: 'Bearer x', password: 'p' },
    grant: { code: 'ANcode' },
    list: [{ apiAccessToken: 'Atza|b', name: 'ok' }],
    sdpDetails: { type: 'OFFER', value: 'v=0' },
  };

  it('hides secret-looking keys at every depth and keeps the rest', () => {
    expect(redact(input)).toEqual({
      sessionId: 's-1',
      accessToken: REDACTED,
      nested: { refresh_token: REDACTED, client_secret: REDACTED, Authorization: REDACTED, password: REDACTED },
      grant: { code: REDACTED },
      list: [{ apiAccessToken: REDACTED, name: 'ok' }],
      sdpDetails: REDACTED,
    });
  });

  it('keeps SDP at debug level, never tokens', () => {
    const out = redact(input, 'debug') as typeof input;
    expect(out.sdpDetails).toEqual({ type: 'OFFER', value: 'v=0' });
    expect(out.accessToken).toBe(REDACTED);
  });

  it('does not change its input and survives cycles', () => {
    const cyclic: Record<string, unknown> = { token: 't' };
    cyclic.self = cyclic;
    expect(redact(cyclic)).toEqual({ token: REDACTED, self: '[circular]' });
    expect(cyclic.token).toBe('t');
  });
});

describe('consoleLogger', () => {
  it('writes lines at or above its level, redacted', () => {
    const lines: string[] = [];
    const log = consoleLogger('info', (l) => lines.push(l));
    log.debug('hidden');
    log.info('sent', { accessToken: 'Atza|zzz', sdp: 'v=0' });
    log.error('failed');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/ INFO sent \{"accessToken":"\[redacted\]","sdp":"\[redacted\]"\}$/);
    expect(lines[1]).toMatch(/ ERROR failed$/);
  });

  it('shows SDP at debug level', () => {
    const lines: string[] = [];
    consoleLogger('debug', (l) => lines.push(l)).debug('offer', { sdp: 'v=0' });
    expect(lines[0]).toContain('"sdp":"v=0"');
  });

  it('refuses an unknown level', () => {
    expect(() => consoleLogger('loud' as never)).toThrow(/log level/);
  });
});
