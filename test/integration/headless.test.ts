// Headless mode as a user starts it: `--demo` prints DESK_READY, a simulated Echo call reaches the
// console through the real webhook, is answered with real media over the bridge, and ends cleanly;
// SIGTERM ends live calls with CallEnded and exits 0. Needs `npm run build` (app/dist/headless.js).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CallView, MediaRequest } from '../../main/ipc/contract.js';
import { BridgeClient, startHeadless, type Headless } from '../support/headless-process.js';
import { NodeMedia } from '../support/node-media.js';

const built = fileURLToPath(new URL('../../app/dist/headless.js', import.meta.url));

let desk: Headless | null = null;
let bridge: BridgeClient | null = null;
let media: NodeMedia | null = null;

beforeAll(() => {
  if (!existsSync(built)) throw new Error('app/dist/headless.js is missing: run `npm run build` first (npm test does)');
});

afterEach(async () => {
  media?.closeAll();
  bridge?.close();
  if (desk && desk.child.exitCode === null) await desk.stop();
  desk = bridge = media = null;
});

async function connectWithMedia(d: Headless): Promise<{ bridge: BridgeClient; media: NodeMedia }> {
  const b = await BridgeClient.connect(d.ui);
  const m = new NodeMedia((result) => void b.invoke('mediaResult', result));
  b.on('media', (request: MediaRequest) => m.handle(request));
  expect(await b.invoke('claimMedia', {})).toEqual({ ok: true, value: undefined });
  return { bridge: b, media: m };
}

const callFor = (calls: CallView[], sessionId: string) => calls.find((c) => c.sessionId === sessionId);

describe('headless mode', () => {
  it('prints DESK_READY in demo mode and serves the renderer with the bridge token', async () => {
    desk = await startHeadless(['--demo']);
    expect(desk.webhook).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(desk.ui).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
    expect((await fetch(`${desk.webhook}/health`)).status).toBe(200);
    await expect(BridgeClient.connect(desk.ui.replace(/token=.*/, 'token=wrong'))).rejects.toThrow(/401/);
    bridge = await BridgeClient.connect(desk.ui);
    const snapshot = await bridge.invoke('getSnapshot', {});
    expect(snapshot.ok && snapshot.value.status.mode).toBe('demo');
    expect(snapshot.ok && snapshot.value.rooms.length).toBeGreaterThan(0);
  });

  it('takes a simulated Echo call end to end with real media, then the desk hangs up', async () => {
    desk = await startHeadless(['--demo']);
    ({ bridge, media } = await connectWithMedia(desk));
    const started = await bridge.invoke('demoCall', {});
    if (!started.ok) throw new Error(started.error);
    const sessionId = started.value.sessionId;

    const ringing = await bridge.waitFor('calls', (s) => callFor(s.calls, sessionId)?.phase === 'ringing');
    expect(callFor(ringing.calls, sessionId)).toMatchObject({ direction: 'incoming', roomId: expect.any(String) });

    expect(await bridge.invoke('answer', { sessionId, video: false })).toEqual({ ok: true, value: undefined });
    await bridge.waitFor('calls', (s) => callFor(s.calls, sessionId)?.phase === 'active');
    await media.waitForInboundAudio(sessionId);

    expect(await bridge.invoke('hangup', { sessionId })).toEqual({ ok: true, value: undefined });
    const ended = await bridge.waitFor('calls', (s) => callFor(s.calls, sessionId)?.phase === 'ended');
    expect(callFor(ended.calls, sessionId)?.endReason).toBe('completed');
    expect(media.sessions()).not.toContain(sessionId);
  });

  it('in demo mode with a webhook secret, the simulated skill sends it and calls still arrive', async () => {
    desk = await startHeadless(['--demo', '--webhook-secret', 'demo-secret-0123456789']);
    expect((await fetch(`${desk.webhook}/offer`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).status).toBe(401);
    bridge = await BridgeClient.connect(desk.ui);
    const started = await bridge.invoke('demoCall', {});
    if (!started.ok) throw new Error(started.error);
    await bridge.waitFor('calls', (s) => callFor(s.calls, started.value.sessionId)?.phase === 'ringing');
  });

  it('refuses bad arguments with a clear error and changes nothing', async () => {
    desk = await startHeadless(['--demo']);
    bridge = await BridgeClient.connect(desk.ui);
    const bad = await bridge.invoke('answer', { sessionId: 42 } as never);
    expect(bad).toMatchObject({ ok: false, error: expect.stringMatching(/^answer: sessionId/) });
    expect(await bridge.invoke('nonsense' as never, {} as never)).toMatchObject({ ok: false, error: expect.stringMatching(/Unknown command/) });
    const snapshot = await bridge.invoke('getSnapshot', {});
    expect(snapshot.ok && snapshot.value.calls.calls).toEqual([]);
  });

  it('ends live calls with CallEnded on SIGTERM and exits 0', async () => {
    desk = await startHeadless(['--demo']);
    ({ bridge, media } = await connectWithMedia(desk));
    const started = await bridge.invoke('demoCall', {});
    if (!started.ok) throw new Error(started.error);
    await bridge.waitFor('calls', (s) => callFor(s.calls, started.value.sessionId)?.phase === 'ringing');
    expect(await desk.stop('SIGTERM')).toBe(0);
    expect(desk.stderr()).toMatch(/SIGTERM: ending live calls/);
  });

  it('rejects unknown flags with the usage text', async () => {
    await expect(startHeadless(['--no-such-flag'])).rejects.toThrow(/Unknown flag --no-such-flag[\s\S]*Usage: npm run headless/);
  });
});
