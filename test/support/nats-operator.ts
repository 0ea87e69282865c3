// A NATS operator made in the test, as `nsc` makes one for the property server: the operator, its
// system account, the resolver settings `nsc generate config --nats-resolver` writes, and one
// account per property with a skill user and a desk user whose limits and permissions come from
// deploy/nats/property-access.ts — the same ones deploy/nats/add-property.ts hands to nsc.
import { createAccount, createOperator, createUser, encodeAccount, encodeOperator, encodeUser, fmtCreds, type KeyPair, type User } from '@nats-io/jwt';
import { ACCOUNT_LIMITS, CONNECTION_TYPES, propertyAccess, type UserAccess } from '../../deploy/nats/property-access.js';

export interface PropertyAccount {
  /** The account's public key. */
  id: string;
  jwt: string;
  /** The text of each user's .creds file (what BROKER_CREDS and DESK_BROKER_CREDS hold). */
  creds: { skill: string; desk: string };
}

export interface TestOperator {
  /** What `nsc generate config --nats-resolver` writes, with the resolver's folder set. */
  resolverConf(jwtDir: string): string;
  /** The system account's user, to push account JWTs (as `nsc push` does). */
  systemCreds: string;
  property(property: string): Promise<PropertyAccount>;
}

const NO_LIMIT = -1;

export async function createTestOperator(): Promise<TestOperator> {
  const operator = createOperator();
  const sys = createAccount();
  const sysUser = createUser();
  const operatorJwt = await encodeOperator('frontdesk', operator, { system_account: sys.getPublicKey() });
  const sysJwt = await encodeAccount('SYS', sys, { limits: { conn: NO_LIMIT, subs: NO_LIMIT, data: NO_LIMIT, payload: NO_LIMIT, imports: NO_LIMIT, exports: NO_LIMIT, leaf: NO_LIMIT, wildcards: true } }, { signer: operator });
  const systemCreds = await credsFor('sys', sysUser, sys, {});

  return {
    systemCreds,
    resolverConf: (jwtDir) =>
      [
        `operator: ${operatorJwt}`,
        `system_account: ${sys.getPublicKey()}`,
        `resolver: { type: full, dir: ${JSON.stringify(jwtDir)}, allow_delete: false, interval: "2m", timeout: "1.9s" }`,
        `resolver_preload: { ${sys.getPublicKey()}: ${sysJwt} }`,
        '',
      ].join('\n'),
    async property(property) {
      const access = propertyAccess(property);
      const account = createAccount();
      const jwt = await encodeAccount(
        access.account,
        account,
        {
          limits: {
            conn: ACCOUNT_LIMITS.conns,
            payload: ACCOUNT_LIMITS.payload,
            subs: NO_LIMIT,
            data: NO_LIMIT,
            imports: NO_LIMIT,
            exports: NO_LIMIT,
            leaf: 0,
            wildcards: true,
            disk_storage: ACCOUNT_LIMITS.diskStorage,
            mem_storage: 0,
            streams: ACCOUNT_LIMITS.streams,
            consumer: ACCOUNT_LIMITS.consumers,
            disk_max_stream_bytes: NO_LIMIT,
            mem_max_stream_bytes: NO_LIMIT,
            max_ack_pending: NO_LIMIT,
          },
        },
        { signer: operator },
      );
      return {
        id: account.getPublicKey(),
        jwt,
        creds: {
          skill: await credsFor('skill', createUser(), account, permissions(access.skill)),
          desk: await credsFor('desk', createUser(), account, permissions(access.desk)),
        },
      };
    },
  };
}

/** The user JWT fields `nsc add user --allow-pub … --allow-sub … [--allow-pub-response --response-ttl 1m] --conn-type …` sets. */
function permissions(access: UserAccess): Partial<User> {
  return {
    pub: { allow: access.pub },
    sub: { allow: access.sub },
    ...(access.responses && { resp: { max: 1, ttl: 60_000_000_000 } }),
    allowed_connection_types: [...CONNECTION_TYPES],
  };
}

async function credsFor(name: string, user: KeyPair, account: KeyPair, claims: Partial<User>): Promise<string> {
  const jwt = await encodeUser(name, user, account, claims);
  return new TextDecoder().decode(fmtCreds(jwt, user));
}
