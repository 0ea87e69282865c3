// What a skill built from Amazon's sample posts to the console's webhook (DESIGN §3.1 routes),
// with a minimal audio offer: enough for the console to ring, nothing a peer could answer.
const OFFER_SDP = 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=rtpmap:111 opus/48000/2\r\n';

/** POST /offer body: the room with `callerAddress` calls the desk. */
export function offerBody(sessionID: string, callerAddress: string) {
  return {
    sessionID,
    sdpoffer: OFFER_SDP,
    participants: [
      { id: { type: 'RAW_ADDRESS', value: callerAddress }, isOriginator: true },
      { id: { type: 'RAW_ADDRESS', value: 'front-desk' }, isOriginator: false },
    ],
  };
}

/** POSTs JSON to `${webhookUrl}${path}`. */
export function postWebhook(webhookUrl: string, path: string, body: unknown): Promise<Response> {
  return fetch(`${webhookUrl}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}
