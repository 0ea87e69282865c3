// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Room } from '../../main/ipc/contract.js';
import { RoomGrid } from '../../renderer/src/components/RoomGrid.js';
import { GRID_RENDER_START } from '../../renderer/src/perf-probe.js';
import type { RoomState } from '../../renderer/src/state/room-status.js';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const rooms: Room[] = [
  { id: 'r101', name: 'Room 101', floor: '1', address: 'a1', addressType: 'RAW_ADDRESS' },
  { id: 'r102', name: 'Room 102', floor: '1', address: 'a2', addressType: 'RAW_ADDRESS' },
  { id: 'r201', name: 'Room 201', floor: '2', address: 'a3', addressType: 'RAW_ADDRESS' },
];
const states = new Map<string, RoomState>([
  ['r102', { status: 'in-call', since: Date.now() - 5000, missed: 0, sessionId: 's' }],
  ['r201', { status: 'missed', since: Date.now() - 60_000, missed: 3, sessionId: null }],
]);

let container: HTMLDivElement;
let root: Root;
beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
});
afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

function render(props: Partial<Parameters<typeof RoomGrid>[0]> = {}) {
  const handlers = { onFilter: vi.fn(), onClearSearch: vi.fn(), onCall: vi.fn(), onImport: vi.fn() };
  act(() => root.render(<RoomGrid rooms={rooms} states={states} query="" filter="all" {...handlers} {...props} />));
  return handlers;
}
const tile = (id: string) => container.querySelector<HTMLElement>(`[data-testid="room-tile"][data-room-id="${id}"]`);

describe('RoomGrid', () => {
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
    act(() => tile('r101')!.querySelector<HTMLButtonElement>('[data-testid="call-room"]')!.click());
    expect(onCall).toHaveBeenCalledWith('r101', false);
    expect(tile('r102')!.querySelector<HTMLButtonElement>('[data-testid="call-room"]')!.disabled).toBe(true);
    expect(tile('r201')!.querySelector<HTMLButtonElement>('[data-testid="call-room"]')!.disabled).toBe(false);
  });

  it('shows chips with counts and filters by status', () => {
    const { onFilter } = render({ filter: 'missed' });
    const chip = container.querySelector<HTMLButtonElement>('.chip-missed')!;
    expect(chip.getAttribute('aria-pressed')).toBe('true');
    expect(chip.textContent).toContain('1');
    expect(container.querySelectorAll('[data-testid="room-tile"]')).toHaveLength(1);
    act(() => container.querySelector<HTMLButtonElement>('.chip-in-call')!.click());
    expect(onFilter).toHaveBeenCalledWith('in-call');
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
    const onCall = vi.fn(); // the same handler, as the app passes: only the states change
    render({ onCall });
    const changed = new Map(states).set('r101', { status: 'incoming', since: Date.now(), missed: 0, sessionId: 'new' });
    render({ states: changed, onCall });
    expect(tile('r101')?.getAttribute('data-status')).toBe('incoming');
    expect(tile('r101')?.textContent).toContain('Calling');
    expect(tile('r102')?.getAttribute('data-status')).toBe('in-call');
    expect(container.querySelector('h2 .group-summary')?.textContent).toBe('2 rooms · 1 calling · 1 in call');
    expect(container.querySelector('.chip-incoming .chip-count')?.textContent).toBe('1');
    expect(container.querySelector('.chip-idle .chip-count')?.textContent).toBe('0');
  });

  it('a filtered grid shows a room as soon as it reaches the status, and drops it when it leaves', () => {
    const onCall = vi.fn();
    render({ filter: 'incoming', onCall });
    expect(container.querySelectorAll('[data-testid="room-tile"]')).toHaveLength(0);
    const ringing = new Map(states).set('r101', { status: 'incoming', since: Date.now(), missed: 0, sessionId: 'new' });
    render({ filter: 'incoming', states: ringing, onCall });
    expect([...container.querySelectorAll('[data-testid="room-tile"]')].map((t) => t.getAttribute('data-room-id'))).toEqual(['r101']);
    render({ filter: 'incoming', states, onCall });
    expect(container.querySelectorAll('[data-testid="room-tile"]')).toHaveLength(0);
  });

  it('marks the start of the first grid render for benchmarks', () => {
    render();
    expect(performance.getEntriesByName(GRID_RENDER_START)).toHaveLength(1);
  });
});
