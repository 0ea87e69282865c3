// Performance marks around the first render of a non-empty room grid, for benchmarks:
//   performance.getEntriesByName('grid-first-render')[0].duration  (ms, start -> after first paint)
export const GRID_RENDER_START = 'grid-first-render-start';
export const GRID_RENDER_END = 'grid-first-render-end';
export const GRID_RENDER_MEASURE = 'grid-first-render';

let started = false;
let ended = false;

/** Call when the first room list is about to render; later calls do nothing. */
export function markGridRenderStart(): void {
  if (started) return;
  started = true;
  performance.mark(GRID_RENDER_START);
}

/** Call once the grid is in the DOM; the end mark lands after the browser paints it. */
export function markGridRenderEnd(): void {
  if (!started || ended) return;
  ended = true;
  const finish = () => {
    performance.mark(GRID_RENDER_END);
    performance.measure(GRID_RENDER_MEASURE, GRID_RENDER_START, GRID_RENDER_END);
  };
  // A task queued from the next animation frame runs after that frame has painted.
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(finish, 0));
  else finish();
}

/** Milliseconds of the first grid render, or null while it has not happened. */
export function gridFirstRenderMs(): number | null {
  const entry = performance.getEntriesByName(GRID_RENDER_MEASURE)[0];
  return entry ? entry.duration : null;
}
