// Which STUN/TURN servers answer. A gathering that waited the whole cap without the candidate it
// wanted from them (DESIGN §4: srflx from STUN, relay from TURN) marks those servers silent; later
// calls leave them out, so gathering ends with the host candidates in milliseconds instead of
// waiting the cap again. A probe in the background asks a silent server again every minute, and
// it is used again as soon as it answers. The bookkeeping is pure; probeIceServer is the browser
// glue.
import { candidateType, wantedCandidateType, type GatherOutcome } from './ice-gathering.js';

export const PROBE_EVERY_MS = 60_000;
const PROBE_WAIT_MS = 5_000;

export interface IceHealthDeps {
  /** Asks one server again; true when it answered. */
  probe(server: RTCIceServer): Promise<boolean>;
  setTimeout(run: () => void, ms: number): unknown;
}

const urlsOf = (server: RTCIceServer) => (Array.isArray(server.urls) ? server.urls : [server.urls]);
const keyOf = (server: RTCIceServer) => JSON.stringify([urlsOf(server), server.username ?? null]);

export class IceServerHealth {
  private readonly silent = new Set<string>();

  constructor(private readonly deps: IceHealthDeps) {}

  /** The servers a new call should use: the configured ones less those known to be silent. */
  usable(servers: readonly RTCIceServer[]): RTCIceServer[] {
    return servers.filter((s) => !this.silent.has(keyOf(s)));
  }

  /** How a gathering with `servers` went: servers of the wanted kind that never answered are marked silent. */
  gathered(servers: readonly RTCIceServer[], outcome: GatherOutcome): void {
    if (!outcome.wanted || outcome.reachedWanted || !outcome.capped) return;
    for (const server of servers) {
      if (wantedCandidateType([server]) !== outcome.wanted) continue; // e.g. a STUN server while TURN was waited for
      const key = keyOf(server);
      if (this.silent.has(key)) continue;
      this.silent.add(key);
      this.probeLater(server, key);
    }
  }

  private probeLater(server: RTCIceServer, key: string): void {
    this.deps.setTimeout(() => {
      void this.deps.probe(server).then(
        (answered) => (answered ? this.silent.delete(key) : this.probeLater(server, key)),
        () => this.probeLater(server, key),
      );
    }, PROBE_EVERY_MS);
  }
}

/** A throwaway peer with only `server`: true once it yields the candidate that server should give. */
export async function probeIceServer(server: RTCIceServer, waitMs = PROBE_WAIT_MS): Promise<boolean> {
  const wanted = wantedCandidateType([server]);
  if (!wanted) return true;
  const pc = new RTCPeerConnection({ iceServers: [server] });
  try {
    const answered = new Promise<boolean>((resolve) => {
      pc.addEventListener('icecandidate', (ev) => {
        if (ev.candidate && candidateType(ev.candidate.candidate) === wanted) resolve(true);
      });
      setTimeout(() => resolve(false), waitMs);
    });
    pc.addTransceiver('audio', { direction: 'recvonly' });
    await pc.setLocalDescription(await pc.createOffer());
    return await answered;
  } finally {
    pc.close();
  }
}
