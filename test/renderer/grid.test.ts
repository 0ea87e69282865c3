// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { Room } from '../../main/ipc/contract.js';
import { countGroups, countStatuses, filterGroups, gridRows, groupLabel, layoutGrid, matchesSearch, moveFocus, OTHER_ROOMS, type GridGroup } from '../../renderer/src/state/grid.js';
import type { RoomState } from '../../renderer/src/state/room-status.js';

const room = (id: string, over: Partial<Room> = {}): Room => ({ id, name: `Room ${id}`, address: `echo-${id}`, addressType: 'RAW_ADDRESS', ...over });
const state = (status: RoomState['status']): RoomState => ({ status, since: null, missed: 0, sessionId: null, desk: null });

describe('groupLabel', () => {
  it('lists floors within their group or wing (a group never hides its floors), else "Other rooms"', () => {
    expect(groupLabel(room('1', { group: 'Suites', floor: '3' }))).toBe('Suites · Floor 3');
    expect(groupLabel(room('1', { group: 'Suites' }))).toBe('Suites');
    expect(groupLabel(room('1', { floor: '3', wing: 'B' }))).toBe('Wing B · Floor 3');
    expect(groupLabel(room('1', { group: 'Main building', wing: 'East wing', floor: '2' }))).toBe('Main building · East wing · Floor 2');
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

  it('sorts floors in natural order within each group', () => {
    const inGroups = [room('a', { group: 'North', floor: '10' }), room('b', { group: 'North', floor: '2' }), room('c', { group: 'Annex', floor: '1' })];
    expect(layoutGrid(inGroups, '').map((g) => g.label)).toEqual(['Annex · Floor 1', 'North · Floor 2', 'North · Floor 10']);
  });

  it('counts missed calls, not rooms, for the Missed chip; the filter shows every room with missed calls', () => {
    const withMissed = new Map([
      ['102', { ...state('incoming'), missed: 2 }], // ringing again, two missed before
      ['201', { ...state('missed'), missed: 1 }],
    ]);
    const groups = layoutGrid(rooms, '');
    expect(countGroups(groups, withMissed)).toMatchObject({ missed: 3, incoming: 1 });
    expect(ids(filterGroups(groups, withMissed, 'missed'))).toEqual(['102', '201']);
  });

  it('shows nothing when nothing matches', () => {
    expect(layoutGrid(rooms, 'nowhere')).toEqual([]);
  });
});

describe('gridRows', () => {
  // Floor 1: 101..105 (5 rooms), Floor 2: 201..202
  const groups = layoutGrid([...['101', '102', '103', '104', '105'].map((id) => room(id, { floor: '1' })), room('201', { floor: '2' }), room('202', { floor: '2' })], '');

  it('cuts each group into rows of `columns` rooms under its heading row', () => {
    const grid = gridRows(groups, 2);
    expect(grid.rows.map((r) => (r.kind === 'heading' ? r.group.label : r.rooms.map((x) => x.id).join(',')))).toEqual([
      'Floor 1',
      '101,102',
      '103,104',
      '105',
      'Floor 2',
      '201,202',
    ]);
    expect(grid.headingOf).toEqual([0, 0, 0, 0, 4, 4]);
    expect(grid.groupEnd).toEqual([3, 5]);
    expect(grid.place.get('104')).toEqual({ row: 2, column: 1 });
    expect(grid.roomRows).toEqual([1, 2, 3, 5]);
    expect(new Set(grid.rows.map((r) => r.key)).size).toBe(grid.rows.length);
  });

  it('has at least one column', () => {
    expect(gridRows(groups, 0).columns).toBe(1);
  });
});

describe('moveFocus', () => {
  const groups = layoutGrid([...['101', '102', '103', '104', '105'].map((id) => room(id, { floor: '1' })), room('201', { floor: '2' }), room('202', { floor: '2' })], '');
  const grid = gridRows(groups, 2);
  const move = (from: string | null, key: string, page = 1) => moveFocus(grid, from, key, page);

  it('moves by one room left and right, wrapping across rows and groups, stopping at the ends', () => {
    expect(move('101', 'ArrowRight')).toBe('102');
    expect(move('102', 'ArrowRight')).toBe('103');
    expect(move('105', 'ArrowRight')).toBe('201');
    expect(move('201', 'ArrowLeft')).toBe('105');
    expect(move('101', 'ArrowLeft')).toBe('101');
    expect(move('202', 'ArrowRight')).toBe('202');
  });

  it('moves up and down a row keeping the column, into a shorter row at its last room, and across groups', () => {
    expect(move('102', 'ArrowDown')).toBe('104');
    expect(move('104', 'ArrowDown')).toBe('105');
    expect(move('105', 'ArrowDown')).toBe('201');
    expect(move('202', 'ArrowUp')).toBe('105');
    expect(move('102', 'ArrowUp')).toBe('102');
    expect(move('202', 'ArrowDown')).toBe('202');
  });

  it('goes to the first and last room, and a page of rows at a time', () => {
    expect(move('104', 'Home')).toBe('101');
    expect(move('101', 'End')).toBe('202');
    expect(move('101', 'PageDown', 2)).toBe('105');
    expect(move('202', 'PageUp', 2)).toBe('104');
  });

  it('starts at the first room with nothing focused, and ignores other keys', () => {
    expect(move(null, 'ArrowDown')).toBe('101');
    expect(move('gone', 'ArrowRight')).toBe('101');
    expect(move('101', 'a')).toBeNull();
    expect(moveFocus(gridRows([], 3), null, 'ArrowDown', 1)).toBeNull();
  });
});
