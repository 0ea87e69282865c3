// The reply to Alexa.Authorization.Grant that the skill returns to Alexa (asp-protocol.md §3.2).
import { randomUUID } from 'node:crypto';

export function acceptGrantResponse() {
  return {
    event: {
      header: { messageId: randomUUID(), namespace: 'Alexa.Authorization', name: 'AcceptGrant.Response', payloadVersion: '3' },
      payload: {},
    },
  };
}
