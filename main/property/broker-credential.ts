// The desk's credential for the property's server, as an admin pastes it or a desk-join file
// carries it: the text of a NATS .creds file (a user JWT and its nkey seed) or a token. A .creds
// text is read by the NATS client's own parser and signs a test nonce, so a credential that would
// fail at connect fails here, in plain words that never quote it.
import { credsAuthenticator } from '@nats-io/nats-core';
import type { BrokerCredentialInput } from '../domain/property.js';
import { text, type Text } from '../domain/text.js';
import type { BrokerCredential } from './broker.js';

/** A .creds file is a JWT and a seed with their armour lines: a few KiB at most. */
const MAX_CREDS_LENGTH = 16_000;
const MAX_TOKEN_LENGTH = 4_096;
/** Printable ASCII without spaces. */
const TOKEN_CHARS = /^[\x21-\x7e]+$/;

/** "token: must not be empty" in the log; under the field, a sentence in the window's language. */
export class BrokerCredentialError extends Error {
  override name = 'BrokerCredentialError';
  readonly fieldWords: Record<string, Text>;
  constructor(field: BrokerCredentialInput['kind'], problem: string, words: Text) {
    super(`${field}: ${problem}`);
    this.fieldWords = { [field]: words };
  }
}

/** Checks a pasted credential; throws BrokerCredentialError naming the problem (never the value). */
export function checkBrokerCredential(input: BrokerCredentialInput): NonNullable<BrokerCredential> {
  if (input.kind === 'token') {
    const token = input.text.trim();
    if (!token) throw new BrokerCredentialError('token', 'must not be empty', text('property.tokenEmpty'));
    if (token.length > MAX_TOKEN_LENGTH) throw new BrokerCredentialError('token', `must be at most ${MAX_TOKEN_LENGTH} characters`, text('property.tokenTooLong', { max: MAX_TOKEN_LENGTH }));
    if (!TOKEN_CHARS.test(token)) throw new BrokerCredentialError('token', 'must not contain spaces or line breaks', text('property.tokenSpaces'));
    return { kind: 'token', token };
  }
  // Pasted on Windows the lines end in CRLF; the NATS parser reads LF only.
  const creds = `${input.text.replace(/\r\n?/g, '\n').trim()}\n`;
  if (creds === '\n') throw new BrokerCredentialError('creds', 'must not be empty', text('property.credsEmpty'));
  if (creds.length > MAX_CREDS_LENGTH) throw new BrokerCredentialError('creds', 'is too long to be a NATS .creds file', text('property.credsTooLong'));
  let auth: { jwt?: string; nkey?: string } | undefined;
  try {
    auth = credsAuthenticator(new TextEncoder().encode(creds))('check') as typeof auth;
  } catch {
    auth = undefined;
  }
  if (!auth?.jwt || !auth.nkey?.startsWith('U')) {
    throw new BrokerCredentialError(
      'creds',
      'is not the text of a NATS .creds file (a user JWT and its nkey seed, between their BEGIN and END lines)',
      text('property.credsInvalid'),
    );
  }
  return { kind: 'creds', text: creds };
}
