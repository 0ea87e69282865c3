// @vitest-environment jsdom
// The window speaks the desk's language: the OS's (the browser's) by default, the setting when it
// names one; a change applies at once, without a reload — the notices, the picker and the page's
// lang attribute change in place.
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { text } from '../../main/domain/text.js';
import type { DeskEvents, DeskStatus, EventName, Snapshot } from '../../main/ipc/contract.js';
import { App } from '../../renderer/src/components/App.js';
import type { DeskClient } from '../../renderer/src/desk-client.js';
import type { MediaRunner } from '../../renderer/src/media/media-runner.js';
import { DeskStore } from '../../renderer/src/state/desk-store.js';
import { byTestId, click, fakeDesk, mount, settings, status, type Mounted } from './form-helpers.js';

let ui: Mounted;
beforeEach(() => (ui = mount()));
afterEach(() => ui.unmount());

async function renderApp(first: DeskStatus) {
  const listeners = new Map<EventName, (payload: never) => void>();
  let current = first;
  const fake = fakeDesk({
    getSnapshot: () => ({ ok: true, value: { status: current, rooms: [], calls: { seq: 0, calls: [], elsewhere: [], missed: [] }, notices: [{ id: 'n', level: 'error', message: text('notice.linkExpired'), action: 'relink', at: 1 }] } satisfies Snapshot }),
    getSettings: () => ({ ok: true, value: settings({ language: current.language }) }),
    getPolicy: () => ({ ok: true, value: { source: null, locked: [] } }),
    updateSettings: ({ patch }) => {
      current = { ...current, language: patch.language ?? current.language };
      return { ok: true, value: settings({ language: current.language }) };
    },
  });
  const client: DeskClient = {
    ...fake.desk,
    on: (event, listener) => {
      listeners.set(event, listener as (payload: never) => void);
      return () => listeners.delete(event);
    },
    connection: () => ({ state: 'open', problem: null }),
    onConnection: () => () => {},
    close: () => {},
  };
  const store = new DeskStore(client, { frames: null });
  const media = { subscribe: () => () => {}, getVersion: () => 0, get: () => undefined } as unknown as MediaRunner;
  await ui.render(<App client={client} store={store} media={media} tones={{ play: () => {}, setSinkId: async () => {}, prepare: () => {} }} />);
  store.start();
  await act(() => store.load());
  const push = <E extends EventName>(event: E, payload: DeskEvents[E]) => act(() => listeners.get(event)?.(payload as never));
  return { fake, push, status: () => current };
}

const noticeText = () => ui.container.querySelector('[data-testid="notice"] .notice-text')?.textContent;

describe('the window language', () => {
  it("follows the browser's language by default, and the setting at once when it changes", async () => {
    const { push } = await renderApp(status({ language: 'system' }));
    expect(noticeText()).toBe('The link to Amazon has expired or was withdrawn: calls cannot go through — relink the console');
    expect(document.documentElement.lang).toBe('en-US');

    push('status', status({ language: 'es' }));
    expect(noticeText()).toBe('El vínculo con Amazon venció o fue retirado: las llamadas no pueden pasar. Vuelva a vincular la consola');
    expect(document.documentElement.lang).toBe('es');

    push('status', status({ language: 'ja' }));
    expect(noticeText()).toContain('Amazon との連携が期限切れか');
    expect(document.documentElement.lang).toBe('ja');
  });

  it('is chosen in Settings and applies as soon as it is picked', async () => {
    const { fake, push, status: current } = await renderApp(status({ language: 'system' }));
    await click(byTestId(ui.container, 'settings-open'));
    const picker = byTestId<HTMLSelectElement>(ui.container, 'language');
    expect([...picker.options].map((o) => o.textContent)).toEqual(['Same as this computer (English)', 'English', 'Español', 'Français', 'Deutsch', 'Italiano', '日本語']);
    await act(async () => {
      picker.value = 'de';
      picker.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(fake.sent('updateSettings')).toEqual([{ patch: { language: 'de' } }]);
    push('status', current());
    expect(noticeText()).toContain('Die Verbindung mit Amazon ist abgelaufen');
    expect(byTestId(ui.container, 'language').closest('.field')?.querySelector('label')?.textContent).toBe('Sprache');
  });
});
