// When the renderer process dies the window is reloaded (call state lives in the main process, so
// the reloaded page re-fetches it). A renderer that keeps crashing is reloaded at a slower pace.

export const RELOAD_BURST = 3;
export const RELOAD_WINDOW_MS = 60_000;

export interface ReloadDecision {
  /** Wait this long before reloading (0 = at once). */
  delayMs: number;
  /** Crash times to pass back in next time. */
  recent: number[];
}

export function reloadAfterCrash(recent: readonly number[], now: number): ReloadDecision {
  const kept = [...recent.filter((t) => now - t < RELOAD_WINDOW_MS), now];
  if (kept.length <= RELOAD_BURST) return { delayMs: 0, recent: kept };
  // Over the burst: reload when the oldest crash of the window has aged out.
  const oldest = kept[kept.length - 1 - RELOAD_BURST] ?? now;
  return { delayMs: Math.max(1_000, RELOAD_WINDOW_MS - (now - oldest)), recent: kept };
}
