// A fake console inside the page, for development and screenshots only (`?fake=1`). Each simulated
// room is a plain RTCPeerConnection in this page (no data channel, like an Echo), so the real media
// layer is exercised end to end. URL parameters:
//   rooms=N (default 48)   scenario=idle|ringing|in-call|busy|error|unlinked|empty   video=1 (in-call)
//   turn=1 (an unreachable TURN server: shows the ICE gathering cap)
//   linked=1, signedin=1 (settings, linking and setup: see ./fake-setup.ts)
// `window.__fakeDesk` lets a script drive it: call(roomId, video), reoffer(sessionId, video),
// remoteHangup(sessionId).
import type {
  CallView,
  DeskApi,
  DeskEvents,
  DeskStatus,
  HistoryEntry,
  MediaRequest,
  MediaResult,
  MissedCall,
  Notice,
  Room,
} from '../../../main/ipc/contract.js';
import { sameText, text } from '../../../main/domain/text.js';
import { createFakeSetup, type FakeHandlers } from './fake-setup.js';

interface Echo {
  pc: RTCPeerConnection;
  stop(): void;
}

/** The fake answers the call commands here; settings, linking, setup and room edits in ./fake-setup.ts. */
type Handlers = FakeHandlers;

type WithoutId<T> = T extends unknown ? Omit<T, 'requestId'> : never;

const ok = <T>(value: T) => ({ ok: true as const, value });
const fail = (error: string) => ({ ok: false as const, error });

export function makeRooms(count: number): Room[] {
  const perFloor = count > 200 ? 50 : 12;
  return Array.from({ length: count }, (_, i) => {
    const floor = Math.floor(i / perFloor) + 1;
    const number = `${floor}${String((i % perFloor) + 1).padStart(2, '0')}`;
    return {
      id: `room-${number}`,
      name: `Room ${number}`,
      floor: String(floor),
      wing: count > 200 ? (i % perFloor < perFloor / 2 ? 'East' : 'West') : undefined,
      address: `amzn1.alexa.endpoint.room${number}`,
      addressType: 'RAW_ADDRESS' as const,
    };
  });
}

/** Waits until the peer has its candidates (loopback only: quick). */
function gathered(pc: RTCPeerConnection): Promise<void> {
  if (pc.iceGatheringState === 'complete') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      if (pc.iceGatheringState === 'complete') resolve();
    };
    pc.addEventListener('icegatheringstatechange', done);
    setTimeout(resolve, 2000);
  });
}

/** A simulated Echo: a moving test picture with the room name, and a quiet tone. */
function createEcho(title: string, sendVideo: boolean): Echo {
  const pc = new RTCPeerConnection({ iceServers: [] });
  const audio = new AudioContext();
  const osc = audio.createOscillator();
  const gain = audio.createGain();
  gain.gain.value = 0.02;
  const sink = audio.createMediaStreamDestination();
  osc.connect(gain).connect(sink);
  osc.start();
  pc.addTrack(sink.stream.getAudioTracks()[0], sink.stream);
  let frame = 0;
  let timer: ReturnType<typeof setInterval> | null = null;
  if (sendVideo) {
    const canvas = document.createElement('canvas');
    canvas.width = 640;
    canvas.height = 480;
    const g = canvas.getContext('2d') as CanvasRenderingContext2D;
    timer = setInterval(() => {
      frame++;
      g.fillStyle = '#2d4a6b';
      g.fillRect(0, 0, 640, 480);
      g.fillStyle = '#e8eef5';
      g.beginPath();
      g.arc(320, 200, 90, 0, Math.PI * 2);
      g.fill();
      g.fillRect(190, 300, 260, 180);
      g.fillStyle = '#ffffff';
      g.font = 'bold 36px sans-serif';
      g.fillText(title, 24, 52);
      g.fillStyle = '#f5a524';
      g.fillRect((frame * 8) % 640, 460, 60, 12);
    }, 66);
    const stream = canvas.captureStream(15);
    pc.addTrack(stream.getVideoTracks()[0], stream);
  }
  return {
    pc,
    stop() {
      if (timer) clearInterval(timer);
      osc.stop();
      void audio.close();
      pc.close();
    },
  };
}

export function createFakeDesk(params: URLSearchParams): DeskApi {
  const scenario = params.get('scenario') ?? 'idle';
  let rooms = scenario === 'empty' ? [] : makeRooms(Number(params.get('rooms') ?? 48));
  const listeners = new Map<string, Set<(payload: never) => void>>();
  const echoes = new Map<string, Echo>();
  const waiting = new Map<number, (result: MediaResult) => void>();
  const offers = new Map<string, Promise<string>>(); // each ringing call's Echo offer
  let requestId = 0;
  let nextSession = 1;
  let calls: CallView[] = [];
  let missed: MissedCall[] = [];
  let notices: Notice[] = [];
  const history: HistoryEntry[] = [];
  const status: DeskStatus = {
    mode: scenario === 'unlinked' ? 'unlinked' : 'demo',
    region: 'NA',
    contactId: 'front-desk',
    webhook: { url: 'http://127.0.0.1:8321', listening: true, error: null, lastEventAt: Date.now() - 95_000, secret: 'none' },
    autoAnswer: 'off',
    dnd: false,
    language: 'system',
    vault: 'keychain',
    // A local UDP port that swallows packets (the dev script runs one): gathering ends at the cap.
    iceServers: params.get('turn') === '1' ? [{ urls: 'turn:127.0.0.1:3479', username: 'desk', credential: 'test' }] : [],
    iceGatherTimeoutMs: 2000,
    deskName: 'Front Desk',
    property: null,
    propertyRestart: null,
  };

  function emit<E extends keyof DeskEvents>(event: E, payload: DeskEvents[E]): void {
    for (const l of listeners.get(event) ?? []) (l as (p: DeskEvents[E]) => void)(payload);
  }
  // Every push names all calls (a window takes unchanged ones as they were) and what left.
  let seq = 0;
  let shown: { calls: string[]; missed: string[] } = { calls: [], missed: [] };
  const emitCalls = () => {
    const now = { calls: calls.map((c) => c.sessionId), missed: missed.map((m) => m.sessionId) };
    const gone = (before: string[], after: string[]) => before.filter((id) => !after.includes(id));
    emit('calls', { seq: ++seq, calls: [...calls], removed: gone(shown.calls, now.calls), missed: [...missed], missedRemoved: gone(shown.missed, now.missed) });
    shown = now;
  };

  function update(sessionId: string, change: Partial<CallView>): CallView | undefined {
    calls = calls.map((c) => (c.sessionId === sessionId ? { ...c, ...change } : c));
    emitCalls();
    return calls.find((c) => c.sessionId === sessionId);
  }

  /** Ask the page's media layer to do something and wait for its reply. */
  function media(request: WithoutId<Extract<MediaRequest, { requestId: number }>>): Promise<MediaResult> {
    const id = ++requestId;
    return new Promise((resolve) => {
      waiting.set(id, resolve);
      emit('media', { ...request, requestId: id } as MediaRequest);
    });
  }

  function end(sessionId: string, reason: CallView['endReason'], error: string | null = null): void {
    const call = calls.find((c) => c.sessionId === sessionId);
    if (!call || call.phase === 'ended') return;
    echoes.get(sessionId)?.stop();
    echoes.delete(sessionId);
    emit('media', { op: 'close', sessionId });
    const endedAt = Date.now();
    update(sessionId, { phase: 'ended', endedAt, endReason: reason, error: error === null ? null : text('call.failed.media'), held: false, heldAt: null });
    if (reason === 'missed') {
      missed = [{ sessionId, roomId: call.roomId, title: call.title, remote: call.remote, at: endedAt, reason: reason }, ...missed];
    }
    history.unshift({ sessionId, direction: call.direction, roomId: call.roomId, title: call.title, startedAt: call.startedAt, answeredAt: call.answeredAt, endedAt, endReason: reason ?? 'completed' });
    emitCalls();
    setTimeout(() => {
      calls = calls.filter((c) => c.sessionId !== sessionId);
      emitCalls();
    }, 5000);
  }

  function newCall(room: Room, direction: CallView['direction'], video: boolean, extra: Partial<CallView> = {}): CallView {
    const call: CallView = {
      sessionId: `fake-${nextSession++}`,
      direction,
      phase: direction === 'incoming' ? 'ringing' : 'offering',
      roomId: room.id,
      title: room.name,
      remote: { type: room.addressType, value: room.address },
      video,
      held: false,
      heldAt: null,
      remoteHeld: false,
      negotiating: false,
      connecting: false,
      startedAt: Date.now(),
      answeredAt: null,
      endedAt: null,
      endReason: null,
      error: null,
      desk: null,
      ...extra,
    };
    calls = [...calls, call];
    emitCalls();
    return call;
  }

  /** A room calls the desk: its Echo makes an offer; the desk rings. */
  function roomCalls(room: Room, video: boolean): CallView {
    const call = newCall(room, 'incoming', video);
    const echo = createEcho(room.name, video);
    echoes.set(call.sessionId, echo);
    offers.set(
      call.sessionId,
      (async () => {
        await echo.pc.setLocalDescription(await echo.pc.createOffer());
        await gathered(echo.pc);
        return echo.pc.localDescription?.sdp ?? '';
      })(),
    );
    return call;
  }

  async function answer(sessionId: string, video: boolean): Promise<void> {
    const call = update(sessionId, { phase: 'answering', video });
    const echo = echoes.get(sessionId);
    if (!call || !echo) return;
    const result = await media({ op: 'answer', sessionId, offer: await (offers.get(sessionId) as Promise<string>), video });
    if (!result.ok || !result.sdp) return end(sessionId, 'failed', result.ok ? 'no answer SDP' : result.error);
    await echo.pc.setRemoteDescription({ type: 'answer', sdp: result.sdp });
    update(sessionId, { phase: 'active', answeredAt: Date.now() });
  }

  /** The room re-offers (CallUpdate): e.g. it turns its camera off. */
  async function reoffer(sessionId: string, video: boolean): Promise<void> {
    const echo = echoes.get(sessionId);
    if (!echo) return;
    update(sessionId, { negotiating: true });
    for (const t of echo.pc.getTransceivers()) {
      if (t.receiver.track.kind === 'video') t.direction = video ? 'sendrecv' : 'inactive';
    }
    await echo.pc.setLocalDescription(await echo.pc.createOffer());
    await gathered(echo.pc);
    const result = await media({ op: 'answer', sessionId, offer: echo.pc.localDescription?.sdp ?? '', video: false });
    if (!result.ok || !result.sdp) return end(sessionId, 'failed', result.ok ? 'no answer SDP' : result.error);
    await echo.pc.setRemoteDescription({ type: 'answer', sdp: result.sdp });
    update(sessionId, { negotiating: false });
  }

  /** Desk-side hold/resume: our offer, the room's answer. */
  async function holdOrResume(sessionId: string, hold: boolean): Promise<void> {
    const call = update(sessionId, { held: hold, heldAt: hold ? Date.now() : null, negotiating: true });
    const echo = echoes.get(sessionId);
    if (!call || !echo) {
      update(sessionId, { negotiating: false });
      return;
    }
    const offer = await media({ op: 'offer', sessionId, video: call.video, hold });
    if (!offer.ok || !offer.sdp) return end(sessionId, 'failed', offer.ok ? 'no offer SDP' : offer.error);
    await echo.pc.setRemoteDescription({ type: 'offer', sdp: offer.sdp });
    await echo.pc.setLocalDescription(await echo.pc.createAnswer());
    const applied = await media({ op: 'apply-answer', sessionId, answer: echo.pc.localDescription?.sdp ?? '', provisional: false });
    if (!applied.ok) return end(sessionId, 'failed', applied.error);
    update(sessionId, { negotiating: false });
  }

  /** The desk calls a room: our offer, the room rings (early answer), then picks up. */
  async function deskCalls(room: Room, video: boolean): Promise<string> {
    const call = newCall(room, 'outgoing', video);
    const sessionId = call.sessionId;
    void (async () => {
      const offer = await media({ op: 'offer', sessionId, video, hold: false });
      if (!offer.ok || !offer.sdp) return end(sessionId, 'failed', offer.ok ? 'no offer SDP' : offer.error);
      update(sessionId, { phase: 'calling' });
      const echo = createEcho(room.name, true);
      echoes.set(sessionId, echo);
      await new Promise((r) => setTimeout(r, 600));
      await echo.pc.setRemoteDescription({ type: 'offer', sdp: offer.sdp });
      await echo.pc.setLocalDescription(await echo.pc.createAnswer());
      await gathered(echo.pc);
      const answerSdp = echo.pc.localDescription?.sdp ?? '';
      update(sessionId, { phase: 'alerting' });
      const early = await media({ op: 'apply-answer', sessionId, answer: answerSdp, provisional: true });
      if (!early.ok) return end(sessionId, 'failed', early.error);
      update(sessionId, { phase: 'early' });
      await new Promise((r) => setTimeout(r, 1500));
      if (calls.find((c) => c.sessionId === sessionId)?.phase !== 'early') return;
      const final = await media({ op: 'apply-answer', sessionId, answer: answerSdp, provisional: false });
      if (!final.ok) return end(sessionId, 'failed', final.error);
      update(sessionId, { phase: 'active', answeredAt: Date.now() });
    })();
    return sessionId;
  }

  const roomById = (id: string | null | undefined) => rooms.find((r) => r.id === id);
  const liveRoomIds = () => new Set(calls.filter((c) => c.phase !== 'ended').map((c) => c.roomId));

  const handlers: Handlers = {
    ...createFakeSetup({
      params,
      status,
      rooms: () => rooms,
      setRooms: (next) => {
        rooms = next;
        emit('rooms', rooms);
      },
      statusChanged: () => emit('status', { ...status }),
      notice: (notice) => {
        notices = [{ ...notice, id: `fake-notice-${Date.now()}`, at: Date.now() }, ...notices.filter((n) => !sameText(n.message, notice.message))];
        emit('notices', [...notices]);
      },
    }),
    getSnapshot: () => ok({ status: { ...status }, rooms, calls: { seq, calls: [...calls], elsewhere: [], missed: [...missed] }, notices: [...notices] }),
    claimMedia: () => {
      setTimeout(startScenario, 50);
      return ok(undefined);
    },
    answer: ({ sessionId, video }) => {
      void answer(sessionId, video);
      return ok(undefined);
    },
    decline: ({ sessionId }) => {
      end(sessionId, 'declined');
      return ok(undefined);
    },
    hangup: ({ sessionId }) => {
      const call = calls.find((c) => c.sessionId === sessionId);
      end(sessionId, call?.phase === 'active' ? 'completed' : 'cancelled');
      return ok(undefined);
    },
    hold: ({ sessionId }) => {
      void holdOrResume(sessionId, true);
      return ok(undefined);
    },
    resume: ({ sessionId }) => {
      void holdOrResume(sessionId, false);
      return ok(undefined);
    },
    callRoom: async ({ roomId, video }) => {
      const room = roomById(roomId);
      if (!room) return fail(`roomId: no room "${roomId}"`);
      return ok({ sessionId: await deskCalls(room, video) });
    },
    mediaResult: (result) => {
      const resolve = waiting.get(result.requestId);
      if (!resolve) return fail(`requestId: ${result.requestId} is not awaited`);
      waiting.delete(result.requestId);
      resolve(result);
      return ok(undefined);
    },
    setAutoAnswer: ({ policy }) => {
      status.autoAnswer = policy;
      emit('status', { ...status });
      return ok(undefined);
    },
    setDnd: ({ on }) => {
      status.dnd = on;
      emit('status', { ...status });
      return ok(undefined);
    },
    importRooms: ({ fileName }) => fail(`${fileName}: the fake console does not import rooms`),
    clearMissed: ({ roomId }) => {
      missed = roomId ? missed.filter((m) => m.roomId !== roomId) : [];
      emitCalls();
      return ok(undefined);
    },
    dismissNotice: ({ id }) => {
      notices = notices.filter((n) => n.id !== id);
      emit('notices', [...notices]);
      return ok(undefined);
    },
    getHistory: ({ limit = 100, before, roomId, direction, outcome }) => {
      const matching = history.filter((e) => (!roomId || e.roomId === roomId) && (!direction || e.direction === direction) && (!outcome || e.endReason === outcome));
      const start = before ? Number(before.split(':')[1]) : 0;
      return ok({ entries: matching.slice(start, start + limit), next: start + limit < matching.length ? `0:${start + limit}` : null });
    },
    demoCall: ({ roomId, video }) => {
      const busy = liveRoomIds();
      const idle = rooms.filter((r) => !busy.has(r.id));
      const room = roomById(roomId) ?? idle[Math.floor(Math.random() * idle.length)];
      if (!room) return fail('every room is already on a call');
      return ok({ sessionId: roomCalls(room, video ?? false).sessionId });
    },
  };

  let scenarioStarted = false;
  function startScenario(): void {
    if (scenarioStarted) return;
    scenarioStarted = true;
    const at = (i: number) => rooms[Math.min(i, rooms.length - 1)];
    const ago = (s: number) => Date.now() - s * 1000;
    if (rooms.length > 8) {
      missed = [
        { sessionId: 'old-1', roomId: at(7).id, title: at(7).name, remote: { type: at(7).addressType, value: at(7).address }, at: ago(420), reason: 'missed' },
        { sessionId: 'old-2', roomId: at(7).id, title: at(7).name, remote: { type: at(7).addressType, value: at(7).address }, at: ago(900), reason: 'missed' },
      ];
      emitCalls();
    }
    if (scenario === 'ringing') roomCalls(at(3), false);
    if (scenario === 'in-call') {
      const call = roomCalls(at(2), params.get('video') === '1');
      void answer(call.sessionId, params.get('video') === '1');
    }
    if (scenario === 'busy') {
      newCall(at(12), 'incoming', false, { phase: 'active', held: true, heldAt: ago(45), startedAt: ago(300), answeredAt: ago(290) });
      roomCalls(at(3), false);
      setTimeout(() => roomCalls(at(9), false), 1200);
    }
    if (scenario === 'error') {
      status.webhook = { ...status.webhook, listening: false, error: text('webhook.portInUse', { port: '8321' }) };
      emit('status', { ...status });
      notices = [
        { id: 'n1', level: 'error', message: text('notice.linkExpired'), detail: 'Alexa rejected CallAccepted (HTTP 401)', action: 'relink', at: Date.now() },
        { id: 'n2', level: 'warning', message: text('webhook.portInUse', { port: '8321' }), action: 'retry-webhook', at: Date.now() },
      ];
      emit('notices', [...notices]);
    }
  }

  (window as unknown as { __fakeDesk: unknown }).__fakeDesk = {
    call: (roomId: string, video = false) => handlers.demoCall?.({ roomId, video }),
    reoffer: (sessionId: string, video: boolean) => reoffer(sessionId, video),
    remoteHangup: (sessionId: string) => end(sessionId, 'completed'),
  };

  return {
    async invoke(command, args) {
      const handler = handlers[command] as ((a: typeof args) => unknown) | undefined;
      if (!handler) return fail(`${command}: not available in the fake console`) as never;
      return (await handler(args)) as never;
    },
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener as (payload: never) => void);
      return () => set.delete(listener as (payload: never) => void);
    },
  };
}
