// A simulated Alexa cloud on one loopback HTTP server: LWA tokens, the CallSignaling endpoint the
// console posts to, the onboarding APIs, and delivery of Alexa's events to the console's webhook
// (as the property's skill forwards them). It routes calls to simulated Echo rooms and reacts to
// the console's messages the way Alexa does (acks, answers, re-answers), per asp-protocol.md.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { callerAndCallee, messageName, parseMessage, type Message, type MessageName } from '../protocol/messages.js';
import {
  buildEnvelope,
  deliveredOk,
  postToWebhook,
  type AlexaEvent,
  type Delivery,
  type DeliverFn,
  type EnvelopeContext,
  type ForwardStyle,
  type SkillEnvelope,
} from './delivery.js';
import { SimEchoRoom, type SimEchoRoomOptions } from './echo-room.js';
import { bearerToken, HttpError, readJson, sendJson } from './http-util.js';
import { SimLwa, type GrantCodeOptions, type LwaClient } from './lwa.js';
import { SimOnboarding } from './onboarding.js';

const NS = 'Alexa.Comms.CallSignaling';

export interface SimCredentials {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
}

export interface SimAlexaOptions {
  /** The console's webhook base, e.g. http://127.0.0.1:8321; null while it is not listening. */
  webhookUrl: string | null;
  webhookSecret?: string;
  /** How the secret travels: a bearer header (default) or a path prefix, as the sample skill's baseUrl. */
  webhookSecretIn?: 'header' | 'path';
  /** 'envelope' (default): POST the skill envelope to /alexa; 'sample-routes': what Amazon's sample skill posts. */
  forward?: ForwardStyle;
  /** Replaces the HTTP transport (e.g. to run each envelope through the skill's handler). */
  deliver?: DeliverFn;
  /** The skill-messaging client and the refresh token the console holds; generated when absent. */
  credentials?: SimCredentials;
  /** LWA client allowed to call the onboarding APIs (tokens from its authorization-code grant). */
  setupClientId?: string;
  /** Its secret; without one it is a public client that must use PKCE. */
  setupClientSecret?: string;
  /** The desk's provider contact id, callee of the rooms' calls. Default 'front-desk'. */
  deskContactId?: string;
  skillId?: string;
  host?: '127.0.0.1';
  port?: number;
  /** Access-token lifetime (expires_in). Default 3600. */
  tokenLifetimeSeconds?: number;
  /** Status of an accepted signaling request: 200 with `{}` (default), 202 with `{}`, or 204 without a body. */
  signalingSuccessStatus?: 200 | 202 | 204;
  /** Delay before Alexa reacts to a console message, ms. Default 5. */
  latencyMs?: number;
  log?: (line: string) => void;
}

/** A console → Alexa message as it was posted (validated, unmodified). */
export type ReceivedSignal = Record<string, unknown> & { type: string; sessionId: string };

export interface RejectedSignal {
  status: number;
  message: string;
  body: unknown;
}

interface Session {
  id: string;
  room: SimEchoRoom;
  placedBy: 'room' | 'desk';
  /** The callee accepted (CallAccepted went through). */
  answered: boolean;
  ended: boolean;
  /** The desk re-offered: the room is answering, then Alexa waits for the desk's CallUpdateAck. */
  deskUpdate: 'answering' | 'awaiting-ack' | null;
  /** The room re-offered and waits for the desk's CallUpdateResponse. */
  roomUpdate: boolean;
  /** Alexa's reactions to this call, one at a time, in order. */
  work: Promise<void>;
  /** Events to the console for this call, one at a time, in order. */
  deliveries: Promise<unknown>;
}

type SimAlexaEvents = {
  /** An accepted console → Alexa message. */
  signal: [ReceivedSignal];
  /** An Alexa → console event and the console's reply. */
  delivery: [Delivery];
  rejected: [RejectedSignal];
};

const ACKS_FROM_DESK: MessageName[] = ['CallRingingAck', 'CallInProgressAck', 'CallAcceptedAck'];
const ANSWERS_FROM_DESK: MessageName[] = ['CallRinging', 'CallInProgress', 'CallAccepted'];

const shortHash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 24).toUpperCase();

export class SimAlexa extends EventEmitter<SimAlexaEvents> {
  readonly apiBase: string;
  readonly tokenUrl: string;
  /** LWA authorize page stand-in (GET): consents at once and redirects with a code. */
  readonly authorizeUrl: string;
  readonly credentials: SimCredentials;
  readonly skillId: string;
  readonly deskContactId: string;
  /** Every accepted console → Alexa message, in order. */
  readonly received: ReceivedSignal[] = [];
  /** Every Alexa → console event, in order, with the console's reply status. */
  readonly deliveries: Delivery[] = [];
  /** Console → Alexa messages answered with an error. */
  readonly rejected: RejectedSignal[] = [];
  /** LWA token requests so far (refreshes and code exchanges), faulted ones included. */
  tokenRequests = 0;
  /** Service providers and contacts created through the onboarding APIs. */
  readonly onboarding = new SimOnboarding();

  private readonly lwa: SimLwa;
  private readonly rooms = new Map<string, SimEchoRoom>();
  private readonly sessions = new Map<string, Session>();
  private readonly failures: { status: number; message: string; remaining: number }[] = [];
  /** Faults for the next token and signaling requests: an error status, or no answer at all. */
  private readonly faults: Record<'token' | 'signaling', { reply: number | 'hang'; remaining: number }[]> = { token: [], signaling: [] };
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;
  private webhookUrl: string | null;
  private webhookSecret: string | undefined;

  private constructor(
    private readonly opts: SimAlexaOptions,
    private readonly server: http.Server,
    port: number,
  ) {
    super();
    this.webhookUrl = opts.webhookUrl;
    this.webhookSecret = opts.webhookSecret;
    this.apiBase = `http://127.0.0.1:${port}`;
    this.tokenUrl = `${this.apiBase}/auth/o2/token`;
    this.authorizeUrl = `${this.apiBase}/ap/oa`;
    this.credentials = opts.credentials ?? {
      clientId: `amzn1.application-oa2-client.${randomBytes(16).toString('hex')}`,
      clientSecret: randomBytes(32).toString('hex'),
      refreshToken: `Atzr|${randomBytes(200).toString('base64url')}`,
    };
    this.skillId = opts.skillId ?? `amzn1.ask.skill.${randomUUID()}`;
    this.deskContactId = opts.deskContactId ?? 'front-desk';
    const clients: LwaClient[] = [{ clientId: this.credentials.clientId, clientSecret: this.credentials.clientSecret }];
    if (opts.setupClientId) clients.push({ clientId: opts.setupClientId, clientSecret: opts.setupClientSecret });
    this.lwa = new SimLwa(clients, this.credentials.clientId, opts.tokenLifetimeSeconds ?? 3600);
    this.lwa.addRefreshToken(this.credentials.refreshToken, this.credentials.clientId);
  }

  /** The console's webhook moved (or stopped: null); later events go to the new address. */
  setWebhookUrl(url: string | null): void {
    this.webhookUrl = checkWebhookUrl(url);
  }

  /** The console's webhook secret changed (undefined: none); later events carry the new one. */
  setWebhookSecret(secret: string | undefined): void {
    this.webhookSecret = secret;
  }

  /** Starts the simulator on 127.0.0.1 (any free port unless `port` is given). */
  static async start(opts: SimAlexaOptions): Promise<SimAlexa> {
    validateOptions(opts);
    const server = http.createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
    });
    const sim = new SimAlexa(opts, server, (server.address() as AddressInfo).port);
    server.on('request', (req, res) => void sim.route(req, res));
    return sim;
  }

  // ---- test controls ------------------------------------------------------------------------

  addRoom(opts: SimEchoRoomOptions): SimEchoRoom {
    if (this.rooms.has(opts.address)) throw new Error(`a room with address "${opts.address}" already exists`);
    const link = {
      deskContactId: this.deskContactId,
      send: (event: AlexaEvent) => this.toConsole(room, event),
    };
    const room: SimEchoRoom = new SimEchoRoom(opts, link);
    this.rooms.set(room.address, room);
    return room;
  }

  room(address: string): SimEchoRoom | undefined {
    return this.rooms.get(address);
  }

  allRooms(): SimEchoRoom[] {
    return [...this.rooms.values()];
  }

  /** An authorization code (as in Alexa.Authorization.Grant or the setup sign-in) for the token endpoint. */
  issueGrantCode(opts?: GrantCodeOptions): string {
    return this.lwa.issueGrantCode(opts);
  }

  /** Every access token issued so far stops working: signaling answers 401 until the console refreshes. */
  revokeAccessTokens(): void {
    this.lwa.revokeAccessTokens();
  }

  /** The next `count` signaling requests are answered with `status` and `{message}`, changing nothing. */
  failNextSignaling(status: number, message: string, count = 1): void {
    if (!Number.isInteger(status) || status < 400 || status > 599) throw new Error('failNextSignaling: status must be 400-599');
    this.failures.push({ status, message, remaining: count });
  }

  /** The link is revoked: refreshing a token answers invalid_grant until a new grant. */
  revokeRefreshTokens(): void {
    this.lwa.revokeRefreshTokens();
  }

  /**
   * The next `count` LWA token requests (`token`) or signaling requests (`signaling`) are answered
   * with `reply` (an HTTP status; 5xx as LWA's server_error) or, with 'hang', never answered.
   */
  faultNext(endpoint: 'token' | 'signaling', reply: number | 'hang', count = 1): void {
    if (reply !== 'hang' && (!Number.isInteger(reply) || reply < 400 || reply > 599)) throw new Error('faultNext: reply must be 400-599 or "hang"');
    this.faults[endpoint].push({ reply, remaining: count });
  }

  /** Hands an arbitrary Alexa event to the console (transport only: no call state changes). */
  deliver(event: AlexaEvent): Promise<Delivery> {
    const session = event.sessionId ? this.sessions.get(event.sessionId) : undefined;
    return this.enqueue(session ?? null, event, session?.room ?? null);
  }

  /** Sends Alexa.Authorization.Grant with a fresh code for the skill-messaging client. */
  async sendAuthorizationGrant(): Promise<Delivery & { code: string }> {
    if (!this.opts.deliver && this.forward === 'sample-routes') {
      throw new Error('the sample skill handles Alexa.Authorization.Grant itself; use forward "envelope"');
    }
    const code = this.issueGrantCode();
    const delivery = await this.deliverNow(
      {
        type: 'Alexa.Authorization.Grant',
        body: {
          grant: { type: 'OAuth2.AuthorizationCode', code },
          grantee: { type: 'BearerToken', token: `Atza|${randomBytes(64).toString('base64url')}` },
        },
      },
      null,
    );
    return { ...delivery, code };
  }

  /** The first received message (already or within timeoutMs) that matches. */
  waitFor(predicate: (m: ReceivedSignal) => boolean, timeoutMs = 5_000): Promise<ReceivedSignal> {
    return this.waitOn('signal', this.received, predicate, timeoutMs, () =>
      this.received.map((m) => m.type.replace(`${NS}.`, '')).join(', '),
    );
  }

  /** The first delivery to the console (already or within timeoutMs) that matches. */
  waitForDelivery(predicate: (d: Delivery) => boolean, timeoutMs = 5_000): Promise<Delivery> {
    return this.waitOn('delivery', this.deliveries, predicate, timeoutMs, () =>
      this.deliveries.map((d) => `${d.type.replace(`${NS}.`, '')}:${d.status}`).join(', '),
    );
  }

  /** Stops the server and every room (peers closed, media stopped), without signaling. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const room of this.rooms.values()) room.close();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
    this.removeAllListeners();
  }

  // ---- HTTP ---------------------------------------------------------------------------------

  private get forward(): ForwardStyle {
    return this.opts.forward ?? 'envelope';
  }

  private async route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.apiBase);
    const path = url.pathname;
    try {
      const endpoint = path === '/auth/o2/token' ? 'token' : path === '/v1/communications/signaling' ? 'signaling' : null;
      if (endpoint === 'token') this.tokenRequests++;
      const fault = endpoint ? this.takeFault(endpoint) : null;
      if (fault === 'hang') return void req.resume(); // read, never answered
      if (fault !== null) {
        req.resume();
        return sendJson(res, fault, endpoint === 'token' ? { error: 'server_error', error_description: 'simulated fault' } : { message: 'simulated fault' });
      }
      if (path === '/auth/o2/token' && req.method === 'POST') return await this.lwa.handleToken(req, res);
      if (path === '/ap/oa' && req.method === 'GET') return this.lwa.handleAuthorize(url, res);
      if (path === '/v1/communications/signaling') {
        if (req.method !== 'POST') throw new HttpError(405, `${req.method} is not allowed here`);
        return await this.handleSignaling(req, res);
      }
      if (this.onboarding.owns(path)) {
        this.authorize(req, this.opts.setupClientId, 'the onboarding APIs');
        return await this.onboarding.handle(req, res, path);
      }
      throw new HttpError(404, `no resource at ${req.method} ${path}`);
    } catch (e) {
      if (res.headersSent) return;
      if (e instanceof HttpError) sendJson(res, e.status, { message: e.message });
      else sendJson(res, 500, { message: `simulator error: ${(e as Error).message}` });
    }
  }

  private takeFault(endpoint: 'token' | 'signaling'): number | 'hang' | null {
    const fault = this.faults[endpoint][0];
    if (!fault) return null;
    if (--fault.remaining <= 0) this.faults[endpoint].shift();
    return fault.reply;
  }

  /** Throws 401 without a valid token and 403 when the token belongs to another client. */
  private authorize(req: http.IncomingMessage, clientId: string | undefined, what: string): void {
    const token = bearerToken(req);
    if (!token) throw new HttpError(401, 'Missing Authorization: Bearer <access token>');
    const owner = this.lwa.clientOf(token);
    if (!owner) throw new HttpError(401, 'The access token is invalid, expired or revoked');
    if (owner !== clientId) throw new HttpError(403, `This access token is not authorized for ${what}`);
  }

  private async handleSignaling(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    let body: unknown;
    try {
      body = await readJson(req);
      const failure = this.failures[0];
      if (failure) {
        if (--failure.remaining <= 0) this.failures.shift();
        throw new HttpError(failure.status, failure.message);
      }
      this.authorize(req, this.credentials.clientId, 'call signaling');
      const parsed = parseMessage(body);
      if (!parsed.ok) throw new HttpError(400, parsed.error);
      const session = this.accept(parsed.value);
      const raw = body as ReceivedSignal;
      this.received.push(raw);
      this.log(`console → alexa ${shortName(raw.type)} ${raw.sessionId}`);
      const status = this.opts.signalingSuccessStatus ?? 200;
      sendJson(res, status, status === 204 ? undefined : {});
      this.emit('signal', raw);
      if (session) this.react(parsed.value, session);
    } catch (e) {
      if (!(e instanceof HttpError)) throw e;
      const rejected = { status: e.status, message: e.message, body };
      this.rejected.push(rejected);
      this.log(`console → alexa rejected ${e.status}: ${e.message}`);
      this.emit('rejected', rejected);
      throw e;
    }
  }

  // ---- call state ---------------------------------------------------------------------------

  /**
   * Checks a console message against the call's state and records its effect on that state.
   * Throws an HttpError (and changes nothing) when the message does not fit. Returns the
   * session to react on, or null when there is nothing to do (a repeated CallEnded).
   */
  private accept(msg: Message): Session | null {
    const name = messageName(msg.type)!;
    if (name === 'InitiateOutboundCall') throw new HttpError(400, 'type: InitiateOutboundCall is sent by Alexa, not to it');
    if (name === 'InitiateInboundCall') return this.acceptInboundCall(msg as Message<'InitiateInboundCall'>);
    const s = this.sessions.get(msg.sessionId);
    if (!s) throw new HttpError(404, `sessionId: unknown session "${msg.sessionId}"`);
    if (s.ended) {
      if (name === 'CallEnded') return null;
      throw new HttpError(409, `${name}: the call has already ended`);
    }
    if (s.placedBy === 'room' && ACKS_FROM_DESK.includes(name)) {
      throw new HttpError(409, `${name} is only valid on a call the service provider placed`);
    }
    if (s.placedBy === 'desk' && ANSWERS_FROM_DESK.includes(name)) {
      throw new HttpError(409, `${name} is only valid on a call the device placed`);
    }
    switch (name) {
      case 'CallRinging':
      case 'CallInProgress':
        if (s.answered) throw new HttpError(409, `${name}: the call was already accepted`);
        break;
      case 'CallAccepted':
        if (s.answered) throw new HttpError(409, `${name}: the call was already accepted`);
        s.answered = true;
        break;
      case 'CallUpdate':
        if (!s.answered) throw new HttpError(409, 'CallUpdate: the call is not connected yet');
        if (s.deskUpdate || s.roomUpdate || s.room.negotiating) {
          throw new HttpError(409, 'CallUpdate: a renegotiation is already in progress');
        }
        s.deskUpdate = 'answering';
        break;
      case 'CallUpdateResponse':
        if (!s.roomUpdate) throw new HttpError(409, 'CallUpdateResponse: no CallUpdate is waiting for a response');
        s.roomUpdate = false;
        break;
      case 'CallUpdateAck':
        if (s.deskUpdate !== 'awaiting-ack') throw new HttpError(409, 'CallUpdateAck: no CallUpdateResponse is waiting for an acknowledgement');
        s.deskUpdate = null;
        break;
      case 'CallEnded':
        s.ended = true;
        break;
      default:
        break; // the desk's acks need no state
    }
    return s;
  }

  private acceptInboundCall(msg: Message<'InitiateInboundCall'>): Session {
    if (this.sessions.has(msg.sessionId)) throw new HttpError(409, `sessionId: "${msg.sessionId}" is already in use`);
    const { callee } = callerAndCallee(msg.participants);
    if (!callee) throw new HttpError(400, 'participants: needs a callee (a participant with isOriginator false)');
    const room = this.rooms.get(callee.id.value);
    if (!room) throw new HttpError(404, `participants: no device has the address "${callee.id.value}"`);
    return this.newSession(msg.sessionId, room, 'desk');
  }

  private newSession(id: string, room: SimEchoRoom, placedBy: 'room' | 'desk'): Session {
    const session: Session = {
      id,
      room,
      placedBy,
      answered: false,
      ended: false,
      deskUpdate: null,
      roomUpdate: false,
      work: Promise.resolve(),
      deliveries: Promise.resolve(),
    };
    this.sessions.set(id, session);
    return session;
  }

  /** Alexa's reaction to an accepted console message, after the simulated latency, in call order. */
  private react(msg: Message, s: Session): void {
    if (msg.type === `${NS}.CallEnded`) {
      // Hanging up does not wait behind the call's pending work: the room stops at once.
      s.room.onDeskEnded(s.id, msg.callResult?.code ?? 'SUCCESS');
      return;
    }
    s.work = s.work.then(async () => {
      await this.delay(this.opts.latencyMs ?? 5);
      if (this.closed) return;
      try {
        await this.reactTo(msg, s);
      } catch (e) {
        // The room has already ended the call with INTERNAL_ERROR where that applies.
        this.log(`alexa could not carry out ${shortName(msg.type)} on ${s.id}: ${(e as Error).message}`);
      }
    });
  }

  private async reactTo(msg: Message, s: Session): Promise<void> {
    const room = s.room;
    const ack = (name: MessageName) => void this.toConsole(room, { type: `${NS}.${name}`, sessionId: s.id });
    switch (msg.type) {
      case `${NS}.InitiateInboundCall`: {
        const took = await room.onIncomingCall(s.id, msg.sdpDetails.value);
        if (!took) void this.toConsole(room, endedEvent(s.id, 'DEVICE_BUSY', 'The device is busy'));
        return;
      }
      case `${NS}.CallRinging`:
        room.onDeskRinging(s.id);
        return ack('CallRingingAck');
      case `${NS}.CallInProgress`:
        if (msg.sdpDetails) await room.onDeskAnswer(s.id, msg.sdpDetails.value, true);
        return ack('CallInProgressAck');
      case `${NS}.CallAccepted`:
        await room.onDeskAnswer(s.id, msg.sdpDetails.value, false);
        return ack('CallAcceptedAck');
      case `${NS}.CallUpdate`: {
        const renegotiationType = msg.renegotiationType ?? 'CALL_UPDATE';
        const answer = await room.onDeskReoffer(s.id, msg.sdpDetails.value, renegotiationType);
        void this.toConsole(room, {
          type: `${NS}.CallUpdateResponse`,
          sessionId: s.id,
          renegotiationType,
          sdpDetails: { type: 'ANSWER', value: answer },
        });
        return;
      }
      case `${NS}.CallUpdateResponse`:
        await room.onDeskReanswer(s.id, msg.sdpDetails.value);
        return ack('CallUpdateAck');
      default:
        return; // acks from the desk: nothing to do (CallEnded is handled in react)
    }
  }

  /** An Alexa event about a room's call: keep the call's state, then hand it to the console. */
  private toConsole(room: SimEchoRoom, event: AlexaEvent): Promise<Delivery> {
    const name = messageName(event.type);
    let s = event.sessionId ? this.sessions.get(event.sessionId) : undefined;
    if (s?.ended) {
      // Alexa says nothing more about a call that has ended.
      return Promise.resolve({ type: event.type, sessionId: s.id, forwarded: false, status: 0, error: 'the call has ended' });
    }
    if (name === 'InitiateOutboundCall') s = this.newSession(event.sessionId!, room, 'room');
    if (s) {
      if (name === 'CallAccepted') s.answered = true;
      if (name === 'CallUpdate') s.roomUpdate = true;
      if (name === 'CallUpdateResponse') s.deskUpdate = 'awaiting-ack';
      if (name === 'CallEnded') s.ended = true;
    }
    const delivery = this.enqueue(s ?? null, event, room);
    if (s && (name === 'InitiateOutboundCall' || name === 'CallUpdate')) {
      const session = s;
      void delivery.then((d) => {
        if (deliveredOk(d)) return;
        if (name === 'InitiateOutboundCall') session.ended = true;
        else session.roomUpdate = false;
      });
    }
    return delivery;
  }

  // ---- delivery -----------------------------------------------------------------------------

  /** Delivers after the call's earlier events, so the console sees them in order. */
  private enqueue(s: Session | null, event: AlexaEvent, room: SimEchoRoom | null): Promise<Delivery> {
    if (!s) return this.deliverNow(event, room);
    const delivery = s.deliveries.then(() => this.deliverNow(event, room));
    s.deliveries = delivery;
    return delivery;
  }

  private async deliverNow(event: AlexaEvent, room: SimEchoRoom | null): Promise<Delivery> {
    const base = { type: event.type, ...(event.sessionId ? { sessionId: event.sessionId } : {}) };
    if (this.closed) return { ...base, forwarded: false, status: 0, error: 'the simulator is closed' };
    const envelope = buildEnvelope(event, this.contextFor(room));
    let delivery: Delivery;
    if (this.opts.deliver) {
      delivery = await this.opts
        .deliver(envelope)
        .then((r): Delivery => ({ ...base, forwarded: true, status: r.status, body: r.body, ...(r.error ? { error: r.error } : {}) }))
        .catch((e: Error): Delivery => ({ ...base, forwarded: true, status: 0, error: e.message }));
    } else if (this.webhookUrl === null) {
      delivery = { ...base, forwarded: true, status: 0, error: 'the console webhook is not listening' };
    } else {
      const result = await postToWebhook(this.webhookTarget(this.webhookUrl), envelope);
      delivery = result
        ? { ...base, forwarded: true, path: result.path, status: result.status, body: result.body, ...(result.error ? { error: result.error } : {}) }
        : { ...base, forwarded: false, status: 0 };
    }
    if (this.closed) return delivery;
    this.deliveries.push(delivery);
    this.log(`alexa → console ${shortName(event.type)} ${event.sessionId ?? ''} ${delivery.forwarded ? delivery.status || delivery.error : '(not forwarded)'}`);
    this.emit('delivery', delivery);
    return delivery;
  }

  private webhookTarget(webhookUrl: string) {
    return {
      webhookUrl,
      webhookSecret: this.webhookSecret,
      secretIn: this.opts.webhookSecretIn ?? 'header',
      forward: this.forward,
    } as const;
  }

  private contextFor(room: SimEchoRoom | null): EnvelopeContext {
    const id = shortHash(room?.address ?? 'no-room');
    return {
      skillId: this.skillId,
      apiEndpoint: this.apiBase,
      unitId: `amzn1.ask.unit.${id}`,
      persistentUnitId: `amzn1.alexa.unit.did.${id}`,
      deviceId: `amzn1.ask.device.${id}`,
      userId: `amzn1.ask.account.${id}`,
      // A user-scoped token as Alexa sends it; it is not valid for signaling.
      consentToken: `Atza|${randomBytes(64).toString('base64url')}`,
    };
  }

  // ---- helpers ------------------------------------------------------------------------------

  private delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.timers.delete(t);
        resolve();
      }, ms);
      this.timers.add(t);
    });
  }

  private waitOn<T>(
    event: 'signal' | 'delivery',
    seen: T[],
    predicate: (item: T) => boolean,
    timeoutMs: number,
    summary: () => string,
  ): Promise<T> {
    const found = seen.find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const listener = (item: T) => {
        if (!predicate(item)) return;
        clearTimeout(timer);
        this.off(event, listener as never);
        resolve(item);
      };
      const timer = setTimeout(() => {
        this.off(event, listener as never);
        reject(new Error(`no matching ${event} within ${timeoutMs} ms; so far: ${summary() || 'none'}`));
      }, timeoutMs);
      this.on(event, listener as never);
    });
  }

  private log(line: string): void {
    this.opts.log?.(`[sim] ${line}`);
  }
}

function shortName(type: string): string {
  return type.startsWith(`${NS}.`) ? type.slice(NS.length + 1) : type;
}

function endedEvent(sessionId: string, code: string, message: string): AlexaEvent {
  return { type: `${NS}.CallEnded`, sessionId, callResult: { code, message } };
}

function checkWebhookUrl(webhookUrl: unknown): string | null {
  if (webhookUrl === null) return null;
  if (typeof webhookUrl !== 'string') throw new Error('webhookUrl must be a string or null');
  try {
    const url = new URL(webhookUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error();
  } catch {
    throw new Error(`webhookUrl must be an http(s) URL, got "${webhookUrl}"`);
  }
  return webhookUrl;
}

function validateOptions(opts: SimAlexaOptions): void {
  checkWebhookUrl(opts?.webhookUrl);
  if (opts.forward !== undefined && opts.forward !== 'envelope' && opts.forward !== 'sample-routes') {
    throw new Error('forward must be "envelope" or "sample-routes"');
  }
  if (opts.host !== undefined && opts.host !== '127.0.0.1') throw new Error('host must be 127.0.0.1');
  if (opts.port !== undefined && (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535)) {
    throw new Error('port must be an integer 0-65535');
  }
  const c = opts.credentials;
  if (c && !(c.clientId && c.clientSecret && c.refreshToken)) {
    throw new Error('credentials need clientId, clientSecret and refreshToken');
  }
}

/** Starts a simulated Alexa cloud; see SimAlexaOptions. */
export function startSimAlexa(opts: SimAlexaOptions): Promise<SimAlexa> {
  return SimAlexa.start(opts);
}

export type { Delivery, DeliverFn, SkillEnvelope, AlexaEvent, ForwardStyle };
