// The webhook secret through the contract: made in the desktop app (shown once, kept in the
// keychain), required by the webhook at once, replaced and removed; settings that would open the
// webhook beyond this computer without one are refused; a secret from the launch stays put.
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeskStatus } from '../../main/ipc/contract.js';
import { startDeskWithSim, type DeskWithSim } from '../support/desk-with-sim.js';

let t: DeskWithSim | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

/** The webhook's answer to an event for no call: 404 once past the secret. A fresh connection each
 * time, as the webhook restarts (closing its connections) when the secret changes. */
const ring = (secret?: string) =>
  new Promise<number>((resolve, reject) => {
    const req = request(`${t!.desk.webhookUrl}/ring`, {
      method: 'POST',
      agent: false,
      headers: { 'Content-Type': 'application/json', ...(secret ? { Authorization: `Bearer ${secret}` } : {}) },
    });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end(JSON.stringify({ sessionId: 'unknown-session' }));
  });

async function status(): Promise<DeskStatus> {
  const snapshot = await t!.invoke('getSnapshot', {});
  if (!snapshot.ok) throw new Error(snapshot.error);
  return snapshot.value.status;
}

describe('webhook secret', () => {
  it('is made on request, shown once, required at once, and the demo keeps calling with it', async () => {
    t = await startDeskWithSim({ linked: false }); // demo mode: its simulated skill must follow
    expect((await status()).webhook.secret).toBe('none');
    expect(await ring()).toBe(404);

    const created = await t.invoke('createWebhookSecret', {});
    if (!created.ok) throw new Error(created.error);
    const { secret } = created.value;
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await status()).webhook).toMatchObject({ secret: 'keychain', listening: true });
    expect(await ring()).toBe(401);
    expect(await ring(secret)).toBe(404);
    // Nothing else hands the value out again.
    for (const read of [await t.invoke('getSnapshot', {}), await t.invoke('getSettings', {}), await t.invoke('getLinkStatus', {})]) {
      expect(JSON.stringify(read)).not.toContain(secret);
    }

    const demo = await t.invoke('demoCall', {});
    if (!demo.ok) throw new Error(demo.error);
    await t.waitForCall(demo.value.sessionId, (c) => c.phase === 'ringing');

    const replaced = await t.invoke('createWebhookSecret', {});
    if (!replaced.ok) throw new Error(replaced.error);
    expect(replaced.value.secret).not.toBe(secret);
    expect(await ring(secret)).toBe(401);
    expect(await ring(replaced.value.secret)).toBe(404);

    expect(await t.invoke('removeWebhookSecret', {})).toEqual({ ok: true, value: undefined });
    expect((await status()).webhook.secret).toBe('none');
    expect(await ring()).toBe(404);
  });

  it('refuses to save a webhook host beyond this computer without a secret, and to remove the secret it needs', async () => {
    t = await startDeskWithSim();
    const refused = await t.invoke('updateSettings', { patch: { webhook: { host: '0.0.0.0', port: 0 } } });
    expect(refused).toMatchObject({ ok: false, error: expect.stringMatching(/^webhook\.host: .*only with a webhook secret/) });
    expect(await t.invoke('getSettings', {})).toMatchObject({ ok: true, value: { webhook: { host: '127.0.0.1' } } });
    expect(await t.invoke('updateSettings', { patch: { webhook: { host: '::', port: 0 } } })).toMatchObject({ ok: false });

    const created = await t.invoke('createWebhookSecret', {});
    expect(created.ok).toBe(true);
    expect(await t.invoke('updateSettings', { patch: { webhook: { host: '0.0.0.0', port: 0 } } })).toMatchObject({ ok: true, value: { webhook: { host: '0.0.0.0' } } });
    // The webhook restarts on the new host.
    for (let tries = 0; !(await status()).webhook.url.startsWith('http://0.0.0.0:'); tries++) {
      if (tries > 100) throw new Error('the webhook did not move to 0.0.0.0');
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(await t.invoke('removeWebhookSecret', {})).toMatchObject({ ok: false, error: expect.stringMatching(/beyond this computer/) });
    expect((await status()).webhook.secret).toBe('keychain');
  });

  it('leaves a secret from the launch (DESK_WEBHOOK_SECRET) alone', async () => {
    t = await startDeskWithSim({ desk: { webhookSecret: 'from-the-launch-0123456789abcdef' }, sim: { webhookSecret: 'from-the-launch-0123456789abcdef' } });
    expect((await status()).webhook.secret).toBe('launch');
    expect(await t.invoke('createWebhookSecret', {})).toMatchObject({ ok: false, error: expect.stringMatching(/DESK_WEBHOOK_SECRET/) });
    expect(await t.invoke('removeWebhookSecret', {})).toMatchObject({ ok: false, error: expect.stringMatching(/DESK_WEBHOOK_SECRET/) });
    expect(await ring('from-the-launch-0123456789abcdef')).toBe(404);
  });
});
