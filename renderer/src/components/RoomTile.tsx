// One room of the grid. It subscribes to its own room's state, so a call change re-renders the
// tiles of the rooms it touches and nothing else.
import { Fragment, memo } from 'react';
import { useIntl } from 'react-intl';
import type { Room, RoomStatus } from '../../../main/ipc/contract.js';
import { STATUS_WORDS } from '../state/room-status.js';
import { useRoomState } from '../state/use-desk.js';
import { Ago, Elapsed } from './clock.js';
import type { IconName } from './Icon.js';

export const STATUS_ICONS: Record<RoomStatus, IconName> = {
  idle: 'dot',
  incoming: 'phone-incoming',
  outgoing: 'phone-outgoing',
  'in-call': 'phone-call',
  held: 'pause',
  missed: 'alert-circle',
  dnd: 'moon',
};

/** Calling the room is possible unless it is already on a call with the desk. */
function canCall(status: RoomStatus): boolean {
  return status === 'idle' || status === 'missed' || status === 'dnd';
}

/**
 * A room name that wraps only between words: "Room 1-011" may go on two lines, but never as
 * "Room 1-" and "011" (a browser would break after the hyphen). Styled by `.tile-name .word`.
 */
export function WrappedName({ name }: { name: string }) {
  const words = name.split(/\s+/).filter(Boolean);
  // The spaces stay between the words' spans: there, and only there, the line may break.
  return words.map((word, i) => (
    <Fragment key={i}>
      {i > 0 && ' '}
      <span className="word">{word}</span>
    </Fragment>
  ));
}

interface RoomTileProps {
  room: Room;
  /** The grid's one tab stop (arrow keys move it). */
  tabbable: boolean;
  /** Just brought into view on request ("show the room"): marked for a moment. */
  highlight: boolean;
  onCall(roomId: string, video: boolean): void;
}

export const RoomTile = memo(function RoomTile({ room, tabbable, highlight, onCall }: RoomTileProps) {
  const { status, since, missed, desk } = useRoomState(room.id);
  const callable = canCall(status);
  const intl = useIntl();
  const words = intl.formatMessage({ id: STATUS_WORDS[status] });
  const place = [room.floor && intl.formatMessage({ id: 'grid.floor' }, { floor: room.floor }), room.wing && intl.formatMessage({ id: 'grid.wing' }, { wing: room.wing })].filter(Boolean).join(', ');
  const withDesk = desk ? intl.formatMessage({ id: 'tile.withDesk' }, { desk }) : null;
  return (
    <li className={`tile s-${status}`} data-testid="room-tile" data-room-id={room.id} data-status={status} data-desk={desk ?? undefined} data-highlight={highlight || undefined}>
      {/* aria-disabled rather than disabled: a room on a call keeps keyboard focus as the arrows move through it */}
      <button
        type="button"
        data-testid="call-room"
        className="tile-main"
        tabIndex={tabbable ? 0 : -1}
        aria-disabled={!callable || undefined}
        title={callable ? intl.formatMessage({ id: 'tile.callTitle' }, { room: room.name }) : undefined}
        aria-label={intl.formatMessage(
          { id: 'tile.label' },
          { callable: String(callable), room: room.name, place: place || 'none', status: withDesk ? `${words} ${withDesk}` : words, missed },
        )}
        onClick={(e) => callable && onCall(room.id, e.shiftKey)}
      >
        <span className="tile-name">
          <WrappedName name={room.name} />
        </span>
        <span className="tile-status">
          {words}
          {since !== null && status === 'missed' ? <Ago at={since} /> : since !== null && <Elapsed since={since} />}
        </span>
        {desk && (
          <span className="tile-desk" title={withDesk ?? undefined}>
            {withDesk}
          </span>
        )}
      </button>
      {missed > 0 && (
        <span className="badge" aria-hidden="true">
          {missed}
        </span>
      )}
    </li>
  );
});
