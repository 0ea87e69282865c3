// Schemas of every Alexa.Comms.CallSignaling message (main/protocol/messages.ts) and the builders
// of what the console sends (main/protocol/outgoing.ts), against the fixtures in
// test/fixtures/messages (good/<MessageName>.json, bad/<case>.json).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  MESSAGE_NAMES,
  NAMESPACE,
  callerAndCallee,
  messageName,
  parseMessage,
  parseNamed,
  type Participant,
} from '../../main/protocol/messages.js';
import { outgoing } from '../../main/protocol/outgoing.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'messages');

function readJson(...parts: string[]): unknown {
  return JSON.parse(readFileSync(join(FIXTURES, ...parts), 'utf8'));
}

function good(name: string): Record<string, unknown> {
  return readJson('good', `${name}.json`) as Record<string, unknown>;
}

interface BadFixture {
  why: string;
  errorPath: string;
  body: unknown;
}

const badFixtures = readdirSync(join(FIXTURES, 'bad'))
  .filter((f) => f.endsWith('.json'))
  .map((file) => ({ file, ...(readJson('bad', file) as BadFixture) }));

/** Error strings read "path: reason; other.path: reason". */
function errorPaths(error: string): string[] {
  return error.split('; ').map((part) => part.slice(0, part.indexOf(':')));
}

function parsed(input: unknown) {
  const result = parseMessage(input);
  if (!result.ok) throw new Error(`expected to parse, got: ${result.error}`);
  return result.value;
}

describe('good fixtures', () => {
  it.each(MESSAGE_NAMES)('%s parses, keeping its fields', (name) => {
    const body = good(name);
    const value = parsed(body);
    expect(value.type).toBe(`${NAMESPACE}.${name}`);
    expect(messageName(value.type)).toBe(name);
    // Parsing only adds defaults; every field of the input is kept as it was.
    expect(value).toMatchObject(body);
    const named = parseNamed(name, body);
    expect(named.ok).toBe(true);
  });

  it('the skill request envelope carries a parseable request', () => {
    const envelope = readJson('good', 'envelope-InitiateOutboundCall.json') as { request: unknown };
    const value = parsed(envelope.request);
    expect(value.type).toBe(`${NAMESPACE}.InitiateOutboundCall`);
    // The envelope itself is not a message.
    expect(parseMessage(envelope)).toEqual({ ok: false, error: 'type: must be a string' });
  });

  it('tolerates and preserves unknown fields at every level', () => {
    const body: Record<string, unknown> = {
      ...good('InitiateOutboundCall'),
      futureField: { nested: [1, 2] },
      sdpDetails: { type: 'OFFER', value: 'v=0\r\n', encoding: 'plain' },
      participants: [
        { id: { type: 'RAW_ADDRESS', value: 'room-214', label: 'x' }, isOriginator: true, displayName: 'Room 214' },
        { id: { type: 'RAW_ADDRESS', value: 'front-desk' } },
      ],
    };
    const value = parsed(body) as Record<string, unknown>;
    expect(value.futureField).toEqual({ nested: [1, 2] });
    expect(value.requestId).toBe(body.requestId);
    expect(value.sdpDetails).toEqual({ type: 'OFFER', value: 'v=0\r\n', encoding: 'plain' });
    expect(value.participants).toEqual([
      { id: { type: 'RAW_ADDRESS', value: 'room-214', label: 'x' }, isOriginator: true, displayName: 'Room 214' },
      { id: { type: 'RAW_ADDRESS', value: 'front-desk' }, isOriginator: false },
    ]);
  });

  it('reads UNAUTHORISED as UNAUTHORIZED', () => {
    const value = parsed({ ...good('CallEnded'), callResult: { code: 'UNAUTHORISED', message: 'no' } });
    expect(value).toMatchObject({ callResult: { code: 'UNAUTHORIZED', message: 'no' } });
  });

  it.each(['CallUpdate', 'CallUpdateResponse'] as const)('%s without renegotiationType stays without one (the machine reads it from the SDP)', (name) => {
    const { renegotiationType: _omitted, ...body } = good(name);
    expect(parsed(body)).not.toHaveProperty('renegotiationType');
  });

  it('keeps a renegotiationType that is given', () => {
    expect(parsed({ ...good('CallUpdate'), renegotiationType: 'CALL_HOLD' })).toMatchObject({ renegotiationType: 'CALL_HOLD' });
  });

  it('accepts CallInProgress without SDP and CallEnded without callResult', () => {
    const { sdpDetails: _sdp, ...inProgress } = good('CallInProgress');
    const { callResult: _result, ...ended } = good('CallEnded');
    expect(parsed(inProgress)).not.toHaveProperty('sdpDetails');
    expect(parsed(ended)).not.toHaveProperty('callResult');
  });
});

describe('bad fixtures', () => {
  it('cover the required cases', () => {
    expect(badFixtures.length).toBeGreaterThanOrEqual(20);
  });

  it.each(badFixtures)('$file is rejected naming $errorPath ($why)', ({ body, errorPath }) => {
    const before = structuredClone(body);
    const result = parseMessage(body);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(errorPaths(result.error)).toContain(errorPath);
    expect(body).toEqual(before); // parsing never changes its input
  });

  it('rejects a sessionId that is too long and an SDP that is too large', () => {
    const longId = parseMessage({ ...good('CallRinging'), sessionId: 'x'.repeat(513) });
    const bigSdp = parseMessage({ ...good('CallAccepted'), sdpDetails: { type: 'ANSWER', value: 'a'.repeat(200_001) } });
    expect(longId).toEqual({ ok: false, error: 'sessionId: must be at most 512 characters' });
    expect(bigSdp).toEqual({ ok: false, error: 'sdpDetails.value: SDP is too large' });
  });

  it('parseNamed refuses a body of another type', () => {
    const result = parseNamed('CallAccepted', good('CallRinging'));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(errorPaths(result.error)).toEqual(expect.arrayContaining(['type', 'sdpDetails']));
  });
});

describe('messageName', () => {
  it('names CallSignaling types only', () => {
    expect(messageName(`${NAMESPACE}.CallUpdateAck`)).toBe('CallUpdateAck');
    expect(messageName(`${NAMESPACE}.toString`)).toBeUndefined();
    expect(messageName('CallUpdateAck')).toBeUndefined();
    expect(messageName(7)).toBeUndefined();
  });
});

describe('callerAndCallee', () => {
  const a: Participant = { id: { type: 'RAW_ADDRESS', value: 'a' }, isOriginator: false };
  const b: Participant = { id: { type: 'RAW_ADDRESS', value: 'b' }, isOriginator: true };

  it('picks the originator as caller, wherever it is', () => {
    expect(callerAndCallee([a, b])).toEqual({ caller: b, callee: a });
  });

  it('falls back to list order when nobody is the originator', () => {
    const c = { ...b, isOriginator: false };
    expect(callerAndCallee([a, c])).toEqual({ caller: a, callee: c });
  });

  it('has no callee with a single participant', () => {
    expect(callerAndCallee([b])).toEqual({ caller: b, callee: undefined });
  });
});

describe('outgoing builders', () => {
  const sid = 'session-1';
  const sdp = 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\n';
  const t = (name: string) => `${NAMESPACE}.${name}`;

  const cases: [string, unknown, unknown][] = [
    ['ringing', outgoing.ringing(sid), { type: t('CallRinging'), sessionId: sid }],
    ['ringingAck', outgoing.ringingAck(sid), { type: t('CallRingingAck'), sessionId: sid }],
    ['inProgressAck', outgoing.inProgressAck(sid), { type: t('CallInProgressAck'), sessionId: sid }],
    ['acceptedAck', outgoing.acceptedAck(sid), { type: t('CallAcceptedAck'), sessionId: sid }],
    ['updateAck', outgoing.updateAck(sid), { type: t('CallUpdateAck'), sessionId: sid }],
    [
      'inProgress',
      outgoing.inProgress(sid, sdp),
      { type: t('CallInProgress'), sessionId: sid, sdpDetails: { type: 'ANSWER', value: sdp } },
    ],
    [
      'accepted',
      outgoing.accepted(sid, sdp),
      { type: t('CallAccepted'), sessionId: sid, sdpDetails: { type: 'ANSWER', value: sdp } },
    ],
    [
      'update',
      outgoing.update(sid, 'CALL_HOLD', sdp),
      { type: t('CallUpdate'), sessionId: sid, renegotiationType: 'CALL_HOLD', sdpDetails: { type: 'OFFER', value: sdp } },
    ],
    [
      'updateResponse',
      outgoing.updateResponse(sid, 'CALL_RESUME', sdp),
      {
        type: t('CallUpdateResponse'),
        sessionId: sid,
        renegotiationType: 'CALL_RESUME',
        sdpDetails: { type: 'ANSWER', value: sdp },
      },
    ],
    [
      'ended',
      outgoing.ended(sid, 'DEVICE_BUSY', 'Declined by the front desk'),
      { type: t('CallEnded'), sessionId: sid, callResult: { code: 'DEVICE_BUSY', message: 'Declined by the front desk' } },
    ],
    [
      'initiateInbound',
      outgoing.initiateInbound({
        sessionId: sid,
        from: { type: 'RAW_ADDRESS', value: 'front-desk' },
        to: { type: 'COMMUNICATION_PROFILE_ID', value: 'amzn1.alexa.communications.profile.did.R1' },
        offer: sdp,
        callerName: 'Front Desk',
      }),
      {
        type: t('InitiateInboundCall'),
        sessionId: sid,
        participants: [
          { id: { type: 'RAW_ADDRESS', value: 'front-desk' }, isOriginator: true },
          { id: { type: 'COMMUNICATION_PROFILE_ID', value: 'amzn1.alexa.communications.profile.did.R1' }, isOriginator: false },
        ],
        sdpDetails: { type: 'OFFER', value: sdp },
        customParams: { callerName: 'Front Desk' },
      },
    ],
  ];

  it.each(cases)('%s builds exactly the documented body, which parseMessage accepts unchanged', (_name, body, expected) => {
    expect(body).toStrictEqual(expected);
    expect(JSON.parse(JSON.stringify(body))).toStrictEqual(expected);
    expect(parsed(body)).toStrictEqual(expected);
  });

  it('covers every builder', () => {
    expect(cases.map(([name]) => name).sort()).toEqual(Object.keys(outgoing).sort());
  });

  it('initiateInbound omits customParams without a caller name and copies only type and value of addresses', () => {
    const richer = { type: 'RAW_ADDRESS' as const, value: 'front-desk', name: 'Front Desk', floor: '1' };
    const body = outgoing.initiateInbound({ sessionId: sid, from: richer, to: richer, offer: sdp, callerName: '' });
    expect(body).toStrictEqual({
      type: t('InitiateInboundCall'),
      sessionId: sid,
      participants: [
        { id: { type: 'RAW_ADDRESS', value: 'front-desk' }, isOriginator: true },
        { id: { type: 'RAW_ADDRESS', value: 'front-desk' }, isOriginator: false },
      ],
      sdpDetails: { type: 'OFFER', value: sdp },
    });
  });
});
