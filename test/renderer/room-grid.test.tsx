// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CallView, Room } from '../../main/ipc/contract.js';
import { RoomGrid } from '../../renderer/src/components/RoomGrid.js';
import { GRID_RENDER_START } from '../../renderer/src/perf-probe.js';
import type { DeskStore } from '../../renderer/src/state/desk-store.js';
import { RoomReveal } from '../../renderer/src/state/reveal.js';
import { DeskStoreContext } from '../../renderer/src/state/use-desk.js';
import { callView } from '../support/fixtures.js';
import { emptySnapshot, loadedStore, type TestStore } from './store-helpers.js';
import { withWords } from './with-words.js';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const room = (id: string, floor: string): Room => ({ id, name: `Room ${id.slice(1)}`, floor, address: `echo-${id}`, addressType: 'RAW_ADDRESS' });
const rooms: Room[] = [room('r101', '1'), room('r102', '1'), room('r201', '2')];
const inCall = callView({ sessionId: 's', roomId: 'r102', phase: 'active', startedAt: Date.now() - 9000, answeredAt: Date.now() - 5000 });
const missed = (n: number) => Array.from({ length: n }, (_, i) => ({ sessionId: `m${i}`, roomId: 'r201', title: 'Room 201', remote: { type: 'RAW_ADDRESS' as const, value: 'echo-201' }, at: Date.now() - 60_000, reason: 'missed' as const }));

// jsdom lays nothing out: the grid's scroll box gets a size, its rows and headings a height, as in
// Chromium (1000 × 600 px: 7 tiles a row, about six rows in view).
const VIEW = { width: 1000, height: 600 };
const sized = (el: HTMLElement) => (el.classList.contains('tiles') ? 94 : el.classList.contains('group-head') ? 46 : 0);
const descriptors = ['clientWidth', 'clientHeight', 'offsetHeight'].map((name) => [name, Object.getOwnPropertyDescriptor(HTMLElement.prototype, name)] as const);
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: function (this: HTMLElement) { return this.classList.contains('grid-scroll') ? VIEW.width : 0; } });
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: function (this: HTMLElement) { return this.classList.contains('grid-scroll') ? VIEW.height : 0; } });
  Object.defineProperty(HTMLElement.prototype, 'offsetHeight', { configurable: true, get: function (this: HTMLElement) { return sized(this); } });
});
afterAll(() => {
  for (const [name, descriptor] of descriptors) if (descriptor) Object.defineProperty(HTMLElement.prototype, name, descriptor);
});

let container: HTMLDivElement;
let root: Root;
let desk: TestStore;
beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
});
afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

async function load(snapshot: Parameters<typeof emptySnapshot>[0] = {}): Promise<DeskStore> {
  desk = await loadedStore(emptySnapshot({ rooms, calls: { calls: [inCall], elsewhere: [], missed: missed(3) }, ...snapshot }));
  return desk.store;
}

function render(props: Partial<Parameters<typeof RoomGrid>[0]> = {}) {
  const handlers = { onFilter: vi.fn(), onClearSearch: vi.fn(), onCall: vi.fn(), onImport: vi.fn() };
  const all = { rooms: desk.store.getState().snapshot!.rooms, query: '', filter: 'all' as const, reveal: new RoomReveal(), ...handlers, ...props };
  act(() =>
    root.render(
      withWords(
        <DeskStoreContext.Provider value={desk.store}>
        <RoomGrid {...all} />
        </DeskStoreContext.Provider>,
      ),
    ),
  );
  return { ...handlers, reveal: all.reveal };
}
const tile = (id: string) => container.querySelector<HTMLElement>(`[data-testid="room-tile"][data-room-id="${id}"]`);
const tiles = () => [...container.querySelectorAll<HTMLElement>('[data-testid="room-tile"]')].map((t) => t.dataset.roomId);
const button = (id: string) => tile(id)!.querySelector<HTMLButtonElement>('[data-testid="call-room"]')!;
const push = (calls: CallView[], missedCount = 3) => act(() => desk.setCalls({ calls, missed: missed(missedCount) }));

describe('RoomGrid', () => {
  beforeEach(async () => {
    await load();
  });

  it('renders every room as a tile with its status hook, grouped under floor headings', () => {
    render();
    expect(tile('r101')?.getAttribute('data-status')).toBe('idle');
    expect(tile('r102')?.getAttribute('data-status')).toBe('in-call');
    expect(tile('r201')?.getAttribute('data-status')).toBe('missed');
    expect([...container.querySelectorAll('h2')].map((h) => h.firstChild?.textContent)).toEqual(['Floor 1', 'Floor 2']);
    expect(tile('r102')?.textContent).toContain('In call');
    expect(tile('r201')?.querySelector('.badge')?.textContent).toBe('3');
  });

  it('calls a room from its tile; a room already on a call cannot be called', () => {
    const { onCall } = render();
    act(() => button('r101').click());
    expect(onCall).toHaveBeenCalledWith('r101', false);
    expect(button('r102').getAttribute('aria-disabled')).toBe('true');
    act(() => button('r102').click());
    expect(onCall).toHaveBeenCalledTimes(1);
    expect(button('r201').getAttribute('aria-disabled')).toBeNull();
  });

  it('shows chips with counts and filters by status', () => {
    const { onFilter } = render({ filter: 'missed' });
    const chip = container.querySelector<HTMLButtonElement>('.chip-missed')!;
    expect(chip.getAttribute('aria-pressed')).toBe('true');
    expect(chip.getAttribute('data-count')).toBe('3'); // missed calls: as the badge, the missed list and the title
    expect(tiles()).toEqual(['r201']);
    act(() => container.querySelector<HTMLButtonElement>('.chip-in-call')!.click());
    expect(onFilter).toHaveBeenCalledWith('in-call');
  });

  it('wraps a room name only between its words, never inside "1-011"', async () => {
    await load({ rooms: [{ id: 'x', name: 'Room 1-011', floor: '1', address: 'echo-x', addressType: 'RAW_ADDRESS' }] });
    render();
    const name = tile('x')!.querySelector('.tile-name')!;
    expect([...name.querySelectorAll('.word')].map((w) => w.textContent)).toEqual(['Room', '1-011']);
    expect(name.textContent).toBe('Room 1-011');
  });

  it("counts an unknown caller's missed call in the Missed chip and says where it is", async () => {
    const unknown = { sessionId: 'u', roomId: null, title: 'Unknown room', remote: { type: 'RAW_ADDRESS' as const, value: 'amzn1.x' }, at: 1, reason: 'missed' as const };
    await load({ calls: { calls: [], missed: [...missed(3), unknown] } });
    render({ filter: 'missed' });
    expect(container.querySelector('.chip-missed')?.getAttribute('data-count')).toBe('4');
    expect(container.querySelector('[data-testid="unknown-missed"]')?.textContent).toContain('1 missed call is from an unknown room');
    render({ filter: 'missed', query: '201' }); // a search counts only the rooms it finds
    expect(container.querySelector('.chip-missed')?.getAttribute('data-count')).toBe('3');
  });

  it('offers to clear a search that matches nothing, and to import rooms when there are none', () => {
    const { onClearSearch } = render({ query: 'nowhere' });
    act(() => [...container.querySelectorAll('button')].find((b) => b.textContent === 'Clear search')!.click());
    expect(onClearSearch).toHaveBeenCalled();
    const { onImport } = render({ rooms: [] });
    act(() => [...container.querySelectorAll('button')].find((b) => b.textContent?.includes('Import rooms'))!.click());
    expect(onImport).toHaveBeenCalled();
  });

  it('follows state changes: the changed tile, its group summary and the chip counts update', () => {
    render();
    push([inCall, callView({ sessionId: 'new', roomId: 'r101', startedAt: Date.now() })]);
    expect(tile('r101')?.getAttribute('data-status')).toBe('incoming');
    expect(tile('r101')?.textContent).toContain('Calling');
    expect(tile('r102')?.getAttribute('data-status')).toBe('in-call');
    expect(container.querySelector('h2 .group-summary')?.textContent).toBe('2 rooms · 1 calling · 1 in call');
    expect(container.querySelector('.chip-incoming .chip-count')?.textContent).toBe('1');
    expect(container.querySelector('.chip-idle .chip-count')?.textContent).toBe('0');
  });

  it('a filtered grid shows a room as soon as it reaches the status, and drops it when it leaves', () => {
    render({ filter: 'incoming' });
    expect(tiles()).toEqual([]);
    push([inCall, callView({ sessionId: 'new', roomId: 'r101' })]);
    expect(tiles()).toEqual(['r101']);
    push([inCall]);
    expect(tiles()).toEqual([]);
  });

  it('marks the start of the first grid render for benchmarks', () => {
    render();
    expect(performance.getEntriesByName(GRID_RENDER_START)).toHaveLength(1);
  });
});

describe('RoomGrid with 2,500 rooms', () => {
  const many = Array.from({ length: 2500 }, (_, i) => room(`r${(Math.floor(i / 100) + 1) * 100 + (i % 100)}`, String(Math.floor(i / 100) + 1)));
  beforeEach(async () => {
    await load({ rooms: many, calls: { calls: [], elsewhere: [], missed: [] } });
  });

  it('draws only the rows near the view, each under its floor heading', () => {
    render();
    const drawn = tiles();
    expect(drawn.length).toBeGreaterThan(20);
    expect(drawn.length).toBeLessThan(150);
    expect(drawn).toContain('r100');
    expect(tile('r2599')).toBeNull();
    expect([...container.querySelectorAll('h2')].map((h) => h.firstChild?.textContent)).toEqual(['Floor 1']);
  });

  it('keeps the tile of a room far down drawn while it has a call and after its status changed', () => {
    render();
    push([callView({ sessionId: 'far', roomId: 'r2550' })], 0);
    expect(tile('r2550')?.getAttribute('data-status')).toBe('incoming');
    expect(container.querySelector('#group-Floor-25')).not.toBeNull(); // its sticky heading with it
    push([], 0); // hung up: back to idle, still drawn (its state changed last)
    expect(tile('r2550')?.getAttribute('data-status')).toBe('idle');
  });

  it('draws a row out of view with only the rooms it keeps, so hundreds of calls stay light', () => {
    render();
    push([callView({ sessionId: 'far', roomId: 'r2550' }), callView({ sessionId: 'farther', roomId: 'r2551' })], 0);
    const row = tile('r2550')!.closest('ul')!;
    expect([...row.querySelectorAll('[data-testid="room-tile"]')].map((t) => t.getAttribute('data-room-id'))).toEqual(['r2550', 'r2551']);
    expect(row.hasAttribute('data-out-of-view')).toBe(true); // its pulse is off: nobody sees it
    const inView = tile('r100')!.closest('ul')!;
    expect(inView.hasAttribute('data-out-of-view')).toBe(false);
    expect(inView.querySelectorAll('[data-testid="room-tile"]').length).toBeGreaterThan(2); // a whole row
  });

  it('brings a room into view on request', () => {
    const { reveal } = render();
    act(() => reveal.request('r1742'));
    expect(tile('r1742')?.dataset.highlight).toBe('true');
    expect(reveal.current()).toBeNull(); // carried out
  });

  it('clears a search that hides the room to bring into view', () => {
    const { reveal, onClearSearch } = render({ query: 'Room 10' });
    expect(tile('r2001')).toBeNull();
    act(() => reveal.request('r2001'));
    expect(onClearSearch).toHaveBeenCalled();
    expect(reveal.current()).not.toBeNull(); // waits for the search to clear
    render({ query: '', reveal, onClearSearch });
    expect(tile('r2001')?.dataset.highlight).toBe('true');
  });

  it('is one tab stop; arrows, Home and End move focus to any room, drawing it first', () => {
    render();
    const tabStops = () => [...container.querySelectorAll<HTMLElement>('[data-testid="call-room"]')].filter((b) => b.tabIndex === 0);
    expect(tabStops().map((b) => b.closest<HTMLElement>('[data-room-id]')!.dataset.roomId)).toEqual(['r100']);
    const key = (k: string) => act(() => document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true })));
    act(() => button('r100').focus());
    key('ArrowRight');
    expect(document.activeElement).toBe(button('r101'));
    key('ArrowDown'); // 7 tiles a row
    expect(document.activeElement).toBe(button('r108'));
    key('End');
    expect(document.activeElement).toBe(button('r2599'));
    expect(tabStops()).toHaveLength(1);
    key('ArrowUp');
    expect(document.activeElement?.closest<HTMLElement>('[data-room-id]')?.dataset.roomId).toBe('r2592');
    key('Home');
    expect(document.activeElement).toBe(button('r100'));
  });
});
