// The main window's bounds and maximized flag, kept in a small JSON file in the data dir. What is
// read back is validated and fitted to the displays attached now (a monitor may have gone away).
import { readFileSync, renameSync, writeFileSync } from 'node:fs';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: Rect;
  maximized: boolean;
}

export const WINDOW_STATE_FILE = 'window-state.json';
export const DEFAULT_SIZE = { width: 1280, height: 820 } as const;
export const MIN_SIZE = { width: 760, height: 520 } as const;
/** How much of the window must lie on a display for it to count as reachable (title bar and a bit). */
const MIN_VISIBLE = { width: 120, height: 60 } as const;
const MAX_COORD = 100_000;

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** Validates the stored JSON; names the first bad field. */
export function parseWindowState(text: string): Parsed<WindowState> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, error: 'window state: not JSON' };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, error: 'window state: must be an object' };
  const { bounds, maximized } = raw as Record<string, unknown>;
  if (typeof maximized !== 'boolean') return { ok: false, error: 'window state: maximized must be true or false' };
  if (typeof bounds !== 'object' || bounds === null) return { ok: false, error: 'window state: bounds must be an object' };
  const b = bounds as Record<string, unknown>;
  for (const key of ['x', 'y'] as const) {
    if (!isInt(b[key]) || Math.abs(b[key]) > MAX_COORD) return { ok: false, error: `window state: bounds.${key} must be an integer within ±${MAX_COORD}` };
  }
  for (const key of ['width', 'height'] as const) {
    if (!isInt(b[key]) || b[key] <= 0 || b[key] > MAX_COORD) return { ok: false, error: `window state: bounds.${key} must be a positive integer` };
  }
  return { ok: true, value: { bounds: { x: b.x as number, y: b.y as number, width: b.width as number, height: b.height as number }, maximized } };
}

function isInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v);
}

/** A window of the default size centred on the first (primary) work area. */
export function defaultWindowState(workAreas: readonly Rect[]): WindowState {
  const area = workAreas[0] ?? { x: 0, y: 0, width: DEFAULT_SIZE.width, height: DEFAULT_SIZE.height };
  const width = Math.min(DEFAULT_SIZE.width, area.width);
  const height = Math.min(DEFAULT_SIZE.height, area.height);
  return { bounds: { x: area.x + Math.floor((area.width - width) / 2), y: area.y + Math.floor((area.height - height) / 2), width, height }, maximized: false };
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return { width: Math.max(0, width), height: Math.max(0, height) };
}

/**
 * Fits a saved state to the current work areas (primary first): on the display it overlaps most,
 * shrunk to fit and moved fully inside; if it is not reachably visible anywhere, the default.
 */
export function fitToDisplays(state: WindowState, workAreas: readonly Rect[]): WindowState {
  if (workAreas.length === 0) return state;
  let best: Rect | null = null;
  let bestArea = 0;
  for (const area of workAreas) {
    const o = overlap(state.bounds, area);
    if (o.width >= MIN_VISIBLE.width && o.height >= MIN_VISIBLE.height && o.width * o.height > bestArea) {
      best = area;
      bestArea = o.width * o.height;
    }
  }
  if (!best) return { ...defaultWindowState(workAreas), maximized: state.maximized };
  const width = clamp(state.bounds.width, Math.min(MIN_SIZE.width, best.width), best.width);
  const height = clamp(state.bounds.height, Math.min(MIN_SIZE.height, best.height), best.height);
  const x = clamp(state.bounds.x, best.x, best.x + best.width - width);
  const y = clamp(state.bounds.y, best.y, best.y + best.height - height);
  return { bounds: { x, y, width, height }, maximized: state.maximized };
}

function clamp(v: number, min: number, max: number): number {
  return Math.min(Math.max(v, min), max);
}

/** Reads the saved state, or null when there is none or it is unusable (`onProblem` is told why). */
export function readWindowState(filePath: string, onProblem: (why: string) => void = () => {}): WindowState | null {
  let text: string;
  try {
    text = readFileSync(filePath, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') onProblem(`window state: cannot read (${(e as Error).message})`);
    return null;
  }
  const parsed = parseWindowState(text);
  if (!parsed.ok) {
    onProblem(parsed.error);
    return null;
  }
  return parsed.value;
}

/** Writes atomically (temp file, then rename) so a crash never leaves half a file. */
export function writeWindowState(filePath: string, state: WindowState): void {
  const temp = `${filePath}.tmp`;
  writeFileSync(temp, `${JSON.stringify(state)}\n`, 'utf8');
  renameSync(temp, filePath);
}
