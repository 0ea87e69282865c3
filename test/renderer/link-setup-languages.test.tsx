// @vitest-environment jsdom
// Settings › Link to Amazon, ASP setup and the webhook secret in the staff's language: labels from
// the catalogues, and main's refusals (a message id with values) said in the window's language.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LinkStatus } from '../../main/ipc/contract.js';
import { checklistWithProgress } from '../../main/setup/checklist.js';
import { LinkPanel } from '../../renderer/src/components/LinkPanel.js';
import { SetupPanel } from '../../renderer/src/components/SetupPanel.js';
import { WebhookSecretPanel } from '../../renderer/src/components/WebhookSecretPanel.js';
import { byTestId, click, fakeDesk, mount, status, type, type Mounted } from './form-helpers.js';
import { withWords } from './with-words.js';

let ui: Mounted;
beforeEach(() => (ui = mount()));
afterEach(() => ui.unmount());

const CLIENT_ID = 'amzn1.application-oa2-client.0123456789abcdef0123456789abcdef';
const linkStatus = (setupSignedIn = false): LinkStatus => ({
  signaling: { linked: false, clientIdSet: true, validUntil: null, lastError: { id: 'link.error.expired' }, fromEnvironment: false },
  setup: { signedIn: setupSignedIn, clientIdSet: false, signInPending: false, returnUrl: 'http://localhost:8322/callback' },
});
const labels = () => [...ui.container.querySelectorAll('label')].map((l) => l.textContent);

describe('the linking and setup screens in Spanish and Japanese', () => {
  it('Link to Amazon in Spanish: labels, the state, and why Amazon refused', async () => {
    const fake = fakeDesk({
      getLinkStatus: () => ({ ok: true, value: linkStatus() }),
      linkSignaling: () => ({ ok: false, error: 'Amazon did not accept the refresh token', message: { id: 'link.error.refreshTokenRefused' } }),
    });
    await ui.render(withWords(<LinkPanel desk={fake.desk} refreshKey="" />, 'es'));
    expect(ui.container.textContent).toContain('Vínculo para las llamadas');
    expect(labels()).toContain('ID de cliente');
    expect(labels()).toContain('Token de actualización');
    expect(byTestId(ui.container, 'signaling-state').textContent).toContain('Último problema: El vínculo con Amazon caducó o fue retirado');

    await click(byTestId(ui.container, 'save-signaling-client'));
    expect(byTestId(ui.container, 'signaling-client-outcome').textContent?.trim()).toBe('Complete el ID de cliente y el secreto de cliente.');

    await type(byTestId(ui.container, 'manual-client-id'), CLIENT_ID);
    await type(byTestId(ui.container, 'manual-client-secret'), 'skill-secret-1');
    await type(byTestId(ui.container, 'manual-refresh-token'), 'Atzr|token-1');
    await click(byTestId(ui.container, 'manual-link'));
    expect(byTestId(ui.container, 'manual-link-outcome').textContent?.trim()).toBe(
      'No se vinculó: Amazon no aceptó el token de actualización: es incorrecto, caducó o fue retirado, o pertenece a otro ID de cliente',
    );
  });

  it('ASP setup in Japanese: the steps from main, the count, and a field error from main', async () => {
    const progress = { setupSignedIn: true, serviceProviderId: 'amzn1.comms.csp.id.sp1' };
    const fake = fakeDesk({
      getSetup: () => ({ ok: true, value: { steps: checklistWithProgress(progress), serviceProviderId: progress.serviceProviderId, mappedSkillId: null } }),
      getLinkStatus: () => ({ ok: true, value: linkStatus(true) }),
      mapSkill: () => ({
        ok: false,
        error: 'skillId: must look like amzn1.ask.skill.<uuid>',
        message: { id: 'setup.field.skillIdShape', values: { field: { id: 'setup.skillId' } } },
      }),
    });
    await ui.render(withWords(<SetupPanel desk={fake.desk} refreshKey="" onOpenSignIn={() => {}} />, 'ja'));
    expect(ui.container.textContent).toContain('7 件中 2 件完了');
    const mapping = ui.container.querySelector<HTMLElement>('[data-step-id="network-mapping"]')!;
    expect(mapping.querySelector('h3')!.textContent).toBe('サービスプロバイダーを skill に割り当てる');
    expect(ui.container.querySelector('[data-step-id="service-provider"] .step-detail')!.textContent).toContain('サービスプロバイダー ID：amzn1.comms.csp.id.sp1');

    await type(byTestId(mapping, 'step-skillId'), 'amzn1.ask.skill.bad');
    await click(byTestId(mapping, 'step-submit'));
    expect(byTestId(mapping, 'step-outcome').textContent?.trim()).toBe('完了できませんでした：skill ID：amzn1.ask.skill. で始まる必要があります。Alexa 開発者コンソールからコピーしてください');
    expect(byTestId(mapping, 'step-skillId').getAttribute('aria-invalid')).toBe('true');
  });

  it('the webhook secret in Spanish, with main refusing to remove it', async () => {
    const fake = fakeDesk({
      removeWebhookSecret: () => ({ ok: false, error: 'The webhook listens on 0.0.0.0', message: { id: 'webhookSecret.neededBeyond', values: { host: '0.0.0.0' } } }),
    });
    const withSecret = status({ webhook: { url: 'http://0.0.0.0:8321', listening: true, error: null, lastEventAt: null, secret: 'keychain' } });
    await ui.render(withWords(<WebhookSecretPanel desk={fake.desk} status={withSecret} />, 'es'));
    expect(byTestId(ui.container, 'webhook-secret-state').textContent).toContain('Hay un secreto de webhook');
    await click(byTestId(ui.container, 'remove-webhook-secret'));
    await click(byTestId(ui.container, 'confirm-webhook-secret'));
    expect(byTestId(ui.container, 'webhook-secret-outcome').textContent?.trim()).toBe(
      'No se quitó el secreto: El webhook escucha en 0.0.0.0, fuera de este equipo, así que necesita su secreto. Primero cambie el host del webhook a 127.0.0.1',
    );
  });
});
