// One call's media: a thin wrapper over one RTCPeerConnection, for both roles.
//
// Why not simple-peer: as the offerer it always adds a data-channel m-section (the Echo uses none and
// it cannot be stripped), and its renegotiation uses its own messages while Alexa's CallUpdate is a
// plain SDP offer. simple-peer would fit only the answering side, so using it would mean two media
// code paths. One wrapper over the standard RTCPeerConnection answers offers and re-offers, makes
// offers and hold/resume re-offers, applies provisional and final answers, and stays smaller.
import type { MessageId } from '../../../main/ipc/contract.js';
import { openCamera, openMicrophone } from './local-media.js';
import { requiredMids, wantedCandidateType, watchGathering } from './ice-gathering.js';
import type { IceServerHealth } from './ice-health.js';
import { answerStep, sumRtpBytes, transceiverDirection, type MediaStats } from './negotiation.js';

export interface MediaSettings {
  iceServers: RTCIceServer[];
  /** Hard cap for non-trickle ICE gathering, ms. */
  iceGatherTimeoutMs: number;
  /** Chosen devices (settings); null = the system default. */
  microphoneId: string | null;
  cameraId: string | null;
}

export interface SessionHooks {
  /** Something a UI showing this session should re-read (tracks, mute, connection state). */
  onChange(): void;
  /** A non-fatal problem in plain words (e.g. no camera: the call goes on with audio only). */
  onWarning(words: MessageId): void;
  /** ICE could not find a path for media (again, after a reconnect attempt). */
  onIceFailed(): void;
  /** Media connected again after a failure. */
  onIceRestored(): void;
}

/** The media-session interface the media runner drives; one per call sessionId. */
export interface MediaSession {
  readonly sessionId: string;
  /** Incoming call's offer and any later re-offer: returns our answer SDP with its candidates. */
  acceptOffer(offer: string, video: boolean): Promise<string>;
  /**
   * Desk → room offer, or a local re-offer (hold: every transceiver inactive; resume: sendrecv;
   * iceRestart: new ICE credentials, to reconnect after the connection failed).
   */
  createOffer(video: boolean, hold: boolean, iceRestart?: boolean): Promise<string>;
  applyAnswer(answer: string, provisional: boolean): Promise<void>;
  readonly remoteStream: MediaStream;
  readonly localStream: MediaStream;
  readonly muted: boolean;
  setMuted(muted: boolean): void;
  readonly hasCamera: boolean;
  readonly videoEnabled: boolean;
  setVideoEnabled(on: boolean): void;
  /** The remote side sends live video (hospitality Echos send none). */
  readonly remoteVideo: boolean;
  readonly connectionState: RTCPeerConnectionState;
  stats(): Promise<MediaStats>;
  close(): void;
}

export interface PeerDeps {
  devices: Pick<MediaDevices, 'getUserMedia'> | undefined;
  createPeer(config: RTCConfiguration): RTCPeerConnection;
  /** Which STUN/TURN servers answer (shared by the window's calls); without it every configured server is used. */
  iceHealth?: Pick<IceServerHealth, 'usable' | 'gathered'>;
}

export const browserPeerDeps = (iceHealth?: PeerDeps['iceHealth']): PeerDeps => ({
  devices: navigator.mediaDevices,
  createPeer: (config) => new RTCPeerConnection(config),
  iceHealth,
});

export class PeerSession implements MediaSession {
  readonly remoteStream = new MediaStream();
  readonly localStream = new MediaStream();
  private readonly pc: RTCPeerConnection;
  private readonly iceServers: RTCIceServer[];
  private mic: MediaStreamTrack | null = null;
  private camera: MediaStreamTrack | null = null;
  private cameraTried = false;
  private held = false;
  private closed = false;
  /** The connection is failed now (reported once per failure); it failed at some point. */
  private failedNow = false;
  private failedSinceConnected = false;

  constructor(
    readonly sessionId: string,
    private readonly settings: MediaSettings,
    private readonly deps: PeerDeps,
    private readonly hooks: SessionHooks,
  ) {
    // Servers known not to answer are left out: waiting for them would only take the whole cap.
    this.iceServers = deps.iceHealth?.usable(settings.iceServers) ?? settings.iceServers;
    // 'balanced' bundling still works with an answerer that does not accept BUNDLE.
    this.pc = deps.createPeer({ iceServers: this.iceServers, bundlePolicy: 'balanced', rtcpMuxPolicy: 'require' });
    this.pc.addEventListener('track', (ev) => this.addRemoteTrack(ev.track));
    this.pc.addEventListener('connectionstatechange', () => {
      const state = this.pc.connectionState;
      if (state === 'failed' && !this.failedNow) {
        this.failedNow = this.failedSinceConnected = true;
        this.hooks.onIceFailed();
      } else if (state !== 'failed') {
        this.failedNow = false;
      }
      if (state === 'connected' && this.failedSinceConnected) {
        this.failedSinceConnected = false;
        this.hooks.onIceRestored();
      }
      this.hooks.onChange();
    });
  }

  get muted(): boolean {
    return this.mic ? !this.mic.enabled : false;
  }
  get hasCamera(): boolean {
    return this.camera !== null;
  }
  get videoEnabled(): boolean {
    return this.camera?.enabled ?? false;
  }
  get remoteVideo(): boolean {
    return this.remoteStream.getVideoTracks().some((t) => t.readyState === 'live' && !t.muted);
  }
  get connectionState(): RTCPeerConnectionState {
    return this.pc.connectionState;
  }

  async acceptOffer(offer: string, video: boolean): Promise<string> {
    this.assertOpen();
    await this.openMicrophoneOnce();
    // A re-offer that crosses our own pending offer wins: drop ours, answer theirs.
    if (this.pc.signalingState === 'have-local-offer') await this.pc.setLocalDescription({ type: 'rollback' });
    await this.pc.setRemoteDescription({ type: 'offer', sdp: offer });
    // The camera only when the offer has a video m-line to carry it.
    if (video && this.liveTransceivers().some((t) => kindOf(t) === 'video')) await this.openCameraOnce();
    await this.attachLocalTracks(video);
    return this.setLocalAndGather(await this.pc.createAnswer(), true);
  }

  async createOffer(video: boolean, hold: boolean, iceRestart = false): Promise<string> {
    this.assertOpen();
    if (this.pc.signalingState !== 'stable') throw new Error(`cannot offer while ${this.pc.signalingState}`);
    this.held = hold;
    await this.openMicrophoneOnce();
    if (video) await this.openCameraOnce();
    const firstOffer = this.pc.getTransceivers().length === 0;
    if (firstOffer) this.pc.addTransceiver('audio', { direction: 'inactive' });
    if (video && !this.liveTransceivers().some((t) => kindOf(t) === 'video')) this.pc.addTransceiver('video', { direction: 'inactive' });
    await this.attachLocalTracks(video);
    // Only audio (+ video): no data channel, nothing an Echo does not use.
    return this.setLocalAndGather(await (iceRestart ? this.pc.createOffer({ iceRestart: true }) : this.pc.createOffer()), !firstOffer && this.pc.remoteDescription !== null);
  }

  async applyAnswer(answer: string, provisional: boolean): Promise<void> {
    this.assertOpen();
    const step = answerStep(this.pc.signalingState, provisional);
    if (step.apply === 'error') throw new Error(step.reason);
    if (step.apply === 'nothing') return;
    await this.pc.setRemoteDescription({ type: step.apply, sdp: answer });
  }

  setMuted(muted: boolean): void {
    if (this.mic) this.mic.enabled = !muted;
    this.hooks.onChange();
  }

  setVideoEnabled(on: boolean): void {
    if (this.camera) this.camera.enabled = on;
    this.hooks.onChange();
  }

  async stats(): Promise<MediaStats> {
    const report = await this.pc.getStats();
    const entries: { type: string }[] = [];
    report.forEach((entry) => entries.push(entry));
    return sumRtpBytes(entries);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.pc.close();
    for (const track of this.localStream.getTracks()) track.stop();
    this.hooks.onChange();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error("this call's media is already closed");
  }

  /** The microphone is required: a failure fails the request with plain words. */
  private async openMicrophoneOnce(): Promise<void> {
    if (this.mic) return;
    this.mic = await openMicrophone(this.deps.devices, this.settings.microphoneId);
    this.localStream.addTrack(this.mic);
    this.hooks.onChange();
  }

  /** The camera is tried once per call; without one the call goes on with audio and a warning. */
  private async openCameraOnce(): Promise<void> {
    if (this.cameraTried) return;
    this.cameraTried = true;
    const camera = await openCamera(this.deps.devices, this.settings.cameraId);
    if ('warning' in camera) {
      this.hooks.onWarning(camera.warning);
      return;
    }
    this.camera = camera.track;
    this.localStream.addTrack(camera.track);
    this.hooks.onChange();
  }

  /** First live transceiver of each kind carries our track; the rest only receive. */
  private async attachLocalTracks(video: boolean): Promise<void> {
    const used = new Set<string>();
    for (const t of this.liveTransceivers()) {
      const kind = kindOf(t);
      const track = used.has(kind) ? null : kind === 'audio' ? this.mic : video ? this.camera : null;
      used.add(kind);
      if (t.sender.track !== track) await t.sender.replaceTrack(track);
      if (track) t.sender.setStreams?.(this.localStream);
      t.direction = transceiverDirection({ held: this.held, sending: track !== null });
    }
  }

  private liveTransceivers(): RTCRtpTransceiver[] {
    return this.pc.getTransceivers().filter((t) => t.currentDirection !== 'stopped' && t.direction !== 'stopped');
  }

  private async setLocalAndGather(description: RTCSessionDescriptionInit, bundleNegotiated: boolean): Promise<string> {
    const watch = watchGathering(this.pc, wantedCandidateType(this.iceServers), this.settings.iceGatherTimeoutMs);
    try {
      await this.pc.setLocalDescription(description);
      const sdp = this.pc.localDescription?.sdp ?? '';
      const outcome = await watch.until(requiredMids(sdp, bundleNegotiated));
      this.deps.iceHealth?.gathered(this.iceServers, outcome);
    } finally {
      watch.stop();
    }
    this.assertOpen();
    return this.pc.localDescription?.sdp ?? '';
  }

  private addRemoteTrack(track: MediaStreamTrack): void {
    if (!this.remoteStream.getTrackById(track.id)) this.remoteStream.addTrack(track);
    track.addEventListener('mute', () => this.hooks.onChange());
    track.addEventListener('unmute', () => this.hooks.onChange());
    track.addEventListener('ended', () => {
      this.remoteStream.removeTrack(track);
      this.hooks.onChange();
    });
    this.hooks.onChange();
  }
}

function kindOf(t: RTCRtpTransceiver): string {
  return t.receiver.track.kind;
}
