// @vitest-environment jsdom
// The History drawer pages through older calls and filters by room, direction and result.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HistoryEntry, HistoryPage, Room } from '../../main/ipc/contract.js';
import { HistoryPanel, type HistoryQuery } from '../../renderer/src/components/HistoryPanel.js';
import { byTestId, click, mount, settle, type Mounted } from './form-helpers.js';
import { act } from 'react';

const entry = (n: number): HistoryEntry =>
  ({ sessionId: `s${n}`, direction: 'incoming', roomId: 'r1', title: 'Room 101', remote: { type: 'RAW_ADDRESS', value: 'echo-101' }, startedAt: n, answeredAt: null, endedAt: n + 1, endReason: 'missed' }) as HistoryEntry;
const rooms: Room[] = [{ id: 'r1', name: 'Room 101', address: 'echo-101', addressType: 'RAW_ADDRESS' }];

let ui: Mounted;
beforeEach(() => (ui = mount()));
afterEach(() => ui.unmount());

describe('HistoryPanel', () => {
  it('shows the newest page, appends older pages, and asks again with the filters chosen', async () => {
    const load = vi.fn(async (query: HistoryQuery): Promise<HistoryPage> => (query.before ? { entries: [entry(1)], next: null } : { entries: [entry(3), entry(2)], next: 'cursor' }));
    await ui.render(<HistoryPanel load={load} rooms={rooms} refreshKey="" />);
    const rows = () => ui.container.querySelectorAll('[data-testid="history-row"]').length;
    expect(rows()).toBe(2);
    await click(byTestId(ui.container, 'history-older'));
    expect(load).toHaveBeenLastCalledWith({ roomId: null, direction: null, outcome: null, before: 'cursor' });
    expect(rows()).toBe(3);
    expect(ui.container.querySelector('[data-testid="history-older"]')).toBeNull();

    const select = byTestId(ui.container, 'history-outcome') as HTMLSelectElement;
    await act(async () => {
      select.value = 'missed';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await settle();
    expect(load).toHaveBeenLastCalledWith({ roomId: null, direction: null, outcome: 'missed' });
    expect(rows()).toBe(2);
  });

  it('says what went wrong when the history cannot be read', async () => {
    await ui.render(<HistoryPanel load={async () => 'history read failed: disk error'} rooms={rooms} refreshKey="" />);
    expect(ui.container.textContent).toContain('The call history could not load — try again');
    expect(ui.container.querySelector('.call-error')?.getAttribute('title')).toBe('history read failed: disk error'); // the technical side, on hover
  });
});
