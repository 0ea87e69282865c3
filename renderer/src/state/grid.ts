// What the room grid shows: rooms grouped by floor within their group or wing, filtered by search
// and status.
// Pure, so the grid component only renders. Grouping and sorting (the costly part) is apart from
// statuses, which change far more often.
import type { Room, RoomStatus } from '../../../main/ipc/contract.js';
import type { RoomState } from './room-status.js';

export type StatusFilter = RoomStatus | 'all';

/** The statuses a room shows, most urgent first (do not disturb is the desk's, not a room's). */
export const STATUS_ORDER: readonly RoomStatus[] = ['incoming', 'outgoing', 'in-call', 'held', 'missed', 'idle'];

export interface GridGroup {
  key: string;
  /** The heading in one line, for keys and sorting ('' for the rooms with no group, wing or floor). */
  label: string;
  /** The heading's parts, said in the window's language (../components/RoomGrid.tsx). */
  heading: HeadingPart[];
  rooms: Room[];
}

export type StatusCounts = Record<StatusFilter, number>;

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
/** The key of the group of rooms with no group, wing or floor ("Other rooms"), listed last. */
export const OTHER_ROOMS = '';

/** A part of a heading: the directory's words as written, or a bare value to say with its noun ("2" → "Floor 2"). */
export type HeadingPart = { text: string } | { floor: string } | { wing: string };

/** A value with words ("Ground floor", "East wing") is kept as written; "2" reads as "Floor 2". */
function part(value: string | undefined, noun: 'floor' | 'wing'): HeadingPart | null {
  const text = value?.trim();
  if (!text) return null;
  return /\p{L}{2,}/u.test(text) ? { text } : noun === 'floor' ? { floor: text } : { wing: text };
}

/**
 * The heading a room is listed under: its group and wing, then its floor ("Main building · Floor
 * 3", "Wing B · Floor 2"), so a group never hides its floors; none ("Other rooms") when it has none.
 * The window says the nouns in its language; the directory's values stay as they are.
 */
export function groupHeading(room: Room): HeadingPart[] {
  const group = room.group?.trim();
  return [group ? { text: group } : null, part(room.wing, 'wing'), part(room.floor, 'floor')].filter((p): p is HeadingPart => p !== null);
}

/** The group's key (and sort order): the heading's parts, in one line. */
export function groupLabel(room: Room): string {
  return groupHeading(room)
    .map((p) => ('text' in p ? p.text : 'floor' in p ? `Floor ${p.floor}` : `Wing ${p.wing}`))
    .join(' · ');
}

function searchText(room: Room): string {
  return [room.name, room.id, room.floor, room.wing, room.group, room.address].filter(Boolean).join(' ').toLowerCase();
}

function searchWords(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter(Boolean);
}

function matchesWords(room: Room, words: readonly string[]): boolean {
  if (!words.length) return true;
  const text = searchText(room);
  return words.every((w) => text.includes(w));
}

/** Every word of the query appears somewhere in the room's name, id, floor, wing, group or address. */
export function matchesSearch(room: Room, query: string): boolean {
  return matchesWords(room, searchWords(query));
}

function emptyCounts(): StatusCounts {
  return { all: 0, idle: 0, incoming: 0, outgoing: 0, 'in-call': 0, held: 0, missed: 0, dnd: 0 };
}

function statusOf(room: Room, states: ReadonlyMap<string, RoomState>): RoomStatus {
  return states.get(room.id)?.status ?? 'idle';
}

function missedOf(room: Room, states: ReadonlyMap<string, RoomState>): number {
  return states.get(room.id)?.missed ?? 0;
}

/** A room the status filter shows: of that status; for "missed", any room with missed calls (its badge). */
function shownBy(filter: RoomStatus, room: Room, states: ReadonlyMap<string, RoomState>): boolean {
  return filter === 'missed' ? missedOf(room, states) > 0 : statusOf(room, states) === filter;
}

/**
 * The rooms matching the search, grouped and sorted. Statuses play no part, so this runs only when
 * the rooms or the search change, never on a call update.
 */
export function layoutGrid(rooms: readonly Room[], query: string): GridGroup[] {
  const words = searchWords(query);
  const groups = new Map<string, GridGroup>();
  for (const room of rooms) {
    if (!matchesWords(room, words)) continue;
    const label = groupLabel(room);
    let group = groups.get(label);
    if (!group) {
      group = { key: label, label, heading: groupHeading(room), rooms: [] };
      groups.set(label, group);
    }
    group.rooms.push(room);
  }
  const sorted = [...groups.values()].sort((a, b) => {
    if (a.label === OTHER_ROOMS || b.label === OTHER_ROOMS) return a.label === OTHER_ROOMS ? 1 : -1;
    return collator.compare(a.label, b.label);
  });
  for (const group of sorted) group.rooms.sort((a, b) => collator.compare(a.name, b.name) || collator.compare(a.id, b.id));
  return sorted;
}

/**
 * Rooms per status (a room without a state is idle); `all` is their total. `missed` counts missed
 * calls, as the tiles' badges, the missed list and the window title do.
 */
export function countStatuses(rooms: readonly Room[], states: ReadonlyMap<string, RoomState>): StatusCounts {
  const counts = emptyCounts();
  let missedCalls = 0;
  for (const room of rooms) {
    counts[statusOf(room, states)]++;
    missedCalls += missedOf(room, states);
  }
  counts.all = rooms.length;
  counts.missed = missedCalls;
  return counts;
}

/** Chip counts over every group of the layout (the rooms matching the search). */
export function countGroups(groups: readonly GridGroup[], states: ReadonlyMap<string, RoomState>): StatusCounts {
  return countStatuses(
    groups.flatMap((g) => g.rooms),
    states,
  );
}

/** The groups with only the rooms of the chosen status; empty groups go. `all` keeps the layout as is. */
export function filterGroups(groups: GridGroup[], states: ReadonlyMap<string, RoomState>, filter: StatusFilter): GridGroup[] {
  if (filter === 'all') return groups;
  return groups
    .map((group) => ({ ...group, rooms: group.rooms.filter((room) => shownBy(filter, room, states)) }))
    .filter((group) => group.rooms.length > 0);
}

// ---- rows: what the virtualized grid draws ----------------------------------------------------

/** One row of the grid: a group's heading, or up to `columns` of its rooms. */
export type GridRow =
  | { kind: 'heading'; key: string; group: GridGroup; groupIndex: number }
  | { kind: 'rooms'; key: string; group: GridGroup; groupIndex: number; rooms: Room[]; first: number };

export interface GridRows {
  rows: GridRow[];
  columns: number;
  /** For each row, the row of its group's heading (kept drawn with it: it sticks to the top). */
  headingOf: number[];
  /** For each group, its last row. */
  groupEnd: number[];
  /** Where each room is: its row, and its column in that row. */
  place: Map<string, { row: number; column: number }>;
  /** The rows that hold rooms, top to bottom. */
  roomRows: number[];
}

/** The groups cut into rows of `columns` rooms, each group under its heading row. */
export function gridRows(groups: readonly GridGroup[], columns: number): GridRows {
  const perRow = Math.max(1, Math.floor(columns));
  const out: GridRows = { rows: [], columns: perRow, headingOf: [], groupEnd: [], place: new Map(), roomRows: [] };
  groups.forEach((group, groupIndex) => {
    const heading = out.rows.length;
    out.rows.push({ kind: 'heading', key: `h:${group.key}`, group, groupIndex });
    out.headingOf.push(heading);
    for (let first = 0; first < group.rooms.length; first += perRow) {
      const row = out.rows.length;
      const rooms = group.rooms.slice(first, first + perRow);
      out.rows.push({ kind: 'rooms', key: `r:${group.key}:${first / perRow}`, group, groupIndex, rooms, first });
      out.headingOf.push(heading);
      out.roomRows.push(row);
      rooms.forEach((room, column) => out.place.set(room.id, { row, column }));
    }
    out.groupEnd.push(out.rows.length - 1);
  });
  return out;
}

/**
 * The room keyboard focus moves to from `from` (null: nothing focused yet, the first room):
 * arrows move by one room or one row (up and down keep the column, across groups too), Home and
 * End go to the first and last room, Page Up and Page Down move by `pageRows` rows. Null when the
 * key does not move focus.
 */
export function moveFocus(grid: GridRows, from: string | null, key: string, pageRows: number): string | null {
  const { roomRows } = grid;
  if (!roomRows.length) return null;
  const roomsOf = (index: number) => (grid.rows[roomRows[index]!] as Extract<GridRow, { kind: 'rooms' }>).rooms;
  const at = from === null ? undefined : grid.place.get(from);
  const index = at ? roomRows.indexOf(at.row) : 0;
  const column = at?.column ?? 0;
  const inRow = (target: number, col: number) => {
    const rooms = roomsOf(Math.min(Math.max(target, 0), roomRows.length - 1));
    return rooms[Math.min(col, rooms.length - 1)]!.id;
  };
  switch (key) {
    case 'ArrowRight':
      if (!at) return inRow(0, 0);
      return column + 1 < roomsOf(index).length ? inRow(index, column + 1) : index + 1 < roomRows.length ? inRow(index + 1, 0) : from;
    case 'ArrowLeft':
      if (!at) return inRow(0, 0);
      return column > 0 ? inRow(index, column - 1) : index > 0 ? inRow(index - 1, Number.MAX_SAFE_INTEGER) : from;
    case 'ArrowDown':
      return inRow(at ? index + 1 : 0, column);
    case 'ArrowUp':
      return inRow(at ? index - 1 : 0, column);
    case 'PageDown':
      return inRow(index + Math.max(1, pageRows), column);
    case 'PageUp':
      return inRow(index - Math.max(1, pageRows), column);
    case 'Home':
      return inRow(0, 0);
    case 'End':
      return inRow(roomRows.length - 1, Number.MAX_SAFE_INTEGER);
    default:
      return null;
  }
}
