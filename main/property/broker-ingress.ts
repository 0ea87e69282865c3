// Alexa's events from the property's broker: the skill publishes each request envelope to the
// property's stream, and every desk reads the stream in order (an ordered consumer that resumes
// after a reconnect). A desk that starts replays the stream's window, so a call that is still
// ringing rings here too; a call that is over, or that another desk took, is left alone. The
// account-linking grant comes as a request that one desk holding the signaling client answers.
import { DeliverPolicy, type ConsumerMessages, type JsMsg } from '@nats-io/jetstream';
import type { NatsConnection, Subscription } from '@nats-io/nats-core';
import type { Logger } from '../log/logger.js';
import { parseJsonBounded } from '../protocol/json.js';
import { messageName, type Message } from '../protocol/messages.js';
import { readSkillRequest } from '../signaling/skill-request.js';
import type { EventOutcome, GrantOutcome } from '../signaling/webhook.js';
import type { Broker } from './broker.js';
import type { PropertyNames } from './names.js';

/** The envelope the skill publishes is at most this big (the webhook's limit). */
const MAX_ENVELOPE_BYTES = 256 * 1024;

export interface BrokerIngressDeps {
  broker: Broker;
  names: PropertyNames;
  onEvent(message: Message): Promise<EventOutcome>;
  onGrant(grant: { code: string; request: unknown }): Promise<GrantOutcome>;
  /** Whether an offer read from the stream is not to ring here (over, taken, or this desk takes no calls). */
  callIsOver(message: Message, publishedAt: number): Promise<boolean>;
  log: Logger;
}

export class BrokerIngress {
  private messages: ConsumerMessages | null = null;
  private grants: Subscription | null = null;
  private stopped = false;

  constructor(private readonly deps: BrokerIngressDeps) {}

  async start(): Promise<void> {
    const nc = await this.deps.broker.ready();
    const js = this.deps.broker.jetstream(nc);
    // Ordered consumer from the start of the stream's window; it recreates itself after a reconnect
    // and carries on after the last message it delivered. (A start time would not survive that with
    // our server version, so the window is the stream's own age limit.)
    const consumer = await js.consumers.get(this.deps.names.stream, { deliver_policy: DeliverPolicy.All });
    this.messages = await consumer.consume({ expires: 5_000 });
    void this.read(this.messages);
  }

  /** Start or stop answering grant requests (only a desk that holds the signaling client can). */
  async answerGrants(on: boolean): Promise<void> {
    if (!on || this.stopped) {
      this.grants?.unsubscribe();
      this.grants = null;
      return;
    }
    if (this.grants) return;
    const nc = await this.deps.broker.ready();
    this.grants = nc.subscribe(this.deps.names.grant, { queue: 'desks' });
    void this.answer(nc, this.grants);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.messages?.close();
    this.grants?.unsubscribe();
  }

  private async read(messages: ConsumerMessages): Promise<void> {
    for await (const m of messages) {
      try {
        await this.handle(m);
      } catch (e) {
        this.deps.log.error('an event from the property server could not be handled', { seq: m.seq, error: String(e) });
      }
    }
  }

  private async handle(m: JsMsg): Promise<void> {
    const request = m.data.length > MAX_ENVELOPE_BYTES ? null : readSkillRequest(safeJson(m.data));
    if (!request || request.kind === 'invalid') {
      this.deps.log.warn('a message on the property server is not a valid skill request; ignored', { seq: m.seq, error: request?.error ?? 'too large' });
      return;
    }
    if (request.kind === 'grant') {
      this.deps.log.warn('a grant arrived on the events stream; grants are requests to the grant subject; ignored', { seq: m.seq });
      return;
    }
    const { message } = request;
    const publishedAt = Math.floor(m.info.timestampNanos / 1_000_000);
    if (messageName(message.type) === 'InitiateOutboundCall' && (await this.deps.callIsOver(message, publishedAt))) {
      this.deps.log.debug('offer not ringing here (the call is over or taken, or this desk takes no calls)', { sessionId: message.sessionId });
      return;
    }
    const outcome = await this.deps.onEvent(message);
    // Every desk reads every event: one for a call this desk does not have is not an error.
    if (!outcome.ok) this.deps.log.debug(`event not for this desk (${outcome.status})`, { sessionId: message.sessionId, type: message.type, error: outcome.error });
  }

  private async answer(nc: NatsConnection, grants: Subscription): Promise<void> {
    for await (const m of grants) {
      const request = m.data.length > MAX_ENVELOPE_BYTES ? null : readSkillRequest(safeJson(m.data));
      let reply: GrantOutcome;
      if (!request || request.kind !== 'grant') {
        reply = { ok: false, status: 400, error: request?.kind === 'invalid' ? request.error : 'request: must be Alexa.Authorization.Grant' };
      } else {
        reply = await this.deps.onGrant({ code: request.code, request: request.request });
      }
      if (!m.respond(JSON.stringify(reply.ok ? { ok: true, response: reply.response } : { error: reply.error, status: reply.status }))) {
        this.deps.log.warn('a grant request had no reply address');
      }
      if (nc.isClosed()) break;
    }
  }
}

/** The message's JSON, or null when it is malformed or nested too deep (as the webhook refuses it). */
function safeJson(bytes: Uint8Array): unknown {
  const parsed = parseJsonBounded(new TextDecoder().decode(bytes));
  return parsed.ok ? parsed.value : null;
}
