import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_SIZE,
  defaultWindowState,
  fitToDisplays,
  MIN_SIZE,
  parseWindowState,
  readWindowState,
  writeWindowState,
  type Rect,
  type WindowState,
} from '../../main/shell/window-state.js';

const primary: Rect = { x: 0, y: 0, width: 1920, height: 1040 };
const right: Rect = { x: 1920, y: 0, width: 1280, height: 984 };
const state = (bounds: Rect, maximized = false): WindowState => ({ bounds, maximized });

describe('parseWindowState', () => {
  it('reads a valid state', () => {
    expect(parseWindowState('{"bounds":{"x":10,"y":-20,"width":900,"height":600},"maximized":true}')).toEqual({
      ok: true,
      value: state({ x: 10, y: -20, width: 900, height: 600 }, true),
    });
  });

  it.each([
    ['not JSON', '{', /not JSON/],
    ['an array', '[]', /must be an object/],
    ['missing maximized', '{"bounds":{"x":0,"y":0,"width":1,"height":1}}', /maximized must be true or false/],
    ['missing bounds', '{"maximized":false}', /bounds must be an object/],
    ['a fractional x', '{"bounds":{"x":0.5,"y":0,"width":800,"height":600},"maximized":false}', /bounds\.x must be an integer/],
    ['a string y', '{"bounds":{"x":0,"y":"0","width":800,"height":600},"maximized":false}', /bounds\.y must be an integer/],
    ['a zero width', '{"bounds":{"x":0,"y":0,"width":0,"height":600},"maximized":false}', /bounds\.width must be a positive integer/],
    ['a huge height', '{"bounds":{"x":0,"y":0,"width":800,"height":1e9},"maximized":false}', /bounds\.height must be a positive integer/],
    ['an absurd position', '{"bounds":{"x":-1e7,"y":0,"width":800,"height":600},"maximized":false}', /bounds\.x must be an integer within/],
  ])('refuses %s, naming the field', (_why, text, error) => {
    const parsed = parseWindowState(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(error);
  });
});

describe('fitToDisplays', () => {
  it('keeps a window that is fully on a display', () => {
    const s = state({ x: 100, y: 80, width: 1200, height: 800 });
    expect(fitToDisplays(s, [primary, right])).toEqual(s);
  });

  it('keeps a window on the second display', () => {
    const s = state({ x: 2000, y: 50, width: 1000, height: 700 }, true);
    expect(fitToDisplays(s, [primary, right])).toEqual(s);
  });

  it('moves a window that hangs off the edge back inside', () => {
    const fitted = fitToDisplays(state({ x: 1500, y: 900, width: 1000, height: 700 }), [primary]);
    expect(fitted.bounds).toEqual({ x: 920, y: 340, width: 1000, height: 700 });
  });

  it('shrinks a window bigger than its display', () => {
    const fitted = fitToDisplays(state({ x: 0, y: 0, width: 3000, height: 2000 }), [primary]);
    expect(fitted.bounds).toEqual({ x: 0, y: 0, width: 1920, height: 1040 });
  });

  it('puts a window from a display that is gone on the primary display, default size, keeping maximized', () => {
    const fitted = fitToDisplays(state({ x: 4000, y: 100, width: 1000, height: 700 }, true), [primary]);
    expect(fitted).toEqual({ ...defaultWindowState([primary]), maximized: true });
    expect(fitted.bounds.width).toBe(DEFAULT_SIZE.width);
  });

  it('treats a barely visible sliver as gone', () => {
    const fitted = fitToDisplays(state({ x: 1900, y: 100, width: 1000, height: 700 }), [primary]);
    expect(fitted.bounds).toEqual(defaultWindowState([primary]).bounds);
  });

  it('picks the display the window overlaps most', () => {
    const fitted = fitToDisplays(state({ x: 1700, y: 100, width: 1000, height: 700 }), [primary, right]);
    expect(fitted.bounds).toEqual({ x: 1920, y: 100, width: 1000, height: 700 });
  });

  it('never grows a small window below the minimum size', () => {
    const fitted = fitToDisplays(state({ x: 10, y: 10, width: 200, height: 100 }), [primary]);
    expect(fitted.bounds.width).toBe(MIN_SIZE.width);
    expect(fitted.bounds.height).toBe(MIN_SIZE.height);
  });

  it('fits a small screen (smaller than the default size)', () => {
    const tiny: Rect = { x: 0, y: 0, width: 1024, height: 700 };
    const d = defaultWindowState([tiny]);
    expect(d.bounds).toEqual({ x: 0, y: 0, width: 1024, height: 700 });
  });
});

describe('readWindowState / writeWindowState', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('round-trips through the file and leaves no temp file', () => {
    dir = mkdtempSync(join(tmpdir(), 'shell-window-'));
    const file = join(dir, 'window-state.json');
    const s = state({ x: 5, y: 6, width: 1000, height: 700 }, true);
    writeWindowState(file, s);
    expect(readWindowState(file)).toEqual(s);
    expect(readdirSync(dir)).toEqual(['window-state.json']);
  });

  it('returns null without complaint when there is no file', () => {
    dir = mkdtempSync(join(tmpdir(), 'shell-window-'));
    const problems: string[] = [];
    expect(readWindowState(join(dir, 'none.json'), (p) => problems.push(p))).toBeNull();
    expect(problems).toEqual([]);
  });

  it('returns null and says why for a damaged file', () => {
    dir = mkdtempSync(join(tmpdir(), 'shell-window-'));
    const file = join(dir, 'window-state.json');
    writeFileSync(file, '{"bounds":{"x":1}}');
    const problems: string[] = [];
    expect(readWindowState(file, (p) => problems.push(p))).toBeNull();
    expect(problems).toEqual(['window state: maximized must be true or false']);
  });
});
