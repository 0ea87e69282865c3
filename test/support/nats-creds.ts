// The text of a NATS .creds file as `nsc` writes it, with a real user nkey seed (the JWT is not
// checked by a client, only by the server).
import { nkeys } from '@nats-io/nats-core';

export function userCreds(): string {
  const user = nkeys.createUser();
  const jwt = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJlZDI1NTE5LW5rZXkifQ.' + Buffer.from(JSON.stringify({ sub: user.getPublicKey() })).toString('base64url') + '.c2ln';
  return [
    '-----BEGIN NATS USER JWT-----',
    jwt,
    '------END NATS USER JWT------',
    '',
    '************************* IMPORTANT *************************',
    'NKEY Seed printed below can be used to sign and prove identity.',
    'NKEYs are sensitive and should be treated as secrets.',
    '',
    '-----BEGIN USER NKEY SEED-----',
    new TextDecoder().decode(user.getSeed()),
    '------END USER NKEY SEED------',
    '',
    '*************************************************************',
    '',
  ].join('\n');
}
