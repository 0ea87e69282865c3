// The claims on a real nats-server: three desks (three connections) claim the same call within a
// millisecond, again and again; exactly one wins each time, and the losers name the winner.
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstream } from '@nats-io/jetstream';
import { Kvm, type KV } from '@nats-io/kv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallState, Claim, ClaimResult } from '../../main/calls/types.js';
import { nullLogger } from '../../main/log/logger.js';
import { BrokerOwnership } from '../../main/property/broker-ownership.js';
import { callState } from '../support/call-state.js';
import { startNatsServer, type NatsServer } from '../support/nats-server.js';

const RACES = 200;
let nats: NatsServer;
const connections: NatsConnection[] = [];

beforeAll(async () => {
  nats = await startNatsServer();
});

afterAll(async () => {
  for (const nc of connections) await nc.close();
  await nats?.stop();
});

async function desk(name: string, bucket: string, online: string[]): Promise<BrokerOwnership> {
  const nc = await connect({ servers: nats.url });
  connections.push(nc);
  const calls: KV = await new Kvm(jetstream(nc)).create(bucket, { history: 1 });
  return new BrokerOwnership({
    calls,
    me: { id: name, name },
    online: () => online,
    gone: () => false,
    log: nullLogger,
    news: () => {},
    missed: () => {},
    endAtAlexa: () => {},
    changed: () => {},
  });
}

/** A call this desk is answering, with Alexa's offer in hand: the moment it claims. */
function ringing(sessionId: string): CallState {
  return callState(sessionId, { phase: 'answering', remote: { type: 'RAW_ADDRESS', value: 'room-101' }, pendingOffer: 'v=0', ownership: 'claiming', otherDesk: null });
}

describe('claims on the property server', () => {
  it(`three desks answering within a millisecond: exactly one wins, ${RACES} times in a row`, async () => {
    const names = ['Desk A', 'Desk B', 'Desk C'];
    const desks = await Promise.all(names.map((n) => desk(n, 'race_calls', names)));
    const wins = new Map(names.map((n) => [n, 0]));
    for (let i = 0; i < RACES; i++) {
      const call = ringing(`race-${i}`);
      const results: ClaimResult[] = await Promise.all(desks.map((d) => d.claim(call, { what: 'answer' })));
      const winners = results.flatMap((r, j) => (r.outcome === 'won' ? [names[j]!] : []));
      expect(winners, `race ${i}: ${JSON.stringify(results)}`).toHaveLength(1);
      for (const r of results) if (r.outcome === 'lost') expect(r.desk).toBe(winners[0]);
      wins.set(winners[0]!, wins.get(winners[0]!)! + 1);
    }
    // No desk is favoured by construction: each wins some races.
    expect([...wins.values()].reduce((a, b) => a + b)).toBe(RACES);
  });

  it('the one CallRinging: of three desks recording a new call, one is first', async () => {
    const names = ['A', 'B', 'C'];
    const desks = await Promise.all(names.map((n) => desk(n, 'ring_calls', names)));
    for (let i = 0; i < 50; i++) {
      const call = { ...ringing(`ring-${i}`), phase: 'ringing', ownership: 'open' } as CallState;
      const results = await Promise.all(desks.map((d) => d.claim(call, { what: 'ring' })));
      expect(results.filter((r) => r.outcome === 'won')).toHaveLength(1);
    }
  });

  it('declining: the call ends only when the last desk online leaves it, and then once', async () => {
    const names = ['A', 'B', 'C'];
    const desks = await Promise.all(names.map((n) => desk(n, 'leave_calls', names)));
    const call = { ...ringing('leave-1'), phase: 'ended', ownership: 'open', endReason: 'declined' } as CallState;
    const leave: Claim = { what: 'end', why: 'left', send: ['DEVICE_BUSY', 'Declined by the front desk'] };
    await desks[0]!.claim({ ...call, phase: 'ringing' } as CallState, { what: 'ring' });
    expect(await desks[0]!.claim(call, leave)).toMatchObject({ outcome: 'lost' });
    expect(await desks[2]!.claim(call, leave)).toMatchObject({ outcome: 'lost' });
    expect(await desks[1]!.claim(call, leave)).toEqual({ outcome: 'won' });
    expect(await desks[1]!.claim(call, leave)).toMatchObject({ outcome: 'lost' }); // only once
    expect(await desks[0]!.lookup('leave-1')).toMatchObject({ state: 'ended', endReason: 'declined', left: ['A', 'C', 'B'] });
  });

  it('an answer claimed after the ring timeout ended the call loses, and the timeout wins once', async () => {
    const names = ['A', 'B'];
    const [a, b] = await Promise.all(names.map((n) => desk(n, 'timeout_calls', names)));
    const call = { ...ringing('late-1'), ownership: 'open', phase: 'ringing' } as CallState;
    await a!.claim(call, { what: 'ring' });
    const timedOut: Claim = { what: 'end', why: 'timed-out', send: ['SESSION_TIMEOUT', 'Not answered'] };
    const [first, second] = await Promise.all([a!.claim(call, timedOut), b!.claim(call, timedOut)]);
    expect([first.outcome, second.outcome].sort()).toEqual(['lost', 'won']);
    expect(await b!.claim(call, { what: 'answer' })).toEqual({ outcome: 'lost', desk: null });
  });
});
