// The ASP setup steps through the contract against the simulated Amazon: sign in for setup (PKCE
// through the loopback listener), create the service provider, map it to the skill, add the desk
// as a WebRTC contact, tick a manual step; the checklist follows. Then sign out and unlink.
import { afterEach, expect, it } from 'vitest';
import type { SetupView } from '../../main/ipc/contract.js';
import { startDeskWithSim, type DeskWithSim } from '../support/desk-with-sim.js';

const SETUP_CLIENT = { clientId: 'amzn1.application-oa2-client.setup', clientSecret: 'setup-secret-0123456789' };
let t: DeskWithSim | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

async function setupView(): Promise<SetupView> {
  const view = await t!.invoke('getSetup', {});
  if (!view.ok) throw new Error(view.error);
  return view.value;
}
const done = (view: SetupView) => Object.fromEntries(view.steps.map((s) => [s.id, s.done]));

it('runs every setup call against the simulator and the checklist follows', async () => {
  t = await startDeskWithSim({
    linked: false,
    desk: { openExternal: async (url) => void (await fetch(url)) },
    sim: { setupClientId: SETUP_CLIENT.clientId, setupClientSecret: SETUP_CLIENT.clientSecret },
  });
  expect(await t.invoke('linkSignaling', { ...t.sim.credentials })).toEqual({ ok: true, value: undefined });
  expect(await t.invoke('createServiceProvider', { logicalId: 'desk', displayName: 'Front Desk' })).toMatchObject({ ok: false });

  expect((await t.invoke('setupSignIn', SETUP_CLIENT)).ok).toBe(true);
  await expect.poll(async () => done(await setupView())['api-access']).toBe(true);

  const created = await t.invoke('createServiceProvider', { logicalId: 'grand.hotel.desk', displayName: 'Grand Hotel front desk' });
  if (!created.ok) throw new Error(created.error);
  expect(created.value.serviceProviderId).toMatch(/^amzn1\.comms\.csp\.id\./);
  const mapped = await t.invoke('mapSkill', { skillId: t.sim.skillId });
  expect(mapped, JSON.stringify(mapped)).toEqual({ ok: true, value: undefined });
  expect(await t.invoke('mapSkill', { skillId: t.sim.skillId })).toEqual({ ok: true, value: undefined }); // again: an update
  expect(await t.invoke('addDeskContact', { addressBookId: 'book-1', name: 'Front Desk' })).toEqual({ ok: true, value: undefined });
  expect(await t.invoke('confirmSetupStep', { id: 'webrtc-addon', done: true })).toEqual({ ok: true, value: undefined });

  const view = await setupView();
  expect(view).toMatchObject({ serviceProviderId: created.value.serviceProviderId, mappedSkillId: t.sim.skillId });
  expect(done(view)).toMatchObject({ 'webrtc-addon': true, 'api-access': true, 'service-provider': true, 'network-mapping': true, 'desk-contact': true });
  expect(t.sim.onboarding.contacts).toEqual([expect.objectContaining({ addressBookId: 'book-1', name: 'Front Desk', providerContactId: 'front-desk' })]);

  // A duplicate logical id is refused by Amazon, in plain words, and changes nothing.
  const again = await t.invoke('createServiceProvider', { logicalId: 'grand.hotel.desk', displayName: 'Again' });
  expect(again).toMatchObject({ ok: false, error: expect.stringMatching(/409/) });
  expect((await setupView()).serviceProviderId).toBe(created.value.serviceProviderId);

  expect(await t.invoke('setupSignOut', {})).toEqual({ ok: true, value: undefined });
  expect(await t.invoke('unlinkSignaling', {})).toEqual({ ok: true, value: undefined });
  const link = await t.invoke('getLinkStatus', {});
  expect(link).toMatchObject({ ok: true, value: { signaling: { linked: false }, setup: { signedIn: false } } });
});
