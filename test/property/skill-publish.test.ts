// The reference skill publishing to a real nats-server: the stream's ack is what it waits for, the
// message id keeps a re-sent event once, and a connection that died while the broker restarted is
// replaced within the same invocation instead of losing the event.
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { afterEach, describe, expect, it } from 'vitest';
import { closeBrokerConnection, publishToProperty } from '../../skill/lambda/broker.js';
import type { BrokerTarget } from '../../skill/lambda/config.js';
import { startNatsServer, type NatsServer } from '../support/nats-server.js';

let nats: NatsServer | null = null;
afterEach(async () => {
  await closeBrokerConnection();
  await nats?.stop();
  nats = null;
});

async function withStream(server: NatsServer, property: string): Promise<() => Promise<number>> {
  const nc = await connect({ servers: server.url });
  const jsm = await jetstreamManager(nc);
  await jsm.streams.add({ name: `FD_${property}`, subjects: [`fd.${property}.events`], duplicate_window: 120_000_000_000 });
  await nc.close();
  return async () => {
    const c = await connect({ servers: server.url });
    const info = await (await jetstreamManager(c)).streams.info(`FD_${property}`);
    await c.close();
    return info.state.messages;
  };
}

const envelope = (requestId: string) => ({ version: '1.0', request: { type: 'Alexa.Comms.CallSignaling.CallEnded', requestId, sessionId: 's1' } });

describe('the skill publishing to the property', () => {
  it('waits for the stream to store the envelope, and an event Alexa sends twice is stored once', async () => {
    nats = await startNatsServer();
    const count = await withStream(nats, 'p1');
    const target: BrokerTarget = { url: nats.url, property: 'p1', credential: null };
    expect(await publishToProperty(envelope('r1'), target, 3_000)).toMatchObject({ outcome: 'delivered', body: { duplicate: false } });
    expect(await publishToProperty(envelope('r1'), target, 3_000)).toMatchObject({ outcome: 'delivered', body: { duplicate: true } });
    expect(await count()).toBe(1);
  });

  it('says the property has no stream yet, in words', async () => {
    nats = await startNatsServer();
    const result = await publishToProperty(envelope('r1'), { url: nats.url, property: 'nobody', credential: null }, 3_000);
    expect(result).toMatchObject({ outcome: 'unreachable', reason: 'the property has no event stream: start one of its desks once' });
  });

  it('a kept connection that died in a broker restart is replaced at once: the first event after the restart is not lost', async () => {
    nats = await startNatsServer();
    await withStream(nats, 'p2');
    const target: BrokerTarget = { url: nats.url, property: 'p2', credential: null };
    expect((await publishToProperty(envelope('before'), target, 4_000)).outcome).toBe('delivered');
    await nats.kill();
    await nats.restart();
    const started = Date.now();
    const result = await publishToProperty(envelope('after'), target, 4_000);
    expect(result.outcome).toBe('delivered');
    expect(Date.now() - started).toBeLessThan(4_000);
  });
});
