// The call dock: ringing calls first (oldest on top: the first as a big card, the others as
// compact rows with their waiting time), then the current call with its controls, then calls on
// hold, then calls that just ended. When space runs short the lists scroll, never the current
// call's controls. Every card takes the focus, so the keys act on the call in
// focus (../state/keyboard.ts).
// The dock follows only which calls are where (ringing, current, held, ended); each card follows
// its own call in the store, so a change to one call re-renders that card alone.
import { memo, useMemo, useSyncExternalStore, type MouseEvent, type ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { CallView, EndReason, MessageId } from '../../../main/ipc/contract.js';
import { activeCallState, splitCalls } from '../state/calls.js';
import type { DeskState } from '../state/desk-store.js';
import { shortcutLabels } from '../state/keyboard.js';
import { roomName } from '../state/names.js';
import { useSay } from '../i18n/DeskIntl.js';
import { useCall, useDeskSelector } from '../state/use-desk.js';
import type { MediaSession } from '../media/peer-session.js';
import { Elapsed } from './clock.js';
import { Icon } from './Icon.js';
import { MediaView } from './MediaView.js';

export interface CallActions {
  answer(sessionId: string, video: boolean): void;
  decline(sessionId: string): void;
  hangup(sessionId: string): void;
  hold(sessionId: string): void;
  resume(sessionId: string): void;
  toggleMute(sessionId: string): void;
  toggleVideo(sessionId: string): void;
  /** Scroll the grid to the call's room and highlight its tile. */
  showRoom(roomId: string): void;
  /** Open the room directory with a new room for this caller's address. */
  addToDirectory(remote: CallView['remote']): void;
}

/** The media of calls this window runs (the MediaRunner). */
export interface DockMedia {
  get(sessionId: string): MediaSession | undefined;
  /** Changes whenever any session's tracks, mute or state change. */
  subscribe(listener: () => void): () => void;
  getVersion(): number;
}

interface CallDockProps {
  media: DockMedia;
  actions: CallActions;
  /** Where call audio plays; null = the system default. */
  speakerId?: string | null;
}

const MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** The shortcut hints, with the key names the window's language prints on keyboards. */
export function useKeys(): ReturnType<typeof shortcutLabels> {
  const intl = useIntl();
  return useMemo(
    () => shortcutLabels(MAC, { enter: intl.formatMessage({ id: 'key.enter' }), ctrl: intl.formatMessage({ id: 'key.ctrl' }), shift: intl.formatMessage({ id: 'key.shift' }) }),
    [intl],
  );
}

/** Session ids in each part of the dock, in dock order. */
interface DockSlots {
  ringing: string[];
  current: string[];
  held: string[];
  ended: string[];
}

function dockSlots(state: DeskState): DockSlots {
  const dock = splitCalls(state.snapshot?.calls.calls ?? []);
  const ids = (calls: CallView[]) => calls.map((c) => c.sessionId);
  return { ringing: ids(dock.ringing), current: ids(dock.current), held: ids(dock.held), ended: ids(dock.ended) };
}

function sameSlots(a: DockSlots, b: DockSlots): boolean {
  const same = (x: string[], y: string[]) => x.length === y.length && x.every((id, i) => id === y[i]);
  return same(a.ringing, b.ringing) && same(a.current, b.current) && same(a.held, b.held) && same(a.ended, b.ended);
}

/** Renders a card for the call of `sessionId`, following that call alone. */
function CallSlot({ sessionId, children }: { sessionId: string; children(call: CallView): ReactNode }) {
  const call = useCall(sessionId);
  return call ? children(call) : null;
}

export function CallDock({ media, actions, speakerId = null }: CallDockProps) {
  const dock = useDeskSelector(dockSlots, sameSlots);
  const empty = !dock.ringing.length && !dock.current.length && !dock.held.length && !dock.ended.length;
  const [firstRinging, ...moreRinging] = dock.ringing;
  const intl = useIntl();
  const keys = useKeys();
  return (
    <aside className="dock" aria-label={intl.formatMessage({ id: 'dock.label' })}>
      {empty && (
        <div className="dock-empty">
          <Icon name="phone" size={32} />
          <p>
            <FormattedMessage id="dock.empty" />
          </p>
          <p className="muted">
            <FormattedMessage id="dock.emptyHint" values={{ key: keys.answer }} />
          </p>
        </div>
      )}
      {firstRinging && (
        <CallSlot key={firstRinging} sessionId={firstRinging}>
          {(call) => <IncomingCallCard call={call} compact={false} actions={actions} />}
        </CallSlot>
      )}
      {moreRinging.length > 0 && (
        <div className="dock-part dock-ringing">
          {moreRinging.map((id) => (
            <CallSlot key={id} sessionId={id}>
              {(call) => <IncomingCallCard call={call} compact={true} actions={actions} />}
            </CallSlot>
          ))}
        </div>
      )}
      {dock.current.map((id) => (
        <CallSlot key={id} sessionId={id}>
          {(call) => <ActiveCallPanel call={call} media={media} actions={actions} speakerId={speakerId} />}
        </CallSlot>
      ))}
      {dock.held.length > 0 && (
        <div className="dock-part dock-held">
          <h2 className="dock-heading">
            <FormattedMessage id="dock.onHold" values={{ count: dock.held.length }} />
            {dock.current.length > 0 && (
              <span className="muted">
                {' · '}
                <FormattedMessage id="dock.resumeHolds" />
              </span>
            )}
          </h2>
          {dock.held.map((id, i) => (
            <CallSlot key={id} sessionId={id}>
              {(call) => <HeldCallCard call={call} switchKey={i === 0} actions={actions} />}
            </CallSlot>
          ))}
        </div>
      )}
      {dock.ended.length > 0 && (
        <div className="dock-part dock-ended">
          {dock.ended.map((id) => (
            <CallSlot key={id} sessionId={id}>
              {(call) => <EndedCallLine call={call} />}
            </CallSlot>
          ))}
        </div>
      )}
    </aside>
  );
}

/** A button's words and its key; a chord of several keys goes on a line of its own. */
function Label({ text, shortcut }: { text: string; shortcut: string | null }) {
  if (!shortcut) return <span>{text}</span>;
  return (
    <span className={`btn-label${shortcut.length > 5 ? ' stacked' : ''}`}>
      {text} <kbd>{shortcut}</kbd>
    </span>
  );
}

/** A click on a card, anywhere but on one of its buttons, shows the call's room in the grid. */
function showRoomOnCardClick(e: MouseEvent, call: CallView, actions: CallActions): void {
  if (call.roomId === null || (e.target as Element).closest('button, a, video')) return;
  actions.showRoom(call.roomId);
}

/** The room's name; for a room in the directory, a button that shows its tile in the grid. */
function CallTitle({ call, actions, small = false }: { call: CallView; actions: CallActions; small?: boolean }) {
  const intl = useIntl();
  const className = `card-title${small ? ' small' : ''}`;
  if (call.roomId === null) return <p className={className}>{roomName(call, intl)}</p>;
  const roomId = call.roomId;
  return (
    <p className={className}>
      <button type="button" className="link-button" data-testid="show-room" title={intl.formatMessage({ id: 'banner.showRoom' })} onClick={() => actions.showRoom(roomId)}>
        {call.title}
      </button>
    </p>
  );
}

// Cards are memoized: the store keeps the objects of calls that did not change, so a card renders
// again only when its call did.
const IncomingCallCard = memo(function IncomingCallCard({ call, compact, actions }: { call: CallView; compact: boolean; actions: CallActions }) {
  const intl = useIntl();
  const keys = useKeys();
  const name = roomName(call, intl);
  return (
    <section
      className={`card incoming${compact ? ' compact' : ''}`}
      data-testid="incoming-call"
      data-call-card=""
      data-session-id={call.sessionId}
      tabIndex={0}
      aria-label={intl.formatMessage({ id: 'announce.calling' }, { room: name })}
      onClick={(e) => showRoomOnCardClick(e, call, actions)}
    >
      <div className="card-head">
        <Icon name="phone-incoming" size={compact ? 22 : 28} />
        <div className="card-names">
          <CallTitle call={call} actions={actions} small={compact} />
          <p className="card-sub">
            <FormattedMessage id={compact ? 'dock.waiting' : 'dock.callingWaiting'} /> <Elapsed since={call.startedAt} />
          </p>
        </div>
      </div>
      {call.roomId === null && !compact && (
        <p className="card-note">
          <FormattedMessage id="dock.notInDirectory" />{' '}
          <button type="button" className="link-button" data-testid="add-to-directory" onClick={() => actions.addToDirectory(call.remote)}>
            <FormattedMessage id="dock.addToDirectory" />
          </button>
        </p>
      )}
      <div className="card-actions">
        <button type="button" className="btn btn-answer" data-testid="answer" onClick={() => actions.answer(call.sessionId, false)}>
          <Icon name="phone" /> <Label text={intl.formatMessage({ id: 'dock.answer' })} shortcut={compact ? null : keys.answer} />
        </button>
        {!compact && (
          <button type="button" className="btn" data-testid="answer-video" aria-label={intl.formatMessage({ id: 'dock.answerVideo' })} onClick={() => actions.answer(call.sessionId, true)}>
            <Icon name="video" /> <Label text={intl.formatMessage({ id: 'dock.video' })} shortcut={null} />
          </button>
        )}
        <button type="button" className="btn btn-danger" data-testid="decline" onClick={() => actions.decline(call.sessionId)}>
          <Icon name="x" /> <Label text={intl.formatMessage({ id: 'dock.decline' })} shortcut={compact ? null : keys.decline} />
        </button>
      </div>
    </section>
  );
});

const PHASE_WORDS: Partial<Record<CallView['phase'], MessageId>> = {
  answering: 'dock.connecting',
  offering: 'dock.preparing',
  calling: 'dock.calling',
  alerting: 'dock.ringingInRoom',
  early: 'dock.ringingInRoom',
  active: 'status.inCall',
};

interface ActiveCallProps {
  call: CallView;
  media: DockMedia;
  actions: CallActions;
  speakerId: string | null;
}

/** Also follows the call's media session, which changes in place (mute, tracks, connection). */
function ActiveCallPanel({ call, media, actions, speakerId }: ActiveCallProps) {
  const say = useSay();
  const intl = useIntl();
  const keys = useKeys();
  const name = roomName(call, intl);
  useSyncExternalStore(media.subscribe, media.getVersion);
  const session = media.get(call.sessionId);
  const up = call.phase === 'active';
  const muted = session?.muted ?? false;
  const videoOn = session?.videoEnabled ?? false;
  // Answered, but Alexa has not taken the answer yet: the room cannot hear the desk.
  const status = intl.formatMessage({ id: call.remoteHeld ? 'dock.roomHeld' : call.connecting ? 'dock.connecting' : (PHASE_WORDS[call.phase] ?? 'dock.connecting') });
  const mediaFailed = session?.connectionState === 'failed';
  // The picture box is there only while there is a picture; an audio call shows one slim line.
  const pictures = Boolean(session?.remoteVideo || session?.hasCamera);
  return (
    <section
      className="card active"
      data-testid="active-call"
      data-call-card=""
      data-session-id={call.sessionId}
      data-state={activeCallState(call)}
      tabIndex={0}
      aria-label={intl.formatMessage({ id: 'dock.callWith' }, { room: name })}
      onClick={(e) => showRoomOnCardClick(e, call, actions)}
    >
      <div className="card-head">
        <Icon name={call.direction === 'incoming' ? 'phone-call' : 'phone-outgoing'} size={28} />
        <div className="card-names">
          <CallTitle call={call} actions={actions} />
          <p className="card-sub">
            {status}
            {up && !call.remoteHeld && !call.connecting && (
              <>
                {' '}
                <Elapsed since={call.answeredAt ?? call.startedAt} />
              </>
            )}
            {call.negotiating && ` · ${intl.formatMessage({ id: 'dock.updatingMedia' })}`}
          </p>
        </div>
      </div>
      <div className={`stage${pictures ? '' : ' audio-only'}`}>
        <MediaView
          className="remote"
          testId="remote-media"
          stream={session?.remoteStream ?? null}
          muted={false}
          sinkId={speakerId}
          label={intl.formatMessage({ id: 'dock.videoFrom' }, { room: name })}
        />
        {!session?.remoteVideo && (
          <div className="stage-placeholder" aria-hidden="true">
            <Icon name={up ? 'mic' : 'phone-outgoing'} size={18} />
            <span>{up ? intl.formatMessage({ id: 'dock.audioOnly' }) : status}</span>
          </div>
        )}
        {session?.hasCamera && <MediaView className="local" stream={session.localStream} muted={true} label={intl.formatMessage({ id: 'dock.yourCamera' })} />}
      </div>
      {(call.error || mediaFailed) && (
        <p className="call-error" role="alert">
          <Icon name="alert-triangle" size={16} /> {call.error ? say(call.error) : intl.formatMessage({ id: 'dock.noMedia' })}
        </p>
      )}
      <div className="card-actions controls">
        <button type="button" className="btn" data-testid="mute" aria-pressed={muted} disabled={!session} onClick={() => actions.toggleMute(call.sessionId)}>
          <Icon name={muted ? 'mic-off' : 'mic'} /> <Label text={intl.formatMessage({ id: muted ? 'dock.unmute' : 'dock.mute' })} shortcut={keys.mute} />
        </button>
        <button
          type="button"
          className="btn"
          data-testid="video"
          aria-pressed={videoOn}
          disabled={!session?.hasCamera}
          title={session?.hasCamera ? undefined : intl.formatMessage({ id: 'dock.noCamera' })}
          onClick={() => actions.toggleVideo(call.sessionId)}
        >
          <Icon name={videoOn ? 'video' : 'video-off'} /> <Label text={intl.formatMessage({ id: videoOn ? 'dock.videoOn' : 'dock.videoOff' })} shortcut={keys.video} />
        </button>
        <button type="button" className="btn" data-testid="hold" disabled={!up || call.negotiating || call.connecting} onClick={() => actions.hold(call.sessionId)}>
          <Icon name="pause" /> <Label text={intl.formatMessage({ id: 'dock.hold' })} shortcut={keys.hold} />
        </button>
        <button type="button" className="btn btn-danger" data-testid="hangup" onClick={() => actions.hangup(call.sessionId)}>
          <Icon name="phone-off" /> <Label text={intl.formatMessage({ id: up ? 'dock.hangUp' : 'dock.cancel' })} shortcut={keys.hangup} />
        </button>
      </div>
    </section>
  );
}

const HeldCallCard = memo(function HeldCallCard({ call, switchKey, actions }: { call: CallView; switchKey: boolean; actions: CallActions }) {
  const intl = useIntl();
  const keys = useKeys();
  const name = roomName(call, intl);
  return (
    <section
      className="card held"
      data-testid="active-call"
      data-call-card=""
      data-session-id={call.sessionId}
      data-state={activeCallState(call)}
      tabIndex={0}
      aria-label={intl.formatMessage({ id: 'announce.onHold' }, { room: name })}
      onClick={(e) => showRoomOnCardClick(e, call, actions)}
    >
      <div className="card-head">
        <Icon name="pause" size={22} />
        <div className="card-names">
          <CallTitle call={call} actions={actions} small />
          <p className="card-sub">
            {/* How long the room has been waiting on hold. */}
            <FormattedMessage id="status.held" /> <Elapsed since={call.heldAt ?? call.answeredAt ?? call.startedAt} />
            {call.negotiating ? ` · ${intl.formatMessage({ id: 'dock.updating' })}` : ''}
          </p>
        </div>
      </div>
      <div className="card-actions">
        <button type="button" className="btn" data-testid="hold" disabled={call.negotiating} onClick={() => actions.resume(call.sessionId)}>
          <Icon name="play" /> <Label text={intl.formatMessage({ id: 'dock.resume' })} shortcut={switchKey ? keys.switch : null} />
        </button>
        <button type="button" className="btn btn-danger" data-testid="hangup" onClick={() => actions.hangup(call.sessionId)}>
          <Icon name="phone-off" /> <FormattedMessage id="dock.hangUp" />
        </button>
      </div>
    </section>
  );
});

export const END_WORDS: Record<EndReason, MessageId> = {
  completed: 'end.completed',
  missed: 'end.missed',
  declined: 'end.declined',
  dnd: 'end.dnd',
  'no-answer': 'end.noAnswer',
  cancelled: 'end.cancelled',
  failed: 'end.failed',
  'answered-elsewhere': 'call.answeredElsewhere',
};

const EndedCallLine = memo(function EndedCallLine({ call }: { call: CallView }) {
  const say = useSay();
  const intl = useIntl();
  if (call.endReason === 'answered-elsewhere') {
    return (
      <p className="ended-line" data-testid="answered-elsewhere" data-session-id={call.sessionId}>
        <Icon name="check" size={16} />
        <span>
          <strong>{roomName(call, intl)}</strong> — {call.desk ? intl.formatMessage({ id: 'call.answeredAt' }, { desk: call.desk }) : intl.formatMessage({ id: END_WORDS['answered-elsewhere'] })}
        </span>
      </p>
    );
  }
  return (
    <p className={`ended-line ${call.endReason === 'failed' ? 'failed' : ''}`} data-testid="ended-call" data-session-id={call.sessionId}>
      <Icon name={call.endReason === 'failed' ? 'alert-triangle' : 'phone-off'} size={16} />
      <span>
        <strong>{roomName(call, intl)}</strong> — {intl.formatMessage({ id: END_WORDS[call.endReason ?? 'completed'] })}
        {call.error ? `: ${say(call.error)}` : ''}
      </span>
    </p>
  );
});
