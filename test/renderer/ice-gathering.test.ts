// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { candidateType, gatheringDone, requiredMids, wantedCandidateType, type SeenCandidate } from '../../renderer/src/media/ice-gathering.js';

const srflx = (mid: string): SeenCandidate => ({ mid, type: 'srflx' });
const host = (mid: string): SeenCandidate => ({ mid, type: 'host' });
const relay = (mid: string): SeenCandidate => ({ mid, type: 'relay' });

describe('gatheringDone', () => {
  it('stops when gathering is complete, whatever was found', () => {
    expect(gatheringDone({ required: ['0', '1'], wanted: 'srflx', candidates: [], complete: true })).toBe(true);
    expect(gatheringDone({ required: ['0'], wanted: null, candidates: [], complete: true })).toBe(true);
  });

  it('stops as soon as every required m-line has a server-reflexive candidate', () => {
    const progress = { required: ['0', '1'], wanted: 'srflx' as const, complete: false };
    expect(gatheringDone({ ...progress, candidates: [host('0'), host('1')] })).toBe(false);
    expect(gatheringDone({ ...progress, candidates: [host('0'), srflx('0')] })).toBe(false);
    expect(gatheringDone({ ...progress, candidates: [srflx('0'), host('1'), srflx('1')] })).toBe(true);
  });

  it('with TURN configured, waits for relay candidates: srflx is not enough', () => {
    const progress = { required: ['0'], wanted: 'relay' as const, complete: false };
    expect(gatheringDone({ ...progress, candidates: [srflx('0')] })).toBe(false);
    expect(gatheringDone({ ...progress, candidates: [srflx('0'), relay('0')] })).toBe(true);
  });

  it('without STUN/TURN only completion (or the cap) ends gathering', () => {
    expect(gatheringDone({ required: ['0'], wanted: null, candidates: [host('0'), srflx('0')], complete: false })).toBe(false);
  });

  it('never stops early with nothing required or candidates without a mid', () => {
    expect(gatheringDone({ required: [], wanted: 'srflx', candidates: [srflx('0')], complete: false })).toBe(false);
    expect(gatheringDone({ required: ['0'], wanted: 'srflx', candidates: [{ mid: null, type: 'srflx' }], complete: false })).toBe(false);
  });
});

describe('wantedCandidateType', () => {
  it('is relay with any TURN server, srflx with STUN only, null with none', () => {
    expect(wantedCandidateType([])).toBeNull();
    expect(wantedCandidateType([{ urls: 'stun:stun.example.net:3478' }])).toBe('srflx');
    expect(wantedCandidateType([{ urls: ['stun:a', 'turns:b:443'] }])).toBe('relay');
    expect(wantedCandidateType([{ urls: 'stun:a' }, { urls: 'TURN:b' }])).toBe('relay');
  });
});

describe('candidateType', () => {
  it('reads the typ field of a candidate line', () => {
    expect(candidateType('candidate:1 1 udp 2122260223 192.168.1.4 50000 typ host generation 0')).toBe('host');
    expect(candidateType('candidate:2 1 udp 1686052607 203.0.113.9 50000 typ srflx raddr 192.168.1.4 rport 50000')).toBe('srflx');
    expect(candidateType('candidate:3 1 udp 41885439 198.51.100.2 3478 typ relay')).toBe('relay');
    expect(candidateType('garbage')).toBeNull();
  });
});

describe('requiredMids', () => {
  const sdp = (...sections: string[]) => ['v=0', 'o=- 1 2 IN IP4 127.0.0.1', 's=-', 't=0 0', 'a=group:BUNDLE 0 1', ...sections].join('\r\n') + '\r\n';
  const audio = 'm=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=mid:0\r\na=sendrecv';
  const video = 'm=video 9 UDP/TLS/RTP/SAVPF 96\r\nc=IN IP4 0.0.0.0\r\na=mid:1\r\na=sendrecv';
  const rejected = 'm=video 0 UDP/TLS/RTP/SAVPF 96\r\na=mid:2\r\na=inactive';

  it('in a first offer every live m-line needs its own candidates', () => {
    expect(requiredMids(sdp(audio, video), false)).toEqual(['0', '1']);
  });

  it('once BUNDLE is negotiated, a bundle group needs candidates on its first mid only', () => {
    expect(requiredMids(sdp(audio, video), true)).toEqual(['0']);
  });

  it('skips rejected m-lines (port 0)', () => {
    expect(requiredMids(sdp(audio, rejected), false)).toEqual(['0']);
  });

  it('an m-line outside the bundle group needs its own candidates', () => {
    const unbundled = ['v=0', 's=-', 'a=group:BUNDLE 0', audio, video].join('\r\n');
    expect(requiredMids(unbundled, true)).toEqual(['0', '1']);
  });

  it('without a BUNDLE group every m-line counts', () => {
    expect(requiredMids(['v=0', 's=-', audio, video].join('\n'), true)).toEqual(['0', '1']);
  });
});
