// What a call's failure means, in the few words a call card shows (CallState.error). The technical
// account (message type, HTTP status, Alexa's text) goes to the log and the notice's detail.

/** Why the call stopped when a message to Alexa failed for good. */
export function sendFailureWords(messageType: string, status: number | null): string {
  if (status === null) return 'Alexa could not be reached';
  if (status === 401 || status === 403) return 'The link to Amazon has expired';
  if (messageType.endsWith('.InitiateInboundCall') && (status === 400 || status === 404)) return 'That Echo is not set up for calling';
  return 'Alexa did not accept the call';
}
