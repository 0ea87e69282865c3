// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultSettings, describeSettingsIssues, settingsSchema } from '../../main/store/settings-schema.js';
import type { EditableSettings } from '../../main/ipc/contract.js';
import { DeskSettingsForm } from '../../renderer/src/components/DeskSettingsForm.js';
import { byTestId, click, fakeDesk, mount, settings, status, type, type Mounted } from './form-helpers.js';
import { text } from '../../main/domain/text.js';

const TURN = 'turn:turn.example.org:3478';

let ui: Mounted;
beforeEach(() => (ui = mount()));
afterEach(() => ui.unmount());

/** A desk whose settings start as `initial` and take a valid patch like main does. */
function deskWith(initial: EditableSettings) {
  let current = initial;
  return fakeDesk({
    getSettings: () => ({ ok: true, value: current }),
    updateSettings: ({ patch }) => {
      current = { ...current, ...patch };
      return { ok: true, value: current };
    },
  });
}

const save = () => click(byTestId(ui.container, 'save-settings'));
const outcome = () => byTestId(ui.container, 'settings-outcome').textContent;

describe('DeskSettingsForm', () => {
  it("shows the settings the machine policy locks as set by IT, and saves the update and proxy choices", async () => {
    const { desk, sent, replies } = deskWith(settings());
    replies.getPolicy = () => ({ ok: true, value: { source: '/etc/frontdesk-console/policy.json', locked: ['update.enabled', 'iceServers'] } });
    await ui.render(<DeskSettingsForm desk={desk} status={status()} />);
    expect(byTestId(ui.container, 'policy-note').textContent).toContain('/etc/frontdesk-console/policy.json');
    expect(byTestId<HTMLInputElement>(ui.container, 'set-update-enabled').disabled).toBe(true);
    expect(byTestId<HTMLInputElement>(ui.container, 'set-update-channel').disabled).toBe(false);
    expect(byTestId<HTMLButtonElement>(ui.container, 'add-ice-server').closest('fieldset')!.disabled).toBe(true);

    await type(byTestId(ui.container, 'set-update-channel'), 'beta');
    await type(byTestId(ui.container, 'set-proxy-mode'), 'manual');
    await type(byTestId(ui.container, 'set-proxy-server'), 'proxy.hotel.local:3128');
    await save();
    expect(sent('updateSettings').at(-1)!.patch).toEqual({
      update: { enabled: true, channel: 'beta', installAt: null, url: null },
      proxy: { mode: 'manual', server: 'proxy.hotel.local:3128', bypass: '' },
    });
  });

  it('shows the loaded settings with times in seconds', async () => {
    const { desk } = deskWith(settings({ ringTimeoutMs: 30_000, autoAnswer: { policy: 'idle', delayMs: 2500 } }));
    await ui.render(<DeskSettingsForm desk={desk} status={status()} />);
    expect(byTestId<HTMLInputElement>(ui.container, 'set-ring-timeout').value).toBe('30');
    expect(byTestId<HTMLInputElement>(ui.container, 'set-auto-answer-delay').value).toBe('2.5');
    expect(byTestId<HTMLSelectElement>(ui.container, 'set-auto-answer').value).toBe('idle');
    expect(ui.container.textContent).toContain('Listening at http://127.0.0.1:8321');
  });

  it('saves only the changed settings, converted to milliseconds', async () => {
    const fake = deskWith(settings());
    await ui.render(<DeskSettingsForm desk={fake.desk} status={status()} />);
    await type(byTestId(ui.container, 'set-ring-timeout'), '60');
    await type(byTestId(ui.container, 'set-webhook-port'), '9000');
    await click(byTestId(ui.container, 'set-launch-at-login'));
    await save();
    expect(fake.sent('updateSettings')).toEqual([{ patch: { ringTimeoutMs: 60_000, webhook: { host: '127.0.0.1', port: 9000 }, launchAtLogin: true } }]);
    expect(outcome()).toContain('Saved');
    expect(outcome()).toContain('webhook restarts');
  });

  it('saves the setup sign-in return port and shows the return URL it makes', async () => {
    const fake = deskWith(settings());
    await ui.render(<DeskSettingsForm desk={fake.desk} status={status()} />);
    expect(ui.container.textContent).toContain('http://localhost:8322/callback');
    await type(byTestId(ui.container, 'set-signin-port'), '8400');
    expect(ui.container.textContent).toContain('http://localhost:8400/callback');
    await save();
    expect(fake.sent('updateSettings')).toEqual([{ patch: { setupSignInPort: 8400 } }]);
  });

  it("shows main's error next to the field in the form's words, and keeps what was typed", async () => {
    const fake = deskWith(settings());
    fake.replies.updateSettings = () => ({
      ok: false,
      error: 'ringTimeoutMs: must be between 5000 and 600000',
      fields: { ringTimeoutMs: text('problem.between', { min: '5000', max: '600000' }) },
    });
    await ui.render(<DeskSettingsForm desk={fake.desk} status={status()} />);
    const ring = byTestId<HTMLInputElement>(ui.container, 'set-ring-timeout');
    await type(ring, '2');
    await save();
    expect(outcome()).toBe(' Nothing was saved. Ring timeout: must be between 5 and 600 seconds');
    expect(ring.getAttribute('aria-invalid')).toBe('true');
    expect(ring.closest('.field')?.textContent).toContain('must be between 5 and 600 seconds');
    expect(ring.value).toBe('2');
  });

  it('refuses text that is not a number without asking main', async () => {
    const fake = deskWith(settings());
    await ui.render(<DeskSettingsForm desk={fake.desk} status={status()} />);
    await type(byTestId(ui.container, 'set-ice-limit'), '');
    await save();
    expect(fake.sent('updateSettings')).toEqual([]);
    expect(outcome()).toContain('ICE gathering limit: enter a number of seconds');
  });

  it('never shows a saved TURN password, stores a typed one in the keychain and clears the input', async () => {
    const fake = deskWith(settings({ iceServers: [{ urls: TURN, username: 'desk' }] }));
    const live = status({ iceServers: [{ urls: TURN, username: 'desk', credential: 'turn-secret-1' }] });
    await ui.render(<DeskSettingsForm desk={fake.desk} status={live} />);
    expect(ui.container.innerHTML).not.toContain('turn-secret-1');
    const password = byTestId<HTMLInputElement>(ui.container, 'ice-password');
    expect(password.type).toBe('password');
    expect(password.getAttribute('autocomplete')).toBe('off');
    expect(password.value).toBe('');
    expect(password.closest('.field')?.textContent).toContain('Saved in the keychain');

    await type(password, 'new-secret-2');
    await save();
    expect(fake.sent('setTurnCredential')).toEqual([{ url: TURN, credential: 'new-secret-2' }]);
    expect(fake.sent('updateSettings')).toEqual([]); // nothing else changed
    expect(byTestId<HTMLInputElement>(ui.container, 'ice-password').value).toBe('');
    expect(ui.container.innerHTML).not.toContain('new-secret-2');
  });

  it('adds a server, and removing a TURN server also removes its password', async () => {
    const fake = deskWith(settings({ iceServers: [{ urls: TURN, username: 'desk' }] }));
    await ui.render(<DeskSettingsForm desk={fake.desk} status={status()} />);
    await click(byTestId(ui.container, 'add-ice-server'));
    const rows = ui.container.querySelectorAll<HTMLElement>('[data-testid="ice-server"]');
    await type(byTestId(rows[1], 'ice-urls'), 'stun:stun.example.org:3478');
    await click(rows[0].querySelector<HTMLButtonElement>('button[aria-label="Remove server 1"]')!);
    await save();
    expect(fake.sent('updateSettings')).toEqual([{ patch: { iceServers: [{ urls: 'stun:stun.example.org:3478' }] } }]);
    expect(fake.sent('setTurnCredential')).toEqual([{ url: TURN, credential: null }]);
  });

  it('marks the server row main names in its error', async () => {
    const fake = deskWith(settings());
    fake.replies.updateSettings = () => ({
      ok: false,
      error: 'iceServers.0.urls: must be a URL starting with stun:, stuns:, turn:, turns:',
      fields: { 'iceServers.0.urls': text('problem.iceUrl', { schemes: 'stun:, stuns:, turn:, turns:' }) },
    });
    await ui.render(<DeskSettingsForm desk={fake.desk} status={status()} />);
    await click(byTestId(ui.container, 'add-ice-server'));
    await type(byTestId(ui.container, 'ice-urls'), 'http://nope');
    await save();
    expect(byTestId(ui.container, 'ice-urls').getAttribute('aria-invalid')).toBe('true');
    expect(outcome()).toContain('Server 1 address: must be a URL starting with stun:');
    expect(fake.sent('setTurnCredential')).toEqual([]);
  });

  it('restarts the webhook on demand and says how it went', async () => {
    const fake = deskWith(settings());
    fake.replies.restartWebhook = () => ({ ok: false, error: 'port 8321 is in use by another program', message: text('webhook.portInUse', { port: '8321' }) });
    await ui.render(<DeskSettingsForm desk={fake.desk} status={status()} />);
    await click(byTestId(ui.container, 'restart-webhook'));
    expect(fake.sent('restartWebhook')).toEqual([{}]);
    expect(byTestId(ui.container, 'webhook-outcome').textContent).toContain('The webhook did not start: Webhook port 8321 is in use by another program');
  });

  it("shows the webhook's new state as main reports it", async () => {
    const fake = deskWith(settings());
    await ui.render(<DeskSettingsForm desk={fake.desk} status={status()} />);
    await ui.render(<DeskSettingsForm desk={fake.desk} status={status({ webhook: { url: '', listening: false, error: text('webhook.portNeedsAdmin', { port: '80' }), lastEventAt: null, secret: 'none' } })} />);
    expect(byTestId(ui.container, 'webhook-state').textContent).toContain('Not listening: Webhook port 80 needs administrator rights');
  });
});

describe('DeskSettingsForm in Spanish', () => {
  it("shows its labels and main's refusal in Spanish, main's numbers in seconds", async () => {
    // What main says when a save does not validate: the settings schema's own problems.
    const checked = settingsSchema.safeParse({ ...defaultSettings(), ringTimeoutMs: 2000 });
    if (checked.success) throw new Error('expected the schema to refuse 2 seconds');
    const fake = deskWith(settings());
    const fields = Object.fromEntries(describeSettingsIssues(checked.error).map((issue) => [issue.field, issue.text!]));
    fake.replies.updateSettings = () => ({ ok: false, error: 'ringTimeoutMs: must be between 5000 and 600000', fields });
    await ui.render(<DeskSettingsForm desk={fake.desk} status={status()} />, 'es');

    const form = byTestId(ui.container, 'desk-settings');
    expect(form.getAttribute('aria-label')).toBe('Configuración del puesto');
    expect(form.textContent).toContain('Este puesto');
    expect(form.textContent).toContain('Escuchando en http://127.0.0.1:8321');
    const ring = byTestId<HTMLInputElement>(ui.container, 'set-ring-timeout');
    expect(ring.closest('.field')?.textContent).toContain('Tiempo de timbre');
    expect(ring.closest('.field')?.textContent).toContain('segundos');
    expect(byTestId(ui.container, 'save-settings').textContent).toContain('Guardar cambios');

    await type(ring, '2');
    await save();
    expect(outcome()).toBe(' No se guardó nada. Tiempo de timbre: debe estar entre 5 y 600 segundos');
    expect(ring.closest('.field')?.textContent).toContain('debe estar entre 5 y 600 segundos');
    expect(ring.getAttribute('aria-invalid')).toBe('true');
  });

  it('says a field the policy locks, and a webhook that cannot start, in Japanese', async () => {
    const fake = deskWith(settings());
    fake.replies.getPolicy = () => ({ ok: true, value: { source: '/etc/frontdesk-console/policy.json', locked: ['deskName'] } });
    fake.replies.restartWebhook = () => ({ ok: false, error: 'port 8321 is in use', message: text('webhook.portInUse', { port: '8321' }) });
    await ui.render(<DeskSettingsForm desk={fake.desk} status={status()} />, 'ja');
    expect(byTestId(ui.container, 'policy-note').textContent).toContain('IT 部門が指定している');
    expect(byTestId(ui.container, 'set-desk-name').closest('.field')?.textContent).toContain('IT 部門のポリシーで設定されているため');
    await click(byTestId(ui.container, 'restart-webhook'));
    expect(byTestId(ui.container, 'webhook-outcome').textContent).toContain('Webhook を開始できませんでした: Webhook のポート 8321 は別のプログラムが使用中です');
  });
});
