// @vitest-environment jsdom
// Settings › Property: the server, property id and desk name; the server's sign-in; making and
// importing a desk-join file; and what the next start changes, here and in the status bar.
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { refusalOf } from '../../main/domain/text.js';
import type { EditableSettings, PropertyJoinView } from '../../main/ipc/contract.js';
import { checkBrokerCredential } from '../../main/property/broker-credential.js';
import { openDeskJoin } from '../../main/property/desk-join.js';
import { defaultSettings, describeSettingsIssues, settingsSchema } from '../../main/store/settings-schema.js';
import { SettingsError } from '../../main/store/settings.js';
import { PropertyPanel } from '../../renderer/src/components/PropertyPanel.js';
import { StatusBar } from '../../renderer/src/components/StatusBar.js';
import { DeskIntl } from '../../renderer/src/i18n/DeskIntl.js';
import { byTestId, click, fakeDesk, mount, settings, settle, status, type, type Mounted } from './form-helpers.js';

let ui: Mounted;
beforeEach(() => (ui = mount()));
afterEach(() => {
  ui.unmount();
  vi.restoreAllMocks();
});

const NO_CREDENTIAL: PropertyJoinView = { credential: null, fromFlags: false };

function deskWith(initial: EditableSettings = settings(), view: PropertyJoinView = NO_CREDENTIAL) {
  let current = initial;
  return fakeDesk({
    getSettings: () => ({ ok: true, value: current }),
    updateSettings: ({ patch }) => {
      current = { ...current, ...patch };
      return { ok: true, value: current };
    },
    getPropertyJoin: () => ({ ok: true, value: view }),
  });
}

/** What main answers when its own check refuses: the same validators, the same refusal. */
function refusedByMain(check: () => unknown) {
  try {
    check();
  } catch (e) {
    return refusalOf(e);
  }
  throw new Error('main would have accepted this');
}

async function refusedByMainAsync(check: () => Promise<unknown>) {
  try {
    await check();
  } catch (e) {
    return refusalOf(e);
  }
  throw new Error('main would have accepted this');
}

function checkSettings(patch: Partial<EditableSettings>): void {
  const parsed = settingsSchema.safeParse({ ...defaultSettings(), ...patch });
  if (!parsed.success) throw new SettingsError(describeSettingsIssues(parsed.error));
}

const text = (testId: string) => byTestId(ui.container, testId).textContent ?? '';
const input = (testId: string) => byTestId<HTMLInputElement>(ui.container, testId);

async function chooseFile(element: HTMLInputElement, file: File): Promise<void> {
  Object.defineProperty(element, 'files', { value: [file], configurable: true });
  await act(async () => element.dispatchEvent(new Event('change', { bubbles: true })));
  await settle();
}

describe('Settings › Property', () => {
  it('saves the server, property id and desk name, and shows main’s error next to its field', async () => {
    const fake = deskWith();
    await ui.render(<PropertyPanel desk={fake.desk} status={status()} />);
    expect(byTestId(ui.container, 'property-state').dataset.running).toBe('single');
    expect(text('property-state')).toContain('This desk works on its own');

    await type(input('set-broker-url'), 'tls://nats.hotel.example:4222');
    await click(byTestId(ui.container, 'save-property'));
    expect(fake.sent('updateSettings')).toEqual([{ patch: { broker: { url: 'tls://nats.hotel.example:4222', property: null } } }]);
    // The fake saved it; main refuses half a pair — as here:
    fake.replies.updateSettings = ({ patch }) => refusedByMain(() => checkSettings({ broker: { url: 'tls://nats.hotel.example:4222', property: null }, ...patch }));
    await type(input('set-property-desk-name'), 'Front desk 2');
    await click(byTestId(ui.container, 'save-property'));
    expect(text('property-outcome')).toContain('Nothing was saved. Fill in both the property server and the property id, or leave both empty.');
    expect(input('set-property-id').getAttribute('aria-invalid')).toBe('true');
    expect(input('set-property-desk-name').value).toBe('Front desk 2');
  });

  it('says plainly that a restart joins, leaves or changes the property, and what runs now', async () => {
    const fake = deskWith(settings({ broker: { url: 'nats://10.0.0.5:4222', property: 'ward-3' } }));
    await ui.render(<PropertyPanel desk={fake.desk} status={status({ propertyRestart: 'join' })} />);
    expect(text('property-restart')).toBe('Restart the console to join the property.');
    await ui.render(
      <PropertyPanel
        desk={fake.desk}
        status={status({ property: { broker: 'nats://10.0.0.5:4222', property: 'ward-3', state: 'connected', desks: [] }, propertyRestart: 'leave' })}
      />,
    );
    expect(text('property-state')).toContain('This desk is one of the desks of the property ward-3, on nats://10.0.0.5:4222.');
    expect(text('property-restart')).toContain('Restart the console to leave the property.');
  });

  it('shows the values the machine policy locks as set by IT', async () => {
    const fake = deskWith();
    fake.replies.getPolicy = () => ({ ok: true, value: { source: '/etc/frontdesk-console/policy.json', locked: ['broker'] } });
    await ui.render(<PropertyPanel desk={fake.desk} status={status()} />);
    expect(input('set-broker-url').disabled).toBe(true);
    expect(input('set-property-id').disabled).toBe(true);
    expect(input('set-property-desk-name').disabled).toBe(false);
    expect(byTestId(ui.container, 'property-settings').textContent).toContain("Set by your IT department's policy");
  });

  it('sends a pasted .creds file to the keychain, empties the field and shows only its kind', async () => {
    const fake = deskWith();
    fake.replies.setBrokerCredential = ({ credential }) =>
      credential?.text === 'nonsense'
        ? refusedByMain(() => checkBrokerCredential(credential))
        : { ok: true, value: { credential: { kind: 'creds', from: 'keychain' }, fromFlags: false } };
    await ui.render(<PropertyPanel desk={fake.desk} status={status()} />);
    expect(byTestId(ui.container, 'broker-credential-state').dataset.kind).toBe('none');

    const area = byTestId<HTMLTextAreaElement>(ui.container, 'broker-credential-text');
    await type(area, 'nonsense');
    await click(byTestId(ui.container, 'save-broker-credential'));
    expect(text('broker-credential-outcome')).toContain('Not saved: This is not the text of a NATS .creds file');
    expect(area.getAttribute('aria-invalid')).toBe('true');

    await type(area, '-----BEGIN NATS USER JWT-----\n…');
    await click(byTestId(ui.container, 'save-broker-credential'));
    expect(fake.sent('setBrokerCredential').at(-1)).toEqual({ credential: { kind: 'creds', text: '-----BEGIN NATS USER JWT-----\n…' } });
    expect(area.value).toBe('');
    expect(text('broker-credential-state')).toContain('A .creds file is saved in the system keychain.');
    await click(byTestId(ui.container, 'remove-broker-credential'));
    expect(fake.sent('setBrokerCredential').at(-1)).toEqual({ credential: null });
  });

  it('makes a desk-join file only with the same passphrase typed twice, and hands it to the download', async () => {
    const fake = deskWith();
    fake.replies.exportDeskJoin = () => ({ ok: true, value: { fileName: 'ward-3.deskjoin', text: '{"format":"frontdesk-desk-join"}' } });
    const blobs: Blob[] = [];
    URL.createObjectURL = vi.fn((blob: Blob) => (blobs.push(blob), 'blob:join'));
    URL.revokeObjectURL = vi.fn();
    const downloads: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      downloads.push(this.download);
    });
    await ui.render(<PropertyPanel desk={fake.desk} status={status()} />);

    await type(input('export-passphrase'), 'short');
    await click(byTestId(ui.container, 'export-join-submit'));
    expect(byTestId(ui.container, 'export-join').textContent).toContain('Use at least 12 characters');
    await type(input('export-passphrase'), 'four words make a passphrase');
    await type(input('export-passphrase-again'), 'four words make a passphrasE');
    await click(byTestId(ui.container, 'export-join-submit'));
    expect(byTestId(ui.container, 'export-join').textContent).toContain('The two passphrases are not the same.');
    expect(fake.sent('exportDeskJoin')).toEqual([]);

    await type(input('export-passphrase-again'), 'four words make a passphrase');
    await type(byTestId(ui.container, 'export-credential-choice'), 'own');
    await type(byTestId(ui.container, 'export-credential-kind'), 'token');
    await type(input('export-credential-text'), 'new-desk-token');
    await click(byTestId(ui.container, 'export-join-submit'));
    expect(fake.sent('exportDeskJoin')).toEqual([{ passphrase: 'four words make a passphrase', credential: { kind: 'token', text: 'new-desk-token' } }]);
    expect(downloads).toEqual(['ward-3.deskjoin']);
    expect(await blobs[0]!.text()).toBe('{"format":"frontdesk-desk-join"}');
    expect(input('export-passphrase').value).toBe('');
    expect(input('export-passphrase-again').value).toBe('');
    expect(text('export-join-outcome')).toContain('never send the passphrase with the file');
  });

  it('imports a file with its passphrase and this desk’s name; a wrong passphrase is said plainly and the passphrase is emptied', async () => {
    const fake = deskWith();
    fake.replies.importDeskJoin = ({ passphrase }) =>
      passphrase === 'right passphrase!'
        ? { ok: true, value: { property: 'ward-3', exportedBy: 'Front desk 1' } }
        : { ok: false, error: 'The passphrase does not open this file, or the file was changed after it was made.' };
    await ui.render(<PropertyPanel desk={fake.desk} status={status()} />);

    await click(byTestId(ui.container, 'import-join-submit'));
    expect(byTestId(ui.container, 'import-join').textContent).toContain('Choose the desk-join file.');
    expect(fake.sent('importDeskJoin')).toEqual([]);

    await chooseFile(input('import-join-file'), new File(['{"format":"frontdesk-desk-join"}'], 'ward-3.deskjoin'));
    await type(input('import-passphrase'), 'wrong passphrase');
    await type(input('import-desk-name'), 'Night desk');
    await click(byTestId(ui.container, 'import-join-submit'));
    expect(text('import-join-outcome')).toContain('Nothing was imported. The passphrase does not open this file');
    expect(input('import-passphrase').value).toBe('');

    await type(input('import-passphrase'), 'right passphrase!');
    await click(byTestId(ui.container, 'import-join-submit'));
    expect(fake.sent('importDeskJoin').at(-1)).toEqual({ text: '{"format":"frontdesk-desk-join"}', passphrase: 'right passphrase!', deskName: 'Night desk' });
    expect(text('import-join-outcome')).toContain('Imported the desk-join file from Front desk 1.');
    // The property settings reload with what was imported.
    expect(fake.sent('getSettings').length).toBeGreaterThanOrEqual(2);
  });
});

describe('status bar', () => {
  it('shows what runs now and, beside it, what a restart changes', async () => {
    const props = { query: '', onQuery() {}, onAutoAnswer() {}, onDnd() {}, settingsOpen: false, onOpenSettings() {}, onLink() {} };
    await ui.render(<StatusBar {...props} status={status({ propertyRestart: 'join' })} />);
    expect(ui.container.querySelector('[data-testid="desks-online"]')).toBeNull();
    expect(byTestId(ui.container, 'property-restart-pill').textContent).toContain('Restart the console to join the property');
    await ui.render(<StatusBar {...props} status={status()} />);
    expect(ui.container.querySelector('[data-testid="property-restart-pill"]')).toBeNull();
  });
});

describe('Settings › Property in the window’s language', () => {
  it('says its labels, states and main’s refusals in Spanish, and a damaged desk-join file in Japanese', async () => {
    const fake = deskWith(settings({ broker: { url: 'nats://10.0.0.5:4222', property: 'ward-3' } }), { credential: { kind: 'token', from: 'environment' }, fromFlags: false });
    fake.replies.updateSettings = ({ patch }) => refusedByMain(() => checkSettings(patch));
    fake.replies.setBrokerCredential = ({ credential }) => refusedByMain(() => checkBrokerCredential(credential!));
    const running = status({ property: { broker: 'nats://10.0.0.5:4222', property: 'ward-3', state: 'unreachable', desks: [] }, propertyRestart: 'change' });
    await ui.render(
      <DeskIntl setting="es">
        <PropertyPanel desk={fake.desk} status={running} />
      </DeskIntl>,
    );
    const panel = () => byTestId(ui.container, 'property-panel').textContent ?? '';
    expect(panel()).toContain('Servidor del establecimiento');
    expect(panel()).toContain('Frase de contraseña');
    expect(text('property-state')).toContain('No hay conexión con el servidor del establecimiento nats://10.0.0.5:4222. La consola sigue intentándolo.');
    expect(text('property-restart')).toBe('Reinicie la consola para usar los nuevos ajustes del establecimiento.');
    expect(text('broker-credential-state')).toContain('Viene de la variable DESK_BROKER_TOKEN de este equipo.');

    // Main refuses a property id with a space: said in Spanish, under the field it belongs to.
    await type(input('set-property-id'), 'grand hotel');
    await click(byTestId(ui.container, 'save-property'));
    expect(text('property-outcome')).toBe(' No se guardó nada. El ID del establecimiento tiene de 1 a 64 letras, números, “-” o “_”, sin espacios.');
    expect(input('set-property-id').getAttribute('aria-invalid')).toBe('true');

    await type(byTestId(ui.container, 'broker-credential-kind'), 'token');
    await type(input('broker-credential-text'), 'two words');
    await click(byTestId(ui.container, 'save-broker-credential'));
    expect(text('broker-credential-outcome')).toContain('No se guardó: El token no puede tener espacios ni saltos de línea.');
    expect(byTestId(ui.container, 'broker-signin').textContent).not.toMatch(/must not|spaces or line breaks/);

    // A file that is not a desk-join file, in Japanese.
    const newerFile = '{"format":"frontdesk-desk-join","version":7}';
    const refusal = await refusedByMainAsync(() => openDeskJoin(newerFile, 'a passphrase'));
    fake.replies.importDeskJoin = () => refusal;
    await ui.render(
      <DeskIntl setting="ja">
        <PropertyPanel desk={fake.desk} status={running} />
      </DeskIntl>,
    );
    await chooseFile(input('import-join-file'), new File([newerFile], 'ward-3.deskjoin'));
    await type(input('import-passphrase'), 'a passphrase');
    await type(input('import-desk-name'), '夜間受付');
    await click(byTestId(ui.container, 'import-join-submit'));
    expect(fake.sent('importDeskJoin').at(-1)).toEqual({ text: newerFile, passphrase: 'a passphrase', deskName: '夜間受付' });
    expect(text('import-join-outcome')).toContain('何も読み込まれませんでした。この参加ファイルは、新しいバージョンのコンソールで作成されています。');
  });
});
