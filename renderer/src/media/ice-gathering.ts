// Bounded non-trickle ICE gathering (DESIGN §4). Alexa has no candidate message, so every SDP we send
// must already hold its candidates. We stop waiting when gathering completes, or as soon as every
// transport has a server-reflexive candidate (relay when TURN is configured), or at a hard cap.
// The decision is pure (unit-tested); watchGathering() is the thin glue to an RTCPeerConnection.

export type CandidateType = 'host' | 'srflx' | 'prflx' | 'relay';
export type WantedType = 'srflx' | 'relay';

export interface SeenCandidate {
  /** The m-line's mid the candidate belongs to (RTCIceCandidate.sdpMid). */
  mid: string | null;
  type: CandidateType | null;
}

export interface GatherProgress {
  /** Mids that need a candidate of their own (see requiredMids). */
  required: readonly string[];
  /** Candidate type that proves the path beyond this host; null when no STUN/TURN is configured. */
  wanted: WantedType | null;
  candidates: readonly SeenCandidate[];
  /** iceGatheringState reached 'complete' (or the end-of-candidates event arrived). */
  complete: boolean;
}

/** True when the SDP can be sent: gathering is complete, or every required mid has a wanted candidate. */
export function gatheringDone(progress: GatherProgress): boolean {
  if (progress.complete) return true;
  if (!progress.wanted || progress.required.length === 0) return false;
  const satisfied = new Set(
    progress.candidates.filter((c) => c.type === progress.wanted && c.mid !== null).map((c) => c.mid as string),
  );
  return progress.required.every((mid) => satisfied.has(mid));
}

/** The candidate type we wait for: relay when any TURN server is configured, srflx with STUN only. */
export function wantedCandidateType(iceServers: readonly { urls: string | string[] }[]): WantedType | null {
  const urls = iceServers.flatMap((s) => (Array.isArray(s.urls) ? s.urls : [s.urls]));
  if (urls.some((u) => /^turns?:/i.test(u))) return 'relay';
  if (urls.some((u) => /^stuns?:/i.test(u))) return 'srflx';
  return null;
}

/** "candidate:… typ srflx raddr …" -> 'srflx'. */
export function candidateType(candidate: string): CandidateType | null {
  const match = / typ (host|srflx|prflx|relay)(?: |$)/.exec(candidate);
  return match ? (match[1] as CandidateType) : null;
}

/**
 * Mids whose transport must show a wanted candidate. Rejected m-lines (port 0) need none. Once
 * BUNDLE is negotiated (we answer, or renegotiate) a group shares the first mid's transport; in a
 * first offer every m-line may still get its own transport, so each one counts.
 */
export function requiredMids(localSdp: string, bundleNegotiated: boolean): string[] {
  const sections = localSdp.split(/\r?\n(?=m=)/).slice(1);
  const live: string[] = [];
  for (const section of sections) {
    const port = /^m=\S+ (\d+)/.exec(section)?.[1];
    const mid = /^a=mid:(\S+)/m.exec(section)?.[1];
    if (mid !== undefined && port !== '0') live.push(mid);
  }
  if (!bundleNegotiated) return live;
  const bundled = new Set<string>();
  const required = new Set<string>();
  for (const line of localSdp.match(/^a=group:BUNDLE .*$/gm) ?? []) {
    const mids = line.trim().split(/\s+/).slice(1).filter((m) => live.includes(m));
    if (mids.length) required.add(mids[0]);
    for (const m of mids) bundled.add(m);
  }
  for (const mid of live) if (!bundled.has(mid)) required.add(mid);
  return live.filter((mid) => required.has(mid));
}

export interface GatherOutcome {
  /** The candidate type that was waited for (null: no STUN/TURN server was used). */
  wanted: WantedType | null;
  /** At least one candidate of that type arrived. */
  reachedWanted: boolean;
  /** Gathering was cut at the cap. */
  capped: boolean;
}

export interface GatherWatch {
  /** Resolves when the local description may be sent (done, complete, or the cap elapsed), saying how. */
  until(required: readonly string[]): Promise<GatherOutcome>;
  stop(): void;
}

/**
 * Start watching before setLocalDescription so no candidate is missed; call until() after it.
 * The cap runs from until().
 */
export function watchGathering(pc: RTCPeerConnection, wanted: WantedType | null, capMs: number): GatherWatch {
  const candidates: SeenCandidate[] = [];
  let complete = false;
  let check: () => void = () => {};
  const onCandidate = (ev: RTCPeerConnectionIceEvent) => {
    if (ev.candidate === null) complete = true;
    else if (ev.candidate.candidate) candidates.push({ mid: ev.candidate.sdpMid, type: candidateType(ev.candidate.candidate) });
    check();
  };
  const onState = () => {
    if (pc.iceGatheringState === 'complete') complete = true;
    check();
  };
  pc.addEventListener('icecandidate', onCandidate);
  pc.addEventListener('icegatheringstatechange', onState);
  const stop = () => {
    pc.removeEventListener('icecandidate', onCandidate);
    pc.removeEventListener('icegatheringstatechange', onState);
    check = () => {};
  };
  return {
    stop,
    until(required) {
      return new Promise<GatherOutcome>((resolve) => {
        const timer = setTimeout(() => finish(true), capMs);
        function finish(capped: boolean) {
          clearTimeout(timer);
          stop();
          resolve({ wanted, reachedWanted: wanted !== null && candidates.some((c) => c.type === wanted), capped });
        }
        check = () => {
          if (gatheringDone({ required, wanted, candidates, complete })) finish(false);
        };
        if (pc.iceGatheringState === 'complete') complete = true;
        check();
      });
    },
  };
}
