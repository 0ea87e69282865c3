// The room grid: filter chips, then rooms grouped under sticky headings. Tiles are memoized and
// each group uses `content-visibility: auto`, so 2,500 rooms render and scroll smoothly.
import { memo, useEffect, useMemo } from 'react';
import type { Room, RoomStatus } from '../../../main/ipc/contract.js';
import { buildGrid, STATUS_ORDER, type GridGroup, type StatusFilter } from '../state/grid.js';
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

export function RoomGrid({ rooms, states, query, filter, onFilter, onClearSearch, onCall, onImport }: RoomGridProps) {
  if (rooms.length) markGridRenderStart();
  const grid = useMemo(() => buildGrid(rooms, states, { query, filter }), [rooms, states, query, filter]);
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
            data-empty={grid.counts[f] === 0 || undefined}
            onClick={() => onFilter(filter === f ? 'all' : f)}
          >
            {f !== 'all' && <Icon name={STATUS_ICONS[f]} size={16} />}
            {CHIP_WORDS[f]} <span className="chip-count">{grid.counts[f]}</span>
          </button>
        ))}
      </div>
      <div className="grid-scroll">
        {grid.groups.map((group) => (
          <RoomGroup key={group.key} group={group} states={states} onCall={onCall} />
        ))}
        {grid.shown === 0 && (
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
}

function groupSummary(group: GridGroup): string {
  const parts = STATUS_ORDER.filter((s) => s !== 'idle' && group.counts[s]).map(
    (s) => `${group.counts[s]} ${STATUS_WORDS[s].replace('…', '').toLowerCase()}`,
  );
  return [`${group.rooms.length} room${group.rooms.length === 1 ? '' : 's'}`, ...parts].join(' · ');
}

function RoomGroup({ group, states, onCall }: { group: GridGroup; states: ReadonlyMap<string, RoomState>; onCall: RoomGridProps['onCall'] }) {
  const headingId = `group-${group.key.replace(/\W+/g, '-')}`;
  return (
    <section className="group" aria-labelledby={headingId}>
      <h2 className="group-head" id={headingId}>
        <span>{group.label}</span>
        <span className="group-summary">{groupSummary(group)}</span>
      </h2>
      <ul className="tiles">
        {group.rooms.map((room) => (
          <RoomTile key={room.id} room={room} state={states.get(room.id) ?? IDLE_STATE} onCall={onCall} />
        ))}
      </ul>
    </section>
  );
}

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
          <Icon name={STATUS_ICONS[status]} size={16} />
          <span>{STATUS_WORDS[status]}</span>
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
