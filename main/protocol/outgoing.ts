// Messages the console sends to Alexa (POST /v1/communications/signaling), shared/asp-protocol.md §2.6.
// Exact in what we send: each builder emits only the documented fields, in the documented shape.
import { NAMESPACE, type CallResultCode, type ParticipantIdType, type RenegotiationType } from './messages.js';

export type OutgoingMessage =
  | { type: `${typeof NAMESPACE}.CallRinging`; sessionId: string }
  | { type: `${typeof NAMESPACE}.CallRingingAck`; sessionId: string }
  | { type: `${typeof NAMESPACE}.CallInProgressAck`; sessionId: string }
  | { type: `${typeof NAMESPACE}.CallAcceptedAck`; sessionId: string }
  | { type: `${typeof NAMESPACE}.CallUpdateAck`; sessionId: string }
  | { type: `${typeof NAMESPACE}.CallInProgress`; sessionId: string; sdpDetails: { type: 'ANSWER'; value: string } }
  | { type: `${typeof NAMESPACE}.CallAccepted`; sessionId: string; sdpDetails: { type: 'ANSWER'; value: string } }
  | {
      type: `${typeof NAMESPACE}.CallUpdate`;
      sessionId: string;
      renegotiationType: RenegotiationType;
      sdpDetails: { type: 'OFFER'; value: string };
    }
  | {
      type: `${typeof NAMESPACE}.CallUpdateResponse`;
      sessionId: string;
      renegotiationType: RenegotiationType;
      sdpDetails: { type: 'ANSWER'; value: string };
    }
  | { type: `${typeof NAMESPACE}.CallEnded`; sessionId: string; callResult: { code: CallResultCode; message: string } }
  | {
      type: `${typeof NAMESPACE}.InitiateInboundCall`;
      sessionId: string;
      participants: { id: { type: ParticipantIdType; value: string }; isOriginator: boolean }[];
      sdpDetails: { type: 'OFFER'; value: string };
      customParams?: { callerName: string };
    };

export type OutgoingName = OutgoingMessage['type'] extends `${typeof NAMESPACE}.${infer N}` ? N : never;

const t = <N extends string>(name: N) => `${NAMESPACE}.${name}` as const;

export const outgoing = {
  ringing: (sessionId: string) => ({ type: t('CallRinging'), sessionId }),
  ringingAck: (sessionId: string) => ({ type: t('CallRingingAck'), sessionId }),
  inProgressAck: (sessionId: string) => ({ type: t('CallInProgressAck'), sessionId }),
  acceptedAck: (sessionId: string) => ({ type: t('CallAcceptedAck'), sessionId }),
  updateAck: (sessionId: string) => ({ type: t('CallUpdateAck'), sessionId }),
  inProgress: (sessionId: string, answer: string) => ({
    type: t('CallInProgress'),
    sessionId,
    sdpDetails: { type: 'ANSWER' as const, value: answer },
  }),
  accepted: (sessionId: string, answer: string) => ({
    type: t('CallAccepted'),
    sessionId,
    sdpDetails: { type: 'ANSWER' as const, value: answer },
  }),
  update: (sessionId: string, renegotiationType: RenegotiationType, offer: string) => ({
    type: t('CallUpdate'),
    sessionId,
    renegotiationType,
    sdpDetails: { type: 'OFFER' as const, value: offer },
  }),
  updateResponse: (sessionId: string, renegotiationType: RenegotiationType, answer: string) => ({
    type: t('CallUpdateResponse'),
    sessionId,
    renegotiationType,
    sdpDetails: { type: 'ANSWER' as const, value: answer },
  }),
  ended: (sessionId: string, code: CallResultCode, message: string) => ({
    type: t('CallEnded'),
    sessionId,
    callResult: { code, message },
  }),
  initiateInbound: (args: {
    sessionId: string;
    from: { type: ParticipantIdType; value: string };
    to: { type: ParticipantIdType; value: string };
    offer: string;
    callerName?: string;
  }) => ({
    type: t('InitiateInboundCall'),
    sessionId: args.sessionId,
    participants: [
      // Only the two documented fields, even when the caller hands in a richer object.
      { id: { type: args.from.type, value: args.from.value }, isOriginator: true },
      { id: { type: args.to.type, value: args.to.value }, isOriginator: false },
    ],
    sdpDetails: { type: 'OFFER' as const, value: args.offer },
    ...(args.callerName ? { customParams: { callerName: args.callerName } } : {}),
  }),
} satisfies Record<string, (...args: never[]) => OutgoingMessage>;
