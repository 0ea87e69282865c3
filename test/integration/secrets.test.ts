// Secrets never leave the main process: every payload the contract carries during linking, calls
// and setup is recorded, with every log line and every file in the data directory, and none of
// them may hold a secret value or an LWA token.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { consoleLogger } from '../../main/log/logger.js';
import { startDeskWithSim, type DeskWithSim } from '../support/desk-with-sim.js';

let t: DeskWithSim | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

it('keeps every secret out of IPC payloads, logs and the data directory through linking, a call and setup', async () => {
  const logLines: string[] = [];
  const webhookSecret = 'webhook-secret-value-0123456789';
  const setupClientSecret = 'setup-client-secret-value-0123456789';
  t = await startDeskWithSim({
    linked: false,
    desk: { webhookSecret, log: consoleLogger('debug', (line) => logLines.push(line)), openExternal: async (url) => void (await fetch(url)) },
    sim: { webhookSecret, setupClientId: 'amzn1.application-oa2-client.setup', setupClientSecret },
  });
  const { sim } = t;
  // The simulator's authorize page approves at once and redirects to the console's loopback listener.
  const payloads: unknown[] = [];
  t.desk.connect('recorder', (event, payload) => payloads.push({ event, payload }));
  const record = async <T>(result: Promise<T>) => {
    const value = await result;
    payloads.push(value);
    return value;
  };

  // Manual link with a wrong secret (refused), then the grant path.
  await record(t.invoke('linkSignaling', { clientId: sim.credentials.clientId, clientSecret: 'wrong-secret-0123456789', refreshToken: sim.credentials.refreshToken }));
  await record(t.invoke('saveSignalingClient', { clientId: sim.credentials.clientId, clientSecret: sim.credentials.clientSecret }));
  const grant = await sim.sendAuthorizationGrant();
  expect(grant.status).toBe(200);
  expect(await record(t.invoke('getLinkStatus', {}))).toMatchObject({ ok: true, value: { signaling: { linked: true } } });

  // A call through Amazon's (simulated) signaling API.
  const echo = sim.addRoom({ address: 'room-1', addressType: 'RAW_ADDRESS', name: 'Room 1' });
  const sessionId = await echo.callDesk();
  await t.waitForCall(sessionId, (c) => c.phase === 'ringing');
  await record(t.invoke('answer', { sessionId, video: false }));
  await t.waitForCall(sessionId, (c) => c.phase === 'active');
  await echo.hangup();
  await t.waitForCall(sessionId, (c) => c.phase === 'ended');

  // Setup: sign in with Amazon (PKCE through the loopback listener), then a setup API call.
  await record(t.invoke('setupSignIn', { clientId: 'amzn1.application-oa2-client.setup', clientSecret: setupClientSecret }));
  const setupSignedIn = async () => {
    const status = await record(t!.invoke('getLinkStatus', {}));
    return status.ok && status.value.setup.signedIn;
  };
  await expect.poll(setupSignedIn).toBe(true);
  expect(await record(t.invoke('createServiceProvider', { logicalId: 'desk.test', displayName: 'Front Desk' }))).toMatchObject({ ok: true });
  await record(t.invoke('getSetup', {}));
  await record(t.invoke('getSnapshot', {}));

  const secrets = [sim.credentials.clientSecret, sim.credentials.refreshToken, webhookSecret, setupClientSecret, 'wrong-secret-0123456789'];
  const haystacks = {
    'contract payloads': JSON.stringify(payloads),
    'log lines': logLines.join('\n'),
    'data directory': filesUnder(t.dataDir).map((f) => readFileSync(f, 'utf8')).join('\n'),
  };
  expect(payloads.length).toBeGreaterThan(10);
  expect(logLines.length).toBeGreaterThan(5);
  for (const [where, text] of Object.entries(haystacks)) {
    for (const secret of secrets) expect(text.includes(secret), `a secret appears in the ${where}`).toBe(false);
    expect(text, `an LWA token appears in the ${where}`).not.toMatch(/Atz[ar]\|/);
  }
});
