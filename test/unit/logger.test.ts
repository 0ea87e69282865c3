// redact() and the console logger: tokens and secrets never reach a log line; SDP only at debug.
import { describe, expect, it } from 'vitest';
import { consoleLogger, redact, redactText, REDACTED } from '../../main/log/logger.js';

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

describe('redactText', () => {
  it.each([
    ['LWA said: invalid token Atza|IwEBIabc.def-123 for client', 'LWA said: invalid token [redacted] for client'],
    ['echo {"access_token":"opaque", "token_type":"bearer"}', 'echo {"access_token":"[redacted]", "token_type":"bearer"}'],
    ['client secret amzn1.oa2-cs.v1.0123abcd was refused', 'client secret [redacted] was refused'],
    ['Authorization: Bearer xyz; next', 'Authorization: Bearer [redacted]; next'],
  ])('masks %s', (input, output) => {
    expect(redactText(input)).toBe(output);
  });

  it('masks known values wherever they appear, but not short ones that would hide words', () => {
    expect(redactText('the token plain-opaque-value was plain-opaque-value', ['plain-opaque-value'])).toBe('the token [redacted] was [redacted]');
    expect(redactText('room 214', ['214', null, undefined, ''])).toBe('room 214');
  });
});

describe('consoleLogger', () => {
  it('masks secrets inside the message text too', () => {
    const lines: string[] = [];
    consoleLogger('info', (l) => lines.push(l)).warn('Alexa rejected CallRinging (400): bad token Atza|leaked');
    expect(lines[0]).toMatch(/bad token \[redacted\]$/);
  });

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
