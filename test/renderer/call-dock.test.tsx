// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CallView } from '../../main/ipc/contract.js';
import { CallDock, type CallActions } from '../../renderer/src/components/CallDock.js';
import type { MediaSession } from '../../renderer/src/media/peer-session.js';
import { DeskStoreContext } from '../../renderer/src/state/use-desk.js';
import { callView } from '../support/fixtures.js';
import { emptySnapshot, loadedStore, type TestStore } from './store-helpers.js';
import { withWords } from './with-words.js';
import { text } from '../../main/domain/text.js';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

function call(sessionId: string, over: Partial<CallView>): CallView {
  return callView({ sessionId, roomId: sessionId, title: `Room ${sessionId}`, remote: { type: 'RAW_ADDRESS', value: `echo-${sessionId}` }, startedAt: Date.now() - 12_000, ...over });
}

function actions(): CallActions & Record<string, ReturnType<typeof vi.fn>> {
  return {
    answer: vi.fn(),
    decline: vi.fn(),
    hangup: vi.fn(),
    hold: vi.fn(),
    resume: vi.fn(),
    toggleMute: vi.fn(),
    toggleVideo: vi.fn(),
    showRoom: vi.fn(),
    addToDirectory: vi.fn(),
  };
}

const session = (over: Partial<MediaSession> = {}) =>
  ({ remoteStream: null, localStream: null, muted: false, hasCamera: false, videoEnabled: false, remoteVideo: false, connectionState: 'connected', ...over }) as unknown as MediaSession;

let container: HTMLDivElement;
let root: Root;
beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
});
afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

let desk: TestStore;
async function render(calls: CallView[], a: CallActions, media: (id: string) => MediaSession | undefined = () => undefined) {
  desk = await loadedStore(emptySnapshot({ calls: { calls, missed: [] } }));
  act(() =>
    root.render(
      withWords(
        <DeskStoreContext.Provider value={desk.store}>
        <CallDock media={{ get: media, subscribe: () => () => {}, getVersion: () => 0 }} actions={a} />
        </DeskStoreContext.Provider>,
      ),
    ),
  );
}
const $ = (selector: string) => container.querySelector<HTMLElement>(selector);
const click = (el: HTMLElement | null) => {
  if (!el) throw new Error('element not found');
  act(() => el.click());
};

describe('CallDock', () => {
  it('shows a ringing call with Answer and Decline hooks that send the intents', async () => {
    const a = actions();
    await render([call('214', {})], a);
    const card = $('[data-testid="incoming-call"][data-session-id="214"]');
    expect(card?.textContent).toContain('Room 214');
    expect(card?.textContent).toContain('0:12'); // waiting time
    click(card!.querySelector('[data-testid="answer"]'));
    expect(a.answer).toHaveBeenCalledWith('214', false);
    click(card!.querySelector('[data-testid="answer-video"]'));
    expect(a.answer).toHaveBeenLastCalledWith('214', true);
    click(card!.querySelector('[data-testid="decline"]'));
    expect(a.decline).toHaveBeenCalledWith('214');
  });

  it('lists ringing calls oldest first, above the current call, above held calls', async () => {
    await render(
      [
        call('held', { phase: 'active', held: true, startedAt: 1, answeredAt: 2 }),
        call('new', { startedAt: 300 }),
        call('up', { phase: 'active', startedAt: 5, answeredAt: 6 }),
        call('old', { startedAt: 100 }),
      ],
      actions(),
    );
    const order = [...container.querySelectorAll('[data-session-id]')].map((el) => `${el.getAttribute('data-testid')}:${el.getAttribute('data-session-id')}`);
    expect(order).toEqual(['incoming-call:old', 'incoming-call:new', 'active-call:up', 'active-call:held']);
  });

  it('shows the active call with its state, controls and the remote media element', async () => {
    const a = actions();
    await render([call('103', { phase: 'active', answeredAt: Date.now() - 184_000 })], a, () => session({ hasCamera: true }));
    const panel = $('[data-testid="active-call"][data-session-id="103"][data-state="active"]');
    expect(panel).not.toBeNull();
    expect(panel!.querySelector('video[data-testid="remote-media"]')).not.toBeNull();
    expect(panel!.textContent).toContain('3:04');
    click(panel!.querySelector('[data-testid="mute"]'));
    click(panel!.querySelector('[data-testid="video"]'));
    click(panel!.querySelector('[data-testid="hold"]'));
    click(panel!.querySelector('[data-testid="hangup"]'));
    expect(a.toggleMute).toHaveBeenCalledWith('103');
    expect(a.toggleVideo).toHaveBeenCalledWith('103');
    expect(a.hold).toHaveBeenCalledWith('103');
    expect(a.hangup).toHaveBeenCalledWith('103');
  });

  it('says Connecting… without a call timer until Alexa took the answer', async () => {
    await render([call('103', { phase: 'active', answeredAt: Date.now() - 4_000, connecting: true })], actions(), () => session());
    const panel = () => $('[data-testid="active-call"][data-session-id="103"]');
    expect(panel()?.textContent).toContain('Connecting…');
    expect(panel()?.textContent).not.toContain('In call');
    expect(panel()?.textContent).not.toContain('0:04');
    expect((panel()!.querySelector('[data-testid="hold"]') as HTMLButtonElement).disabled).toBe(true); // nothing to hold yet
    await render([call('103', { phase: 'active', answeredAt: Date.now() - 4_000, connecting: false })], actions(), () => session());
    expect(panel()?.textContent).toContain('In call');
    expect(panel()?.textContent).toContain('0:04');
    expect((panel()!.querySelector('[data-testid="hold"]') as HTMLButtonElement).disabled).toBe(false);
  });

  it('reflects mute and a call without a camera', async () => {
    await render([call('1', { phase: 'active', answeredAt: 1 })], actions(), () => session({ muted: true }));
    expect($('[data-testid="mute"]')?.getAttribute('aria-pressed')).toBe('true');
    expect($('[data-testid="mute"]')?.textContent).toContain('Unmute');
    expect(($('[data-testid="video"]') as HTMLButtonElement).disabled).toBe(true);
  });

  it("uses the phase as data-state before the call is up, and can't hold then", async () => {
    await render([call('9', { direction: 'outgoing', phase: 'alerting' })], actions());
    const panel = $('[data-testid="active-call"][data-session-id="9"][data-state="alerting"]');
    expect(panel?.textContent).toContain('Ringing in the room');
    expect((panel!.querySelector('[data-testid="hold"]') as HTMLButtonElement).disabled).toBe(true);
    expect(panel!.querySelector('[data-testid="hangup"]')?.textContent).toContain('Cancel');
  });

  it('shows a held call with data-state="held" whose hold button resumes', async () => {
    const a = actions();
    await render([call('5', { phase: 'active', held: true, answeredAt: 1, heldAt: Date.now() - 42_000 })], a);
    const card = $('[data-testid="active-call"][data-session-id="5"][data-state="held"]');
    expect(card?.textContent).toContain('On hold 0:42'); // how long the room has waited
    click(card!.querySelector('[data-testid="hold"]'));
    expect(a.resume).toHaveBeenCalledWith('5');
    click(card!.querySelector('[data-testid="hangup"]'));
    expect(a.hangup).toHaveBeenCalledWith('5');
  });

  it('marks a call the room put on hold as held, and shows call errors', async () => {
    await render([call('7', { phase: 'active', remoteHeld: true, answeredAt: 1, error: text('call.failed.refused') })], actions());
    const panel = $('[data-testid="active-call"][data-session-id="7"]');
    expect(panel?.getAttribute('data-state')).toBe('held');
    expect(panel?.textContent).toContain('The room put the call on hold');
    expect(panel?.querySelector('[role="alert"]')?.textContent).toContain('Alexa did not accept the call');
  });

  it('names an unknown caller "Unknown room", never by its Amazon id, and offers to add it to the directory', async () => {
    const a = actions();
    const remote = { type: 'RAW_ADDRESS' as const, value: 'amzn1.ask.account.AHX7Q2' };
    await render([call('u', { roomId: null, title: remote.value, remote }), call('e', { phase: 'ended', endReason: 'failed', roomId: null, title: remote.value, remote })], a);
    expect(container.textContent).not.toContain('amzn1');
    expect($('[data-testid="incoming-call"]')?.textContent).toContain('Unknown room');
    expect($('[data-testid="ended-call"]')?.textContent).toContain('Unknown room');
    click($('[data-testid="add-to-directory"]'));
    expect(a.addToDirectory).toHaveBeenCalledWith(remote);
  });

  it('shows calls that just ended, with their error', async () => {
    await render([call('e', { phase: 'ended', endReason: 'failed', error: text('media.noMicrophone') })], actions());
    expect($('[data-testid="ended-call"][data-session-id="e"]')?.textContent).toContain('Call failed: No microphone found — check the headset');
    expect($('[data-testid="active-call"]')).toBeNull();
  });

  it('does not repeat a known room\'s address', async () => {
    await render([call('214', {})], actions());
    expect(container.textContent).not.toContain('echo-214');
  });

  it('lists the second and later ringing calls compactly, each with its waiting time, Answer and Decline', async () => {
    const a = actions();
    await render([call('old', { startedAt: Date.now() - 40_000 }), call('new', { startedAt: Date.now() - 5_000 })], a);
    const [first, second] = container.querySelectorAll<HTMLElement>('[data-testid="incoming-call"]');
    expect(first.classList.contains('compact')).toBe(false);
    expect(second.classList.contains('compact')).toBe(true);
    expect(second.textContent).toContain('0:05');
    expect(second.querySelector('[data-testid="answer-video"]')).toBeNull();
    click(second.querySelector('[data-testid="answer"]'));
    expect(a.answer).toHaveBeenCalledWith('new', false);
    click(second.querySelector('[data-testid="decline"]'));
    expect(a.decline).toHaveBeenCalledWith('new');
  });

  it("shows the call's room in the grid from its name or a click on the card, not from its buttons", async () => {
    const a = actions();
    await render([call('214', {}), call('103', { phase: 'active', answeredAt: 1 })], a);
    click($('[data-session-id="214"] [data-testid="show-room"]'));
    expect(a.showRoom).toHaveBeenLastCalledWith('214');
    click($('[data-session-id="103"] .card-sub'));
    expect(a.showRoom).toHaveBeenLastCalledWith('103');
    vi.mocked(a.showRoom).mockClear();
    click($('[data-session-id="214"] [data-testid="answer"]'));
    expect(a.showRoom).not.toHaveBeenCalled();
  });

  it('shows the keys on the buttons: Enter answers, a chord declines and hangs up, Esc nowhere', async () => {
    await render([call('1', {}), call('2', { phase: 'active', answeredAt: 1 }), call('3', { phase: 'active', held: true, answeredAt: 1 })], actions());
    expect($('[data-testid="answer"]')?.textContent).toContain('Enter');
    expect($('[data-testid="decline"]')?.textContent).toContain('Ctrl+Shift+D');
    expect($('[data-session-id="2"] [data-testid="hangup"]')?.textContent).toContain('Ctrl+Shift+H');
    expect($('[data-session-id="3"] [data-testid="hold"]')?.textContent).toContain('Resume');
    expect($('[data-session-id="3"] [data-testid="hold"]')?.textContent).toContain('S');
    expect(container.textContent).not.toContain('Esc');
  });

  it('gives an audio call a slim line instead of the picture box, and the box when there is video', async () => {
    await render([call('1', { phase: 'active', answeredAt: 1 })], actions(), () => session());
    expect($('.stage')?.classList.contains('audio-only')).toBe(true);
    expect($('video[data-testid="remote-media"]')).not.toBeNull(); // still plays the sound
    await render([call('1', { phase: 'active', answeredAt: 1 })], actions(), () => session({ remoteVideo: true }));
    expect($('.stage')?.classList.contains('audio-only')).toBe(false);
  });

  it('follows pushed changes: a ringing call that is answered moves from its card to the active call', async () => {
    await render([call('214', {}), call('300', {})], actions());
    act(() => desk.setCalls({ calls: [call('214', { phase: 'active', answeredAt: Date.now() }), call('300', {})], missed: [] }));
    expect($('[data-testid="incoming-call"][data-session-id="214"]')).toBeNull();
    expect($('[data-testid="active-call"][data-session-id="214"]')?.getAttribute('data-state')).toBe('active');
    expect($('[data-testid="incoming-call"][data-session-id="300"]')).not.toBeNull();
  });
});
