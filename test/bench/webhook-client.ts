import { Agent, request } from 'node:http';

// What a skill built from Amazon's sample posts to the console's webhook (DESIGN §3.1 routes),
// with a minimal audio offer: enough for the console to ring, nothing a peer could answer.
export const OFFER_SDP = 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=rtpmap:111 opus/48000/2\r\n';

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

// node:http with keep-alive, not fetch: the load generator's own overhead (and its garbage) should
// not show up in what is measured of the console.
const agent = new Agent({ keepAlive: true, maxSockets: 64 });

/** POSTs JSON to `${webhookUrl}${path}`; resolves with the status once the reply has been read. */
export function postWebhook(webhookUrl: string, path: string, body: unknown): Promise<{ ok: boolean; status: number }> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(`${webhookUrl}${path}`, { method: 'POST', agent, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ ok: (res.statusCode ?? 0) < 300, status: res.statusCode ?? 0 }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}
