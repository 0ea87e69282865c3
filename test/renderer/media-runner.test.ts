// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import type { DeskApi, MediaRequest, MediaResult } from '../../main/ipc/contract.js';
import { PlainMediaError } from '../../renderer/src/media/local-media.js';
import { ICE_FAILED, MediaRunner, type RunnerNotice } from '../../renderer/src/media/media-runner.js';
import { text } from '../../main/domain/text.js';
import type { MediaSession, SessionHooks } from '../../renderer/src/media/peer-session.js';

/** A media session that records what it was asked and answers from a script. */
function fakeSession(sessionId: string, hooks: SessionHooks, script: Partial<MediaSession> = {}) {
  const calls: string[] = [];
  const session = {
    sessionId,
    acceptOffer: vi.fn(async (offer: string, video: boolean) => {
      calls.push(`accept ${offer} video=${video}`);
      return `answer-to-${offer}`;
    }),
    createOffer: vi.fn(async (video: boolean, hold: boolean, iceRestart?: boolean) => {
      calls.push(`offer video=${video} hold=${hold}${iceRestart ? ' ice-restart' : ''}`);
      return hold ? 'offer-inactive' : 'offer-sendrecv';
    }),
    applyAnswer: vi.fn(async (answer: string, provisional: boolean) => {
      calls.push(`apply ${answer} provisional=${provisional}`);
    }),
    close: vi.fn(() => calls.push('close')),
    stats: vi.fn(async () => ({ inboundAudioBytes: 1, inboundVideoBytes: 0, outboundAudioBytes: 2, outboundVideoBytes: 0 })),
    ...script,
    calls,
    hooks,
  };
  return session as unknown as MediaSession & { calls: string[]; hooks: SessionHooks };
}

function setup(script: Partial<MediaSession> = {}, mainTakesReports = true, connected = { open: true }) {
  const results: MediaResult[] = [];
  const reports: unknown[] = [];
  const notices: RunnerNotice[] = [];
  const sessions: (MediaSession & { calls: string[]; hooks: SessionHooks })[] = [];
  let mediaListener: ((r: MediaRequest) => void) | null = null;
  const desk = {
    invoke: vi.fn(async (command: string, args: MediaResult) => {
      if (command === 'mediaResult') results.push(args);
      if (command === 'mediaConnection') {
        reports.push(args);
        if (!mainTakesReports) return { ok: false, error: 'No live call' };
      }
      return { ok: true, value: undefined };
    }),
    on: vi.fn((event: string, listener: (r: MediaRequest) => void) => {
      if (event === 'media') mediaListener = listener;
      return () => {};
    }),
  } as unknown as DeskApi;
  const runner = new MediaRunner({
    desk,
    settings: () => ({ iceServers: [], iceGatherTimeoutMs: 2000, microphoneId: null, cameraId: null }),
    openSession: (sessionId, _settings, hooks) => {
      const s = fakeSession(sessionId, hooks, script);
      sessions.push(s);
      return s;
    },
    notify: (n) => notices.push(n),
    connected: () => connected.open,
  });
  runner.start();
  return { runner, results, notices, reports, sessions, push: (r: MediaRequest) => mediaListener?.(r) };
}

describe('MediaRunner', () => {
  it('answers an incoming offer with one session per call and replies with the SDP and request id', async () => {
    const { runner, results, sessions } = setup();
    await runner.handle({ op: 'answer', sessionId: 'a', requestId: 7, offer: 'o1', video: true });
    await runner.handle({ op: 'answer', sessionId: 'a', requestId: 8, offer: 'o2', video: false }); // a re-offer
    expect(sessions).toHaveLength(1);
    expect(sessions[0].calls).toEqual(['accept o1 video=true', 'accept o2 video=false']);
    expect(results).toEqual([
      { sessionId: 'a', requestId: 7, ok: true, sdp: 'answer-to-o1' },
      { sessionId: 'a', requestId: 8, ok: true, sdp: 'answer-to-o2' },
    ]);
    expect(runner.probe().sessions()).toEqual(['a']);
  });

  it('makes offers (call, hold) and applies provisional and final answers', async () => {
    const { runner, results, sessions } = setup();
    await runner.handle({ op: 'offer', sessionId: 'b', requestId: 1, video: false, hold: false });
    await runner.handle({ op: 'apply-answer', sessionId: 'b', requestId: 2, answer: 'ans', provisional: true });
    await runner.handle({ op: 'apply-answer', sessionId: 'b', requestId: 3, answer: 'ans', provisional: false });
    await runner.handle({ op: 'offer', sessionId: 'b', requestId: 4, video: false, hold: true });
    expect(sessions[0].calls).toEqual(['offer video=false hold=false', 'apply ans provisional=true', 'apply ans provisional=false', 'offer video=false hold=true']);
    expect(results.map((r) => [r.requestId, r.ok, 'sdp' in r ? r.sdp : undefined])).toEqual([
      [1, true, 'offer-sendrecv'],
      [2, true, undefined],
      [3, true, undefined],
      [4, true, 'offer-inactive'],
    ]);
  });

  it('runs one session’s requests in order even when they arrive together', async () => {
    let release: () => void = () => {};
    const acceptOffer = vi.fn(() => new Promise<string>((resolve) => (release = () => resolve('slow-answer'))));
    const { runner, sessions, push } = setup({ acceptOffer });
    push({ op: 'answer', sessionId: 'c', requestId: 1, offer: 'o', video: false });
    const applied = runner.handle({ op: 'apply-answer', sessionId: 'c', requestId: 2, answer: 'x', provisional: false });
    await vi.waitFor(() => expect(acceptOffer).toHaveBeenCalled());
    await new Promise((r) => setTimeout(r, 0));
    expect(sessions[0].calls).toEqual([]); // apply waits for the answer to finish
    release();
    await applied;
    expect(sessions[0].calls).toEqual(['apply x provisional=false']);
  });

  it('reports a microphone failure in plain words to main and on screen', async () => {
    const { runner, results, notices } = setup({
      acceptOffer: vi.fn(async () => {
        throw new PlainMediaError('media.noMicrophone', 'NotFoundError: Requested device not found');
      }),
    });
    await runner.handle({ op: 'answer', sessionId: 'd', requestId: 3, offer: 'o', video: false });
    // Main shows it on the call by its words' message id.
    expect(results).toEqual([{ sessionId: 'd', requestId: 3, ok: false, error: 'media.noMicrophone' }]);
    expect(notices).toEqual([{ level: 'error', message: text('media.noMicrophone'), detail: 'NotFoundError: Requested device not found', sessionId: 'd' }]);
  });

  it('wraps unexpected errors and refuses an answer for a call without media', async () => {
    const { runner, results } = setup({
      createOffer: vi.fn(async () => {
        throw new Error('boom');
      }),
    });
    await runner.handle({ op: 'offer', sessionId: 'e', requestId: 1, video: false, hold: false });
    await runner.handle({ op: 'apply-answer', sessionId: 'nope', requestId: 2, answer: 'a', provisional: false });
    expect(results[0]).toEqual({ sessionId: 'e', requestId: 1, ok: false, error: "The call's media could not be set up (boom)" });
    expect(results[1]).toMatchObject({ sessionId: 'nope', requestId: 2, ok: false });
    expect(results[1].ok === false && results[1].error).toMatch(/no media for this call/);
  });

  it('close ends the session without a reply; stats of a closed call reject', async () => {
    const { runner, results, sessions } = setup();
    await runner.handle({ op: 'answer', sessionId: 'f', requestId: 1, offer: 'o', video: false });
    await expect(runner.probe().stats('f')).resolves.toMatchObject({ inboundAudioBytes: 1 });
    await runner.handle({ op: 'close', sessionId: 'f' });
    expect(sessions[0].calls.at(-1)).toBe('close');
    expect(results).toHaveLength(1);
    expect(runner.probe().sessions()).toEqual([]);
    await expect(runner.probe().stats('f')).rejects.toThrow(/no media session/);
  });

  it('reports a failed and a restored connection to main, which shows them; a missing camera is a warning in the window', async () => {
    const { runner, notices, reports, sessions } = setup();
    await runner.handle({ op: 'answer', sessionId: 'g', requestId: 1, offer: 'o', video: true });
    sessions[0].hooks.onIceFailed();
    sessions[0].hooks.onWarning('media.noCamera');
    await vi.waitFor(() => expect(reports).toEqual([{ sessionId: 'g', state: 'failed' }]));
    sessions[0].hooks.onIceRestored();
    await vi.waitFor(() => expect(reports).toEqual([{ sessionId: 'g', state: 'failed' }, { sessionId: 'g', state: 'restored' }]));
    expect(notices).toEqual([{ level: 'warning', message: text('media.noCamera'), sessionId: 'g' }]);
  });

  it('offers with new ICE credentials when main asks to reconnect', async () => {
    const { runner, results, sessions } = setup();
    await runner.handle({ op: 'answer', sessionId: 'r', requestId: 1, offer: 'o', video: false });
    await runner.handle({ op: 'offer', sessionId: 'r', requestId: 2, video: false, hold: false, iceRestart: true });
    await runner.handle({ op: 'offer', sessionId: 'r', requestId: 3, video: false, hold: false });
    expect(sessions[0].calls).toEqual(['accept o video=false', 'offer video=false hold=false ice-restart', 'offer video=false hold=false']);
    expect(results.at(-2)).toEqual({ sessionId: 'r', requestId: 2, ok: true, sdp: 'offer-sendrecv' });
  });

  it('shows the ICE failure in the window when main cannot take the report', async () => {
    const { runner, notices, sessions } = setup({}, false);
    await runner.handle({ op: 'answer', sessionId: 'g', requestId: 1, offer: 'o', video: false });
    sessions[0].hooks.onIceFailed();
    await vi.waitFor(() => expect(notices).toEqual([{ level: 'error', message: ICE_FAILED, sessionId: 'g', action: 'open-settings' }]));
  });

  it('blames neither the network nor TURN when the console is away (its own banner says so)', async () => {
    const connected = { open: true };
    const { runner, notices, sessions, reports } = setup({}, false, connected);
    await runner.handle({ op: 'answer', sessionId: 'g', requestId: 1, offer: 'o', video: false });
    connected.open = false;
    sessions[0].hooks.onIceFailed();
    await vi.waitFor(() => expect(reports).toHaveLength(1));
    await Promise.resolve();
    expect(notices).toEqual([]);
  });

  it('closes the peers of calls a reconnected console does not know', async () => {
    const { runner, sessions } = setup();
    await runner.handle({ op: 'answer', sessionId: 'kept', requestId: 1, offer: 'o', video: false });
    await runner.handle({ op: 'answer', sessionId: 'gone', requestId: 1, offer: 'o', video: false });
    runner.retain(new Set(['kept']));
    expect(runner.get('kept')).toBeDefined();
    expect(runner.get('gone')).toBeUndefined();
    expect(sessions[1].calls.at(-1)).toBe('close');
  });

  it('tells subscribers when media changes', async () => {
    const { runner, sessions } = setup();
    const seen = vi.fn();
    runner.subscribe(seen);
    await runner.handle({ op: 'answer', sessionId: 'h', requestId: 1, offer: 'o', video: false });
    const before = runner.getVersion();
    sessions[0].hooks.onChange();
    expect(runner.getVersion()).toBe(before + 1);
    expect(seen).toHaveBeenCalled();
  });
});
