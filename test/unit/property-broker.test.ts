// The property server connection's pure parts: the URL check, the credential from the
// environment, and how long to wait before the next reconnect.
import { describe, expect, it } from 'vitest';
import { brokerCredentialFromEnv, checkBrokerUrl, reconnectWaitMs } from '../../main/property/broker.js';

describe('property server connection', () => {
  it('takes nats://, tls://, ws:// and wss:// URLs and names what is wrong with others', () => {
    expect(checkBrokerUrl(' tls://nats.example.com:4222/ ')).toBe('tls://nats.example.com:4222');
    expect(checkBrokerUrl('wss://nats.example.com')).toBe('wss://nats.example.com');
    expect(() => checkBrokerUrl('https://nats.example.com')).toThrow('nats://, tls://, ws:// or wss://');
    expect(() => checkBrokerUrl('nats.example.com:4222')).toThrow(/not a URL|nats:\/\//);
    expect(() => checkBrokerUrl('nats://n:4222/?x=1')).toThrow('query');
  });

  it('reads DESK_BROKER_CREDS before DESK_BROKER_TOKEN, and nothing when both are empty', () => {
    expect(brokerCredentialFromEnv({ DESK_BROKER_CREDS: ' creds text ', DESK_BROKER_TOKEN: 't' })).toEqual({ kind: 'creds', text: 'creds text' });
    expect(brokerCredentialFromEnv({ DESK_BROKER_TOKEN: ' t0k ' })).toEqual({ kind: 'token', token: 't0k' });
    expect(brokerCredentialFromEnv({ DESK_BROKER_CREDS: '  ' })).toBeUndefined();
  });

  it('reconnects often while a broker restarts, then less often as an outage lasts', () => {
    expect(reconnectWaitMs(0)).toBe(250);
    expect(reconnectWaitMs(9_999)).toBe(250);
    expect(reconnectWaitMs(30_000)).toBe(1_000);
    expect(reconnectWaitMs(10 * 60_000)).toBe(5_000);
  });
});
