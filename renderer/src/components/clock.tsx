// One shared one-second clock. Only the small components that show a running time subscribe,
// so a tick re-renders a few labels (those whose text changes), never the whole grid.
import { useSyncExternalStore } from 'react';
import { useIntl } from 'react-intl';
import { formatAgo, formatDuration } from '../format.js';

const listeners = new Set<() => void>();
// Read from a cache, so reading it twice in one render gives the same value; the first subscriber
// refreshes it (React re-reads after subscribing, so the first frame is never stale for long).
let now = Date.now();
let timer: ReturnType<typeof setInterval> | null = null;
let paused = false;

function start(): void {
  if (timer || paused || !listeners.size) return;
  now = Date.now();
  timer = setInterval(() => {
    now = Date.now();
    for (const l of [...listeners]) l();
  }, 1000);
}

/**
 * Stops every running time where it stands (the console is away: what the window shows is as it
 * was, and nobody knows for how long the calls went on), or lets them run again.
 */
export function pauseClock(pause: boolean): void {
  if (pause === paused) return;
  paused = pause;
  if (pause && timer) {
    clearInterval(timer);
    timer = null;
  }
  if (!pause) {
    start();
    for (const l of [...listeners]) l();
  }
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  start();
  return () => {
    listeners.delete(listener);
    if (!listeners.size && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
}

/**
 * Text that depends on the time. React compares the text, so a tick re-renders a label only when
 * its words change: "4 min ago" once a minute, not every second.
 */
function useClockText(format: (now: number) => string): string {
  return useSyncExternalStore(subscribe, () => format(now));
}

/** "3:04" since the given time, updating every second. */
export function Elapsed({ since }: { since: number }) {
  return <span className="elapsed">{useClockText((t) => formatDuration(t - since))}</span>;
}

/** "4 min ago", updating. */
export function Ago({ at }: { at: number }) {
  const intl = useIntl();
  return <span className="ago">{useClockText((t) => formatAgo(at, t, intl))}</span>;
}
