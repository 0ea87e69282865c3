import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CallManager, type AutoAnswer, type CallManagerDeps } from '../../main/calls/manager.js';
import type { CallState, Claim, ClaimResult, MediaRequest } from '../../main/calls/types.js';
import { parseMessage, type Message } from '../../main/protocol/messages.js';
import type { OutgoingMessage } from '../../main/protocol/outgoing.js';
import type { SendResult } from '../../main/signaling/alexa-client.js';

const NS = 'Alexa.Comms.CallSignaling';

function msg(body: Record<string, unknown>): Message {
  const parsed = parseMessage(body);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

const offer = (sessionId: string, from = 'room-101') =>
  msg({
    type: `${NS}.InitiateOutboundCall`,
    sessionId,
    participants: [
      { id: { type: 'RAW_ADDRESS', value: from }, isOriginator: true },
      { id: { type: 'RAW_ADDRESS', value: 'front-desk' }, isOriginator: false },
    ],
    sdpDetails: { type: 'OFFER', value: 'v=0 offer' },
  });

function harness(
  opts: {
    autoAnswer?: AutoAnswer;
    dnd?: boolean;
    send?: (m: OutgoingMessage) => Promise<SendResult>;
    record?: (c: CallState) => Promise<void>;
    /** Property mode: every claim is answered by this. */
    claim?: (c: CallState, claim: Claim) => Promise<ClaimResult>;
  } = {},
) {
  const sent: OutgoingMessage[] = [];
  const media: MediaRequest[] = [];
  const ended: CallState[] = [];
  const failures: string[] = [];
  let ids = 0;
  const deps: CallManagerDeps = {
    config: () => ({ ringTimeoutMs: 45_000, sendCallInProgress: false, callerName: 'Front Desk', shared: opts.claim !== undefined }),
    ...(opts.claim ? { claim: opts.claim } : {}),
    autoAnswer: () => opts.autoAnswer ?? { policy: 'off', delayMs: 0 },
    dnd: () => opts.dnd ?? false,
    localAddress: () => ({ type: 'RAW_ADDRESS', value: 'front-desk' }),
    send: async (m) => {
      sent.push(m);
      return opts.send ? opts.send(m) : { ok: true, status: 200 };
    },
    media: (r) => media.push(r),
    changed: () => {},
    ended: (c) => ended.push(c),
    ...(opts.record ? { record: opts.record } : {}),
    sendFailed: (_c, m, r) => failures.push(`${m.type} ${r.status} ${r.message}`),
    newSessionId: () => `desk-${++ids}`,
  };
  const manager = new CallManager(deps);
  const flush = async () => {
    for (let i = 0; i < 5; i++) await Promise.resolve();
    await vi.advanceTimersByTimeAsync(0);
  };
  return { manager, sent, media, ended, failures, flush, types: () => sent.map((m) => m.type.slice(NS.length + 1)) };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('CallManager', () => {
  it('rings an incoming call and answers it through the media layer', async () => {
    const h = harness();
    expect(await h.manager.handleAlexaEvent(offer('s1'))).toEqual({ ok: true, value: undefined });
    await h.flush();
    expect(h.types()).toEqual(['CallRinging']);
    expect(h.manager.intent('s1', { intent: 'answer', video: false }).ok).toBe(true);
    const request = h.media.at(-1)!;
    expect(request).toMatchObject({ op: 'answer', sessionId: 's1', offer: 'v=0 offer' });
    expect(h.manager.mediaResult({ sessionId: 's1', requestId: (request as { requestId: number }).requestId, ok: true, sdp: 'v=0 answer' }).ok).toBe(true);
    await h.flush();
    expect(h.types()).toEqual(['CallRinging', 'CallAccepted']);
    expect(h.manager.get('s1')?.phase).toBe('active');
  });

  it('accepts a repeated identical event once, and refuses a different one with the same session', async () => {
    const h = harness();
    h.manager.handleAlexaEvent(offer('s1'));
    expect((await h.manager.handleAlexaEvent(offer('s1'))).ok).toBe(true);
    await h.flush();
    expect(h.types()).toEqual(['CallRinging']);
    expect(h.manager.calls()).toHaveLength(1);
    expect(await h.manager.handleAlexaEvent(offer('s1', 'room-999'))).toMatchObject({ ok: false, status: 409 });
  });

  it('answers 404 for an unknown session and 409 for an event the state does not allow', async () => {
    const h = harness();
    expect(await h.manager.handleAlexaEvent(msg({ type: `${NS}.CallEnded`, sessionId: 'nope' }))).toMatchObject({ ok: false, status: 404 });
    h.manager.handleAlexaEvent(offer('s1'));
    const before = structuredClone(h.manager.get('s1'));
    const result = await h.manager.handleAlexaEvent(msg({ type: `${NS}.CallUpdateResponse`, sessionId: 's1', sdpDetails: { type: 'ANSWER', value: 'x' } }));
    expect(result).toMatchObject({ ok: false, status: 409 });
    expect(h.manager.get('s1')).toEqual(before);
  });

  it('auto-answers every call with policy "all", only the first with "idle"', async () => {
    const all = harness({ autoAnswer: { policy: 'all', delayMs: 0 } });
    all.manager.handleAlexaEvent(offer('a'));
    all.manager.handleAlexaEvent(offer('b', 'room-102'));
    expect(all.media.filter((r) => r.op === 'answer').map((r) => r.sessionId)).toEqual(['a', 'b']);

    const idle = harness({ autoAnswer: { policy: 'idle', delayMs: 0 } });
    idle.manager.handleAlexaEvent(offer('a'));
    idle.manager.handleAlexaEvent(offer('b', 'room-102'));
    expect(idle.media.filter((r) => r.op === 'answer').map((r) => r.sessionId)).toEqual(['a']);
    expect(idle.manager.get('b')?.phase).toBe('ringing');
  });

  it('waits the auto-answer delay, and does not answer a call that ended meanwhile', async () => {
    const h = harness({ autoAnswer: { policy: 'all', delayMs: 2_000 } });
    h.manager.handleAlexaEvent(offer('a'));
    h.manager.handleAlexaEvent(offer('b', 'room-102'));
    h.manager.handleAlexaEvent(msg({ type: `${NS}.CallEnded`, sessionId: 'b' }));
    expect(h.media.filter((r) => r.op === 'answer')).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(h.media.filter((r) => r.op === 'answer').map((r) => r.sessionId)).toEqual(['a']);
  });

  it('refuses calls as busy while do-not-disturb is on; they end as missed (do not disturb)', async () => {
    const h = harness({ dnd: true });
    h.manager.handleAlexaEvent(offer('s1'));
    await h.flush();
    // The CallRinging queued a moment before no longer matters: Alexa hears only the refusal.
    expect(h.types()).toEqual(['CallEnded']);
    expect(h.sent[0]).toMatchObject({ callResult: { code: 'DEVICE_BUSY' } });
    expect(h.ended.map((c) => c.endReason)).toEqual(['dnd']);
  });

  it('ends an unanswered call when the ring timer fires', async () => {
    const h = harness();
    h.manager.handleAlexaEvent(offer('s1'));
    await vi.advanceTimersByTimeAsync(45_000);
    expect(h.manager.get('s1')?.endReason).toBe('missed');
    expect(h.types()).toEqual(['CallRinging', 'CallEnded']);
    expect(h.sent[1]).toMatchObject({ callResult: { code: 'SESSION_TIMEOUT' } });
  });

  it('keeps messages of one call in order even when an earlier send is slow', async () => {
    let releaseFirst!: () => void;
    const h = harness({
      send: (m) =>
        m.type.endsWith('.CallRinging') ? new Promise((r) => (releaseFirst = () => r({ ok: true, status: 200 }))) : Promise.resolve({ ok: true, status: 200 }),
    });
    h.manager.handleAlexaEvent(offer('s1'));
    await h.flush();
    h.manager.intent('s1', { intent: 'answer', video: false });
    const req = h.media.at(-1) as { requestId: number };
    h.manager.mediaResult({ sessionId: 's1', requestId: req.requestId, ok: true, sdp: 'v=0 answer' });
    await h.flush();
    expect(h.types()).toEqual(['CallRinging']);
    releaseFirst();
    await h.flush();
    expect(h.types()).toEqual(['CallRinging', 'CallAccepted']);
  });

  it('never sends a message that stopped mattering: CallRinging queued behind a call that ended', async () => {
    let release!: () => void;
    const h = harness({ send: () => new Promise((r) => (release = () => r({ ok: true, status: 200 }))) });
    h.manager.handleAlexaEvent(offer('s1'));
    await h.flush();
    h.manager.intent('s1', { intent: 'answer', video: false });
    const req = h.media.at(-1) as { requestId: number };
    h.manager.mediaResult({ sessionId: 's1', requestId: req.requestId, ok: true, sdp: 'v=0 answer' });
    h.manager.handleAlexaEvent(msg({ type: `${NS}.CallEnded`, sessionId: 's1' }));
    release();
    await h.flush();
    // CallRinging was already on the wire; the CallAccepted queued behind it no longer matters.
    expect(h.types()).toEqual(['CallRinging']);
  });

  it('ends the call and reports when Alexa refuses a vital message for good', async () => {
    const h = harness({ send: async (m) => (m.type.endsWith('.CallAccepted') ? { ok: false, status: 401, message: 'Alexa rejected CallAccepted (401): expired' } : { ok: true, status: 200 }) });
    h.manager.handleAlexaEvent(offer('s1'));
    h.manager.intent('s1', { intent: 'answer', video: false });
    const req = h.media.at(-1) as { requestId: number };
    h.manager.mediaResult({ sessionId: 's1', requestId: req.requestId, ok: true, sdp: 'v=0 answer' });
    await h.flush();
    expect(h.failures).toEqual([`${NS}.CallAccepted 401 Alexa rejected CallAccepted (401): expired`]);
    // The card says it in plain words; the technical account went to sendFailed (notice detail, log).
    expect(h.manager.get('s1')).toMatchObject({ phase: 'ended', endReason: 'failed', error: 'call.failed.linkExpired' });
    expect(h.media.at(-1)).toEqual({ op: 'close', sessionId: 's1' });
  });

  it('keeps the media request a renderer still owes, for a renderer that claims media later', () => {
    const h = harness();
    h.manager.handleAlexaEvent(offer('s1'));
    h.manager.intent('s1', { intent: 'answer', video: true });
    expect(h.manager.pendingMediaRequests()).toMatchObject([{ op: 'answer', sessionId: 's1', video: true }]);
    const req = h.media.at(-1) as { requestId: number };
    h.manager.mediaResult({ sessionId: 's1', requestId: req.requestId, ok: true, sdp: 'v=0 answer' });
    expect(h.manager.pendingMediaRequests()).toEqual([]);
  });

  it('starts a desk → room call with a media offer, then InitiateInboundCall', async () => {
    const h = harness();
    const started = h.manager.startOutgoingCall({ type: 'RAW_ADDRESS', value: 'room-101' }, false);
    expect(started).toEqual({ ok: true, value: { sessionId: 'desk-1' } });
    const req = h.media.at(-1)!;
    expect(req).toMatchObject({ op: 'offer', hold: false, video: false });
    h.manager.mediaResult({ sessionId: 'desk-1', requestId: (req as { requestId: number }).requestId, ok: true, sdp: 'v=0 desk offer' });
    await h.flush();
    expect(h.sent).toEqual([
      {
        type: `${NS}.InitiateInboundCall`,
        sessionId: 'desk-1',
        participants: [
          { id: { type: 'RAW_ADDRESS', value: 'front-desk' }, isOriginator: true },
          { id: { type: 'RAW_ADDRESS', value: 'room-101' }, isOriginator: false },
        ],
        sdpDetails: { type: 'OFFER', value: 'v=0 desk offer' },
        customParams: { callerName: 'Front Desk' },
      },
    ]);
  });

  it('ends every live call with CallEnded on shutdown', async () => {
    vi.useRealTimers();
    const h = harness();
    h.manager.handleAlexaEvent(offer('a'));
    h.manager.handleAlexaEvent(offer('b', 'room-102'));
    await h.manager.shutdown();
    expect(h.types().filter((t) => t === 'CallEnded')).toHaveLength(2);
    expect(h.manager.liveCalls()).toEqual([]);
  });

  it('acknowledges the event that ends a call only once the call is on record', async () => {
    vi.useRealTimers();
    const records: { call: CallState; done: () => void; fail: (e: Error) => void }[] = [];
    const h = harness({ record: (call) => new Promise((done, fail) => records.push({ call, done, fail })) });
    expect(await h.manager.handleAlexaEvent(offer('s1'))).toEqual({ ok: true, value: undefined }); // a live call waits for nothing
    let acknowledged = false;
    const ending = h.manager.handleAlexaEvent(msg({ type: `${NS}.CallEnded`, sessionId: 's1' })).then((o) => {
      acknowledged = true;
      return o;
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(h.manager.get('s1')?.phase).toBe('ended'); // it took effect at once ...
    expect(acknowledged).toBe(false); // ... and waits for the record
    expect(records.map((r) => r.call.endReason)).toEqual(['missed']);
    records[0]!.done();
    expect(await ending).toEqual({ ok: true, value: undefined });
  });

  it('refuses the ending event when the record failed (503), and records again when Alexa resends it', async () => {
    vi.useRealTimers();
    let failures = 1;
    const recorded: string[] = [];
    const h = harness({
      record: async (call) => {
        if (failures-- > 0) throw new Error('disk full');
        recorded.push(call.sessionId);
      },
    });
    await h.manager.handleAlexaEvent(offer('s1'));
    const end = msg({ type: `${NS}.CallEnded`, sessionId: 's1' });
    expect(await h.manager.handleAlexaEvent(end)).toMatchObject({ ok: false, status: 503, error: expect.stringMatching(/disk full/) });
    expect(await h.manager.handleAlexaEvent(end)).toEqual({ ok: true, value: undefined });
    expect(await h.manager.handleAlexaEvent(end)).toEqual({ ok: true, value: undefined });
    expect(recorded).toEqual(['s1']); // recorded once, not once per resend
  });

  it('records a call the desk ended, and a later CallEnded from Alexa waits for that same record', async () => {
    vi.useRealTimers();
    const records: CallState[] = [];
    const h = harness({ record: async (c) => void records.push(c) });
    await h.manager.handleAlexaEvent(offer('s1'));
    h.manager.intent('s1', { intent: 'decline' });
    expect(await h.manager.handleAlexaEvent(msg({ type: `${NS}.CallEnded`, sessionId: 's1' }))).toEqual({ ok: true, value: undefined });
    expect(records.map((c) => c.endReason)).toEqual(['declined']);
  });

  it('tells apart events nested thousands of levels deep without running out of stack', async () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 20_000; i++) deep = i % 2 ? [deep] : { a: deep };
    const h = harness();
    await h.manager.handleAlexaEvent(offer('s1'));
    const ended = (extra: unknown) => msg({ type: `${NS}.CallEnded`, sessionId: 's1', extra });
    expect(await h.manager.handleAlexaEvent(ended(deep))).toEqual({ ok: true, value: undefined });
    expect(await h.manager.handleAlexaEvent(ended(deep))).toEqual({ ok: true, value: undefined }); // the same event again: accepted once
    expect(h.manager.get('s1')?.phase).toBe('ended');
  });
});

describe('CallManager: one live call at a time', () => {
  /** The latest media request for a call. */
  const lastRequest = (h: ReturnType<typeof harness>, sessionId: string) => h.media.filter((r) => r.sessionId === sessionId).at(-1) as MediaRequest & { requestId: number };
  /** The renderer answers a call's pending media request with SDP. */
  const mediaDone = (h: ReturnType<typeof harness>, sessionId: string, sdp = 'v=0 sdp') =>
    h.manager.mediaResult({ sessionId, requestId: lastRequest(h, sessionId).requestId, ok: true, sdp });
  /** Answer an incoming call and let its media answer. */
  const answerCall = (h: ReturnType<typeof harness>, sessionId: string) => {
    h.manager.intent(sessionId, { intent: 'answer', video: false });
    mediaDone(h, sessionId);
  };
  /** Finish the desk's own hold/resume exchange of a call: Alexa answers, the answer is applied. */
  let exchanges = 0;
  const finishUpdate = async (h: ReturnType<typeof harness>, sessionId: string) => {
    mediaDone(h, sessionId, 'v=0 offer');
    // Each answer differs: an identical event would be taken for a repeat of the first.
    h.manager.handleAlexaEvent(msg({ type: `${NS}.CallUpdateResponse`, sessionId, renegotiationType: 'CALL_HOLD', sdpDetails: { type: 'ANSWER', value: `v=0 a${++exchanges}` } }));
    await h.flush();
    mediaDone(h, sessionId);
  };
  const heldOnes = (h: ReturnType<typeof harness>) => h.manager.liveCalls().filter((c) => c.held).map((c) => c.sessionId);

  it('answering a second call puts the first on hold (CALL_HOLD)', async () => {
    const h = harness();
    h.manager.handleAlexaEvent(offer('s1', 'room-101'));
    h.manager.handleAlexaEvent(offer('s2', 'room-102'));
    answerCall(h, 's1');
    expect(heldOnes(h)).toEqual([]);
    answerCall(h, 's2');
    expect(heldOnes(h)).toEqual(['s1']);
    expect(lastRequest(h, 's1')).toMatchObject({ op: 'offer', hold: true });
    await finishUpdate(h, 's1');
    await h.flush();
    expect(h.sent.find((m) => m.sessionId === 's1' && m.type.endsWith('.CallUpdate'))).toMatchObject({ renegotiationType: 'CALL_HOLD' });
    expect(h.manager.get('s2')).toMatchObject({ phase: 'active', held: false });
  });

  it('resuming a held call holds the one that had the line', async () => {
    const h = harness();
    h.manager.handleAlexaEvent(offer('s1', 'room-101'));
    h.manager.handleAlexaEvent(offer('s2', 'room-102'));
    answerCall(h, 's1');
    answerCall(h, 's2');
    await finishUpdate(h, 's1');
    expect(h.manager.intent('s1', { intent: 'resume' }).ok).toBe(true);
    expect(heldOnes(h)).toEqual(['s2']);
    expect(lastRequest(h, 's2')).toMatchObject({ op: 'offer', hold: true });
    // ...and back again, as often as staff switch.
    await finishUpdate(h, 's1');
    await finishUpdate(h, 's2');
    expect(h.manager.intent('s2', { intent: 'resume' }).ok).toBe(true);
    expect(heldOnes(h)).toEqual(['s1']);
  });

  it('an auto-answered call takes the line too', () => {
    const h = harness({ autoAnswer: { policy: 'all', delayMs: 0 } });
    h.manager.handleAlexaEvent(offer('s1', 'room-101'));
    mediaDone(h, 's1');
    h.manager.handleAlexaEvent(offer('s2', 'room-102'));
    expect(heldOnes(h)).toEqual(['s1']);
  });

  it('placing a call holds the call that is up', () => {
    const h = harness();
    h.manager.handleAlexaEvent(offer('s1', 'room-101'));
    answerCall(h, 's1');
    h.manager.startOutgoingCall({ type: 'RAW_ADDRESS', value: 'room-201' }, false);
    expect(heldOnes(h)).toEqual(['s1']);
  });

  it('holds a call that connects while another has the line', () => {
    const h = harness();
    h.manager.handleAlexaEvent(offer('s1', 'room-101'));
    h.manager.handleAlexaEvent(offer('s2', 'room-102'));
    h.manager.intent('s1', { intent: 'answer', video: false });
    h.manager.intent('s2', { intent: 'answer', video: false }); // s2 takes the line while s1 still connects
    mediaDone(h, 's2');
    mediaDone(h, 's1');
    expect(heldOnes(h)).toEqual(['s1']);
  });

  it('a call busy renegotiating is held once the renegotiation is over', async () => {
    const h = harness();
    h.manager.handleAlexaEvent(offer('s1', 'room-101'));
    h.manager.handleAlexaEvent(offer('s2', 'room-102'));
    answerCall(h, 's1');
    // The room re-offers on s1 just before staff answer s2: s1 cannot be held mid-exchange.
    h.manager.handleAlexaEvent(msg({ type: `${NS}.CallUpdate`, sessionId: 's1', renegotiationType: 'CALL_UPDATE', sdpDetails: { type: 'OFFER', value: 'v=0 re' } }));
    answerCall(h, 's2');
    expect(heldOnes(h)).toEqual([]);
    mediaDone(h, 's1'); // our answer to the re-offer: the exchange is over
    expect(heldOnes(h)).toEqual(['s1']);
  });

  it('does not try again when a hold fails, and nothing holds once the call with the line ends', () => {
    const h = harness();
    h.manager.handleAlexaEvent(offer('s1', 'room-101'));
    h.manager.handleAlexaEvent(offer('s2', 'room-102'));
    answerCall(h, 's1');
    answerCall(h, 's2');
    const holdRequest = lastRequest(h, 's1');
    h.manager.mediaResult({ sessionId: 's1', requestId: holdRequest.requestId, ok: false, error: 'no offer' });
    expect(heldOnes(h)).toEqual([]); // the hold was undone; not retried
    expect(h.media.filter((r) => r.sessionId === 's1' && r.op === 'offer')).toHaveLength(1);
    h.manager.intent('s2', { intent: 'hangup' });
    h.manager.handleAlexaEvent(offer('s3', 'room-103'));
    expect(heldOnes(h)).toEqual([]);
  });
});

describe('CallManager: property mode', () => {
  const lastRequest = (h: ReturnType<typeof harness>, sessionId: string) => h.media.filter((r) => r.sessionId === sessionId).at(-1) as MediaRequest & { requestId: number };

  it('runs each claim in the call\'s order and acts on the outcome: the ring claim\'s winner sends CallRinging', async () => {
    const claims: string[] = [];
    const h = harness({ claim: async (c, claim) => (claims.push(`${c.sessionId} ${claim.what}`), claim.what === 'ring' ? { outcome: 'won' } : { outcome: 'lost', desk: 'Desk B' }) });
    await h.manager.handleAlexaEvent(offer('s1'));
    await h.flush();
    expect(claims).toEqual(['s1 ring']);
    expect(h.types()).toEqual(['CallRinging']);
    // Answering asks the property first; another desk won: the call ends here, silently.
    expect(h.manager.intent('s1', { intent: 'answer', video: false }).ok).toBe(true);
    expect(h.manager.get('s1')).toMatchObject({ phase: 'answering', ownership: 'claiming' });
    await h.flush();
    expect(claims).toEqual(['s1 ring', 's1 answer']);
    expect(h.manager.get('s1')).toMatchObject({ phase: 'ended', endReason: 'answered-elsewhere', otherDesk: 'Desk B' });
    expect(h.types()).toEqual(['CallRinging']);
  });

  it('a claim that throws counts as not decided: the call rings on, and staff read why (a message id: each window says it in its language)', async () => {
    const h = harness({ claim: async (_c, claim) => (claim.what === 'answer' ? Promise.reject(new Error('broker down')) : { outcome: 'won' }) });
    await h.manager.handleAlexaEvent(offer('s1'));
    h.manager.intent('s1', { intent: 'answer', video: false });
    await h.flush();
    expect(h.manager.get('s1')).toMatchObject({ phase: 'ringing', ownership: 'open', error: 'call.failed.noAgreement' });
  });

  it('news from another desk ends a ringing call here; news about an unknown call is refused', async () => {
    const h = harness({ claim: async () => ({ outcome: 'lost', desk: null }) });
    await h.manager.handleAlexaEvent(offer('s1'));
    await h.flush();
    expect(h.manager.fromOtherDesk('s1', { answeredBy: 'Desk C' }).ok).toBe(true);
    expect(h.manager.get('s1')).toMatchObject({ phase: 'ended', endReason: 'answered-elsewhere', otherDesk: 'Desk C' });
    expect(h.manager.fromOtherDesk('nope', { endedAs: 'missed' })).toMatchObject({ ok: false, status: 404 });
  });

  it('answering a second call holds the first only once the property gave this desk the second', async () => {
    let answerOutcome: ClaimResult = { outcome: 'lost', desk: 'Desk B' };
    const h = harness({ claim: async (_c, claim) => (claim.what === 'answer' ? answerOutcome : { outcome: 'won' }) });
    await h.manager.handleAlexaEvent(offer('s1', 'room-101'));
    await h.manager.handleAlexaEvent(offer('s2', 'room-102'));
    answerOutcome = { outcome: 'won' };
    h.manager.intent('s1', { intent: 'answer', video: false });
    await h.flush();
    h.manager.mediaResult({ sessionId: 's1', requestId: lastRequest(h, 's1').requestId, ok: true, sdp: 'v=0 a' });
    await h.flush();
    expect(h.manager.get('s1')).toMatchObject({ phase: 'active', held: false });

    answerOutcome = { outcome: 'lost', desk: 'Desk B' };
    h.manager.intent('s2', { intent: 'answer', video: false });
    await h.flush();
    expect(h.manager.get('s2')).toMatchObject({ phase: 'ended', endReason: 'answered-elsewhere' });
    expect(h.manager.get('s1')).toMatchObject({ phase: 'active', held: false }); // still the desk's live call
  });

  it('the one CallRinging goes out even when this desk declined before the property answered its ring claim', async () => {
    let ringDecided!: (r: ClaimResult) => void;
    const h = harness({
      claim: (_c, claim) => (claim.what === 'ring' ? new Promise<ClaimResult>((resolve) => (ringDecided = resolve)) : Promise.resolve({ outcome: 'lost', desk: null })),
    });
    await h.manager.handleAlexaEvent(offer('s1'));
    h.manager.intent('s1', { intent: 'decline' });
    expect(h.manager.get('s1')).toMatchObject({ phase: 'ended', endReason: 'declined' });
    ringDecided({ outcome: 'won' });
    await h.flush();
    expect(h.types()).toEqual(['CallRinging']); // and no CallEnded: other desks still ring
  });
});

