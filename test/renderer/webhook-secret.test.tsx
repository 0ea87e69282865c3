// @vitest-environment jsdom
// The webhook secret in Settings: created and shown once to copy, replaced and removed only after a
// confirmation, a launch-provided secret left alone, and main's refusals shown in words.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeskStatus } from '../../main/ipc/contract.js';
import { WebhookSecretPanel } from '../../renderer/src/components/WebhookSecretPanel.js';
import { byTestId, click, fakeDesk, mount, status, type Mounted } from './form-helpers.js';

let ui: Mounted;
beforeEach(() => (ui = mount()));
afterEach(() => ui.unmount());

const withSecret = (secret: DeskStatus['webhook']['secret'], over: Partial<DeskStatus> = {}) =>
  status({ webhook: { url: 'http://127.0.0.1:8321', listening: true, error: null, lastEventAt: null, secret }, ...over });
const text = () => ui.container.textContent ?? '';
const has = (testId: string) => ui.container.querySelector(`[data-testid="${testId}"]`) !== null;

describe('WebhookSecretPanel', () => {
  it('creates a secret and shows it once, with where it goes', async () => {
    const fake = fakeDesk({ createWebhookSecret: () => ({ ok: true, value: { secret: 'fresh-secret-value-0123456789' } }) });
    await ui.render(<WebhookSecretPanel desk={fake.desk} status={withSecret('none')} />);
    expect(text()).toContain('No webhook secret');
    await click(byTestId(ui.container, 'create-webhook-secret'));
    expect(fake.sent('createWebhookSecret')).toEqual([{}]);
    expect(byTestId<HTMLInputElement>(ui.container, 'webhook-secret-value').value).toBe('fresh-secret-value-0123456789');
    expect(text()).toContain('not shown again');
    expect(text()).toContain('WEBHOOK_SECRET');
    await click(byTestId(ui.container, 'hide-webhook-secret'));
    expect(has('webhook-secret-value')).toBe(false);
    expect(text()).not.toContain('fresh-secret-value');
  });

  it('replaces a secret only after a confirmation that says what it means', async () => {
    const fake = fakeDesk({ createWebhookSecret: () => ({ ok: true, value: { secret: 'replacement-secret-0123456789' } }) });
    await ui.render(<WebhookSecretPanel desk={fake.desk} status={withSecret('keychain')} />);
    expect(text()).toContain('A webhook secret is set');
    await click(byTestId(ui.container, 'create-webhook-secret'));
    expect(fake.sent('createWebhookSecret')).toEqual([]);
    expect(text()).toContain('refused until it has the new secret');
    await click(byTestId(ui.container, 'confirm-webhook-secret'));
    expect(fake.sent('createWebhookSecret')).toEqual([{}]);
    expect(byTestId<HTMLInputElement>(ui.container, 'webhook-secret-value').value).toBe('replacement-secret-0123456789');
  });

  it("removes it after a confirmation, and shows main's refusal in words", async () => {
    const fake = fakeDesk({ removeWebhookSecret: () => ({ ok: false, error: 'The webhook listens on 0.0.0.0, beyond this computer, so it needs its secret' }) });
    await ui.render(<WebhookSecretPanel desk={fake.desk} status={withSecret('keychain')} />);
    await click(byTestId(ui.container, 'remove-webhook-secret'));
    await click(byTestId(ui.container, 'confirm-webhook-secret'));
    expect(fake.sent('removeWebhookSecret')).toEqual([{}]);
    expect(byTestId(ui.container, 'webhook-secret-outcome').textContent).toContain('The secret was not removed: The webhook listens on 0.0.0.0');
  });

  it('offers nothing to change for a secret set where the console starts', async () => {
    await ui.render(<WebhookSecretPanel desk={fakeDesk().desk} status={withSecret('launch')} />);
    expect(text()).toContain('DESK_WEBHOOK_SECRET');
    expect(has('create-webhook-secret')).toBe(false);
    expect(has('remove-webhook-secret')).toBe(false);
  });

  it('says a secret lasts only until the console closes without a keychain', async () => {
    await ui.render(<WebhookSecretPanel desk={fakeDesk().desk} status={withSecret('none', { vault: 'memory' })} />);
    expect(text()).toContain('only until the console closes');
  });
});
