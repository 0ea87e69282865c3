// Runs a piece of work at most once per animation frame, however often it is asked for: pushes
// from main that arrive within one frame are applied together, so the screen renders once.
// A hidden page gets no animation frames (a window minimized to the tray, a background tab), and a
// ringing call must still start the ringtone there: while hidden the work runs at once.

/** What the batcher needs from the page (tests pass their own). */
export interface FrameHost {
  requestAnimationFrame(run: () => void): number;
  cancelAnimationFrame(id: number): void;
  setTimeout(run: () => void, ms: number): ReturnType<typeof setTimeout>;
  clearTimeout(id: ReturnType<typeof setTimeout>): void;
  hidden(): boolean;
  /** Calls back when the page is hidden or shown; returns the stop function. */
  onVisibilityChange(listener: () => void): () => void;
}

/** If no frame comes this soon (a busy or occluded window), the work runs anyway. */
export const FRAME_FALLBACK_MS = 100;

export interface FrameBatch {
  /** Asks for the work to run; several asks before it runs are one run. */
  request(): void;
  /** Runs pending work now (a reconnect, a test). */
  flush(): void;
  stop(): void;
}

export function frameBatch(work: () => void, host: FrameHost | null = browserFrameHost()): FrameBatch {
  let pending = false;
  let frame: number | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const cancel = () => {
    if (frame !== null) host?.cancelAnimationFrame(frame);
    if (timer !== null) host?.clearTimeout(timer);
    frame = null;
    timer = null;
  };
  const flush = () => {
    cancel();
    if (!pending) return;
    pending = false;
    work();
  };
  const stopVisibility = host?.onVisibilityChange(flush) ?? (() => {});

  return {
    request() {
      if (pending) return;
      pending = true;
      if (!host || host.hidden()) {
        flush();
        return;
      }
      frame = host.requestAnimationFrame(flush);
      timer = host.setTimeout(flush, FRAME_FALLBACK_MS);
    },
    flush,
    stop() {
      cancel();
      pending = false;
      stopVisibility();
    },
  };
}

/** The page's frames and visibility; null outside a browser (work then runs at once). */
export function browserFrameHost(): FrameHost | null {
  if (typeof document === 'undefined' || typeof requestAnimationFrame !== 'function') return null;
  return {
    requestAnimationFrame: (run) => requestAnimationFrame(run),
    cancelAnimationFrame: (id) => cancelAnimationFrame(id),
    setTimeout: (run, ms) => setTimeout(run, ms),
    clearTimeout: (id) => clearTimeout(id),
    hidden: () => document.visibilityState === 'hidden',
    onVisibilityChange(listener) {
      document.addEventListener('visibilitychange', listener);
      return () => document.removeEventListener('visibilitychange', listener);
    },
  };
}
