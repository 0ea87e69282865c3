// A minimal stand-in for the console, used to test the simulator: a webhook that takes Alexa's
// envelopes on POST /alexa and a wrtc peer per call that plays the desk, posting its messages to
// the simulator's signaling endpoint with an LWA token from the simulator's token endpoint.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import wrtc from '@roamhq/wrtc';
import { outgoing } from '../../main/protocol/outgoing.js';
import type { RenegotiationType } from '../../main/protocol/messages.js';
import type { SimAlexa, SkillEnvelope } from '../../main/sim/alexa-cloud.js';
import { MediaSources } from '../../main/sim/media-sources.js';

type Request = SkillEnvelope['request'];
type Peer = { pc: RTCPeerConnection; media: MediaSources };

const NS = 'Alexa.Comms.CallSignaling.';

function gathered(pc: RTCPeerConnection): Promise<void> {
  if (pc.iceGatheringState === 'complete') return Promise.resolve();
  return new Promise((resolve) => {
    const check = () => {
      if (pc.iceGatheringState !== 'complete') return;
      pc.removeEventListener('icegatheringstatechange', check);
      resolve();
    };
    pc.addEventListener('icegatheringstatechange', check);
  });
}

export class FakeDesk {
  /** Every event the webhook received, in order (the envelope's request part). */
  readonly events: Request[] = [];
  /** Envelopes as posted, with the Authorization header seen. */
  readonly raw: { path: string; authorization?: string; body: unknown }[] = [];
  /** Answer Echo-originated calls at once (CallRinging, then CallAccepted). */
  autoAnswer = true;
  /** Desk media: send video too when answering or calling. */
  video = false;
  /** Event types (short names) the webhook answers with 500 and ignores. */
  readonly refuse = new Set<string>();
  private readonly peers = new Map<string, Peer>();
  private sim: SimAlexa | null = null;
  private token: string | null = null;
  private readonly listeners = new Set<(r: Request) => void>();
  private closed = false;

  private constructor(
    private readonly server: http.Server,
    readonly url: string,
  ) {}

  static async start(): Promise<FakeDesk> {
    const server = http.createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const desk = new FakeDesk(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    server.on('request', (req, res) => desk.onRequest(req, res));
    return desk;
  }

  attach(sim: SimAlexa): void {
    this.sim = sim;
  }

  /** POSTs a message to the simulator's signaling endpoint (fetching a token first when needed). */
  async post(message: object, token?: string): Promise<{ status: number; body: unknown }> {
    const bearer = token ?? (await this.accessToken());
    const res = await fetch(`${this.sim!.apiBase}/v1/communications/signaling`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${bearer}` },
      body: JSON.stringify(message),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }

  async accessToken(): Promise<string> {
    if (this.token) return this.token;
    const c = this.sim!.credentials;
    const res = await fetch(this.sim!.tokenUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: c.refreshToken, client_id: c.clientId, client_secret: c.clientSecret }),
    });
    this.token = ((await res.json()) as { access_token: string }).access_token;
    return this.token;
  }

  /** The desk calls a room (InitiateInboundCall with a fresh offer); resolves with the session id. */
  async callRoom(address: string, addressType: 'COMMUNICATION_PROFILE_ID' | 'RAW_ADDRESS' = 'COMMUNICATION_PROFILE_ID'): Promise<string> {
    const sessionId = `desk-${Math.random().toString(36).slice(2)}`;
    const peer = this.newPeer(sessionId);
    peer.pc.addTrack(peer.media.audioTrack());
    if (this.video) peer.pc.addTrack(peer.media.videoTrack());
    await peer.pc.setLocalDescription(await peer.pc.createOffer());
    await gathered(peer.pc);
    const res = await this.post(
      outgoing.initiateInbound({
        sessionId,
        from: { type: 'RAW_ADDRESS', value: 'front-desk' },
        to: { type: addressType, value: address },
        offer: peer.pc.localDescription!.sdp,
        callerName: 'Front Desk',
      }),
    );
    if (res.status !== 200) throw new Error(`InitiateInboundCall answered ${res.status}: ${JSON.stringify(res.body)}`);
    return sessionId;
  }

  /** The desk re-offers (hold: sendonly, resume: sendrecv); resolves once the simulator's answer is applied and acked. */
  async reoffer(sessionId: string, renegotiationType: RenegotiationType): Promise<void> {
    const peer = this.peers.get(sessionId)!;
    for (const t of peer.pc.getTransceivers()) t.direction = renegotiationType === 'CALL_HOLD' ? 'sendonly' : 'sendrecv';
    await peer.pc.setLocalDescription(await peer.pc.createOffer());
    await gathered(peer.pc);
    const seen = this.events.length;
    const res = await this.post(outgoing.update(sessionId, renegotiationType, peer.pc.localDescription!.sdp));
    if (res.status !== 200) throw new Error(`CallUpdate answered ${res.status}: ${JSON.stringify(res.body)}`);
    const response = await this.waitForEvent((r) => r.type === `${NS}CallUpdateResponse` && r.sessionId === sessionId, 5_000, seen);
    await peer.pc.setRemoteDescription({ type: 'answer', sdp: (response.sdpDetails as { value: string }).value });
    await this.post(outgoing.updateAck(sessionId));
  }

  async hangup(sessionId: string): Promise<void> {
    await this.post(outgoing.ended(sessionId, 'SUCCESS', 'Call ended by user'));
    this.closePeer(sessionId);
  }

  /** The first event (from index `from`) that matches, now or within timeoutMs. */
  waitForEvent(predicate: (r: Request) => boolean, timeoutMs = 5_000, from = 0): Promise<Request> {
    const found = this.events.slice(from).find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const listener = (r: Request) => {
        if (!predicate(r)) return;
        clearTimeout(timer);
        this.listeners.delete(listener);
        resolve(r);
      };
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        reject(new Error(`no matching event within ${timeoutMs} ms; got ${this.events.map((e) => e.type.replace(NS, '')).join(', ')}`));
      }, timeoutMs);
      this.listeners.add(listener);
    });
  }

  async inboundBytes(sessionId: string, kind: 'audio' | 'video' = 'audio'): Promise<number> {
    const peer = this.peers.get(sessionId);
    if (!peer) return 0;
    let bytes = 0;
    (await peer.pc.getStats()).forEach((s: { type: string; kind?: string; bytesReceived?: number }) => {
      if (s.type === 'inbound-rtp' && s.kind === kind) bytes += s.bytesReceived ?? 0;
    });
    return bytes;
  }

  /** Resolves once the desk's inbound bytes grow across consecutive samples. */
  async waitForInbound(sessionId: string, kind: 'audio' | 'video' = 'audio', timeoutMs = 5_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last = await this.inboundBytes(sessionId, kind);
    let growing = 0;
    while (Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 150));
      const now = await this.inboundBytes(sessionId, kind);
      growing = now > last ? growing + 1 : 0;
      last = now;
      if (growing >= 2) return;
    }
    throw new Error(`desk: inbound ${kind} not flowing on ${sessionId}`);
  }

  hasPeer(sessionId: string): boolean {
    return this.peers.has(sessionId);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const id of [...this.peers.keys()]) this.closePeer(id);
    await new Promise<void>((r) => {
      this.server.close(() => r());
      this.server.closeAllConnections();
    });
  }

  private onRequest(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null') as unknown;
      this.raw.push({ path: req.url ?? '', authorization: req.headers.authorization, body });
      const request = (body as SkillEnvelope | null)?.request;
      if (request && this.refuse.has(request.type.replace(NS, ''))) {
        res.writeHead(500, { 'Content-Type': 'application/json' }).end('{"error":"refused"}');
        return;
      }
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}');
      if (req.url !== '/alexa' || !request) return;
      this.events.push(request);
      for (const l of [...this.listeners]) l(request);
      void this.react(request).catch((e: Error) => {
        if (!this.closed) console.error('fake desk:', request.type, e.message);
      });
    });
  }

  private async react(r: Request): Promise<void> {
    const sessionId = r.sessionId!;
    const sdp = (r.sdpDetails as { value: string } | undefined)?.value;
    switch (r.type.replace(NS, '')) {
      case 'InitiateOutboundCall':
        if (!this.autoAnswer) return;
        await this.post(outgoing.ringing(sessionId));
        await this.post(outgoing.accepted(sessionId, await this.answer(sessionId, sdp!)));
        return;
      case 'CallRinging':
        await this.post(outgoing.ringingAck(sessionId));
        return;
      case 'CallInProgress':
        await this.peers.get(sessionId)?.pc.setRemoteDescription({ type: 'pranswer', sdp: sdp! });
        await this.post(outgoing.inProgressAck(sessionId));
        return;
      case 'CallAccepted':
        await this.peers.get(sessionId)?.pc.setRemoteDescription({ type: 'answer', sdp: sdp! });
        await this.post(outgoing.acceptedAck(sessionId));
        return;
      case 'CallUpdate': {
        const peer = this.peers.get(sessionId)!;
        await peer.pc.setRemoteDescription({ type: 'offer', sdp: sdp! });
        await peer.pc.setLocalDescription(await peer.pc.createAnswer());
        await gathered(peer.pc);
        await this.post(outgoing.updateResponse(sessionId, r.renegotiationType as RenegotiationType, peer.pc.localDescription!.sdp));
        return;
      }
      case 'CallEnded':
        this.closePeer(sessionId);
        return;
      default:
        return; // CallUpdateResponse is handled by reoffer(); acks need nothing
    }
  }

  private async answer(sessionId: string, offer: string): Promise<string> {
    const peer = this.newPeer(sessionId);
    await peer.pc.setRemoteDescription({ type: 'offer', sdp: offer });
    for (const t of peer.pc.getTransceivers()) {
      const kind = t.receiver.track.kind;
      if (kind === 'audio') peer.pc.addTrack(peer.media.audioTrack());
      if (kind === 'video' && this.video) peer.pc.addTrack(peer.media.videoTrack());
    }
    await peer.pc.setLocalDescription(await peer.pc.createAnswer());
    await gathered(peer.pc);
    return peer.pc.localDescription!.sdp;
  }

  private newPeer(sessionId: string): Peer {
    const peer = { pc: new wrtc.RTCPeerConnection({ iceServers: [] }), media: new MediaSources() };
    this.peers.set(sessionId, peer);
    return peer;
  }

  private closePeer(sessionId: string): void {
    const peer = this.peers.get(sessionId);
    if (!peer) return;
    this.peers.delete(sessionId);
    peer.pc.close();
    peer.media.stop();
  }
}
