// Above the grid, wherever it is scrolled: every ringing call, oldest first, with its waiting time.
// A click shows the room's tile.
import { FormattedMessage, useIntl } from 'react-intl';
import type { CallView } from '../../../main/ipc/contract.js';
import { splitCalls } from '../state/calls.js';
import type { DeskState } from '../state/desk-store.js';
import { roomName } from '../state/names.js';
import { sameItems, useDeskSelector } from '../state/use-desk.js';
import { Elapsed } from './clock.js';
import { Icon } from './Icon.js';

/** Calls named one by one; the rest are counted. */
const MAX_NAMED = 4;

const selectRinging = (s: DeskState): CallView[] => splitCalls(s.snapshot?.calls.calls ?? []).ringing;

export function RingingBanner({ onShowRoom }: { onShowRoom(roomId: string): void }) {
  const ringing = useDeskSelector(selectRinging, sameItems);
  const intl = useIntl();
  if (!ringing.length) return null;
  const more = ringing.length - MAX_NAMED;
  return (
    <div className="ringing-banner" data-testid="ringing-banner">
      <Icon name="phone-incoming" size={20} />
      <span className="ringing-label">
        <FormattedMessage id="banner.calling" values={{ count: ringing.length }} />
      </span>
      {ringing.slice(0, MAX_NAMED).map((call) => (
        <button
          key={call.sessionId}
          type="button"
          className="ringing-room"
          data-testid="ringing-room"
          data-session-id={call.sessionId}
          disabled={call.roomId === null}
          title={call.roomId === null ? undefined : intl.formatMessage({ id: 'banner.showRoom' })}
          onClick={() => call.roomId && onShowRoom(call.roomId)}
        >
          <strong>{roomName(call, intl)}</strong> <Elapsed since={call.startedAt} />
        </button>
      ))}
      {more > 0 && (
        <span className="ringing-more">
          <FormattedMessage id="banner.more" values={{ count: more }} />
        </span>
      )}
    </div>
  );
}
