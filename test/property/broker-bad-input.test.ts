// Bad input on the property's broker, as on the webhook: an event nested deeper than the console
// takes is dropped at parse time (not rung, nothing breaks), and the next call rings as usual.
import { afterEach, expect, it } from 'vitest';
import { startProperty, type PropertyFixture } from '../support/property.js';

const NS = 'Alexa.Comms.CallSignaling.';
let p: PropertyFixture | null = null;
afterEach(async () => {
  await p?.close();
  p = null;
});

it('drops an event nested too deep and rings for the next call', async () => {
  p = await startProperty({ desks: ['Desk A'] });
  let deep: unknown = 'leaf';
  for (let i = 0; i < 100; i++) deep = { a: deep };
  // A valid offer but for the field nested 100 levels deep (the reference skill publishes it as it is).
  const published = await p.sim.deliver({
    type: `${NS}InitiateOutboundCall`,
    sessionId: 'too-deep',
    participants: [
      { id: { type: 'RAW_ADDRESS', value: 'room-301' }, isOriginator: true },
      { id: { type: 'RAW_ADDRESS', value: 'front-desk' }, isOriginator: false },
    ],
    sdpDetails: { type: 'OFFER', value: 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n' },
    extra: deep,
  });
  expect(published.status).toBe(200);

  const echo = p.sim.addRoom({ address: 'room-302', addressType: 'RAW_ADDRESS' });
  const sessionId = await echo.callDesk(); // published after it: read after it, in order
  const desk = p.desk('Desk A');
  await desk.waitForCall(sessionId, (c) => c.phase === 'ringing');
  expect(desk.call('too-deep')).toBeUndefined();
  expect([...p.sim.received, ...p.sim.rejected.map((r) => r.body as { sessionId?: string })].some((m) => m?.sessionId === 'too-deep')).toBe(false);
});
