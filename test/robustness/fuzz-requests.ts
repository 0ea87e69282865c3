// Webhook requests for fuzzing, from a seeded generator (the same seed gives the same requests):
// valid events for every route, then mutated (fields dropped, retyped, oversized, nested deep,
// renamed), raw garbage bodies, wrong methods, content types and paths (malformed %-encoding
// included), with and without the secret, and events for calls in every state.
import { NAMESPACE, MESSAGE_NAMES } from '../../main/protocol/messages.js';

export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer | null;
}

/** mulberry32: small, fast, and enough to make the requests reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SDP = 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=sendrecv\r\na=rtpmap:111 opus/48000/2\r\n';
const ROUTES = ['/offer', '/ring', '/answer', '/reoffer', '/reanswer', '/end', '/alexa', '/health'];

export class RequestFuzzer {
  private readonly random: () => number;
  /** Session ids the generator has offered, so later events can hit live and ended calls. */
  private readonly sessions: string[] = [];
  private serial = 0;

  constructor(
    seed: number,
    private readonly secret: string,
  ) {
    this.random = seededRandom(seed);
  }

  next(): FuzzRequest {
    const kind = this.pick(['event', 'event', 'event', 'mutated', 'mutated', 'mutated', 'garbage', 'http', 'grant', 'sequence'] as const);
    switch (kind) {
      case 'event':
        return this.json(this.route(), this.validBody());
      case 'mutated':
        return this.json(this.route(), this.mutate(this.validBody()));
      case 'garbage':
        return this.raw('POST', this.pick(ROUTES), this.garbage(), 'application/json');
      case 'http':
        return this.httpOddity();
      case 'grant':
        return this.json('/alexa', { request: { type: 'Alexa.Authorization.Grant', body: { grant: { type: 'OAuth2.AuthorizationCode', code: this.anyValue() } } } });
      case 'sequence':
        return this.json('/alexa', { request: this.message(this.pick(MESSAGE_NAMES), this.knownSession()) });
    }
  }

  // ---- valid requests ----------------------------------------------------------------------

  private validBody(): unknown {
    const sessionId = this.random() < 0.3 ? this.newSession() : this.knownSession();
    if (this.random() < 0.5) return { request: this.message(this.pick(MESSAGE_NAMES), sessionId) };
    return this.sampleBody(sessionId);
  }

  /** A body of Amazon's sample skill, for a random route. */
  private sampleBody(sessionId: string): Record<string, unknown> {
    return this.pick([
      { sessionID: sessionId, sdpoffer: SDP, participants: this.participants() },
      { sessionId },
      { sessionId, sdp: SDP },
      { sessionId, sdp: SDP, renegotiationType: this.pick(['CALL_HOLD', 'CALL_RESUME', 'CALL_UPDATE']) },
      { sessionId, callResult: { code: this.pick(['SUCCESS', 'DEVICE_BUSY', 'UNAUTHORISED']), message: 'x' } },
    ]);
  }

  private message(name: string, sessionId: string): Record<string, unknown> {
    const message: Record<string, unknown> = { type: `${NAMESPACE}.${name}`, sessionId };
    if (name === 'InitiateOutboundCall' || name === 'InitiateInboundCall') {
      message.participants = this.participants();
      message.sdpDetails = { type: 'OFFER', value: SDP };
    }
    if (name === 'CallAccepted' || name === 'CallInProgress' || name === 'CallUpdateResponse') message.sdpDetails = { type: 'ANSWER', value: SDP };
    if (name === 'CallUpdate') message.sdpDetails = { type: 'OFFER', value: SDP };
    if (name.startsWith('CallUpdate') && this.random() < 0.5) message.renegotiationType = this.pick(['CALL_HOLD', 'CALL_RESUME', 'CALL_UPDATE']);
    if (name === 'CallEnded' && this.random() < 0.5) message.callResult = { code: 'SUCCESS', message: 'bye' };
    return message;
  }

  private participants() {
    return [
      { id: { type: 'RAW_ADDRESS', value: `room-${Math.floor(this.random() * 50)}` }, isOriginator: true },
      { id: { type: 'RAW_ADDRESS', value: 'front-desk' }, isOriginator: false },
    ];
  }

  private newSession(): string {
    const id = `fuzz-${++this.serial}-${Math.floor(this.random() * 1e9)}`;
    this.sessions.push(id);
    if (this.sessions.length > 200) this.sessions.shift();
    return id;
  }

  private knownSession(): string {
    return this.sessions.length && this.random() < 0.8 ? this.pick(this.sessions) : this.newSession();
  }

  // ---- mutations ---------------------------------------------------------------------------

  /** One to three changes anywhere in the value: dropped, retyped, oversized, renamed, nested. */
  private mutate(value: unknown): unknown {
    let out = structuredClone(value);
    const rounds = 1 + Math.floor(this.random() * 3);
    for (let i = 0; i < rounds; i++) out = this.mutateOnce(out);
    return out;
  }

  private mutateOnce(value: unknown): unknown {
    if (typeof value !== 'object' || value === null) return this.anyValue();
    const keys = Object.keys(value);
    if (keys.length === 0 || this.random() < 0.15) return this.anyValue();
    const key = this.pick(keys);
    const target = value as Record<string, unknown>;
    const action = this.pick(['drop', 'retype', 'recurse', 'recurse', 'rename', 'add'] as const);
    if (action === 'drop') delete target[key];
    if (action === 'retype') target[key] = this.anyValue();
    if (action === 'recurse') target[key] = this.mutateOnce(target[key]);
    if (action === 'rename') {
      target[this.pick(['sessionID', 'sessionId', 'sdp', 'sdpoffer', 'sdpOffer', 'type', 'request', '__proto__', 'constructor', ''])] = target[key];
      delete target[key];
    }
    if (action === 'add') target[this.pick(['accessToken', 'extra', 'sdpAnswer', 'renegotiationType', 'callResult'])] = this.anyValue();
    return value;
  }

  /** A value of any kind, many at the edges of what the webhook allows. */
  anyValue(): unknown {
    const r = this.random();
    if (r < 0.1) return null;
    if (r < 0.2) return this.pick([0, -1, 1.5, 1e308, Number.MAX_SAFE_INTEGER, true, false]);
    if (r < 0.3) return '';
    if (r < 0.4) return 'x'.repeat(this.pick([511, 512, 513, 4096, 5000, 70_000, 200_001]));
    if (r < 0.5) return this.pick(['Alexa.Comms.CallSignaling.CallExploded', 'OFFER', 'ANSWER', 'RAW_ADDRESS', '𝄞🚪\u0000\u202e', 'Bearer x', '%E0%A4%A', '../../etc/passwd']);
    if (r < 0.6) return Array.from({ length: this.pick([0, 1, 17, 1000]) }, () => ({ id: { type: 'RAW_ADDRESS', value: 'x' } }));
    if (r < 0.7) return this.nested(this.pick([10, 63, 65, 400, 4000]));
    if (r < 0.8) return { type: 'OFFER', value: this.pick([SDP, '', 42, 'v=0']) };
    return `s-${Math.floor(this.random() * 1e6)}`;
  }

  private nested(depth: number): unknown {
    let value: unknown = 'leaf';
    for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
    return value;
  }

  // ---- raw requests --------------------------------------------------------------------------

  private garbage(): Buffer {
    const r = this.random();
    if (r < 0.2) return Buffer.from(Array.from({ length: Math.floor(this.random() * 2000) }, () => Math.floor(this.random() * 256)));
    if (r < 0.4) return Buffer.from(`{"sessionId": "${'\\'.repeat(Math.floor(this.random() * 10))}`); // cut off
    if (r < 0.5) return Buffer.concat([Buffer.from('{"sessionId":"'), Buffer.from([0xff, 0xfe, 0xc3, 0x28]), Buffer.from('"}')]); // invalid UTF-8
    if (r < 0.6) return Buffer.from(`\uFEFF{"sessionId":"bom-${this.serial}"}`);
    if (r < 0.7) return Buffer.from('['.repeat(5000) + ']'.repeat(5000));
    if (r < 0.8) return Buffer.alloc(256 * 1024 + 10, 0x20); // over the limit
    if (r < 0.9) return Buffer.from(`{"sessionId":"${'a'.repeat(255 * 1024)}"}`); // just under
    return Buffer.from(this.pick(['', 'null', '[]', '"text"', '1e999', '{"a":1,"a":2}', '{"__proto__":{"polluted":1},"sessionId":"p"}']));
  }

  private httpOddity(): FuzzRequest {
    const r = this.random();
    if (r < 0.25) return this.raw(this.pick(['GET', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'HEAD']), this.pick(ROUTES), Buffer.from('{}'), 'application/json');
    if (r < 0.5) return this.raw('POST', this.pick(ROUTES), Buffer.from('{"sessionId":"x"}'), this.pick(['text/plain', '', 'application/x-www-form-urlencoded', 'application/json; charset=latin1', 'application/vnd.alexa+json', 'multipart/form-data']));
    const path = this.pick([
      '/%E0%A4%A/offer',
      `/${encodeURIComponent(this.secret)}/../end`,
      '//offer',
      '/offer/',
      '/offer?x=%ZZ',
      `/${this.secret.slice(0, -1)}/end`,
      '/a/b/c/end',
      `/${'x'.repeat(5000)}`,
      '/ALEXA',
      '/.%2e/health',
    ]);
    return this.raw('POST', path, Buffer.from(JSON.stringify({ sessionId: 'path' })), 'application/json');
  }

  private route(): string {
    return this.pick(ROUTES.filter((r) => r !== '/health'));
  }

  private json(path: string, body: unknown): FuzzRequest {
    let text: string;
    try {
      text = JSON.stringify(body) ?? 'null';
    } catch {
      text = '{}';
    }
    return this.raw('POST', path, Buffer.from(text), 'application/json');
  }

  /** Most requests carry the secret (as a bearer token or a path prefix) so they reach the parser. */
  private raw(method: string, path: string, body: Buffer | null, contentType: string): FuzzRequest {
    const headers: Record<string, string> = contentType ? { 'Content-Type': contentType } : {};
    const r = this.random();
    let fullPath = path;
    if (r < 0.6) headers.Authorization = `Bearer ${this.secret}`;
    else if (r < 0.85) fullPath = `/${this.secret}${path}`;
    else if (r < 0.92) headers.Authorization = this.pick(['Bearer wrong', 'Basic abc', 'Bearer', `bearer ${this.secret}`, `Bearer ${this.secret} extra`]);
    return { method, path: fullPath, headers, body: method === 'GET' || method === 'HEAD' ? null : body };
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)]!;
  }
}
