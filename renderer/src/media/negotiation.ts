// Small pure decisions of the SDP exchange, kept apart so they are unit-tested without a browser.

/** How to apply an answer from the room in the current signaling state. */
export type AnswerStep =
  | { apply: 'pranswer' | 'answer' }
  | { apply: 'nothing' } // already stable: a repeated final answer, or one that came after it
  | { apply: 'error'; reason: string };

export function answerStep(signalingState: RTCSignalingState, provisional: boolean): AnswerStep {
  switch (signalingState) {
    case 'have-local-offer':
    case 'have-remote-pranswer':
      return { apply: provisional ? 'pranswer' : 'answer' };
    case 'stable':
      return { apply: 'nothing' };
    default:
      return { apply: 'error', reason: `no offer of ours is waiting for an answer (state ${signalingState})` };
  }
}

/**
 * The direction we offer or accept for one transceiver. The browser intersects it with the remote
 * offer's direction, so a remote hold (sendonly/inactive) still gets the right answer.
 */
export function transceiverDirection(options: { held: boolean; sending: boolean }): RTCRtpTransceiverDirection {
  if (options.held) return 'inactive';
  return options.sending ? 'sendrecv' : 'recvonly';
}

export interface MediaStats {
  inboundAudioBytes: number;
  inboundVideoBytes: number;
  outboundAudioBytes: number;
  outboundVideoBytes: number;
}

/** Sums RTP byte counters of a getStats() report by direction and kind. */
export function sumRtpBytes(reports: Iterable<{ type: string; kind?: string; bytesReceived?: number; bytesSent?: number }>): MediaStats {
  const stats: MediaStats = { inboundAudioBytes: 0, inboundVideoBytes: 0, outboundAudioBytes: 0, outboundVideoBytes: 0 };
  for (const r of reports) {
    if (r.type === 'inbound-rtp' && r.kind === 'audio') stats.inboundAudioBytes += r.bytesReceived ?? 0;
    if (r.type === 'inbound-rtp' && r.kind === 'video') stats.inboundVideoBytes += r.bytesReceived ?? 0;
    if (r.type === 'outbound-rtp' && r.kind === 'audio') stats.outboundAudioBytes += r.bytesSent ?? 0;
    if (r.type === 'outbound-rtp' && r.kind === 'video') stats.outboundVideoBytes += r.bytesSent ?? 0;
  }
  return stats;
}
