// Adding a desk to a property, as an admin does it: a linked desk of the property (a managed
// install: DESK_LWA_* and DESK_BROKER_TOKEN) exports a desk-join file; a fresh desk — its own data
// folder and keychain — imports it, restarts, joins the property on the real nats-server (which
// takes only the token from the file), rings for a room's call and answers it with the imported link.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { startDeskForSim } from '../support/desk-with-sim.js';
import { startProperty, type PropertyFixture } from '../support/property.js';

const NS = 'Alexa.Comms.CallSignaling.';
const TOKEN = `property-token-${process.pid}`;
const PASSPHRASE = 'lobby fern window seventeen';

let p: PropertyFixture | null = null;
const dirs: string[] = [];
afterEach(async () => {
  await p?.close();
  p = null;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

it('a desk-join file from a linked desk lets a fresh desk join the property, ring and answer', async () => {
  p = await startProperty({ desks: [], brokerToken: TOKEN });
  const a = await p.addDesk('Desk A', { brokerCredential: { kind: 'token', token: TOKEN } });
  // A refusal comes in English for the log and in words for the window, under the field it is about.
  expect(await a.invoke('exportDeskJoin', { passphrase: 'too short' })).toEqual({
    ok: false,
    error: 'passphrase: must be at least 12 characters (a few words are easy to type and hard to guess)',
    fields: { passphrase: { id: 'deskJoin.passphraseShort', values: { min: 12 } } },
  });
  const exported = await a.invoke('exportDeskJoin', { passphrase: PASSPHRASE });
  if (!exported.ok) throw new Error(exported.error);
  expect(exported.value.fileName).toBe(`${p.property}.deskjoin`);
  for (const secret of [TOKEN, p.sim.credentials.clientSecret, p.sim.credentials.refreshToken]) expect(exported.value.text).not.toContain(secret);

  // The new desk: nothing linked, no property, a data folder and keychain entries of its own.
  const dataDir = mkdtempSync(join(tmpdir(), 'desk-join-it-'));
  dirs.push(dataDir);
  const own = { dataDir, keychainService: `frontdesk-join-${process.pid}-${Date.now()}` };
  const fresh = await startDeskForSim(p.sim, { linked: false, desk: { ...own, webhookPort: 0 } });
  if (fresh.latest.status?.vault !== 'keychain') {
    expect(process.env.DESK_TEST_NO_KEYCHAIN, 'a keychain must be available in the full test run').toBeTruthy();
    await fresh.close();
    return;
  }
  expect(fresh.latest.status).toMatchObject({ mode: 'demo', property: null, propertyRestart: null });

  const wrong = await fresh.invoke('importDeskJoin', { text: exported.value.text, passphrase: 'lobby fern window eighteen', deskName: 'Desk B' });
  expect(wrong).toMatchObject({ ok: false, error: expect.stringContaining('passphrase does not open this file'), message: { id: 'deskJoin.wrongPassphrase' } });
  expect((await fresh.invoke('getSettings', {})) as unknown).toMatchObject({ ok: true, value: { broker: { url: null, property: null } } });

  const imported = await fresh.invoke('importDeskJoin', { text: exported.value.text, passphrase: PASSPHRASE, deskName: 'Desk B' });
  expect(imported).toEqual({ ok: true, value: { property: p.property, exportedBy: 'Desk A' } });
  await fresh.waitForStatus((s) => s.mode === 'linked' && s.propertyRestart === 'join' && s.property === null);
  // The settings hold the server, property and name; the secrets are only in the keychain.
  const settingsFile = readFileSync(join(dataDir, 'settings.json'), 'utf8');
  expect(JSON.parse(settingsFile)).toMatchObject({ broker: { url: p.nats.url, property: p.property }, deskName: 'Desk B' });
  for (const file of readdirSync(dataDir, { recursive: true, withFileTypes: true }).filter((f) => f.isFile())) {
    const text = readFileSync(join(file.parentPath, file.name), 'utf8');
    for (const secret of [TOKEN, p.sim.credentials.clientSecret, p.sim.credentials.refreshToken, PASSPHRASE]) expect(text, file.name).not.toContain(secret);
  }
  await fresh.close();

  // Started again with nothing but its data folder and keychain: it joins the property.
  const b = await startDeskForSim(p.sim, { linked: false, desk: own });
  p.desks.set('Desk B', b);
  await b.waitForStatus((s) => s.mode === 'linked' && s.propertyRestart === null && s.property?.state === 'connected', 15_000);
  await p.waitForDesksOnline(2);
  expect(b.latest.status?.deskName).toBe('Desk B');

  const echo = p.sim.addRoom({ address: 'room-305', addressType: 'RAW_ADDRESS', name: 'Room 305' });
  const sessionId = await echo.callDesk();
  for (const desk of [a, b]) await desk.waitForCall(sessionId, (c) => c.phase === 'ringing');
  expect(await b.invoke('answer', { sessionId, video: false })).toEqual({ ok: true, value: undefined });
  await b.waitForCall(sessionId, (c) => c.phase === 'active');
  await b.media.waitForInboundAudio(sessionId);
  expect(await a.waitForCall(sessionId, (c) => c.phase === 'ended')).toMatchObject({ endReason: 'answered-elsewhere', desk: 'Desk B' });
  const accepted = p.sim.received.filter((m) => m.sessionId === sessionId && m.type === `${NS}CallAccepted`);
  expect(accepted).toHaveLength(1);
  await echo.hangup();
  await b.waitForCall(sessionId, (c) => c.phase === 'ended');
});
