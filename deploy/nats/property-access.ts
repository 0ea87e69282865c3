// Who may do what on the property server: one NATS account per property (subjects, JetStream and
// _INBOX replies never cross properties), and inside it two kinds of user — the skill, which only
// publishes the property's events and asks for the account-linking grant, and the desks, which
// only use the property's stream, consumers, key-value buckets and grant subject. Derived from the
// names the console and the skill use (main/property/names.ts) and from the JetStream API subjects
// the @nats-io clients call, so the permissions follow any change of name.
// `add-property.ts` turns this into nsc commands; test/property/deployment-config.test.ts runs a
// real nats-server with it.
import { propertyNames } from '../../main/property/names.js';

export interface UserAccess {
  /** Subjects the user may publish to. */
  pub: string[];
  /** Subjects the user may subscribe to ("subject queue" limits a subscription to one queue group). */
  sub: string[];
  /** May answer requests it received (the reply subject only, once, within a minute). */
  responses: boolean;
}

export interface PropertyAccess {
  /** The account's name: the property id. */
  account: string;
  skill: UserAccess;
  desk: UserAccess;
}

/** Per-property account limits (enough for 20 desks and the skill's Lambdas, with room to spare). */
export const ACCOUNT_LIMITS = {
  /** Connections: desks, the skill's warm Lambda instances, an admin. */
  conns: 100,
  /** Largest message: a skill envelope is at most 256 KiB. */
  payload: 512 * 1024,
  /** File storage for the stream and the buckets; the stream reserves its 256 MiB cap up front. */
  diskStorage: 1024 * 1024 * 1024,
  /** The events stream and the three buckets. */
  streams: 4,
  /** Each running desk has one ordered consumer on the stream and one watcher per bucket (4), plus reconnects. */
  consumers: 200,
} as const;

/** How a desk-join file or a skill's BROKER_CREDS may reach the server: plain NATS (TLS) and WebSocket. */
export const CONNECTION_TYPES = ['STANDARD', 'WEBSOCKET'] as const;

export function propertyAccess(property: string): PropertyAccess {
  const n = propertyNames(property);
  const api = '$JS.API';
  const kvStreams = [n.calls, n.desks, n.missed].map((bucket) => ({ bucket, stream: `KV_${bucket}` }));
  const streams = [n.stream, ...kvStreams.map((k) => k.stream)];
  return {
    account: property,
    skill: {
      // A JetStream publish is a request: the stream's ack comes back on the skill's _INBOX.
      pub: [n.events, n.grant],
      sub: ['_INBOX.>'],
      responses: false,
    },
    desk: {
      pub: [
        `${api}.INFO`,
        // The desks create the stream and buckets when missing (an admin may create them first, e.g. replicated).
        ...streams.flatMap((s) => [`${api}.STREAM.INFO.${s}`, `${api}.STREAM.CREATE.${s}`]),
        // Ordered consumers: the events reader and one watcher per bucket, recreated after a reconnect.
        ...streams.flatMap((s) => [`${api}.CONSUMER.CREATE.${s}`, `${api}.CONSUMER.CREATE.${s}.>`, `${api}.CONSUMER.DELETE.${s}.>`, `${api}.CONSUMER.INFO.${s}.>`]),
        `${api}.CONSUMER.MSG.NEXT.${n.stream}.>`,
        // Reading a key (direct get, or the stream's message get on servers without it).
        ...kvStreams.flatMap(({ stream }) => [`${api}.DIRECT.GET.${stream}`, `${api}.DIRECT.GET.${stream}.>`, `${api}.STREAM.MSG.GET.${stream}`]),
        // Writing a key, and the watchers' flow-control replies.
        ...kvStreams.flatMap(({ bucket, stream }) => [`$KV.${bucket}.>`, `$JS.FC.${stream}.>`]),
      ],
      // Replies (API responses, the consumers' deliveries) come to the desk's _INBOX; grant requests in the "desks" queue.
      sub: ['_INBOX.>', `${n.grant} desks`],
      responses: true,
    },
  };
}
