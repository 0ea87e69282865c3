// The desk's one connection to the property's broker (NATS): outbound only — nats:// or tls:// on
// the NATS port, ws:// or wss:// where only HTTPS leaves the building. It keeps reconnecting with a
// growing wait for as long as the desk runs, says when the broker is unreachable, and makes sure the
// property's stream and buckets exist.
import { credsAuthenticator, wsconnect, type NatsConnection, type ConnectionOptions } from '@nats-io/nats-core';
import { connect as tcpConnect } from '@nats-io/transport-node';
import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager, RetentionPolicy, StorageType, DiscardPolicy } from '@nats-io/jetstream';
import { Kvm, type KV } from '@nats-io/kv';
import WebSocket from 'ws';
import type { Logger } from '../log/logger.js';
import { CALLS_MAX_AGE_MS, DESK_OFFLINE_AFTER_MS, EVENTS_MAX_AGE_MS, MISSED_MAX_AGE_MS, type PropertyNames } from './names.js';

export const BROKER_SCHEMES = ['nats:', 'tls:', 'ws:', 'wss:'] as const;
/**
 * The wait before the next reconnect attempt, by how long the broker has been away: often at first
 * (a restarted broker is back within a second or two), then every few seconds for an outage that
 * lasts. By time, not by count: the client asks at every turn of its loop, not only per attempt.
 */
export function reconnectWaitMs(awayMs: number): number {
  if (awayMs < 10_000) return 250;
  if (awayMs < 60_000) return 1_000;
  return 5_000;
}

/** The connection ended for good (the server refused the desk): no more reconnects. */
export const CONNECTION_CLOSED = 'The property server closed this desk\'s connection';
const CONNECT_TIMEOUT_MS = 5_000;

export type BrokerCredential = { kind: 'creds'; text: string } | { kind: 'token'; token: string } | null;

export type BrokerState = 'connecting' | 'connected' | 'unreachable';

export interface BrokerBuckets {
  calls: KV;
  desks: KV;
  missed: KV;
}

/** DESK_BROKER_CREDS (the text of a NATS .creds file) or DESK_BROKER_TOKEN; undefined when neither is set. */
export function brokerCredentialFromEnv(env: NodeJS.ProcessEnv): BrokerCredential | undefined {
  const creds = env.DESK_BROKER_CREDS?.trim();
  if (creds) return { kind: 'creds', text: creds };
  const token = env.DESK_BROKER_TOKEN?.trim();
  return token ? { kind: 'token', token } : undefined;
}

/** Checks a broker URL; throws with plain words naming what is wrong. */
export function checkBrokerUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new Error(`broker: "${value.slice(0, 200)}" is not a URL (e.g. tls://nats.example.com:4222 or wss://nats.example.com)`);
  }
  if (!(BROKER_SCHEMES as readonly string[]).includes(url.protocol)) throw new Error('broker: must start with nats://, tls://, ws:// or wss://');
  if (url.search || url.hash) throw new Error('broker: must not hold a query or fragment');
  return url.toString().replace(/\/$/, '');
}

export interface BrokerOptions {
  url: string;
  credential: BrokerCredential;
  /** Shown in the broker's monitoring (e.g. "desk Front desk 2"). */
  name: string;
  log: Logger;
  /** The connection came up, dropped, or is being retried. */
  changed(state: BrokerState, error: string | null): void;
}

export class Broker {
  state: BrokerState = 'connecting';
  error: string | null = null;
  private nc: NatsConnection | null = null;
  /** When the broker went away (or the first connect began); null while connected. */
  private awaySince: number | null = Date.now();
  private closed = false;
  private readonly connected: Promise<NatsConnection>;

  constructor(private readonly opts: BrokerOptions) {
    this.connected = this.connect();
    this.connected.catch(() => {}); // reported through changed(); awaited by ready()
  }

  /** The connection, once the first connect succeeded. */
  ready(): Promise<NatsConnection> {
    return this.connected;
  }

  get connection(): NatsConnection | null {
    return this.state === 'connected' ? this.nc : null;
  }

  jetstream(nc: NatsConnection): JetStreamClient {
    return jetstream(nc, { timeout: CONNECT_TIMEOUT_MS });
  }

  /** The property's stream and buckets, created when missing (an admin may have made them already). */
  async openProperty(names: PropertyNames): Promise<BrokerBuckets> {
    const nc = await this.ready();
    const jsm = await jetstreamManager(nc, { timeout: CONNECT_TIMEOUT_MS });
    await ensureStream(jsm, names);
    const kvm = new Kvm(this.jetstream(nc));
    const bucket = (name: string, ttl: number) => kvm.create(name, { history: 1, ttl, storage: StorageType.File });
    return {
      calls: await bucket(names.calls, CALLS_MAX_AGE_MS),
      // Entries of desks that stopped without saying goodbye fall away with the bucket's age limit.
      desks: await bucket(names.desks, DESK_OFFLINE_AFTER_MS * 4),
      missed: await bucket(names.missed, MISSED_MAX_AGE_MS),
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.nc?.drain().catch(() => this.nc?.close());
  }

  private async connect(): Promise<NatsConnection> {
    const url = new URL(this.opts.url);
    const options: ConnectionOptions = {
      servers: this.opts.url,
      name: this.opts.name,
      timeout: CONNECT_TIMEOUT_MS,
      maxReconnectAttempts: -1,
      waitOnFirstConnect: true,
      reconnectDelayHandler: () => reconnectWaitMs(Date.now() - (this.awaySince ?? Date.now())) + Math.random() * 100,
      pingInterval: 10_000,
      maxPingOut: 2,
      ...authOptions(this.opts.credential),
    };
    this.setState('connecting', null);
    const nc = url.protocol === 'ws:' || url.protocol === 'wss:' ? await wsConnect(options) : await tcpConnect(options);
    if (this.closed) {
      await nc.close();
      throw new Error('closed');
    }
    this.nc = nc;
    this.awaySince = null;
    this.setState('connected', null);
    void this.follow(nc);
    return nc;
  }

  private async follow(nc: NatsConnection): Promise<void> {
    for await (const status of nc.status()) {
      if (status.type === 'disconnect' || status.type === 'staleConnection') {
        this.awaySince ??= Date.now();
        this.setState('unreachable', 'The property server is unreachable');
      } else if (status.type === 'reconnect') {
        this.awaySince = null;
        this.setState('connected', null);
      } else if (status.type === 'error') this.opts.log.warn('property server error', { error: String(status.error) });
    }
    if (!this.closed) this.setState('unreachable', CONNECTION_CLOSED);
  }

  private setState(state: BrokerState, error: string | null): void {
    if (state === this.state && error === this.error) return;
    this.state = state;
    this.error = error;
    // URL.origin is "null" for nats:// and tls://; scheme and host, without any user info in the URL.
    const url = new URL(this.opts.url);
    this.opts.log.info(`property server ${state}`, { url: `${url.protocol}//${url.host}` });
    this.opts.changed(state, error);
  }
}

function authOptions(credential: BrokerCredential): Partial<ConnectionOptions> {
  if (!credential) return {};
  if (credential.kind === 'token') return { token: credential.token };
  // The parser wants a newline after the seed's closing line, which a trimmed variable has lost.
  return { authenticator: credsAuthenticator(new TextEncoder().encode(`${credential.text.trim()}\n`)) };
}

/** Node 20 has no WebSocket; the `ws` package stands in (Electron's Node has one). */
async function wsConnect(options: ConnectionOptions): Promise<NatsConnection> {
  const global = globalThis as { WebSocket?: unknown };
  global.WebSocket ??= WebSocket;
  return wsconnect(options);
}

async function ensureStream(jsm: JetStreamManager, names: PropertyNames): Promise<void> {
  try {
    await jsm.streams.info(names.stream);
    return;
  } catch (e) {
    if (!/stream not found/i.test(String(e))) throw e;
  }
  await jsm.streams
    .add({
      name: names.stream,
      subjects: [names.events],
      retention: RetentionPolicy.Limits,
      storage: StorageType.File,
      discard: DiscardPolicy.Old,
      max_age: EVENTS_MAX_AGE_MS * 1_000_000,
      // Reserved up front on the servers for every property: the 15-minute window needs far less.
      max_bytes: 64 * 1024 * 1024,
      max_msg_size: 512 * 1024,
      // Alexa's requestId is the message id: an envelope published twice is kept once.
      duplicate_window: 2 * 60 * 1_000_000_000,
    })
    .catch((e: unknown) => {
      // Another desk of the property made it at the same moment.
      if (!/already in use/i.test(String(e))) throw e;
    });
}
