// Headless mode in property mode (DESIGN §3.6): the flags, the DESK_READY line, no inbound port of
// its own, and the status the window shows.
import { afterEach, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../main/ipc/contract.js';
import { BridgeClient, startHeadless, type Headless } from '../support/headless-process.js';
import { startNatsServer, type NatsServer } from '../support/nats-server.js';

let nats: NatsServer | null = null;
const started: Headless[] = [];
afterEach(async () => {
  for (const h of started.splice(0)) await h.stop();
  await nats?.stop();
  nats = null;
});

describe('headless property mode', () => {
  it('prints DESK_READY with the broker and no webhook, opens no webhook port, and shows the desk online', async () => {
    nats = await startNatsServer();
    const desk = await startHeadless(['--broker', nats.url, '--property', 'hotel-1', '--desk-name', 'Night desk']);
    started.push(desk);
    expect(desk).toMatchObject({ webhook: null, broker: nats.url });
    expect(desk.ui).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=/);
    const bridge = await BridgeClient.connect(desk.ui);
    await expect
      .poll(async () => {
        const r = await bridge.invoke('getSnapshot', {});
        return r.ok ? (r.value as Snapshot).status.property : null;
      })
      .toMatchObject({ broker: nats.url, property: 'hotel-1', state: 'connected', desks: [{ name: 'Night desk' }] });
    const status = await bridge.invoke('getSnapshot', {});
    // Not linked: a desk of a property never falls back to the simulator; it says it cannot take calls.
    expect(status.ok && (status.value as Snapshot).status).toMatchObject({ deskName: 'Night desk', mode: 'unlinked', webhook: { listening: false } });
    expect(status.ok && (status.value as Snapshot).notices.map((n) => n.message.id)).toContain('notice.propertyDeskNotLinked');
    bridge.close();
  });

  it('with --webhook-port as well, it also listens on the webhook', async () => {
    nats = await startNatsServer();
    const desk = await startHeadless(['--broker', nats.url, '--property', 'hotel-1', '--webhook-port', '0']);
    started.push(desk);
    expect(desk.webhook).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(desk.broker).toBe(nats.url);
  });

  it('refuses a broker without a property, a bad scheme and a bad property id, naming the flag', async () => {
    for (const [args, message] of [
      [['--broker', 'nats://127.0.0.1:4222'], '--broker and --property go together'],
      [['--broker', 'https://x', '--property', 'p'], 'nats://, tls://, ws:// or wss://'],
      [['--broker', 'nats://127.0.0.1:4222', '--property', 'hotel 1'], 'letters, digits'],
      [['--broker', 'nats://127.0.0.1:4222', '--property', 'p', '--demo'], 'takes real calls'],
    ] as const) {
      await expect(startHeadless([...args])).rejects.toThrow(message);
    }
  });
});
