// The call dock: ringing calls first as big cards (oldest on top), then the current call with its
// media and controls, then calls on hold, then calls that just ended.
import { memo } from 'react';
import type { CallView, EndReason } from '../../../main/ipc/contract.js';
import { activeCallState, splitCalls } from '../state/calls.js';
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
  select(sessionId: string): void;
}

interface CallDockProps {
  calls: readonly CallView[];
  /** The media of a call, when this window runs it. */
  media(sessionId: string): MediaSession | undefined;
  selectedId: string | null;
  actions: CallActions;
  /** Where call audio plays; null = the system default. */
  speakerId?: string | null;
}

export function CallDock({ calls, media, selectedId, actions, speakerId = null }: CallDockProps) {
  const dock = splitCalls(calls);
  const empty = !dock.ringing.length && !dock.current.length && !dock.held.length && !dock.ended.length;
  return (
    <aside className="dock" aria-label="Calls">
      {empty && (
        <div className="dock-empty">
          <Icon name="phone" size={32} />
          <p>No calls right now.</p>
          <p className="muted">When a room calls, it rings here. Enter answers, Esc declines.</p>
        </div>
      )}
      {dock.ringing.map((call) => (
        <IncomingCallCard key={call.sessionId} call={call} selected={call.sessionId === selectedId} actions={actions} />
      ))}
      {dock.current.map((call) => (
        <ActiveCallPanel
          key={call.sessionId}
          call={call}
          session={media(call.sessionId)}
          selected={call.sessionId === selectedId}
          actions={actions}
          speakerId={speakerId}
        />
      ))}
      {dock.held.length > 0 && <h2 className="dock-heading">On hold</h2>}
      {dock.held.map((call) => (
        <HeldCallCard key={call.sessionId} call={call} selected={call.sessionId === selectedId} actions={actions} />
      ))}
      {dock.ended.map((call) => (
        <EndedCallLine key={call.sessionId} call={call} />
      ))}
    </aside>
  );
}

// Cards are memoized: main pushes every call on each change, and the store keeps the objects of
// calls that did not change, so only the changed call's card renders again. (The active call's
// panel is not: its media session changes in place.)
const IncomingCallCard = memo(function IncomingCallCard({ call, selected, actions }: { call: CallView; selected: boolean; actions: CallActions }) {
  return (
    <section
      className="card incoming"
      data-testid="incoming-call"
      data-session-id={call.sessionId}
      data-selected={selected || undefined}
      aria-label={`${call.title} is calling`}
      onFocus={() => actions.select(call.sessionId)}
    >
      <div className="card-head">
        <Icon name="phone-incoming" size={28} />
        <div>
          <p className="card-title">{call.title}</p>
          <p className="card-sub">
            {call.roomId ? 'is calling' : 'Unknown room is calling'} · waiting <Elapsed since={call.startedAt} />
          </p>
          {call.roomId === null || call.remote.value !== call.title ? <p className="card-caller">From {call.remote.value}</p> : null}
        </div>
      </div>
      <div className="card-actions">
        <button type="button" className="btn btn-answer" data-testid="answer" onClick={() => actions.answer(call.sessionId, false)}>
          <Icon name="phone" /> Answer <kbd>Enter</kbd>
        </button>
        <button type="button" className="btn" data-testid="answer-video" onClick={() => actions.answer(call.sessionId, true)}>
          <Icon name="video" /> Answer with video
        </button>
        <button type="button" className="btn btn-danger" data-testid="decline" onClick={() => actions.decline(call.sessionId)}>
          <Icon name="x" /> Decline <kbd>Esc</kbd>
        </button>
      </div>
    </section>
  );
});

const PHASE_WORDS: Record<string, string> = {
  answering: 'Connecting…',
  offering: 'Preparing the call…',
  calling: 'Calling…',
  alerting: 'Ringing in the room…',
  early: 'Ringing in the room…',
  active: 'In call',
};

interface ActiveCallProps {
  call: CallView;
  session: MediaSession | undefined;
  selected: boolean;
  actions: CallActions;
  speakerId: string | null;
}

function ActiveCallPanel({ call, session, selected, actions, speakerId }: ActiveCallProps) {
  const up = call.phase === 'active';
  const muted = session?.muted ?? false;
  const videoOn = session?.videoEnabled ?? false;
  const status = call.remoteHeld ? 'The room put the call on hold' : (PHASE_WORDS[call.phase] ?? call.phase);
  const mediaFailed = session?.connectionState === 'failed';
  return (
    <section
      className="card active"
      data-testid="active-call"
      data-session-id={call.sessionId}
      data-state={activeCallState(call)}
      data-selected={selected || undefined}
      aria-label={`Call with ${call.title}`}
      onFocus={() => actions.select(call.sessionId)}
    >
      <div className="card-head">
        <Icon name={call.direction === 'incoming' ? 'phone-call' : 'phone-outgoing'} size={28} />
        <div>
          <p className="card-title">{call.title}</p>
          <p className="card-sub">
            {status}
            {up && !call.remoteHeld && (
              <>
                {' '}
                <Elapsed since={call.answeredAt ?? call.startedAt} />
              </>
            )}
            {call.negotiating && ' · updating media…'}
          </p>
        </div>
      </div>
      <div className="stage">
        <MediaView
          className="remote"
          testId="remote-media"
          stream={session?.remoteStream ?? null}
          muted={false}
          sinkId={speakerId}
          label={`Video from ${call.title}`}
        />
        {!session?.remoteVideo && (
          <div className="stage-placeholder" aria-hidden="true">
            <span className="avatar">{call.title.replace(/^room\s*/i, '').slice(0, 4)}</span>
            <span>{up ? 'Audio only' : status}</span>
          </div>
        )}
        {session?.hasCamera && (
          <MediaView className="local" stream={session.localStream} muted={true} label="Your camera" />
        )}
      </div>
      {(call.error || mediaFailed) && (
        <p className="call-error" role="alert">
          <Icon name="alert-triangle" size={16} /> {call.error ?? 'No media connection to the room'}
        </p>
      )}
      <div className="card-actions controls">
        <button type="button" className="btn" data-testid="mute" aria-pressed={muted} disabled={!session} onClick={() => actions.toggleMute(call.sessionId)}>
          <Icon name={muted ? 'mic-off' : 'mic'} /> {muted ? 'Unmute' : 'Mute'} <kbd>M</kbd>
        </button>
        <button
          type="button"
          className="btn"
          data-testid="video"
          aria-pressed={videoOn}
          disabled={!session?.hasCamera}
          title={session?.hasCamera ? undefined : 'No camera on this call'}
          onClick={() => actions.toggleVideo(call.sessionId)}
        >
          <Icon name={videoOn ? 'video' : 'video-off'} /> {videoOn ? 'Video on' : 'Video off'} <kbd>V</kbd>
        </button>
        <button type="button" className="btn" data-testid="hold" disabled={!up || call.negotiating} onClick={() => actions.hold(call.sessionId)}>
          <Icon name="pause" /> Hold <kbd>H</kbd>
        </button>
        <button type="button" className="btn btn-danger" data-testid="hangup" onClick={() => actions.hangup(call.sessionId)}>
          <Icon name="phone-off" /> {up ? 'Hang up' : 'Cancel'} <kbd>Esc</kbd>
        </button>
      </div>
    </section>
  );
}

const HeldCallCard = memo(function HeldCallCard({ call, selected, actions }: { call: CallView; selected: boolean; actions: CallActions }) {
  return (
    <section
      className="card held"
      data-testid="active-call"
      data-session-id={call.sessionId}
      data-state={activeCallState(call)}
      data-selected={selected || undefined}
      aria-label={`${call.title} on hold`}
      onFocus={() => actions.select(call.sessionId)}
    >
      <div className="card-head">
        <Icon name="pause" size={24} />
        <div>
          <p className="card-title small">{call.title}</p>
          <p className="card-sub">
            On hold{call.negotiating ? ' · updating…' : ''} · call <Elapsed since={call.answeredAt ?? call.startedAt} />
          </p>
        </div>
      </div>
      <div className="card-actions">
        <button type="button" className="btn" data-testid="hold" disabled={call.negotiating} onClick={() => actions.resume(call.sessionId)}>
          <Icon name="play" /> Resume
        </button>
        <button type="button" className="btn btn-danger" data-testid="hangup" onClick={() => actions.hangup(call.sessionId)}>
          <Icon name="phone-off" /> Hang up
        </button>
      </div>
    </section>
  );
});

export const END_WORDS: Record<EndReason, string> = {
  completed: 'Call ended',
  missed: 'Missed call',
  declined: 'Declined',
  'no-answer': 'No answer',
  cancelled: 'Cancelled',
  failed: 'Call failed',
};

const EndedCallLine = memo(function EndedCallLine({ call }: { call: CallView }) {
  return (
    <p className={`ended-line ${call.endReason === 'failed' ? 'failed' : ''}`} data-testid="ended-call" data-session-id={call.sessionId}>
      <Icon name={call.endReason === 'failed' ? 'alert-triangle' : 'phone-off'} size={16} />
      <span>
        <strong>{call.title}</strong> — {END_WORDS[call.endReason ?? 'completed']}
        {call.error ? `: ${call.error}` : ''}
      </span>
    </p>
  );
});
