// Reading hold and resume from a re-offer's media directions, for re-offers without a
// renegotiationType: real offers from Chromium and the simulated Echo, and the SDP corner cases.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inferRenegotiationType, mediaDirections } from '../../main/protocol/renegotiation.js';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '..', 'fixtures', 'sdp', `${name}.sdp`), 'utf8');
const sdp = (...lines: string[]) => ['v=0', 'o=- 1 1 IN IP4 127.0.0.1', 's=-', 't=0 0', ...lines, ''].join('\r\n');

describe('mediaDirections', () => {
  it.each([
    ['chromium-offer', ['sendrecv', 'sendrecv']],
    ['chromium-hold', ['sendonly', 'sendonly']],
    ['echo-show-hold', ['inactive', 'inactive']],
    ['echo-dot-offer', ['sendrecv', 'recvonly']],
    ['echo-dot-resume', ['sendrecv', 'recvonly']],
  ])('%s -> %j', (name, directions) => {
    expect(mediaDirections(fixture(name))).toEqual(directions);
  });

  it('uses the session-level direction for sections without their own, and reads LF-only SDP', () => {
    const text = sdp('a=sendonly', 'm=audio 9 UDP/TLS/RTP/SAVPF 111', 'm=video 9 UDP/TLS/RTP/SAVPF 96', 'a=inactive');
    expect(mediaDirections(text)).toEqual(['sendonly', 'inactive']);
    expect(mediaDirections(text.replace(/\r\n/g, '\n'))).toEqual(['sendonly', 'inactive']);
  });

  it('leaves out rejected sections (port 0) and data channels', () => {
    const text = sdp('m=audio 9 UDP/TLS/RTP/SAVPF 111', 'a=sendonly', 'm=video 0 UDP/TLS/RTP/SAVPF 96', 'a=sendrecv', 'm=application 9 UDP/DTLS/SCTP webrtc-datachannel');
    expect(mediaDirections(text)).toEqual(['sendonly']);
  });

  it('finds nothing in text that is not SDP', () => {
    expect(mediaDirections('not sdp at all')).toEqual([]);
  });
});

describe('inferRenegotiationType', () => {
  it.each([
    ['chromium-hold', false, 'CALL_HOLD'],
    ['chromium-resume', true, 'CALL_RESUME'],
    ['echo-dot-hold', false, 'CALL_HOLD'],
    ['echo-dot-resume', true, 'CALL_RESUME'],
    ['echo-show-hold', true, 'CALL_UPDATE'], // already held: nothing new
    ['chromium-offer', false, 'CALL_UPDATE'],
  ] as const)('%s (held by the room: %s) -> %s', (name, held, type) => {
    expect(inferRenegotiationType(fixture(name), held)).toBe(type);
  });

  it('reads an offer without audio or video as a plain update', () => {
    expect(inferRenegotiationType(sdp('m=application 9 UDP/DTLS/SCTP webrtc-datachannel'), false)).toBe('CALL_UPDATE');
  });
});
