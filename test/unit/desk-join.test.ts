// The desk-join file: sealed with a passphrase (scrypt + AES-256-GCM), opened only whole and
// unchanged; every way a file can be wrong gives its own plain error.
import { createCipheriv, randomBytes, scryptSync } from 'node:crypto';
import { nkeys } from '@nats-io/nats-core';
import { describe, expect, it } from 'vitest';
import { checkBrokerCredential } from '../../main/property/broker-credential.js';
import { MAX_DESK_JOIN_BYTES, openDeskJoin, sealDeskJoin, type DeskJoin, type DeskJoinProblem } from '../../main/property/desk-join.js';
import { userCreds } from '../support/nats-creds.js';

const PASSPHRASE = 'correct horse battery staple';

function join(over: Partial<DeskJoin> = {}): DeskJoin {
  return {
    brokerUrl: 'tls://nats.hotel.example:4222',
    property: 'grand-hotel',
    brokerCredential: { kind: 'token', token: 's3cr3t-broker-token' },
    signaling: { clientId: 'amzn1.application-oa2-client.0123456789abcdef0123456789abcdef', clientSecret: 'client-secret-value', refreshToken: 'Atzr|refresh-token' },
    region: 'EU',
    exportedBy: 'Front desk 1',
    exportedAt: '2025-05-01T08:00:00.000Z',
    ...over,
  };
}

async function problemOf(work: Promise<unknown>): Promise<{ problem: DeskJoinProblem; message: string }> {
  try {
    await work;
  } catch (e) {
    return { problem: (e as { problem: DeskJoinProblem }).problem, message: (e as Error).message };
  }
  throw new Error('expected the file to be refused');
}

/** A file made by hand from the documented format (a cheaper scrypt cost than the console seals with). */
function handMade(payload: unknown, passphrase = PASSPHRASE, over: Record<string, unknown> = {}): string {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const kdf = { name: 'scrypt', N: 2 ** 14, r: 8, p: 1, salt: salt.toString('base64') };
  const cipherInfo = { name: 'aes-256-gcm', iv: iv.toString('base64') };
  const key = scryptSync(passphrase, salt, 32, { N: kdf.N, r: kdf.r, p: kdf.p });
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(JSON.stringify(['frontdesk-desk-join', 1, 'scrypt', kdf.N, kdf.r, kdf.p, kdf.salt, cipherInfo.name, cipherInfo.iv])));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(payload)), cipher.final()]);
  return JSON.stringify({ format: 'frontdesk-desk-join', version: 1, kdf, cipher: cipherInfo, ciphertext: ciphertext.toString('base64'), tag: cipher.getAuthTag().toString('base64'), ...over });
}

describe('desk-join file', () => {
  it('opens with the passphrase it was sealed with, whole and unchanged; the file shows no secret', async () => {
    const creds = userCreds();
    const original = join({ brokerCredential: { kind: 'creds', text: creds } });
    const text = await sealDeskJoin(original, PASSPHRASE);
    for (const secret of [creds.split('\n')[9]!, 'client-secret-value', 'Atzr|refresh-token', 'grand-hotel', 'nats.hotel.example']) expect(text).not.toContain(secret);
    const file = JSON.parse(text);
    expect(file).toMatchObject({ format: 'frontdesk-desk-join', version: 1, kdf: { name: 'scrypt', N: 131072, r: 8, p: 1 }, cipher: { name: 'aes-256-gcm' } });
    expect(await openDeskJoin(text, PASSPHRASE)).toEqual(original);
    // Each file has its own salt and IV.
    expect(JSON.parse(await sealDeskJoin(original, PASSPHRASE)).kdf.salt).not.toBe(file.kdf.salt);
  });

  it('reads a file made from the documented format, and the passphrase as typed on any keyboard (Unicode NFC)', async () => {
    const passphrase = 'Zimmer fünfzehn, bitte';
    const text = handMade(join(), passphrase.normalize('NFC'));
    expect(await openDeskJoin(text, passphrase.normalize('NFD'))).toEqual(join());
  });

  it('refuses a wrong passphrase', async () => {
    const text = await sealDeskJoin(join(), PASSPHRASE);
    const refused = await problemOf(openDeskJoin(text, 'correct horse battery stapler'));
    expect(refused.problem).toBe('wrong-passphrase');
    expect(refused.message).toContain('passphrase does not open this file');
  });

  it('refuses a file changed anywhere: ciphertext, tag, IV, salt or the scrypt cost', async () => {
    const file = JSON.parse(handMade(join()));
    const flip = (b64: string) => {
      const bytes = Buffer.from(b64, 'base64');
      bytes[bytes.length >> 1]! ^= 0x01;
      return bytes.toString('base64');
    };
    const changed = [
      { ...file, ciphertext: flip(file.ciphertext) },
      { ...file, tag: flip(file.tag) },
      { ...file, cipher: { ...file.cipher, iv: flip(file.cipher.iv) } },
      { ...file, kdf: { ...file.kdf, salt: flip(file.kdf.salt) } },
      { ...file, kdf: { ...file.kdf, N: 2 ** 15 } },
    ];
    for (const tampered of changed) expect((await problemOf(openDeskJoin(JSON.stringify(tampered), PASSPHRASE))).problem).toBe('wrong-passphrase');
    expect(await openDeskJoin(JSON.stringify(file), PASSPHRASE)).toEqual(join());
  });

  it('says a file of a newer format needs a newer console, and refuses what is not a desk-join file', async () => {
    const file = JSON.parse(handMade(join()));
    const newer = await problemOf(openDeskJoin(JSON.stringify({ ...file, version: 2 }), PASSPHRASE));
    expect(newer).toMatchObject({ problem: 'newer-version' });
    expect(newer.message).toContain('newer version of the console');
    for (const text of [JSON.stringify({ ...file, version: '1' }), JSON.stringify({ ...file, version: 0 }), '{"rooms": []}', 'id,name\n1,Room 1', '']) {
      expect((await problemOf(openDeskJoin(text, PASSPHRASE))).problem).toBe('not-a-join-file');
    }
    // A file may not ask for more memory than the console allows.
    expect(await problemOf(openDeskJoin(JSON.stringify({ ...file, kdf: { ...file.kdf, N: 2 ** 21 } }), PASSPHRASE))).toMatchObject({ problem: 'not-a-join-file' });
  });

  it('refuses a file over 64 KiB before reading it', async () => {
    const file = JSON.parse(handMade(join()));
    const text = JSON.stringify({ ...file, padding: 'x'.repeat(MAX_DESK_JOIN_BYTES) });
    const refused = await problemOf(openDeskJoin(text, PASSPHRASE));
    expect(refused).toEqual({ problem: 'too-large', message: 'This file is too large to be a desk-join file.' });
  });

  it('names the fields a file lacks, and refuses values the desk could not use', async () => {
    const { signaling, ...noSignaling } = join();
    const missing = await problemOf(openDeskJoin(handMade({ ...join(), signaling: { clientId: signaling.clientId, clientSecret: signaling.clientSecret } }), PASSPHRASE));
    expect(missing.problem).toBe('incomplete');
    expect(missing.message).toContain('signaling.refreshToken: missing');
    expect((await problemOf(openDeskJoin(handMade(noSignaling), PASSPHRASE))).message).toContain('signaling: missing');
    const badUrl = await problemOf(openDeskJoin(handMade({ ...join(), brokerUrl: 'http://nats.hotel.example' }), PASSPHRASE));
    expect(badUrl).toMatchObject({ problem: 'incomplete' });
    expect(badUrl.message).toContain('nats://, tls://, ws:// or wss://');
    const badCreds = await problemOf(openDeskJoin(handMade({ ...join(), brokerCredential: { kind: 'creds', text: 'not a creds file' } }), PASSPHRASE));
    expect(badCreds.message).toContain('not the text of a NATS .creds file');
  });

  it('is sealed only with a passphrase of 12 characters or more, and only with usable values', async () => {
    expect(await problemOf(sealDeskJoin(join(), 'short pass'))).toMatchObject({ problem: 'weak-passphrase' });
    expect(await problemOf(sealDeskJoin(join({ property: 'grand hotel' }), PASSPHRASE))).toMatchObject({ problem: 'incomplete' });
  });
});

describe('broker credential', () => {
  it('takes a .creds file as pasted (Windows line ends too) and a token; names what is wrong without quoting it', () => {
    const creds = userCreds();
    expect(checkBrokerCredential({ kind: 'creds', text: creds.replace(/\n/g, '\r\n') })).toEqual({ kind: 'creds', text: creds.trim() + '\n' });
    expect(checkBrokerCredential({ kind: 'token', text: '  tok-123  ' })).toEqual({ kind: 'token', token: 'tok-123' });
    expect(() => checkBrokerCredential({ kind: 'token', text: 'two words' })).toThrow('token: must not contain spaces or line breaks');
    expect(() => checkBrokerCredential({ kind: 'token', text: ' ' })).toThrow('token: must not be empty');
    // A seed that is not a user's (here an account's) is refused too.
    const userSeed = creds.split('\n')[9]!;
    const accountSeed = creds.replace(userSeed, new TextDecoder().decode(nkeys.createAccount().getSeed()));
    for (const text of ['hunter2', creds.replace('-----BEGIN USER NKEY SEED-----', ''), accountSeed]) {
      let message = '';
      try {
        checkBrokerCredential({ kind: 'creds', text });
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message).toContain('creds: is not the text of a NATS .creds file');
      expect(message).not.toContain(text.slice(0, 20));
    }
  });
});
