// A simulated Echo in a room: a real WebRTC endpoint (plain RTCPeerConnection from @roamhq/wrtc,
// no data channel, non-trickle) that calls the desk, rings when the desk calls it, answers per
// its policy, re-offers for hold/resume/video changes and hangs up. It speaks to the console only
// through the simulated Alexa cloud (the RoomLink), exactly as an Echo does.
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import wrtc from '@roamhq/wrtc';
import type { CallResultCode, ParticipantIdType, RenegotiationType } from '../protocol/messages.js';
import { deliveredOk, type AlexaEvent, type Delivery } from './delivery.js';
import { MediaSources } from './media-sources.js';

const NS = 'Alexa.Comms.CallSignaling';
const ICE_GATHER_CAP_MS = 5_000;
const REANSWER_TIMEOUT_MS = 10_000;

export type RoomState = 'idle' | 'ringing' | 'calling' | 'in-call';

/** How the room treats calls from the desk. */
export interface AnswerPolicy {
  answer: 'auto' | 'manual' | 'decline' | 'ignore';
  /** Ring this long before auto-answering or auto-declining. */
  answerDelayMs: number;
  /** Send the early answer (CallInProgress) while ringing, before CallAccepted. */
  sendInProgress: boolean;
}

export const DEFAULT_POLICY: AnswerPolicy = { answer: 'auto', answerDelayMs: 0, sendInProgress: true };

export interface SimEchoRoomOptions {
  /** The Echo's participant id value (what the console's room directory holds). */
  address: string;
  addressType?: ParticipantIdType; // default COMMUNICATION_PROFILE_ID
  name?: string;
  /** An Echo Show has a camera; an Echo Dot does not (it still receives no video). Default true. */
  hasCamera?: boolean;
  policy?: Partial<AnswerPolicy>;
  /** STUN/TURN for the room's peer; none by default. */
  iceServers?: RTCIceServer[];
  /** Re-offer (CALL_UPDATE) right after each call connects, as Alexa has been seen to do. */
  reofferOnConnect?: boolean;
}

/** How the room reaches the cloud: every event about its call goes through here. */
export interface RoomLink {
  send(event: AlexaEvent): Promise<Delivery>;
  /** The desk's provider contact id, the callee of the room's calls. */
  readonly deskContactId: string;
}

export interface RoomEndedEvent {
  sessionId: string;
  code: CallResultCode;
  /** Who ended it: the room (hangup/decline), the desk (CallEnded), or a failure. */
  by: 'room' | 'desk' | 'error';
  message?: string;
}

export interface RoomUpdateEvent {
  sessionId: string;
  renegotiationType: RenegotiationType;
  /** 'room': the room re-offered; 'desk': the desk re-offered and the room answered. */
  by: 'room' | 'desk';
}

export type SimEchoRoomEvents = {
  /** The room's Echo rings: the desk is calling it. */
  ringing: [sessionId: string];
  /** The desk signalled CallRinging for the room's call. */
  'desk-ringing': [sessionId: string];
  /** The call is up (answer sent or applied). */
  connected: [sessionId: string];
  ended: [RoomEndedEvent];
  update: [RoomUpdateEvent];
};

export interface MediaStats {
  inboundAudioBytes: number;
  inboundVideoBytes: number;
  outboundAudioBytes: number;
  outboundVideoBytes: number;
}

interface Call {
  sessionId: string;
  placedBy: 'room' | 'desk';
  pc: RTCPeerConnection;
  media: MediaSources;
  /** The room sends its camera (when it has one). */
  videoOn: boolean;
  /** The room put the call on hold. */
  held: boolean;
  /** The desk put the call on hold (CALL_HOLD until CALL_RESUME). */
  heldByDesk: boolean;
  /** Desk-placed: our answer, made while ringing. */
  answer: string | null;
  /** A local or remote SDP exchange is running. */
  negotiating: boolean;
  /** The room re-offered and waits for the desk's CallUpdateResponse. */
  pendingReanswer: { resolve: () => void; reject: (e: Error) => void } | null;
  timers: Set<NodeJS.Timeout>;
}

const ZERO_STATS: MediaStats = { inboundAudioBytes: 0, inboundVideoBytes: 0, outboundAudioBytes: 0, outboundVideoBytes: 0 };

function waitForGathering(pc: RTCPeerConnection): Promise<void> {
  if (pc.iceGatheringState === 'complete') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(cap);
      pc.removeEventListener('icegatheringstatechange', check);
      resolve();
    };
    const check = () => {
      if (pc.iceGatheringState === 'complete') done();
    };
    // Send what we have if gathering stalls: the SDP then carries the candidates found so far.
    const cap = setTimeout(done, ICE_GATHER_CAP_MS);
    pc.addEventListener('icegatheringstatechange', check);
  });
}

const describe = (d: Delivery) => (d.status ? `HTTP ${d.status}` : (d.error ?? 'no response'));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class SimEchoRoom extends EventEmitter<SimEchoRoomEvents> {
  readonly address: string;
  readonly addressType: ParticipantIdType;
  readonly name: string;
  readonly hasCamera: boolean;
  /** Change freely; read when the desk calls. */
  policy: AnswerPolicy;
  private readonly iceServers: RTCIceServer[];
  private readonly reofferOnConnect: boolean;
  private call: Call | null = null;
  private _state: RoomState = 'idle';
  private closed = false;

  constructor(
    opts: SimEchoRoomOptions,
    private readonly link: RoomLink,
  ) {
    super();
    if (typeof opts.address !== 'string' || !opts.address.trim()) throw new Error('room address must be a non-empty string');
    this.address = opts.address;
    this.addressType = opts.addressType ?? 'COMMUNICATION_PROFILE_ID';
    this.name = opts.name ?? opts.address;
    this.hasCamera = opts.hasCamera ?? true;
    this.policy = { ...DEFAULT_POLICY, ...opts.policy };
    this.iceServers = opts.iceServers ?? [];
    this.reofferOnConnect = opts.reofferOnConnect ?? false;
  }

  get state(): RoomState {
    return this._state;
  }

  /** The current call's session id, or null when idle. */
  get sessionId(): string | null {
    return this.call?.sessionId ?? null;
  }

  /** The desk has this call on hold. */
  get heldByDesk(): boolean {
    return this.call?.heldByDesk ?? false;
  }

  /** The room re-offered and waits for the desk's answer. */
  get awaitingReanswer(): boolean {
    return !!this.call?.pendingReanswer;
  }

  /** An SDP exchange is running on the current call. */
  get negotiating(): boolean {
    return this.call?.negotiating ?? false;
  }

  // ---- what a guest does ------------------------------------------------------------------

  /** "Alexa, call the front desk": offers to the desk; resolves with Alexa's session id once the console took the call. */
  async callDesk(opts: { video?: boolean; contactId?: string } = {}): Promise<string> {
    this.assertOpen();
    if (this.call) throw new Error(`${this.name} is busy (${this._state})`);
    const call = this.newCall(randomUUID(), 'room');
    this._state = 'calling';
    try {
      call.pc.addTrack(call.media.audioTrack());
      if (opts.video) {
        if (this.hasCamera) call.pc.addTrack(call.media.videoTrack());
        else call.pc.addTransceiver('video', { direction: 'recvonly' });
        call.videoOn = this.hasCamera;
      }
      const offer = await this.localDescription(call, 'offer');
      const result = await this.send({
        type: `${NS}.InitiateOutboundCall`,
        sessionId: call.sessionId,
        participants: [
          { id: { type: this.addressType, value: this.address }, isOriginator: true },
          { id: { type: 'RAW_ADDRESS', value: opts.contactId ?? this.link.deskContactId }, isOriginator: false },
        ],
        sdpDetails: { type: 'OFFER', value: offer },
      });
      if (!deliveredOk(result)) throw new Error(`the console did not take the call: ${describe(result)}`);
      return call.sessionId;
    } catch (e) {
      if (this.call === call) this.end(call, 'INTERNAL_ERROR', 'error', (e as Error).message);
      throw e;
    }
  }

  /** Answers the desk's call (policy 'manual', or early). */
  async accept(): Promise<void> {
    const call = this.call;
    if (!call || this._state !== 'ringing') throw new Error(`${this.name} has no ringing call to accept`);
    this._state = 'in-call';
    await this.send({ type: `${NS}.CallAccepted`, sessionId: call.sessionId, sdpDetails: { type: 'ANSWER', value: call.answer! } });
    this.connected(call);
  }

  /** Declines the desk's call: Alexa reports the device as busy. */
  async decline(): Promise<void> {
    const call = this.call;
    if (!call || this._state !== 'ringing') throw new Error(`${this.name} has no ringing call to decline`);
    this.end(call, 'DEVICE_BUSY', 'room');
    await this.send({ type: `${NS}.CallEnded`, sessionId: call.sessionId, callResult: { code: 'DEVICE_BUSY', message: 'Call declined' } });
  }

  /** The guest hangs up (or declines, while ringing). */
  async hangup(): Promise<void> {
    const call = this.call;
    if (!call) throw new Error(`${this.name} has no call to hang up`);
    if (this._state === 'ringing') return this.decline();
    this.end(call, 'SUCCESS', 'room');
    await this.send({ type: `${NS}.CallEnded`, sessionId: call.sessionId, callResult: { code: 'SUCCESS', message: 'Call ended by user' } });
  }

  /**
   * Renegotiates from the room (CallUpdate): CALL_HOLD makes every transceiver inactive,
   * CALL_RESUME restores them; `video` turns the camera off (recvonly) or on (adding a video
   * m-line when there is none). Resolves once the desk's answer is applied.
   */
  async reoffer(opts: { renegotiationType: RenegotiationType; video?: boolean }): Promise<void> {
    const call = this.call;
    if (!call || this._state !== 'in-call') throw new Error(`${this.name} has no connected call to renegotiate`);
    if (call.negotiating) throw new Error(`${this.name} is already renegotiating`);
    if (opts.video && !this.hasCamera) throw new Error(`${this.name} has no camera`);
    call.negotiating = true;
    const before = { held: call.held, videoOn: call.videoOn };
    try {
      if (opts.renegotiationType === 'CALL_HOLD') call.held = true;
      if (opts.renegotiationType === 'CALL_RESUME') call.held = false;
      if (opts.video !== undefined) call.videoOn = opts.video;
      this.applyDirections(call);
      const offer = await this.localDescription(call, 'offer');
      const reanswer = new Promise<void>((resolve, reject) => {
        call.pendingReanswer = { resolve, reject };
      });
      reanswer.catch(() => undefined); // handled below; this keeps an early rejection from going unhandled
      const timer = this.timer(call, REANSWER_TIMEOUT_MS, () =>
        call.pendingReanswer?.reject(new Error(`no CallUpdateResponse within ${REANSWER_TIMEOUT_MS} ms`)),
      );
      const result = await this.send({
        type: `${NS}.CallUpdate`,
        sessionId: call.sessionId,
        renegotiationType: opts.renegotiationType,
        sdpDetails: { type: 'OFFER', value: offer },
      });
      if (!deliveredOk(result)) call.pendingReanswer?.reject(new Error(`the console did not take the CallUpdate: ${describe(result)}`));
      await reanswer.finally(() => {
        clearTimeout(timer);
        call.pendingReanswer = null;
      });
      this.emit('update', { sessionId: call.sessionId, renegotiationType: opts.renegotiationType, by: 'room' });
    } catch (e) {
      if (this.call === call && call.pc.signalingState === 'have-local-offer') {
        // Back to the last agreed state: the SDP and the directions it was made from.
        await call.pc.setLocalDescription({ type: 'rollback' }).catch(() => undefined);
        Object.assign(call, before);
        this.applyDirections(call);
      }
      throw e;
    } finally {
      call.negotiating = false;
    }
  }

  async stats(): Promise<MediaStats> {
    const call = this.call;
    if (!call) return { ...ZERO_STATS };
    const totals = { ...ZERO_STATS };
    const report = await call.pc.getStats();
    report.forEach((s: { type: string; kind?: string; mediaType?: string; bytesReceived?: number; bytesSent?: number }) => {
      const kind = s.kind ?? s.mediaType;
      if (s.type === 'inbound-rtp' && kind === 'audio') totals.inboundAudioBytes += s.bytesReceived ?? 0;
      if (s.type === 'inbound-rtp' && kind === 'video') totals.inboundVideoBytes += s.bytesReceived ?? 0;
      if (s.type === 'outbound-rtp' && kind === 'audio') totals.outboundAudioBytes += s.bytesSent ?? 0;
      if (s.type === 'outbound-rtp' && kind === 'video') totals.outboundVideoBytes += s.bytesSent ?? 0;
    });
    return totals;
  }

  /** Resolves once inbound media bytes grow across consecutive samples; rejects after timeoutMs. */
  async waitForMediaFlowing(opts: { timeoutMs?: number; kind?: 'audio' | 'video' } = {}): Promise<void> {
    const timeoutMs = opts.timeoutMs ?? 5_000;
    const field = opts.kind === 'video' ? 'inboundVideoBytes' : 'inboundAudioBytes';
    const deadline = Date.now() + timeoutMs;
    let last = (await this.stats())[field];
    let growing = 0;
    while (Date.now() < deadline) {
      await sleep(150);
      const now = (await this.stats())[field];
      growing = now > last ? growing + 1 : 0;
      last = now;
      if (growing >= 2) return;
    }
    throw new Error(`${this.name}: inbound ${opts.kind ?? 'audio'} is not flowing after ${timeoutMs} ms (bytes ${last})`);
  }

  /** Drops any call without signaling and stops media (the cloud is shutting down). */
  close(): void {
    this.closed = true;
    if (this.call) this.end(this.call, 'SUCCESS', 'room');
    this.removeAllListeners();
  }

  // ---- what the cloud tells the room (the console's messages) --------------------------------

  /** InitiateInboundCall: the desk calls this room. False when the room is busy. */
  async onIncomingCall(sessionId: string, offer: string): Promise<boolean> {
    if (this.call || this.closed) return false;
    const call = this.newCall(sessionId, 'desk');
    this._state = 'ringing';
    call.negotiating = true;
    try {
      await call.pc.setRemoteDescription({ type: 'offer', sdp: offer });
      this.attachTracks(call, this.hasCamera);
      call.answer = await this.localDescription(call, 'answer');
    } catch (e) {
      await this.fail(call, `could not answer the offer: ${(e as Error).message}`);
      return true;
    } finally {
      call.negotiating = false;
    }
    if (!this.isCurrent(call)) return true;
    await this.send({ type: `${NS}.CallRinging`, sessionId });
    if (!this.isCurrent(call)) return true;
    this.emit('ringing', sessionId);
    if (this.policy.sendInProgress) {
      await this.send({ type: `${NS}.CallInProgress`, sessionId, sdpDetails: { type: 'ANSWER', value: call.answer } });
    }
    const { answer, answerDelayMs } = this.policy;
    if (answer === 'auto' || answer === 'decline') {
      this.timer(call, answerDelayMs, () => {
        if (this.call !== call || this._state !== 'ringing') return;
        void (answer === 'auto' ? this.accept() : this.decline()).catch(() => undefined);
      });
    }
    return true;
  }

  onDeskRinging(sessionId: string): void {
    if (this.call?.sessionId === sessionId) this.emit('desk-ringing', sessionId);
  }

  /** CallInProgress (provisional) or CallAccepted (final) with the desk's answer to our offer. */
  async onDeskAnswer(sessionId: string, sdp: string, provisional: boolean): Promise<void> {
    const call = this.current(sessionId);
    try {
      await call.pc.setRemoteDescription({ type: provisional ? 'pranswer' : 'answer', sdp });
    } catch (e) {
      await this.fail(call, `could not apply the desk's answer: ${(e as Error).message}`);
      throw e;
    }
    if (!provisional && this.call === call) {
      this._state = 'in-call';
      this.connected(call);
    }
  }

  /** CallUpdate from the desk: answer its offer (any direction change, video added or removed). */
  async onDeskReoffer(sessionId: string, sdp: string, renegotiationType: RenegotiationType): Promise<string> {
    const call = this.current(sessionId);
    call.negotiating = true;
    try {
      await call.pc.setRemoteDescription({ type: 'offer', sdp });
      this.attachTracks(call, call.videoOn);
      const answer = await this.localDescription(call, 'answer');
      if (renegotiationType === 'CALL_HOLD') call.heldByDesk = true;
      if (renegotiationType === 'CALL_RESUME') call.heldByDesk = false;
      this.emit('update', { sessionId, renegotiationType, by: 'desk' });
      return answer;
    } catch (e) {
      await this.fail(call, `could not answer the desk's re-offer: ${(e as Error).message}`);
      throw e;
    } finally {
      call.negotiating = false;
    }
  }

  /** CallUpdateResponse: applies the desk's answer to the room's re-offer. */
  async onDeskReanswer(sessionId: string, sdp: string): Promise<void> {
    const call = this.current(sessionId);
    const pending = call.pendingReanswer;
    if (!pending) throw new Error('no re-offer is waiting for an answer');
    try {
      await call.pc.setRemoteDescription({ type: 'answer', sdp });
      pending.resolve();
    } catch (e) {
      pending.reject(e as Error);
      await this.fail(call, `could not apply the desk's re-answer: ${(e as Error).message}`);
      throw e;
    }
  }

  /** CallEnded from the desk. */
  onDeskEnded(sessionId: string, code: CallResultCode): void {
    if (this.call?.sessionId === sessionId) this.end(this.call, code, 'desk');
  }

  // ---- internals ---------------------------------------------------------------------------

  private newCall(sessionId: string, placedBy: 'room' | 'desk'): Call {
    const call: Call = {
      sessionId,
      placedBy,
      pc: new wrtc.RTCPeerConnection({ iceServers: this.iceServers }),
      media: new MediaSources(),
      videoOn: placedBy === 'desk' && this.hasCamera,
      held: false,
      heldByDesk: false,
      answer: null,
      negotiating: false,
      pendingReanswer: null,
      timers: new Set(),
    };
    this.call = call;
    return call;
  }

  /** Gives every transceiver without a track our media (audio always, video when allowed). */
  private attachTracks(call: Call, video: boolean): void {
    for (const t of call.pc.getTransceivers()) {
      if (t.sender.track || t.currentDirection === 'stopped') continue;
      const kind = t.receiver.track.kind;
      if (kind === 'audio') call.pc.addTrack(call.media.audioTrack());
      else if (kind === 'video' && video) call.pc.addTrack(call.media.videoTrack());
    }
  }

  /** Directions that follow the room's hold and camera state. */
  private applyDirections(call: Call): void {
    let hasVideo = false;
    for (const t of call.pc.getTransceivers()) {
      if (t.currentDirection === 'stopped') continue;
      const kind = t.receiver.track.kind;
      if (kind === 'video') hasVideo = true;
      if (call.held) t.direction = 'inactive';
      else if (kind === 'audio') t.direction = 'sendrecv';
      else if (call.videoOn && this.hasCamera) {
        if (!t.sender.track) void t.sender.replaceTrack(call.media.videoTrack());
        t.direction = 'sendrecv';
      } else t.direction = 'recvonly';
    }
    if (!hasVideo && call.videoOn && this.hasCamera && !call.held) call.pc.addTrack(call.media.videoTrack());
  }

  /** Creates and sets a local offer or answer, then waits for ICE gathering (non-trickle). */
  private async localDescription(call: Call, kind: 'offer' | 'answer'): Promise<string> {
    const description = kind === 'offer' ? await call.pc.createOffer() : await call.pc.createAnswer();
    await call.pc.setLocalDescription(description);
    await waitForGathering(call.pc);
    if (this.call !== call) throw new Error('the call ended');
    return call.pc.localDescription!.sdp;
  }

  private connected(call: Call): void {
    if (this.call !== call) return;
    this.emit('connected', call.sessionId);
    if (this.reofferOnConnect) void this.reoffer({ renegotiationType: 'CALL_UPDATE' }).catch(() => undefined);
  }

  /** Still this call? (Any await may have ended it.) */
  private isCurrent(call: Call): boolean {
    return this.call === call;
  }

  private current(sessionId: string): Call {
    const call = this.call;
    if (!call || call.sessionId !== sessionId) throw new Error(`${this.name} has no call ${sessionId}`);
    return call;
  }

  private send(event: AlexaEvent): Promise<Delivery> {
    return this.link.send(event);
  }

  /** Something broke on the room's side: Alexa ends the call with INTERNAL_ERROR. */
  private async fail(call: Call, message: string): Promise<void> {
    if (this.call !== call) return;
    this.end(call, 'INTERNAL_ERROR', 'error', message);
    await this.send({ type: `${NS}.CallEnded`, sessionId: call.sessionId, callResult: { code: 'INTERNAL_ERROR', message } });
  }

  private timer(call: Call, ms: number, fn: () => void): NodeJS.Timeout {
    const t = setTimeout(() => {
      call.timers.delete(t);
      fn();
    }, ms);
    call.timers.add(t);
    return t;
  }

  /** Tears the call down locally: timers, media sources, the peer. */
  private end(call: Call, code: CallResultCode, by: RoomEndedEvent['by'], message?: string): void {
    if (this.call !== call) return;
    this.call = null;
    this._state = 'idle';
    for (const t of call.timers) clearTimeout(t);
    call.pendingReanswer?.reject(new Error('the call ended'));
    call.pc.close();
    call.media.stop();
    this.emit('ended', { sessionId: call.sessionId, code, by, ...(message ? { message } : {}) });
  }

  private assertOpen(): void {
    if (this.closed) throw new Error(`${this.name} is closed`);
  }
}
