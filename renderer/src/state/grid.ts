// What the room grid shows: rooms grouped by floor / wing / group, filtered by status and search.
// Pure, so the grid component only renders.
import type { Room, RoomStatus } from '../../../main/ipc/contract.js';
import type { RoomState } from './room-status.js';

export type StatusFilter = RoomStatus | 'all';

export const STATUS_ORDER: readonly RoomStatus[] = ['incoming', 'outgoing', 'in-call', 'held', 'missed', 'dnd', 'idle'];

export interface GridGroup {
  key: string;
  label: string;
  rooms: Room[];
  counts: Partial<Record<RoomStatus, number>>;
}

export interface Grid {
  groups: GridGroup[];
  /** Rooms per status among the rooms matching the search (chip counts); `all` is their total. */
  counts: Record<StatusFilter, number>;
  /** Rooms shown after search and status filter. */
  shown: number;
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
export const OTHER_ROOMS = 'Other rooms';

/** "2" reads as "Floor 2"; a value with words ("Ground floor", "East wing") is kept as written. */
function labelled(value: string | undefined, noun: string): string | null {
  const text = value?.trim();
  if (!text) return null;
  return /[a-z]{2,}/i.test(text) ? text : `${noun} ${text}`;
}

/** The heading a room is listed under: its group, else floor and wing, else "Other rooms". */
export function groupLabel(room: Room): string {
  const group = room.group?.trim();
  if (group) return group;
  const parts = [labelled(room.floor, 'Floor'), labelled(room.wing, 'Wing')].filter((p): p is string => p !== null);
  return parts.length ? parts.join(' · ') : OTHER_ROOMS;
}

function searchText(room: Room): string {
  return [room.name, room.id, room.floor, room.wing, room.group, room.address].filter(Boolean).join(' ').toLowerCase();
}

/** Every word of the query appears somewhere in the room's name, id, floor, wing, group or address. */
export function matchesSearch(room: Room, query: string): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return true;
  const text = searchText(room);
  return words.every((w) => text.includes(w));
}

function emptyCounts(): Record<StatusFilter, number> {
  return { all: 0, idle: 0, incoming: 0, outgoing: 0, 'in-call': 0, held: 0, missed: 0, dnd: 0 };
}

export function buildGrid(
  rooms: readonly Room[],
  states: ReadonlyMap<string, RoomState>,
  view: { query: string; filter: StatusFilter },
): Grid {
  const counts = emptyCounts();
  const groups = new Map<string, GridGroup>();
  let shown = 0;
  for (const room of rooms) {
    if (!matchesSearch(room, view.query)) continue;
    const status = states.get(room.id)?.status ?? 'idle';
    counts.all++;
    counts[status]++;
    if (view.filter !== 'all' && view.filter !== status) continue;
    const label = groupLabel(room);
    let group = groups.get(label);
    if (!group) {
      group = { key: label, label, rooms: [], counts: {} };
      groups.set(label, group);
    }
    group.rooms.push(room);
    group.counts[status] = (group.counts[status] ?? 0) + 1;
    shown++;
  }
  const sorted = [...groups.values()].sort((a, b) => {
    if (a.label === OTHER_ROOMS || b.label === OTHER_ROOMS) return a.label === OTHER_ROOMS ? 1 : -1;
    return collator.compare(a.label, b.label);
  });
  for (const group of sorted) group.rooms.sort((a, b) => collator.compare(a.name, b.name) || collator.compare(a.id, b.id));
  return { groups: sorted, counts, shown };
}
