import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileLogger, openRotatingFile, scrubSecrets } from '../../main/shell/log-file.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'shell-log-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const line = (n: number) => `line ${String(n).padStart(4, '0')} ${'x'.repeat(90)}`; // 100 bytes + newline

describe('openRotatingFile', () => {
  it('appends lines to console.log', () => {
    const file = openRotatingFile({ dir });
    file.writeLine('first');
    file.writeLine('second');
    expect(readFileSync(join(dir, 'console.log'), 'utf8')).toBe('first\nsecond\n');
  });

  it('rotates by size and keeps at most `keep` files, newest lines in console.log', () => {
    const file = openRotatingFile({ dir, maxBytes: 1024, keep: 3 });
    for (let n = 0; n < 60; n++) file.writeLine(line(n));
    expect(readdirSync(dir).sort()).toEqual(['console.1.log', 'console.2.log', 'console.log']);
    for (const name of readdirSync(dir)) expect(statSync(join(dir, name)).size).toBeLessThanOrEqual(1024);
    const live = readFileSync(join(dir, 'console.log'), 'utf8');
    expect(live.trimEnd().split('\n').at(-1)).toBe(line(59));
    // Order across files: .2 is older than .1, which is older than the live file.
    const first = (name: string) => readFileSync(join(dir, name), 'utf8').split('\n')[0] ?? '';
    expect(first('console.2.log') < first('console.1.log')).toBe(true);
    expect(first('console.1.log') < first('console.log')).toBe(true);
  });

  it('continues the size count of an existing file', () => {
    writeFileSync(join(dir, 'console.log'), 'y'.repeat(1000));
    const file = openRotatingFile({ dir, maxBytes: 1024, keep: 2 });
    file.writeLine(line(1));
    expect(readFileSync(join(dir, 'console.1.log'), 'utf8')).toBe('y'.repeat(1000));
    expect(readFileSync(join(dir, 'console.log'), 'utf8')).toBe(`${line(1)}\n`);
  });

  it('recreates its folder when it was removed while running', () => {
    const file = openRotatingFile({ dir: join(dir, 'logs') });
    rmSync(join(dir, 'logs'), { recursive: true });
    file.writeLine('after removal');
    expect(readFileSync(file.path, 'utf8')).toBe('after removal\n');
  });

  it('never throws when the log cannot be written', () => {
    const file = openRotatingFile({ dir });
    rmSync(dir, { recursive: true });
    writeFileSync(dir, 'a file where the folder was');
    expect(() => file.writeLine('lost')).not.toThrow();
  });

  it.each([
    [{ maxBytes: 10 }, /maxBytes/],
    [{ keep: 0 }, /keep/],
    [{ base: '../x' }, /log file base/],
  ])('refuses bad options %j', (options, error) => {
    expect(() => openRotatingFile({ dir, ...options })).toThrow(error);
  });
});

describe('scrubSecrets', () => {
  it.each([
    ['Authorization: Bearer Atza|IwEBIabc.def-123', 'Authorization: Bearer [redacted]'],
    ['token Atzr|IwEBIrefresh.tok was refused', 'token [redacted] was refused'],
    ['POST body client_secret=abc123&grant_type=refresh_token&refresh_token=Zz9', 'POST body client_secret=[redacted]&grant_type=refresh_token&refresh_token=[redacted]'],
    ['https://host/cb?code=SplxlOBe&state=1', 'https://host/cb?code=[redacted]&state=1'],
  ])('masks %s', (input, output) => {
    expect(scrubSecrets(input)).toBe(output);
  });

  it('leaves ordinary text alone', () => {
    expect(scrubSecrets('Room 214 calling; errorcode=5 session 9f8e')).toBe('Room 214 calling; errorcode=5 session 9f8e');
  });
});

describe('fileLogger', () => {
  it('writes redacted structured lines to the file and the echo', () => {
    const file = openRotatingFile({ dir });
    const echoed: string[] = [];
    const log = fileLogger(file, 'info', (l) => echoed.push(l));
    log.debug('hidden at info level');
    log.error('token refresh failed', { refreshToken: 'Atzr|secret', detail: 'Bearer abc' });
    const text = readFileSync(file.path, 'utf8');
    expect(text).not.toContain('hidden at info level');
    expect(text).toMatch(/ERROR token refresh failed/);
    expect(text).not.toContain('Atzr|secret');
    expect(text).not.toContain('Bearer abc');
    expect(echoed).toHaveLength(1);
    expect(echoed[0]).not.toContain('Bearer abc');
  });
});
