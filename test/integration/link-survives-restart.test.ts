// "A person can link, see it survive a restart through the keychain alone": link by pasting the
// credentials, stop the console, start it again with no credentials anywhere but the keychain.
// With the Secret Service that `npm test` provides the console comes back linked; with no
// keychain (DESK_TEST_NO_KEYCHAIN) it must say so and come back in demo mode, never from a file.
import { afterEach, expect, it } from 'vitest';
import { startDesk } from '../../main/desk/desk.js';
import type { Desk } from '../../main/desk/types.js';
import type { Snapshot } from '../../main/ipc/contract.js';
import { nullLogger } from '../../main/log/logger.js';
import { startSimAlexa, type SimAlexa } from '../../main/sim/alexa-cloud.js';
import { freePort } from '../support/desk-with-sim.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const open: { desk?: Desk; sim?: SimAlexa } = {};
afterEach(async () => {
  await open.desk?.stop();
  await open.sim?.close();
});

it('keeps the signaling link across a restart through the keychain alone', async () => {
  const port = await freePort();
  const sim = (open.sim = await startSimAlexa({ webhookUrl: `http://127.0.0.1:${port}` }));
  const options = {
    dataDir: mkdtempSync(join(tmpdir(), 'desk-restart-')),
    webhookPort: port,
    alexaApi: sim.apiBase,
    lwaTokenUrl: sim.tokenUrl,
    keychainService: `frontdesk-restart-${process.pid}-${Date.now()}`,
    log: nullLogger,
  };
  const first = await startDesk(options);
  expect(first.mode).toBe('demo');
  expect(await first.invoke('c', 'linkSignaling', { ...sim.credentials })).toEqual({ ok: true, value: undefined });
  expect(first.mode).toBe('linked');
  await first.stop();

  const second = (open.desk = await startDesk(options));
  const result = await second.invoke('c', 'getSnapshot', {});
  if (!result.ok) throw new Error(result.error);
  const snapshot = { value: result.value as Snapshot };
  if (snapshot.value.status.vault === 'keychain') {
    expect(second.mode).toBe('linked');
  } else {
    expect(process.env.DESK_TEST_NO_KEYCHAIN, 'a keychain must be available in the full test run').toBeTruthy();
    expect(second.mode).toBe('demo');
    expect(snapshot.value.notices.map((n) => n.message.id)).toContain('notice.noKeychain');
  }
});
