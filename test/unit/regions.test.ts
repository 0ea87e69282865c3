// Alexa API bases per region and validated URL overrides (plain http only for this computer).
import { describe, expect, it } from 'vitest';
import {
  ALEXA_API_BASES,
  LWA_TOKEN_URL,
  isLoopbackHost,
  resolveAlexaApiBase,
  resolveLwaTokenUrl,
} from '../../main/signaling/regions.js';

describe('resolveAlexaApiBase', () => {
  it.each([
    ['NA', 'https://api.amazonalexa.com'],
    ['EU', 'https://api.eu.amazonalexa.com'],
    ['FE', 'https://api.fe.amazonalexa.com'],
  ])('%s -> %s', (region, base) => {
    expect(resolveAlexaApiBase(region)).toBe(base);
    expect(ALEXA_API_BASES[region as 'NA']).toBe(base);
  });

  it('defaults to NA and refuses an unknown region', () => {
    expect(resolveAlexaApiBase()).toBe('https://api.amazonalexa.com');
    expect(() => resolveAlexaApiBase('US')).toThrow('region: must be one of NA, EU, FE (got "US")');
  });

  it.each([
    ['http://127.0.0.1:4010', 'http://127.0.0.1:4010'],
    ['http://localhost:4010/', 'http://localhost:4010'],
    ['http://[::1]:4010/base/', 'http://[::1]:4010/base'],
    ['https://alexa.example.com', 'https://alexa.example.com'],
  ])('takes the override %s', (override, expected) => {
    expect(resolveAlexaApiBase('EU', override)).toBe(expected);
  });

  it.each([
    ['http://alexa.example.com', /plain http is only allowed for this computer/],
    ['http://10.0.0.5:80', /plain http/],
    ['ftp://127.0.0.1', /must start with https/],
    ['not a url', /is not a valid URL/],
    ['', /must be a non-empty URL/],
    ['https://user:pw@alexa.example.com', /user name or password/],
    ['https://alexa.example.com/?x=1', /query/],
  ])('refuses the override %s', (override, message) => {
    expect(() => resolveAlexaApiBase('NA', override)).toThrow(message);
  });
});

describe('resolveLwaTokenUrl', () => {
  it("defaults to Amazon's endpoint and validates overrides", () => {
    expect(resolveLwaTokenUrl()).toBe(LWA_TOKEN_URL);
    expect(resolveLwaTokenUrl('http://127.0.0.1:9/auth/o2/token')).toBe('http://127.0.0.1:9/auth/o2/token');
    expect(() => resolveLwaTokenUrl('http://lwa.example.com/token')).toThrow(/LWA token URL: plain http/);
  });
});

describe('isLoopbackHost', () => {
  it.each(['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost', 'LOCALHOST'])('%s is loopback', (h) => {
    expect(isLoopbackHost(h)).toBe(true);
  });
  it.each(['0.0.0.0', '::', '192.168.1.1', 'example.com', '127.0.0.1.example.com'])('%s is not', (h) => {
    expect(isLoopbackHost(h)).toBe(false);
  });
});
