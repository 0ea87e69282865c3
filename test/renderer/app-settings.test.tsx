// @vitest-environment jsdom
// The settings in the app: reachable from the status bar, the notices and the drawer, in place of
// the room grid while the call dock stays; a notice's "Try again" restarts the webhook.
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Notice, Snapshot } from '../../main/ipc/contract.js';
import { text } from '../../main/domain/text.js';
import { App } from '../../renderer/src/components/App.js';
import type { DeskClient } from '../../renderer/src/desk-client.js';
import type { MediaRunner } from '../../renderer/src/media/media-runner.js';
import { DeskStore } from '../../renderer/src/state/desk-store.js';
import { byTestId, click, fakeDesk, mount, settings, status, type FakeDesk, type Mounted, type Replies } from './form-helpers.js';

const WEBHOOK_NOTICE: Notice = { id: 'n-webhook', level: 'error', message: text('webhook.portInUse', { port: '8321' }), action: 'retry-webhook', at: 1 };

function snapshot(notices: Notice[]): Snapshot {
  return {
    status: status(),
    rooms: [{ id: 'r101', name: 'Room 101', floor: '1', address: 'echo-101', addressType: 'RAW_ADDRESS' }],
    calls: { seq: 0, calls: [], elsewhere: [], missed: [] },
    notices,
  };
}

let ui: Mounted;
beforeEach(() => (ui = mount()));
afterEach(() => ui.unmount());

async function renderApp(notices: Notice[], replies: Replies = {}): Promise<FakeDesk> {
  const fake = fakeDesk({
    getSnapshot: () => ({ ok: true, value: snapshot(notices) }),
    getSettings: () => ({ ok: true, value: settings() }),
    getLinkStatus: () => ({
      ok: true,
      value: { signaling: { linked: false, clientIdSet: false, validUntil: null, lastError: null, fromEnvironment: false }, setup: { signedIn: false, clientIdSet: false, signInPending: false, returnUrl: 'http://localhost:8322/callback' } },
    }),
    ...replies,
  });
  const client: DeskClient = {
    ...fake.desk,
    on: () => () => {},
    connection: () => ({ state: 'open', problem: null }),
    onConnection: () => () => {},
    close: () => {},
  };
  const store = new DeskStore(client);
  const media = { subscribe: () => () => {}, getVersion: () => 0, get: () => undefined } as unknown as MediaRunner;
  await ui.render(<App client={client} store={store} media={media} tones={{ play: () => {}, setSinkId: async () => {}, prepare: () => {} }} />);
  await act(() => store.load());
  return fake;
}

// jsdom lays nothing out, so the virtualized grid draws no tiles here: look for the grid itself.
const roomGrid = () => ui.container.querySelector('.grid-area[aria-label="Rooms"]');
const settingsSection = () => ui.container.querySelector<HTMLElement>('[data-testid="settings"]')?.dataset.section ?? null;
const noticeButton = (label: string) => [...ui.container.querySelectorAll<HTMLButtonElement>('[data-testid="notice"] button')].find((b) => b.textContent?.includes(label))!;

describe('settings in the app', () => {
  it('opens from the status bar in place of the room grid, and closes again', async () => {
    await renderApp([]);
    expect(roomGrid()).not.toBeNull();
    await click(byTestId(ui.container, 'settings-open'));
    expect(settingsSection()).toBe('desk');
    expect(roomGrid()).toBeNull();
    expect(ui.container.querySelector('.dock')).not.toBeNull(); // calls stay in view
    await click(byTestId(ui.container, 'settings-close'));
    expect(settingsSection()).toBeNull();
    expect(roomGrid()).not.toBeNull();
  });

  it("opens the link section from 'Link to Amazon' and a notice's Relink, the settings from Open settings", async () => {
    await renderApp([
      { id: 'n1', level: 'error', message: text('notice.linkExpired'), action: 'relink', at: 1 },
      { id: 'n2', level: 'warning', message: text('notice.settingsRecovered'), action: 'open-settings', at: 2 },
    ]);
    await click(byTestId(ui.container, 'link-open'));
    expect(settingsSection()).toBe('link');
    await click(byTestId(ui.container, 'settings-close'));
    await click(noticeButton('Relink'));
    expect(settingsSection()).toBe('link');
    await click(noticeButton('Open settings'));
    expect(settingsSection()).toBe('desk');
  });

  it("opens the room directory from the drawer's rooms tab", async () => {
    await renderApp([]);
    await click(byTestId(ui.container, 'drawer-rooms'));
    await click(byTestId(ui.container, 'manage-rooms'));
    expect(settingsSection()).toBe('rooms');
    expect(ui.container.querySelector('[data-testid="room-row"][data-room-id="r101"]')).not.toBeNull();
  });

  it("a webhook notice's Try again restarts the webhook; success clears the notice", async () => {
    const fake = await renderApp([WEBHOOK_NOTICE]);
    await click(noticeButton('Try again'));
    expect(fake.sent('restartWebhook')).toEqual([{}]);
    expect(fake.sent('dismissNotice')).toEqual([{ id: 'n-webhook' }]);
    expect(ui.container.textContent).toContain('The webhook is listening again');
  });

  it("a webhook notice's Try again says why when the webhook still does not start", async () => {
    const fake = await renderApp([WEBHOOK_NOTICE], {
      restartWebhook: () => ({ ok: false, error: 'Webhook port 8321 is in use by another program', message: text('webhook.portInUse', { port: '8321' }) }),
    });
    await click(noticeButton('Try again'));
    expect(fake.sent('dismissNotice')).toEqual([]);
    expect(ui.container.textContent).toContain('Tried again: the webhook still did not start — Webhook port 8321 is in use by another program');
  });
});
