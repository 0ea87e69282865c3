// The desk-join file: what a new desk of a property needs — the property's server and id, the
// credential for that server, the calling skill's signaling client and refresh token, the region —
// sealed with a passphrase an admin types on both desks. scrypt turns the passphrase into the key;
// AES-256-GCM encrypts the payload and authenticates it together with the file's header, so a wrong
// passphrase, a changed byte or a changed parameter all fail the same way and nothing is taken from
// the file. Pure: no keychain, no settings (main/desk/property-join.ts does that).
//
//   { "format": "frontdesk-desk-join", "version": 1,
//     "kdf": { "name": "scrypt", "N": 131072, "r": 8, "p": 1, "salt": "<base64, 16 bytes>" },
//     "cipher": { "name": "aes-256-gcm", "iv": "<base64, 12 bytes>" },
//     "ciphertext": "<base64>", "tag": "<base64, 16 bytes>" }
import { createCipheriv, createDecipheriv, randomBytes, scrypt, type BinaryLike, type ScryptOptions } from 'node:crypto';
import { z } from 'zod';
import type { BrokerCredentialInput } from '../domain/property.js';
import { text, type Text } from '../domain/text.js';
import { inEnglish } from '../i18n/format.js';
import { checkBrokerCredential } from './broker-credential.js';
import { checkBrokerUrl, type BrokerCredential } from './broker.js';
import { PROPERTY_ID_PATTERN } from './names.js';

export const DESK_JOIN_FORMAT = 'frontdesk-desk-join';
export const DESK_JOIN_VERSION = 1;
/** The largest file opened: real ones are 2-4 KiB (a .creds file, a refresh token). */
export const MAX_DESK_JOIN_BYTES = 64 * 1024;
export const MIN_PASSPHRASE_LENGTH = 12;
const MAX_PASSPHRASE_LENGTH = 1_024;

/** scrypt's cost when sealing (OWASP's first choice: N=2^17, r=8, p=1; ~128 MiB, well under a second). */
const SEAL_KDF = { N: 2 ** 17, r: 8, p: 1 } as const;
/** What a file may ask of this machine when it is opened: up to 256 MiB of memory, p ≤ 4. */
const MAX_KDF_MEMORY = 256 * 1024 * 1024;

export interface DeskJoin {
  brokerUrl: string;
  property: string;
  /** The credential the new desk uses for the property's server; null for a server without sign-in. */
  brokerCredential: BrokerCredential;
  /** The calling skill's Alexa Skill Messaging client and the linked refresh token. */
  signaling: { clientId: string; clientSecret: string; refreshToken: string };
  region: 'NA' | 'EU' | 'FE';
  /** The desk that exported the file, and when (ISO time): shown when it is imported. */
  exportedBy: string;
  exportedAt: string;
}

export type DeskJoinProblem = 'too-large' | 'not-a-join-file' | 'newer-version' | 'wrong-passphrase' | 'incomplete' | 'weak-passphrase';

/** What staff read for each problem; the English message may add detail for the log. */
const PROBLEM_WORDS: Record<Exclude<DeskJoinProblem, 'weak-passphrase'>, Text> = {
  'too-large': text('deskJoin.tooLarge'),
  'not-a-join-file': text('deskJoin.notAJoinFile'),
  'newer-version': text('deskJoin.newerVersion'),
  'wrong-passphrase': text('deskJoin.wrongPassphrase'),
  incomplete: text('deskJoin.damaged'),
};

export class DeskJoinError extends Error {
  override name = 'DeskJoinError';
  /** The file's problem for staff; a passphrase's problem is said under its field instead. */
  readonly words?: Text;
  readonly fieldWords?: Record<string, Text>;

  constructor(problem: Exclude<DeskJoinProblem, 'weak-passphrase'>, detail?: string);
  constructor(problem: 'weak-passphrase', detail: string, passphraseWords: Text);
  constructor(
    readonly problem: DeskJoinProblem,
    detail?: string,
    passphraseWords?: Text,
  ) {
    const words = problem === 'weak-passphrase' ? undefined : PROBLEM_WORDS[problem];
    super(words ? inEnglish(words) + (detail ? ` (${detail})` : '') : `passphrase: ${detail}`);
    if (words) this.words = words;
    if (passphraseWords) this.fieldWords = { passphrase: passphraseWords };
  }
}

// ---- the payload

const secretText = z.string().regex(/^[\x21-\x7e]+$/, 'must be text without spaces').max(8_192, 'is too long');
const credentialSchema = z
  .union([z.strictObject({ kind: z.literal('creds'), text: z.string().max(16_000) }), z.strictObject({ kind: z.literal('token'), token: z.string().max(4_096) })])
  .nullable();

const payloadSchema = z.strictObject({
  brokerUrl: z.string().max(1_000),
  property: z.string().regex(PROPERTY_ID_PATTERN, 'must be 1-64 letters, digits, "-" or "_"'),
  brokerCredential: credentialSchema,
  signaling: z.strictObject({ clientId: secretText, clientSecret: secretText, refreshToken: secretText }),
  region: z.enum(['NA', 'EU', 'FE']),
  exportedBy: z.string().trim().min(1).max(100),
  exportedAt: z.iso.datetime(),
});

/** The payload checked as deeply as the desk checks each part on its own; throws DeskJoinError('incomplete'). */
function checkPayload(value: unknown): DeskJoin {
  const parsed = payloadSchema.safeParse(value);
  if (!parsed.success) throw new DeskJoinError('incomplete', issueWords(parsed.error));
  const join = parsed.data;
  try {
    const brokerCredential = join.brokerCredential && checkBrokerCredential(asInput(join.brokerCredential));
    return { ...join, brokerUrl: checkBrokerUrl(join.brokerUrl), brokerCredential };
  } catch (e) {
    throw new DeskJoinError('incomplete', `a value the console cannot use: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** The problems in one line (commas, not semicolons: the screen splits an error at "; " into fields). */
function issueWords(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`)
    .join(', ')
    .replace(/Invalid input: expected \w+, received undefined/g, 'missing');
}

function asInput(credential: NonNullable<BrokerCredential>): BrokerCredentialInput {
  return credential.kind === 'creds' ? { kind: 'creds', text: credential.text } : { kind: 'token', text: credential.token };
}

// ---- the envelope

const base64 = (bytes?: number) =>
  z
    .string()
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64')
    .refine((s) => bytes === undefined || Buffer.from(s, 'base64').length === bytes, { error: `must be ${bytes} bytes` });

const envelopeSchema = z.strictObject({
  format: z.literal(DESK_JOIN_FORMAT),
  version: z.literal(DESK_JOIN_VERSION),
  kdf: z.strictObject({
    name: z.literal('scrypt'),
    N: z
      .number()
      .int()
      .min(2 ** 14)
      .max(2 ** 20)
      .refine((n) => (n & (n - 1)) === 0, 'must be a power of two'),
    r: z.number().int().min(1).max(32),
    p: z.number().int().min(1).max(4),
    salt: base64().refine((s) => Buffer.from(s, 'base64').length >= 16, 'must be at least 16 bytes'),
  }),
  cipher: z.strictObject({ name: z.literal('aes-256-gcm'), iv: base64(12) }),
  ciphertext: base64(),
  tag: base64(16),
});
type Envelope = z.infer<typeof envelopeSchema>;

/** Everything but the ciphertext and tag is authenticated too: a changed parameter fails like a changed byte. */
function header(e: Omit<Envelope, 'ciphertext' | 'tag'>): Buffer {
  return Buffer.from(JSON.stringify([e.format, e.version, e.kdf.name, e.kdf.N, e.kdf.r, e.kdf.p, e.kdf.salt, e.cipher.name, e.cipher.iv]));
}

function deriveKey(passphrase: string, salt: Buffer, kdf: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...kdf, maxmem: MAX_KDF_MEMORY + 1024 * 1024 };
  // The async scrypt runs on libuv's pool: the desk's main thread keeps serving calls meanwhile.
  return new Promise((resolve, reject) =>
    scrypt(passphrase.normalize('NFC') as BinaryLike, salt, 32, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

/** The file's text for `join`, sealed with `passphrase` (at least MIN_PASSPHRASE_LENGTH characters). */
export async function sealDeskJoin(join: DeskJoin, passphrase: string): Promise<string> {
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) {
    throw new DeskJoinError(
      'weak-passphrase',
      `must be at least ${MIN_PASSPHRASE_LENGTH} characters (a few words are easy to type and hard to guess)`,
      text('deskJoin.passphraseShort', { min: MIN_PASSPHRASE_LENGTH }),
    );
  }
  if (passphrase.length > MAX_PASSPHRASE_LENGTH) {
    throw new DeskJoinError('weak-passphrase', `must be at most ${MAX_PASSPHRASE_LENGTH} characters`, text('deskJoin.passphraseLong', { max: MAX_PASSPHRASE_LENGTH }));
  }
  const payload = checkPayload(join);
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const head = {
    format: DESK_JOIN_FORMAT,
    version: DESK_JOIN_VERSION,
    kdf: { name: 'scrypt', ...SEAL_KDF, salt: salt.toString('base64') },
    cipher: { name: 'aes-256-gcm', iv: iv.toString('base64') },
  } as const;
  const key = await deriveKey(passphrase, salt, SEAL_KDF);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(header(head));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(payload), 'utf8'), cipher.final()]);
  const envelope: Envelope = { ...head, ciphertext: ciphertext.toString('base64'), tag: cipher.getAuthTag().toString('base64') };
  return `${JSON.stringify(envelope, null, 2)}\n`;
}

/** Opens a desk-join file; throws DeskJoinError in plain words when it cannot (nothing is half-read). */
export async function openDeskJoin(text: string, passphrase: string): Promise<DeskJoin> {
  if (Buffer.byteLength(text, 'utf8') > MAX_DESK_JOIN_BYTES) throw new DeskJoinError('too-large');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new DeskJoinError('not-a-join-file');
  }
  const envelope = readEnvelope(raw);
  const key = await deriveKey(passphrase, Buffer.from(envelope.kdf.salt, 'base64'), envelope.kdf);
  let plain: string;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(envelope.cipher.iv, 'base64'), { authTagLength: 16 });
    decipher.setAAD(header(envelope));
    decipher.setAuthTag(Buffer.from(envelope.tag, 'base64'));
    plain = Buffer.concat([decipher.update(Buffer.from(envelope.ciphertext, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    throw new DeskJoinError('wrong-passphrase');
  }
  let payload: unknown;
  try {
    payload = JSON.parse(plain);
  } catch {
    throw new DeskJoinError('incomplete', 'its content is not JSON');
  }
  return checkPayload(payload);
}

function readEnvelope(raw: unknown): Envelope {
  const version = typeof raw === 'object' && raw !== null ? (raw as { format?: unknown; version?: unknown }) : {};
  if (version.format !== DESK_JOIN_FORMAT) throw new DeskJoinError('not-a-join-file');
  if (typeof version.version === 'number' && Number.isInteger(version.version) && version.version > DESK_JOIN_VERSION) {
    throw new DeskJoinError('newer-version', `format ${version.version}, this console reads format ${DESK_JOIN_VERSION}`);
  }
  const parsed = envelopeSchema.safeParse(raw);
  if (!parsed.success) throw new DeskJoinError('not-a-join-file', issueWords(parsed.error));
  return parsed.data;
}
