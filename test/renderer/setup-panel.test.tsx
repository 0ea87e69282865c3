// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LinkStatus, SetupView } from '../../main/ipc/contract.js';
import { checklistWithProgress, type SetupProgress } from '../../main/setup/checklist.js';
import { SetupPanel } from '../../renderer/src/components/SetupPanel.js';
import { byTestId, click, fakeDesk, mount, type, type Mounted } from './form-helpers.js';

const SKILL_ID = 'amzn1.ask.skill.12345678-1234-1234-1234-123456789012';

let ui: Mounted;
beforeEach(() => (ui = mount()));
afterEach(() => ui.unmount());

/** A desk whose checklist follows `progress` the way main's does. */
function deskWith(progress: SetupProgress) {
  const view = (): SetupView => ({
    steps: checklistWithProgress(progress),
    serviceProviderId: progress.serviceProviderId ?? null,
    mappedSkillId: progress.mappedSkillId ?? null,
  });
  const link = (): LinkStatus => ({
    signaling: { linked: progress.signalingLinked ?? false, clientIdSet: false, validUntil: null, lastError: null, fromEnvironment: false },
    setup: { signedIn: progress.setupSignedIn ?? false, clientIdSet: false, signInPending: false, returnUrl: 'http://localhost:8322/callback' },
  });
  return fakeDesk({
    getSetup: () => ({ ok: true, value: view() }),
    getLinkStatus: () => ({ ok: true, value: link() }),
    createServiceProvider: () => {
      progress.serviceProviderId = 'amzn1.comms.csp.id.abc123';
      return { ok: true, value: { serviceProviderId: 'amzn1.comms.csp.id.abc123' } };
    },
    mapSkill: ({ skillId }) => {
      progress.mappedSkillId = skillId;
      return { ok: true, value: undefined };
    },
    confirmSetupStep: ({ id, done }) => {
      progress.confirmed = done ? [...(progress.confirmed ?? []), id] : (progress.confirmed ?? []).filter((c) => c !== id);
      return { ok: true, value: undefined };
    },
  });
}

const step = (id: string) => ui.container.querySelector<HTMLElement>(`[data-testid="setup-step"][data-step-id="${id}"]`)!;

describe('SetupPanel', () => {
  it('lists every step with its how-to, its guide and whether it is done', async () => {
    const fake = deskWith({ setupSignedIn: true, serviceProviderId: 'amzn1.comms.csp.id.sp1' });
    await ui.render(<SetupPanel desk={fake.desk} refreshKey="" onOpenSignIn={() => {}} />);
    const steps = [...ui.container.querySelectorAll<HTMLElement>('[data-testid="setup-step"]')];
    expect(steps.map((s) => s.dataset.stepId)).toEqual(['webrtc-addon', 'api-access', 'service-provider', 'network-mapping', 'skill', 'enable-skill', 'desk-contact']);
    expect(steps.map((s) => s.dataset.done)).toEqual(['false', 'true', 'true', 'false', 'false', 'false', 'false']);
    expect(step('service-provider').textContent).toContain('amzn1.comms.csp.id.sp1');
    expect(step('service-provider').textContent).toContain('Done');
    expect(step('webrtc-addon').textContent).toContain('Billing & Subscriptions');
    expect(step('webrtc-addon').querySelector('a')?.href).toMatch(/^https:\/\/developer\.amazon\.com\//);
    expect(ui.container.textContent).toContain('2 of 7 steps done');
  });

  it('disables the steps the console does until the setup sign-in, saying why', async () => {
    const onOpenSignIn = vi.fn();
    const fake = deskWith({ setupSignedIn: false });
    await ui.render(<SetupPanel desk={fake.desk} refreshKey="" onOpenSignIn={onOpenSignIn} />);
    for (const id of ['service-provider', 'network-mapping', 'desk-contact']) {
      expect(byTestId<HTMLButtonElement>(step(id), 'step-submit').disabled).toBe(true);
      expect(byTestId(step(id), 'step-blocked').textContent).toContain('Sign in for setup first');
    }
    await click(byTestId(ui.container, 'setup-needs-signin').querySelector('button')!);
    expect(onOpenSignIn).toHaveBeenCalled();
  });

  it('creates the service provider, then enables and maps the skill', async () => {
    const fake = deskWith({ setupSignedIn: true });
    await ui.render(<SetupPanel desk={fake.desk} refreshKey="" onOpenSignIn={() => {}} />);
    expect(byTestId(step('network-mapping'), 'step-blocked').textContent).toContain('Create the service provider first');
    expect(byTestId<HTMLButtonElement>(step('service-provider'), 'step-submit').disabled).toBe(false);

    await type(byTestId(step('service-provider'), 'step-logicalId'), ' grand-hotel ');
    await type(byTestId(step('service-provider'), 'step-displayName'), 'Grand Hotel');
    await click(byTestId(step('service-provider'), 'step-submit'));
    expect(fake.sent('createServiceProvider')).toEqual([{ logicalId: 'grand-hotel', displayName: 'Grand Hotel' }]);
    expect(step('service-provider').dataset.done).toBe('true');
    expect(byTestId(step('service-provider'), 'step-outcome').textContent).toContain('Service provider id: amzn1.comms.csp.id.abc123');

    expect(step('network-mapping').querySelector('[data-testid="step-blocked"]')).toBeNull();
    await type(byTestId(step('network-mapping'), 'step-skillId'), SKILL_ID);
    await click(byTestId(step('network-mapping'), 'step-submit'));
    expect(fake.sent('mapSkill')).toEqual([{ skillId: SKILL_ID }]);
    expect(step('network-mapping').dataset.done).toBe('true');
  });

  it("shows main's error on the field it names", async () => {
    const fake = deskWith({ setupSignedIn: true, serviceProviderId: 'amzn1.comms.csp.id.sp1' });
    fake.replies.mapSkill = () => ({ ok: false, error: 'skillId: must look like amzn1.ask.skill.<uuid> (copy it from the Alexa developer console)' });
    await ui.render(<SetupPanel desk={fake.desk} refreshKey="" onOpenSignIn={() => {}} />);
    await type(byTestId(step('network-mapping'), 'step-skillId'), 'amzn1.ask.skill.bad');
    await click(byTestId(step('network-mapping'), 'step-submit'));
    expect(byTestId(step('network-mapping'), 'step-outcome').textContent).toContain('Not done: Skill id: must look like amzn1.ask.skill.<uuid>');
    expect(byTestId(step('network-mapping'), 'step-skillId').getAttribute('aria-invalid')).toBe('true');
    expect(step('network-mapping').dataset.done).toBe('false');
  });

  it('adds the desk to an address book', async () => {
    const fake = deskWith({ setupSignedIn: true });
    await ui.render(<SetupPanel desk={fake.desk} refreshKey="" onOpenSignIn={() => {}} />);
    await type(byTestId(step('desk-contact'), 'step-addressBookId'), 'book-1');
    await type(byTestId(step('desk-contact'), 'step-name'), 'Front Desk');
    await click(byTestId(step('desk-contact'), 'step-submit'));
    expect(fake.sent('addDeskContact')).toEqual([{ addressBookId: 'book-1', name: 'Front Desk' }]);
  });

  it('ticks and unticks a step done by hand; a step the console saw done has no tick', async () => {
    const fake = deskWith({ setupSignedIn: true });
    await ui.render(<SetupPanel desk={fake.desk} refreshKey="" onOpenSignIn={() => {}} />);
    expect(step('api-access').querySelector('[data-testid="confirm-step"]')).toBeNull();
    await click(byTestId(step('webrtc-addon'), 'confirm-step'));
    expect(fake.sent('confirmSetupStep')).toEqual([{ id: 'webrtc-addon', done: true }]);
    expect(step('webrtc-addon').dataset.done).toBe('true');
    await click(byTestId(step('webrtc-addon'), 'confirm-step'));
    expect(fake.sent('confirmSetupStep')[1]).toEqual({ id: 'webrtc-addon', done: false });
    expect(step('webrtc-addon').dataset.done).toBe('false');
  });
});
