// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { answerStep, sumRtpBytes, transceiverDirection } from '../../renderer/src/media/negotiation.js';
import { cameraWarning, microphoneProblem, openCamera, openMicrophone, PlainMediaError } from '../../renderer/src/media/local-media.js';

const domError = (name: string) => Object.assign(new Error(name), { name });

describe('answerStep', () => {
  it('applies a provisional answer as pranswer and a final one as answer while our offer waits', () => {
    expect(answerStep('have-local-offer', true)).toEqual({ apply: 'pranswer' });
    expect(answerStep('have-local-offer', false)).toEqual({ apply: 'answer' });
    expect(answerStep('have-remote-pranswer', true)).toEqual({ apply: 'pranswer' });
    expect(answerStep('have-remote-pranswer', false)).toEqual({ apply: 'answer' });
  });

  it('does nothing when already stable (a repeated or late final answer)', () => {
    expect(answerStep('stable', false)).toEqual({ apply: 'nothing' });
    expect(answerStep('stable', true)).toEqual({ apply: 'nothing' });
  });

  it('refuses an answer when no offer of ours is pending', () => {
    expect(answerStep('have-remote-offer', false)).toMatchObject({ apply: 'error' });
    expect(answerStep('closed', false)).toMatchObject({ apply: 'error' });
  });
});

describe('transceiverDirection', () => {
  it('is inactive on hold, sendrecv with a track, recvonly without', () => {
    expect(transceiverDirection({ held: true, sending: true })).toBe('inactive');
    expect(transceiverDirection({ held: false, sending: true })).toBe('sendrecv');
    expect(transceiverDirection({ held: false, sending: false })).toBe('recvonly');
  });
});

describe('sumRtpBytes', () => {
  it('sums RTP bytes by direction and kind, ignoring other reports', () => {
    expect(
      sumRtpBytes([
        { type: 'inbound-rtp', kind: 'audio', bytesReceived: 100 },
        { type: 'inbound-rtp', kind: 'audio', bytesReceived: 5 },
        { type: 'inbound-rtp', kind: 'video', bytesReceived: 7 },
        { type: 'outbound-rtp', kind: 'audio', bytesSent: 30 },
        { type: 'outbound-rtp', kind: 'video', bytesSent: 40 },
        { type: 'transport', bytesReceived: 999 },
      ]),
    ).toEqual({ inboundAudioBytes: 105, inboundVideoBytes: 7, outboundAudioBytes: 30, outboundVideoBytes: 40 });
  });
});

describe('local media errors in plain words', () => {
  it('names a missing or refused microphone', () => {
    expect(microphoneProblem(domError('NotFoundError'))).toBe('media.noMicrophone');
    expect(microphoneProblem(domError('NotAllowedError'))).toBe('media.microphoneDenied');
    expect(microphoneProblem(domError('NotReadableError'))).toBe('media.microphoneBusy');
    expect(microphoneProblem(new Error('odd'))).toBe('media.microphoneFailed');
  });

  it('openMicrophone turns getUserMedia failures into those words', async () => {
    const devices = { getUserMedia: async () => Promise.reject(domError('NotAllowedError')) };
    await expect(openMicrophone(devices)).rejects.toEqual(expect.objectContaining({ words: 'media.microphoneDenied' }));
    const none = { getUserMedia: async () => Promise.reject(domError('NotFoundError')) };
    const error = await openMicrophone(none).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlainMediaError);
    expect(error).toMatchObject({ words: 'media.noMicrophone', reason: expect.stringContaining('NotFoundError') });
  });

  it('a missing camera is a warning: the call goes on with audio', async () => {
    const devices = { getUserMedia: async () => Promise.reject(domError('NotFoundError')) };
    await expect(openCamera(devices)).resolves.toEqual({ warning: 'media.noCamera' });
    expect(cameraWarning(domError('NotAllowedError'))).toBe('media.cameraDenied');
  });
});
