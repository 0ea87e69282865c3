// The webhook listener's lifecycle: restarts one at a time, retries while the port is taken with
// growing waits, drops its banner once listening, and never starts again after stop().
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Notices } from '../../main/desk/notices.js';
import { WEBHOOK_RETRY_MS, WebhookListener } from '../../main/desk/webhook-listener.js';
import { nullLogger } from '../../main/log/logger.js';
import { text } from '../../main/domain/text.js';

const open: (WebhookListener | Server)[] = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const thing of open.splice(0)) {
    if (thing instanceof WebhookListener) await thing.stop();
    else await new Promise((resolve) => thing.close(resolve));
  }
});

async function takenPort(): Promise<{ port: number; free: () => Promise<void> }> {
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  return {
    port: (blocker.address() as AddressInfo).port,
    free: () => new Promise((resolve) => blocker.close(() => resolve())),
  };
}

/** Waits on real I/O (setImmediate and performance.now are not faked), never on the faked clock. */
async function until(done: () => boolean): Promise<void> {
  const giveUpAt = performance.now() + 5_000;
  while (!done() && performance.now() < giveUpAt) await new Promise((resolve) => setImmediate(resolve));
  expect(done()).toBe(true);
}

function listener(port: number) {
  const notices = new Notices(() => {});
  const starts: number[] = [];
  const changes: (string | null)[] = [];
  const webhook = new WebhookListener({
    config: async () => {
      starts.push(Date.now());
      return { host: '127.0.0.1', port, secret: undefined };
    },
    handler: { onEvent: async () => ({ status: 200, body: {} }) as never },
    notices,
    log: nullLogger,
    changed: (url) => changes.push(url),
  });
  open.push(webhook);
  return { webhook, notices, starts, changes };
}

describe('WebhookListener', () => {
  it('runs restarts one at a time, so coinciding ones all end listening', async () => {
    const { webhook, changes } = listener(0);
    await Promise.all([webhook.restart(), webhook.restart(), webhook.restart()]);
    expect(webhook.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(webhook.error).toBeNull();
    expect(changes).toHaveLength(3);
    expect(changes.every((u) => u !== null)).toBe(true);
  });

  it('retries a taken port with growing waits, then listens and drops the banner', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const taken = await takenPort();
    const { webhook, notices, starts, changes } = listener(taken.port);
    await webhook.restart();
    expect(webhook.url).toBeNull();
    expect(webhook.error).toEqual(text('webhook.portInUse', { port: String(taken.port) }));
    expect(notices.all()).toEqual([expect.objectContaining({ level: 'error', action: 'retry-webhook', message: webhook.error })]);

    for (const wait of WEBHOOK_RETRY_MS.slice(0, 2)) {
      const before = starts.length;
      await vi.advanceTimersByTimeAsync(wait - 1);
      expect(starts).toHaveLength(before);
      await vi.advanceTimersByTimeAsync(1);
      await until(() => starts.length === before + 1);
    }
    expect(notices.all()).toHaveLength(1); // the same banner, not one per attempt

    await taken.free();
    await vi.advanceTimersByTimeAsync(WEBHOOK_RETRY_MS[2]!);
    await until(() => webhook.url !== null);
    expect(webhook.url).toBe(`http://127.0.0.1:${taken.port}`);
    expect(webhook.error).toBeNull();
    expect(notices.all()).toEqual([]);
    expect(changes.at(-1)).toBe(webhook.url);
  });

  it('does not start again after stop(), even with a retry pending', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const taken = await takenPort();
    const { webhook, starts } = listener(taken.port);
    await webhook.restart();
    await webhook.stop();
    await taken.free();
    await vi.advanceTimersByTimeAsync(WEBHOOK_RETRY_MS.at(-1)! * 2);
    expect(starts).toHaveLength(1);
    expect(webhook.url).toBeNull();
    await webhook.restart();
    expect(webhook.url).toBeNull();
  });
});
