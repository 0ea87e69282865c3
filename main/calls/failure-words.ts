// What a call's failure means, in the few words a call card shows (CallState.error, as the message
// id of those words: each window says them in its language). The technical account (message type,
// HTTP status, Alexa's text) goes to the log and the notice's detail.
import type { MessageId } from '../domain/text.js';

/** Why the call stopped when a message to Alexa failed for good. */
export function sendFailureWords(messageType: string, status: number | null): MessageId {
  if (status === null) return 'call.failed.unreachable';
  if (status === 401 || status === 403) return 'call.failed.linkExpired';
  if (messageType.endsWith('.InitiateInboundCall') && (status === 400 || status === 404)) return 'call.failed.notSetUp';
  return 'call.failed.refused';
}
