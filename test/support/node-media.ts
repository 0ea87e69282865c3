// A plain-Node stand-in for the renderer's media layer in integration tests: it carries out the
// core's MediaRequests with real @roamhq/wrtc peers (no data channel, non-trickle) and replies
// with MediaResults, so calls between the core and simulated Echo rooms carry real media.
import wrtc from '@roamhq/wrtc';
import type { MediaRequest, MediaResult } from '../../main/calls/types.js';

type Peer = { pc: RTCPeerConnection; stopTone: () => void };

export class NodeMedia {
  private readonly peers = new Map<string, Peer>();
  readonly handled: MediaRequest[] = [];
  /** When set, requests for these ops fail with this message (to test failure paths). */
  failOps = new Map<MediaRequest['op'], string>();

  constructor(private readonly reply: (result: MediaResult) => void) {}

  handle = (request: MediaRequest): void => {
    this.handled.push(request);
    void this.run(request);
  };

  sessions(): string[] {
    return [...this.peers.keys()];
  }

  async inboundAudioBytes(sessionId: string): Promise<number> {
    const peer = this.peers.get(sessionId);
    if (!peer) return 0;
    let bytes = 0;
    (await peer.pc.getStats()).forEach((s: { type: string; kind?: string; mediaType?: string; bytesReceived?: number }) => {
      if (s.type === 'inbound-rtp' && (s.kind ?? s.mediaType) === 'audio') bytes += s.bytesReceived ?? 0;
    });
    return bytes;
  }

  async waitForInboundAudio(sessionId: string, timeoutMs = 8_000): Promise<void> {
    const start = await this.inboundAudioBytes(sessionId);
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if ((await this.inboundAudioBytes(sessionId)) > start + 1_000) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no inbound audio on ${sessionId} within ${timeoutMs} ms`);
  }

  closeAll(): void {
    for (const id of [...this.peers.keys()]) this.close(id);
  }

  private async run(request: MediaRequest): Promise<void> {
    if (request.op === 'close') {
      this.close(request.sessionId);
      return;
    }
    const failure = this.failOps.get(request.op);
    if (failure) {
      this.reply({ sessionId: request.sessionId, requestId: request.requestId, ok: false, error: failure });
      return;
    }
    try {
      const sdp = await this.execute(request);
      this.reply({ sessionId: request.sessionId, requestId: request.requestId, ok: true, ...(sdp ? { sdp } : {}) });
    } catch (e) {
      this.reply({ sessionId: request.sessionId, requestId: request.requestId, ok: false, error: e instanceof Error ? e.message : String(e) });
    }
  }

  private async execute(request: Exclude<MediaRequest, { op: 'close' }>): Promise<string | undefined> {
    const peer = this.peer(request.sessionId);
    const { pc } = peer;
    switch (request.op) {
      case 'answer': {
        await pc.setRemoteDescription({ type: 'offer', sdp: request.offer });
        for (const t of pc.getTransceivers()) {
          if (t.receiver.track.kind !== 'audio' || t.currentDirection === 'inactive') continue;
          if (!t.sender.track) await t.sender.replaceTrack(this.toneTrack(peer));
          t.direction = 'sendrecv';
        }
        await pc.setLocalDescription(await pc.createAnswer());
        return gathered(pc);
      }
      case 'offer': {
        if (pc.getTransceivers().length === 0) pc.addTransceiver(this.toneTrack(peer), { direction: 'sendrecv' });
        for (const t of pc.getTransceivers()) t.direction = request.hold ? 'inactive' : 'sendrecv';
        await pc.setLocalDescription(await pc.createOffer(request.iceRestart ? { iceRestart: true } : undefined));
        return gathered(pc);
      }
      case 'apply-answer': {
        if (pc.signalingState === 'stable') return undefined; // the same answer again after a provisional one
        await pc.setRemoteDescription({ type: request.provisional ? 'pranswer' : 'answer', sdp: request.answer });
        return undefined;
      }
    }
  }

  private peer(sessionId: string): Peer {
    let peer = this.peers.get(sessionId);
    if (!peer) {
      peer = { pc: new wrtc.RTCPeerConnection({ iceServers: [] }), stopTone: () => {} };
      this.peers.set(sessionId, peer);
    }
    return peer;
  }

  /** A 440 Hz tone, so inbound byte counters on the other side grow. */
  private toneTrack(peer: Peer): MediaStreamTrack {
    const source = new wrtc.nonstandard.RTCAudioSource();
    const track = source.createTrack();
    const samples = new Int16Array(480);
    let phase = 0;
    const timer = setInterval(() => {
      for (let i = 0; i < samples.length; i++) samples[i] = Math.round(8_000 * Math.sin((phase++ * 2 * Math.PI * 440) / 48_000));
      source.onData({ samples, sampleRate: 48_000, bitsPerSample: 16, channelCount: 1, numberOfFrames: samples.length });
    }, 10);
    peer.stopTone = () => {
      clearInterval(timer);
      track.stop();
    };
    return track;
  }

  private close(sessionId: string): void {
    const peer = this.peers.get(sessionId);
    if (!peer) return;
    peer.stopTone();
    peer.pc.close();
    this.peers.delete(sessionId);
  }
}

/** Non-trickle: the SDP leaves with its candidates once gathering completes (bounded). */
async function gathered(pc: RTCPeerConnection, capMs = 2_000): Promise<string> {
  if (pc.iceGatheringState !== 'complete') {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, capMs);
      pc.addEventListener('icegatheringstatechange', () => {
        if (pc.iceGatheringState === 'complete') {
          clearTimeout(timer);
          resolve();
        }
      });
    });
  }
  return pc.localDescription!.sdp;
}
