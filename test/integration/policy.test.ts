// The console under a machine policy, through the contract: the locks are listed for Settings, a
// save that changes a locked setting is refused with its reason, and a bad policy is a notice.
import { afterEach, expect, it } from 'vitest';
import { parsePolicy } from '../../main/policy/policy.js';
import { startDeskWithSim, type DeskWithSim } from '../support/desk-with-sim.js';

let d: DeskWithSim | null = null;
afterEach(async () => {
  await d?.close();
  d = null;
});

it('lists the locks, refuses a change to them, and shows what is wrong with the policy', async () => {
  const policy = parsePolicy(JSON.stringify({ locked: { 'update.enabled': false, dnd: 'sometimes' }, defaults: { deskName: 'Nurse station 3' } }), '/etc/frontdesk-console/policy.json');
  d = await startDeskWithSim({ desk: { policy } });

  expect(await d.invoke('getPolicy', {})).toEqual({ ok: true, value: { source: '/etc/frontdesk-console/policy.json', locked: ['update.enabled'] } });
  const settings = await d.invoke('getSettings', {});
  expect(settings).toMatchObject({ ok: true, value: { deskName: 'Nurse station 3', update: { enabled: false } } });

  const refused = await d.invoke('updateSettings', { patch: { update: { enabled: true, channel: 'beta', installAt: null, url: null } } });
  expect(refused).toEqual({
    ok: false,
    error: "update.enabled: is set by your IT department's policy and cannot be changed here",
    fields: { 'update.enabled': { id: 'settings.lockedHint' } },
  });
  expect(await d.invoke('getSettings', {})).toMatchObject({ ok: true, value: { update: { channel: 'stable' } } });

  const snapshot = await d.invoke('getSnapshot', {});
  if (!snapshot.ok) throw new Error(snapshot.error);
  expect(snapshot.value.notices).toContainEqual(expect.objectContaining({ message: { id: 'notice.policyProblem' }, detail: 'Policy locked "dnd": dnd: must be true or false; this entry was ignored.' }));
});
