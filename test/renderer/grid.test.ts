// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { Room } from '../../main/ipc/contract.js';
import { countGroups, countStatuses, filterGroups, groupLabel, layoutGrid, matchesSearch, OTHER_ROOMS, type GridGroup } from '../../renderer/src/state/grid.js';
import type { RoomState } from '../../renderer/src/state/room-status.js';

const room = (id: string, over: Partial<Room> = {}): Room => ({ id, name: `Room ${id}`, address: `echo-${id}`, addressType: 'RAW_ADDRESS', ...over });
const state = (status: RoomState['status']): RoomState => ({ status, since: null, missed: 0, sessionId: null });

describe('groupLabel', () => {
  it('prefers the group, then floor and wing, then "Other rooms"', () => {
    expect(groupLabel(room('1', { group: 'Suites', floor: '3' }))).toBe('Suites');
    expect(groupLabel(room('1', { floor: '3', wing: 'B' }))).toBe('Floor 3 · Wing B');
    expect(groupLabel(room('1', { wing: 'East wing' }))).toBe('East wing');
    expect(groupLabel(room('1', { floor: 'Ground floor' }))).toBe('Ground floor');
    expect(groupLabel(room('1', { floor: '  ' }))).toBe(OTHER_ROOMS);
    expect(groupLabel(room('1'))).toBe(OTHER_ROOMS);
  });
});

describe('matchesSearch', () => {
  const r = room('214', { floor: '2', wing: 'North', address: 'amzn1.echo.abc' });
  it('matches every word anywhere, ignoring case', () => {
    expect(matchesSearch(r, '')).toBe(true);
    expect(matchesSearch(r, 'room 214')).toBe(true);
    expect(matchesSearch(r, 'NORTH 214')).toBe(true);
    expect(matchesSearch(r, 'echo.abc')).toBe(true);
    expect(matchesSearch(r, '214 south')).toBe(false);
  });
});

describe('layoutGrid, countGroups, filterGroups', () => {
  const rooms = [
    room('110', { floor: '10' }),
    room('102', { floor: '1' }),
    room('9', { floor: '1' }),
    room('lobby'),
    room('201', { floor: '2' }),
  ];
  const states = new Map([
    ['102', state('incoming')],
    ['201', state('in-call')],
  ]);
  const ids = (groups: GridGroup[]) => groups.flatMap((g) => g.rooms.map((r) => r.id));

  it('groups rooms in natural order with "Other rooms" last, rooms sorted naturally inside', () => {
    const groups = layoutGrid(rooms, '');
    expect(groups.map((g) => g.label)).toEqual(['Floor 1', 'Floor 2', 'Floor 10', OTHER_ROOMS]);
    expect(groups[0].rooms.map((r) => r.id)).toEqual(['9', '102']);
    expect(countStatuses(groups[0].rooms, states)).toMatchObject({ all: 2, idle: 1, incoming: 1, 'in-call': 0 });
  });

  it('counts statuses for the chips, treating rooms without a state as idle', () => {
    const counts = countGroups(layoutGrid(rooms, ''), states);
    expect(counts).toMatchObject({ all: 5, idle: 3, incoming: 1, 'in-call': 1, missed: 0 });
  });

  it('filters by status, dropping empty groups; "all" keeps the very same groups', () => {
    const groups = layoutGrid(rooms, '');
    expect(ids(filterGroups(groups, states, 'incoming'))).toEqual(['102']);
    expect(filterGroups(groups, states, 'incoming')).toHaveLength(1);
    expect(filterGroups(groups, states, 'all')).toBe(groups);
  });

  it('searches before counting, so chips count only matching rooms', () => {
    const groups = layoutGrid(rooms, 'room 10');
    expect(ids(groups)).toEqual(['102', '110']);
    expect(countGroups(groups, states)).toMatchObject({ all: 2, incoming: 1, idle: 1, 'in-call': 0 });
  });

  it('shows nothing when nothing matches', () => {
    expect(layoutGrid(rooms, 'nowhere')).toEqual([]);
  });
});
