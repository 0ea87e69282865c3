// The room grid: filter chips, then rooms grouped under sticky headings. Grouping and sorting run
// only when the rooms or the search change; on a call update only the groups holding a room whose
// state changed re-render, and in them only that room's memoized tile. Each group uses
// `content-visibility: auto`, so off-screen floors cost no style, layout or paint.
import { memo, useEffect, useMemo } from 'react';
import type { Room, RoomStatus } from '../../../main/ipc/contract.js';
import { countGroups, countStatuses, filterGroups, layoutGrid, STATUS_ORDER, type GridGroup, type StatusCounts, type StatusFilter } from '../state/grid.js';
import { STATUS_WORDS, type RoomState } from '../state/room-status.js';
import { markGridRenderEnd, markGridRenderStart } from '../perf-probe.js';
import { Ago, Elapsed } from './clock.js';
import { Icon, type IconName } from './Icon.js';

export const STATUS_ICONS: Record<RoomStatus, IconName> = {
  idle: 'dot',
  incoming: 'phone-incoming',
  outgoing: 'phone-outgoing',
  'in-call': 'phone-call',
  held: 'pause',
  missed: 'alert-circle',
  dnd: 'moon',
};

const CHIP_WORDS: Record<StatusFilter, string> = { all: 'All rooms', ...STATUS_WORDS, outgoing: 'Outgoing' };

interface RoomGridProps {
  rooms: readonly Room[];
  states: ReadonlyMap<string, RoomState>;
  query: string;
  filter: StatusFilter;
  onFilter(filter: StatusFilter): void;
  onClearSearch(): void;
  onCall(roomId: string, video: boolean): void;
  onImport(): void;
}

export const RoomGrid = memo(function RoomGrid({ rooms, states, query, filter, onFilter, onClearSearch, onCall, onImport }: RoomGridProps) {
  if (rooms.length) markGridRenderStart();
  const layout = useMemo(() => layoutGrid(rooms, query), [rooms, query]);
  const counts = useMemo(() => countGroups(layout, states), [layout, states]);
  const groups = useMemo(() => filterGroups(layout, states, filter), [layout, states, filter]);
  useEffect(() => {
    if (rooms.length) markGridRenderEnd();
  }, [rooms.length]);

  if (!rooms.length) {
    return (
      <section className="grid-area empty" aria-label="Rooms">
        <p className="empty-title">No rooms yet</p>
        <p>Import the room directory (a CSV or JSON file) to see every room here.</p>
        <button type="button" className="btn" onClick={onImport}>
          <Icon name="upload" /> Import rooms…
        </button>
      </section>
    );
  }

  return (
    <section className="grid-area" aria-label="Rooms">
      <div className="chips" role="group" aria-label="Show rooms by status">
        {(['all', ...STATUS_ORDER] as StatusFilter[]).map((f) => (
          <button
            key={f}
            type="button"
            className={`chip chip-${f}`}
            aria-pressed={filter === f}
            data-empty={counts[f] === 0 || undefined}
            onClick={() => onFilter(filter === f ? 'all' : f)}
          >
            {f !== 'all' && <Icon name={STATUS_ICONS[f]} size={16} />}
            {CHIP_WORDS[f]} <span className="chip-count">{counts[f]}</span>
          </button>
        ))}
      </div>
      <div className="grid-scroll">
        {groups.map((group) => (
          <RoomGroup key={group.key} group={group} states={states} onCall={onCall} />
        ))}
        {groups.length === 0 && (
          <div className="empty">
            <p className="empty-title">{query ? `No rooms match “${query}”` : 'No rooms with this status'}</p>
            <button type="button" className="btn" onClick={query ? onClearSearch : () => onFilter('all')}>
              {query ? 'Clear search' : 'Show all rooms'}
            </button>
          </div>
        )}
      </div>
    </section>
  );
});

function groupSummary(group: GridGroup, counts: StatusCounts): string {
  const parts = STATUS_ORDER.filter((s) => s !== 'idle' && counts[s]).map((s) => `${counts[s]} ${STATUS_WORDS[s].replace('…', '').toLowerCase()}`);
  return [`${group.rooms.length} room${group.rooms.length === 1 ? '' : 's'}`, ...parts].join(' · ');
}

interface RoomGroupProps {
  group: GridGroup;
  states: ReadonlyMap<string, RoomState>;
  onCall: RoomGridProps['onCall'];
}

/** Same rooms, same handler and every room's state unchanged: nothing in the group to redraw. */
function sameGroupContent(before: RoomGroupProps, after: RoomGroupProps): boolean {
  if (before.onCall !== after.onCall) return false;
  const rooms = after.group.rooms;
  if (before.group !== after.group) {
    const same = before.group.key === after.group.key && before.group.rooms.length === rooms.length && rooms.every((r, i) => before.group.rooms[i] === r);
    if (!same) return false;
  }
  return before.states === after.states || rooms.every((r) => before.states.get(r.id) === after.states.get(r.id));
}

/**
 * Height an off-screen group stands in for until it has been drawn once (`content-visibility`):
 * its heading plus rows of about six tiles. Near the real height, so the first frame draws only
 * the groups really in view, and the scrollbar is about right from the start.
 */
function estimatedHeight(rooms: number): number {
  return 48 + Math.ceil(rooms / 6) * 94;
}

const RoomGroup = memo(function RoomGroup({ group, states, onCall }: RoomGroupProps) {
  const headingId = `group-${group.key.replace(/\W+/g, '-')}`;
  return (
    <section className="group" aria-labelledby={headingId} style={{ containIntrinsicSize: `auto ${estimatedHeight(group.rooms.length)}px` }}>
      <h2 className="group-head" id={headingId}>
        <span>{group.label}</span>
        <span className="group-summary">{groupSummary(group, countStatuses(group.rooms, states))}</span>
      </h2>
      <ul className="tiles">
        {group.rooms.map((room) => (
          <RoomTile key={room.id} room={room} state={states.get(room.id) ?? IDLE_STATE} onCall={onCall} />
        ))}
      </ul>
    </section>
  );
}, sameGroupContent);

const IDLE_STATE: RoomState = { status: 'idle', since: null, missed: 0, sessionId: null };

/** Calling the room is possible unless it is already on a call with the desk. */
function canCall(status: RoomStatus): boolean {
  return status === 'idle' || status === 'missed' || status === 'dnd';
}

export const RoomTile = memo(function RoomTile({ room, state, onCall }: { room: Room; state: RoomState; onCall: RoomGridProps['onCall'] }) {
  const { status, since, missed } = state;
  const callable = canCall(status);
  const place = [room.floor && `floor ${room.floor}`, room.wing && `wing ${room.wing}`].filter(Boolean).join(', ');
  return (
    <li className={`tile s-${status}`} data-testid="room-tile" data-room-id={room.id} data-status={status}>
      <button
        type="button"
        data-testid="call-room"
        className="tile-main"
        disabled={!callable}
        title={callable ? `Call ${room.name} (Shift+click: video call)` : undefined}
        aria-label={`${callable ? 'Call ' : ''}${room.name}${place ? ` (${place})` : ''}: ${STATUS_WORDS[status]}${missed ? `, ${missed} missed` : ''}`}
        onClick={(e) => onCall(room.id, e.shiftKey)}
      >
        <span className="tile-name">{room.name}</span>
        <span className="tile-status">
          {STATUS_WORDS[status]}
          {since !== null && status === 'missed' ? <Ago at={since} /> : since !== null && <Elapsed since={since} />}
        </span>
      </button>
      {missed > 0 && (
        <span className="badge" aria-hidden="true">
          {missed}
        </span>
      )}
    </li>
  );
});
