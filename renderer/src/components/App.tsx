// The one screen: status bar, notices, room grid (or the settings in its place), call dock, drawer.
// Renders main's state and sends intents; the media for calls runs in the MediaRunner beside it.
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { Address, CallView, CommandArgs, CommandName, CommandReturn, DeskApi, MissedCall, Notice, Result, Room } from '../../../main/ipc/contract.js';
import { LOST_TEXT } from '../desk-client.js';
import type { MediaRunner } from '../media/media-runner.js';
import type { TonePlayer } from '../sound/tones.js';
import type { DeskStore } from '../state/desk-store.js';
import { callAnnouncements, windowTitle } from '../state/announce.js';
import { isRinging } from '../state/calls.js';
import type { StatusFilter } from '../state/grid.js';
import { focusPlace, keyAction, type KeyAction } from '../state/keyboard.js';
import { deriveRoomStates, type RoomState } from '../state/room-status.js';
import { CallDock, type CallActions } from './CallDock.js';
import { Drawer, type DrawerTab } from './Drawer.js';
import { Icon } from './Icon.js';
import { Notices } from './Notices.js';
import { RingingBanner } from './RingingBanner.js';
import { RoomGrid } from './RoomGrid.js';
import { SettingsPanel, type SettingsSection } from './SettingsPanel.js';
import { StatusBar } from './StatusBar.js';

export interface AppProps {
  client: DeskApi;
  store: DeskStore;
  media: MediaRunner;
  tones: TonePlayer;
}

const MAX_ROOM_FILE_BYTES = 5 * 1024 * 1024;
const INFO_NOTICE_MS = 8000;
const HIGHLIGHT_MS = 3000;
export const DEMO_TEXT = 'Demo — calls come from simulated rooms';

export function App({ client, store, media, tones }: AppProps) {
  const state = useSyncExternalStore(store.subscribe, store.getState);
  useSyncExternalStore(media.subscribe, media.getVersion); // re-render when call media changes
  const [query, setQuery] = useState('');
  const [filter, setFilter] = useState<StatusFilter>('all');
  const [drawerTab, setDrawerTab] = useState<DrawerTab | null>(null);
  const [testRing, setTestRing] = useState(false);
  const [settings, setSettings] = useState<SettingsSection | null>(null);
  /** A caller's address to add to the directory (opens the rooms settings with it filled in). */
  const [newRoom, setNewRoom] = useState<Address | null>(null);
  /** A room whose tile the grid scrolls to and highlights. */
  const [reveal, setReveal] = useState<{ roomId: string; at: number } | null>(null);
  const importInput = useRef<HTMLInputElement>(null);

  const snapshot = state.snapshot;
  const rooms = snapshot?.rooms ?? EMPTY;
  const calls = snapshot?.calls.calls ?? EMPTY;
  const missed = snapshot?.calls.missed ?? EMPTY;
  const states = useRoomStates(rooms, calls, missed);
  // The call dock updates at once; the 2,500-tile grid follows in an interruptible render, so a
  // burst of call changes never holds up a frame.
  const gridStates = useDeferredValue(states);

  // ---- commands: a refused command becomes a visible notice, never a silent failure
  const run = useCallback(
    async <C extends CommandName>(command: C, args: CommandArgs<C>, failure: string): Promise<CommandReturn<C>> => {
      const result = await client.invoke(command, args);
      const r = result as Result<unknown>;
      if (!r.ok) store.addLocalNotice({ level: 'error', text: `${failure}: ${r.error}` });
      return result;
    },
    [client, store],
  );

  const info = useCallback(
    (text: string) => {
      store.addLocalNotice({ level: 'info', text });
      setTimeout(() => {
        const notice = store.getState().localNotices.find((n) => n.text === text);
        if (notice) store.dismissLocal(notice.id);
      }, INFO_NOTICE_MS);
    },
    [store],
  );

  const callActions: CallActions = useMemo(
    () => ({
      answer: (sessionId, video) => void run('answer', { sessionId, video }, 'The call could not be answered'),
      decline: (sessionId) => void run('decline', { sessionId }, 'The call could not be declined'),
      hangup: (sessionId) => void run('hangup', { sessionId }, 'The call could not be hung up'),
      hold: (sessionId) => void run('hold', { sessionId }, 'The call could not be put on hold'),
      resume: (sessionId) => void run('resume', { sessionId }, 'The call could not be resumed'),
      toggleMute: (sessionId) => {
        const session = media.get(sessionId);
        session?.setMuted(!session.muted);
      },
      toggleVideo: (sessionId) => {
        const session = media.get(sessionId);
        if (session?.hasCamera) session.setVideoEnabled(!session.videoEnabled);
      },
      showRoom: (roomId) => {
        setSettings(null);
        setReveal({ roomId, at: Date.now() });
      },
      addToDirectory: (remote) => {
        setNewRoom(remote);
        setSettings('rooms');
      },
    }),
    [run, media],
  );

  const callRoom = useCallback(
    async (roomId: string, video: boolean) => {
      const result = await run('callRoom', { roomId, video }, 'The room could not be called');
      return result.ok;
    },
    [run],
  );
  const onTileCall = useCallback((roomId: string, video: boolean) => void callRoom(roomId, video), [callRoom]);
  const onClearSearch = useCallback(() => setQuery(''), []);
  const closeSettings = useCallback(() => {
    setSettings(null);
    setNewRoom(null);
  }, []);
  const onImportRooms = useCallback(() => importInput.current?.click(), []);

  const onCallBack = useCallback(
    async (m: MissedCall) => {
      if (m.roomId && (await callRoom(m.roomId, false))) void run('clearMissed', { roomId: m.roomId }, 'Missed calls could not be cleared');
    },
    [callRoom, run],
  );

  const onImportFile = useCallback(
    async (file: File) => {
      if (file.size > MAX_ROOM_FILE_BYTES) {
        store.addLocalNotice({ level: 'error', text: `The room file ${file.name} is too large (over 5 MB)` });
        return;
      }
      const result = await run('importRooms', { fileName: file.name, text: await file.text() }, file.name);
      if (result.ok) info(`Imported ${result.value.count} rooms from ${file.name}`);
    },
    [run, store, info],
  );

  const loadHistory = useCallback(async () => {
    const result = await client.invoke('getHistory', { limit: 200 });
    return result.ok ? result.value : `The call history could not load: ${result.error}`;
  }, [client]);

  /** The notice's fix: start the webhook again; success clears the notice, failure says why. */
  const onRetryWebhook = useCallback(
    async (notice: Notice) => {
      const result = await client.invoke('restartWebhook', {});
      if (!result.ok) {
        store.addLocalNotice({ level: 'warning', text: `Tried again: the webhook still did not start (${result.error})`, action: 'open-settings' });
        return;
      }
      if (notice.id.startsWith('local:')) store.dismissLocal(notice.id);
      else void client.invoke('dismissNotice', { id: notice.id });
      info('The webhook is listening again');
    },
    [client, store, info],
  );

  const onDismiss = useCallback(
    (notice: Notice) => {
      if (notice.id.startsWith('local:')) store.dismissLocal(notice.id);
      else void run('dismissNotice', { id: notice.id }, 'The notice could not be dismissed');
    },
    [run, store],
  );

  // ---- keyboard (../state/keyboard.ts): no key ends a call by accident; Esc closes panels
  const keyState = useRef({ calls, drawerTab, settings });
  keyState.current = { calls, drawerTab, settings };
  useEffect(() => {
    const closeTopmostPanel = (target: Element | null) => {
      const { drawerTab: drawerOpen, settings: settingsOpen } = keyState.current;
      const inDrawer = target?.closest?.('.drawer') != null;
      const inSettings = target?.closest?.('[data-testid="settings"]') != null;
      if (drawerOpen && (inDrawer || !inSettings)) setDrawerTab(null);
      else if (settingsOpen) closeSettings();
      else return false;
      return true;
    };
    const perform = (action: KeyAction, target: Element | null): boolean => {
      switch (action.kind) {
        case 'answer':
          callActions.answer(action.sessionId, false);
          return true;
        case 'mute':
          callActions.toggleMute(action.sessionId);
          return true;
        case 'video':
          callActions.toggleVideo(action.sessionId);
          return true;
        case 'focus-call':
          document.querySelector<HTMLElement>(`[data-call-card][data-session-id="${CSS.escape(action.sessionId)}"]`)?.focus();
          return true;
        case 'search':
          setSettings(null);
          requestAnimationFrame(() => document.querySelector<HTMLInputElement>('[data-testid="search"]')?.focus());
          return true;
        case 'close-panel':
          return closeTopmostPanel(target);
        default:
          callActions[action.kind](action.sessionId);
          return true;
      }
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      const target = e.target instanceof Element ? e.target : null;
      const action = keyAction(e, keyState.current.calls, focusPlace(target));
      if (action && perform(action, target)) e.preventDefault();
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [callActions, closeSettings]);

  // ---- showing a room: scroll its tile into view and highlight it; a search or filter that hides
  // it is cleared first
  useEffect(() => {
    if (!reveal) return;
    const tile = document.querySelector(`[data-testid="room-tile"][data-room-id="${CSS.escape(reveal.roomId)}"]`);
    if (!tile) {
      if (query || filter !== 'all') {
        setQuery('');
        setFilter('all');
      } else setReveal(null);
      return;
    }
    setReveal(null);
    highlight(tile);
  }, [reveal, query, filter]);

  // ---- sound: ringtone while anything rings, ringback while a room's Echo rings for us
  const ringing = calls.filter(isRinging);
  const ringback = calls.some((c) => c.direction === 'outgoing' && (c.phase === 'calling' || c.phase === 'alerting'));
  const tone = ringing.length || testRing ? 'ring' : ringback ? 'ringback' : null;
  useEffect(() => tones.play(tone), [tones, tone]);
  useEffect(() => () => tones.play(null), [tones]);
  const loaded = snapshot !== null;
  useEffect(() => {
    if (loaded) tones.prepare(); // once the desk is on screen, so it never delays the first grid
  }, [tones, loaded]);
  const ringer = state.devices?.ringer ?? null;
  useEffect(() => {
    if (!state.devices) return; // not loaded: leave the default alone
    tones.setSinkId(ringer ?? '').catch(() => store.addLocalNotice({ level: 'warning', text: 'The ringer could not switch to the chosen speaker' }));
  }, [tones, ringer, store, state.devices]);

  // ---- screen reader ("Room 214 is calling", "Answered: Room 214", "Room 214 is on hold") and
  // the window title
  const [announcement, setAnnouncement] = useState('');
  const announcedCalls = useRef<readonly CallView[] | null>(null);
  useEffect(() => {
    if (!snapshot) return;
    const sentences = callAnnouncements(announcedCalls.current, calls);
    announcedCalls.current = calls;
    if (sentences.length) setAnnouncement(sentences.join('. '));
  }, [calls, snapshot]);
  const title = windowTitle(calls, missed.length);
  useEffect(() => {
    document.title = title;
  }, [title]);

  const lostText = state.connection.state === 'lost' ? (state.connection.problem ?? LOST_TEXT) : null;
  const mainTexts = new Set(snapshot?.notices.map((n) => n.text));
  const notices = [...(snapshot?.notices ?? []), ...state.localNotices.filter((n) => !mainTexts.has(n.text))];
  const demo = snapshot?.status.mode === 'demo';

  return (
    <div className="app">
      {demo && (
        <div className="demo-stripe" data-testid="demo-label">
          <Icon name="info" size={16} /> {DEMO_TEXT}
          <button type="button" className="btn btn-small" data-testid="demo-call" onClick={() => void run('demoCall', {}, 'The simulated call could not start')}>
            <Icon name="phone-incoming" size={16} /> Simulate a room calling
          </button>
        </div>
      )}
      {snapshot ? (
        <StatusBar
          status={snapshot.status}
          query={query}
          onQuery={(text) => {
            setQuery(text);
            setSettings(null); // searching shows the rooms
          }}
          onAutoAnswer={(policy) => void run('setAutoAnswer', { policy }, 'Auto-answer could not change')}
          onDnd={(on) => void run('setDnd', { on }, 'Do not disturb could not change')}
          settingsOpen={settings !== null}
          onOpenSettings={() => setSettings(settings ? null : 'desk')}
          onLink={() => setSettings('link')}
        />
      ) : (
        <header className="statusbar">
          <span className="desk-name">
            <Icon name="phone" /> Front Desk
          </span>
        </header>
      )}
      <Notices
        notices={notices}
        connectionText={lostText}
        onDismiss={onDismiss}
        onRelink={() => setSettings('link')}
        onOpenSettings={() => setSettings('desk')}
        onRetryWebhook={(notice) => void onRetryWebhook(notice)}
      />
      {snapshot ? (
        <main className="body">
          <div className="rooms-column">
            <RingingBanner calls={calls} onShowRoom={callActions.showRoom} />
            {settings ? (
              <SettingsPanel
                desk={client}
                section={settings}
                onSection={setSettings}
                onClose={closeSettings}
                status={snapshot.status}
                rooms={rooms}
                newRoom={newRoom}
                refreshKey={`${snapshot.status.mode}|${snapshot.notices.map((n) => n.id).join(',')}`}
                onImportRooms={onImportRooms}
              />
            ) : (
              <RoomGrid
                rooms={rooms}
                states={gridStates}
                query={query}
                filter={filter}
                onFilter={setFilter}
                onClearSearch={onClearSearch}
                onCall={onTileCall}
                onImport={onImportRooms}
              />
            )}
          </div>
          <CallDock calls={calls} media={(id) => media.get(id)} actions={callActions} speakerId={state.devices?.speaker ?? null} />
        </main>
      ) : (
        <main className="body loading">
          <p>{state.loadError ?? (state.connection.state === 'lost' ? lostText : 'Connecting to the console…')}</p>
        </main>
      )}
      <Drawer
        tab={drawerTab}
        onTab={setDrawerTab}
        missed={missed}
        roomCount={rooms.length}
        historyKey={calls.filter((c) => c.phase === 'ended').map((c) => c.sessionId).join(',')}
        loadHistory={loadHistory}
        onCallBack={(m) => void onCallBack(m)}
        onClearMissed={() => void run('clearMissed', {}, 'Missed calls could not be cleared')}
        onImportFile={(file) => void onImportFile(file)}
        onManageRooms={() => setSettings('rooms')}
        devices={state.devices}
        onSaveDevices={(devices) =>
          void store.saveDevices(devices).then((error) => {
            if (error) store.addLocalNotice({ level: 'error', text: `The device choice was not saved: ${error}` });
          })
        }
        onTestRinger={() => {
          setTestRing(true);
          setTimeout(() => setTestRing(false), 3000);
        }}
        importInput={importInput}
      />
      <div className="sr-only" aria-live="assertive" data-testid="announcer">
        {announcement}
      </div>
    </div>
  );
}

const EMPTY: never[] = [];

/** Scrolls a room's tile into view and marks it for a few seconds (one tile at a time). */
function highlight(tile: Element): void {
  for (const other of document.querySelectorAll('[data-highlight]')) other.removeAttribute('data-highlight');
  tile.scrollIntoView({ block: 'center' });
  tile.setAttribute('data-highlight', '');
  setTimeout(() => tile.removeAttribute('data-highlight'), HIGHLIGHT_MS);
}

/** Room states, derived again only when calls or rooms change, reusing what did not change. */
function useRoomStates(rooms: readonly Room[], calls: CallView[], missed: MissedCall[]): ReadonlyMap<string, RoomState> {
  const previous = useRef<ReadonlyMap<string, RoomState>>(new Map());
  const states = useMemo(() => deriveRoomStates(rooms, { calls, missed }, previous.current), [rooms, calls, missed]);
  useEffect(() => {
    previous.current = states;
  }, [states]);
  return states;
}
