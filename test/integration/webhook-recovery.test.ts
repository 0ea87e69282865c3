// A console whose webhook port is taken still starts (in demo mode too), says so in plain words,
// and starts listening by itself once the port is free: the banner goes and calls come in.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it, vi } from 'vitest';
import { startDesk } from '../../main/desk/desk.js';
import type { Desk } from '../../main/desk/types.js';
import type { Snapshot } from '../../main/ipc/contract.js';
import { nullLogger } from '../../main/log/logger.js';

let desk: Desk | null = null;
let blocker: Server | null = null;
const dataDir = mkdtempSync(join(tmpdir(), 'desk-webhook-'));
afterEach(async () => {
  await desk?.stop();
  desk = null;
  blocker?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function snapshot(): Promise<Snapshot> {
  const result = await desk!.invoke('test', 'getSnapshot', {});
  if (!result.ok) throw new Error(result.error);
  return result.value as Snapshot;
}

it('starts with the port taken, then listens once it is free, drops the banner and takes demo calls', async () => {
  blocker = createServer();
  await new Promise<void>((resolve) => blocker!.listen(0, '127.0.0.1', resolve));
  const port = (blocker.address() as AddressInfo).port;

  desk = await startDesk({ dataDir, webhookPort: port, demo: true, log: nullLogger, keychainService: `frontdesk-webhook-${process.pid}` });
  const down = await snapshot();
  expect(down.status.webhook).toMatchObject({ listening: false, error: { id: 'webhook.portInUse', values: { port: String(port) } } });
  expect(down.notices).toContainEqual(expect.objectContaining({ level: 'error', action: 'retry-webhook', message: down.status.webhook.error }));
  const lost = await desk.invoke('test', 'demoCall', {}); // the simulated room's call reaches no console yet
  expect(lost).toMatchObject({ ok: false, error: expect.stringMatching(/webhook is not listening/) });

  await new Promise((resolve) => blocker!.close(resolve));
  blocker = null;
  await vi.waitFor(async () => expect((await snapshot()).status.webhook).toMatchObject({ listening: true, error: null }), { timeout: 8_000, interval: 200 });
  const up = await snapshot();
  expect(up.status.webhook.url).toBe(`http://127.0.0.1:${port}`);
  expect(up.notices.filter((n) => n.action === 'retry-webhook')).toEqual([]);

  const placed = await desk.invoke('test', 'demoCall', {});
  if (!placed.ok) throw new Error(placed.error);
  const { sessionId } = placed.value as { sessionId: string };
  await vi.waitFor(async () => expect((await snapshot()).calls.calls.find((c) => c.sessionId === sessionId)?.phase).toBe('ringing'), { timeout: 5_000 });
}, 20_000);
