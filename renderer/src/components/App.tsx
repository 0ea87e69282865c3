// The one screen: status bar, notices, room grid (or the settings in its place), call dock, drawer.
// Renders main's state and sends intents; the media for calls runs in the MediaRunner beside it.
// Each part subscribes to the slice of the store it shows (../state/use-desk.ts): the screen as a
// whole re-renders only when the status, rooms or notices change, never on a call update.
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Address, CallView, CommandArgs, CommandName, CommandReturn, DeskApi, MissedCall, Notice, Result, Room, Text } from '../../../main/ipc/contract.js';
import { sameText, text } from '../../../main/domain/text.js';
import { FormattedMessage, useIntl } from 'react-intl';
import { LOST } from '../desk-client.js';
import { DeskIntl } from '../i18n/DeskIntl.js';
import type { MediaRunner } from '../media/media-runner.js';
import type { TonePlayer } from '../sound/tones.js';
import type { DeskState, DeskStore } from '../state/desk-store.js';
import { callAnnouncements, windowTitle } from '../state/announce.js';
import { isRinging } from '../state/calls.js';
import { commandFailure, NOTICE_TEXTS } from '../state/notice-texts.js';
import type { StatusFilter } from '../state/grid.js';
import { focusPlace, keyAction, type KeyAction } from '../state/keyboard.js';
import { RoomReveal } from '../state/reveal.js';
import { DeskStoreContext, useDeskSelector } from '../state/use-desk.js';
import { CallDock, type CallActions } from './CallDock.js';
import { Drawer, type DrawerProps, type DrawerTab } from './Drawer.js';
import { pauseClock } from './clock.js';
import type { HistoryQuery } from './HistoryPanel.js';
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
  /** Requests to bring a room into view (the page's test hook shares it); one of its own by default. */
  reveal?: RoomReveal;
}

/** The product's name: the window's title until the desk's own name is known. */
const PRODUCT_NAME = 'Front Desk Console';
const MAX_ROOM_FILE_BYTES = 5 * 1024 * 1024;
const INFO_NOTICE_MS = 8000;
/** Calls per page of the History drawer. */
const HISTORY_PAGE = 50;

export function App(props: AppProps) {
  return (
    <DeskStoreContext.Provider value={props.store}>
      <WindowLanguage>
        <Desk {...props} />
      </WindowLanguage>
    </DeskStoreContext.Provider>
  );
}

/** The desk's language setting (system until the first snapshot) for everything on screen. */
function WindowLanguage({ children }: { children: ReactNode }) {
  const setting = useDeskSelector((s) => s.snapshot?.status.language ?? 'system');
  return <DeskIntl setting={setting}>{children}</DeskIntl>;
}

function Desk({ client, store, media, tones, reveal: givenReveal }: AppProps) {
  const [ownReveal] = useState(() => new RoomReveal());
  const reveal = givenReveal ?? ownReveal;
  // null until the first snapshot has loaded
  const status = useDeskSelector(selectStatus);
  const rooms = useDeskSelector(selectRooms);
  const mainNotices = useDeskSelector(selectNotices);
  const localNotices = useDeskSelector(selectLocalNotices);
  const connection = useDeskSelector(selectConnection);
  const loadError = useDeskSelector(selectLoadError);
  const devices = useDeskSelector(selectDevices);
  const [query, setQuery] = useState('');
  const [filter, setFilter] = useState<StatusFilter>('all');
  const [drawerTab, setDrawerTab] = useState<DrawerTab | null>(null);
  const [testRing, setTestRing] = useState(false);
  const [settings, setSettings] = useState<SettingsSection | null>(null);
  /** A caller's address to add to the directory (opens the rooms settings with it filled in). */
  const [newRoom, setNewRoom] = useState<Address | null>(null);
  const importInput = useRef<HTMLInputElement>(null);

  // ---- commands: a refused command becomes a visible notice, never a silent failure; the notice
  // goes once the same command for the same call or room works
  const run = useCallback(
    async <C extends CommandName>(command: C, args: CommandArgs<C>): Promise<CommandReturn<C>> => {
      const result = await client.invoke(command, args);
      const r = result as Result<unknown>;
      const about = args as { sessionId?: string; roomId?: string | null };
      const key = `${command}:${about.sessionId ?? about.roomId ?? ''}`;
      if (r.ok) store.resolveLocal(key);
      // Without the console every command fails: its banner says why, once.
      else if (store.getState().connection.state === 'open') {
        const { level = 'error', ...failure } = commandFailure(command, r);
        store.addLocalNotice({ level, ...failure, key, ...(about.sessionId ? { sessionId: about.sessionId } : {}) });
      }
      return result;
    },
    [client, store],
  );

  const info = useCallback(
    (message: Text) => {
      store.addLocalNotice({ level: 'info', message });
      setTimeout(() => {
        const notice = store.getState().localNotices.find((n) => sameText(n.message, message));
        if (notice) store.dismissLocal(notice.id);
      }, INFO_NOTICE_MS);
    },
    [store],
  );

  const callActions: CallActions = useMemo(
    () => ({
      answer: (sessionId, video) => void run('answer', { sessionId, video }),
      decline: (sessionId) => void run('decline', { sessionId }),
      hangup: (sessionId) => void run('hangup', { sessionId }),
      hold: (sessionId) => void run('hold', { sessionId }),
      resume: (sessionId) => void run('resume', { sessionId }),
      toggleMute: (sessionId) => {
        const session = media.get(sessionId);
        session?.setMuted(!session.muted);
      },
      toggleVideo: (sessionId) => {
        const session = media.get(sessionId);
        if (session?.hasCamera) session.setVideoEnabled(!session.videoEnabled);
      },
      showRoom: (roomId) => {
        setSettings(null); // the grid is where the room is
        reveal.request(roomId);
      },
      addToDirectory: (remote) => {
        setNewRoom(remote);
        setSettings('rooms');
      },
    }),
    [run, media, reveal],
  );

  const callRoom = useCallback(
    async (roomId: string, video: boolean) => {
      const result = await run('callRoom', { roomId, video });
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

  // A missed call stays listed until staff reach the room (main clears it then) or clear it.
  const onCallBack = useCallback(
    async (m: MissedCall) => {
      if (m.roomId) await callRoom(m.roomId, false);
    },
    [callRoom],
  );

  const onImportFile = useCallback(
    async (file: File) => {
      if (file.size > MAX_ROOM_FILE_BYTES) {
        store.addLocalNotice({ level: 'error', message: NOTICE_TEXTS.roomFileTooLarge(file.name) });
        return;
      }
      const result = await run('importRooms', { fileName: file.name, text: await file.text() });
      if (result.ok) info(NOTICE_TEXTS.roomsImported(result.value.count, file.name));
    },
    [run, store, info],
  );

  const loadHistory = useCallback(
    async (query: HistoryQuery) => {
      const result = await client.invoke('getHistory', { limit: HISTORY_PAGE, ...query });
      return result.ok ? result.value : result.error;
    },
    [client],
  );

  /** The notice's fix: start the webhook again; success clears the notice, failure says why. */
  const onRetryWebhook = useCallback(
    async (notice: Notice) => {
      const result = await client.invoke('restartWebhook', {});
      if (!result.ok) {
        store.addLocalNotice({ level: 'warning', message: NOTICE_TEXTS.webhookStillDown(result.message ?? text('webhook.didNotStart')), detail: result.error, action: 'open-settings' });
        return;
      }
      if (notice.id.startsWith('local:')) store.dismissLocal(notice.id);
      else void client.invoke('dismissNotice', { id: notice.id });
      info(NOTICE_TEXTS.webhookListening);
    },
    [client, store, info],
  );

  const onDismiss = useCallback(
    (notice: Notice) => {
      if (notice.id.startsWith('local:')) store.dismissLocal(notice.id);
      else void run('dismissNotice', { id: notice.id });
    },
    [run, store],
  );

  // ---- keyboard (../state/keyboard.ts): no key ends a call by accident; Esc closes panels
  const keyState = useRef({ drawerTab, settings });
  keyState.current = { drawerTab, settings };
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
      if (e.defaultPrevented || store.getState().connection.state !== 'open') return;
      const target = e.target instanceof Element ? e.target : null;
      const action = keyAction(e, store.getState().snapshot?.calls.calls ?? EMPTY, focusPlace(target));
      if (action && perform(action, target)) e.preventDefault();
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [callActions, closeSettings, store]);

  // ---- sound: the ringer's output device, and the ringtone prepared once the desk is on screen
  const loaded = status !== null;
  useEffect(() => {
    if (loaded) tones.prepare(); // once the desk is on screen, so it never delays the first grid
  }, [tones, loaded]);
  const ringer = devices?.ringer ?? null;
  useEffect(() => {
    if (!devices) return; // not loaded: leave the default alone
    tones.setSinkId(ringer ?? '').catch((e: unknown) => store.addLocalNotice({ level: 'warning', message: NOTICE_TEXTS.ringerNotSwitched, detail: String(e) }));
  }, [tones, ringer, store, devices]);

  // Without the console, what the window shows stands still: times stop, the calls shown are as they were.
  const away = connection.state === 'lost';
  useEffect(() => pauseClock(away), [away]);
  const intl = useIntl();
  const lostText = away ? intl.formatMessage({ id: connection.problem ?? LOST }) : null;
  const notices = [...mainNotices, ...localNotices.filter((local) => !mainNotices.some((n) => sameText(n.message, local.message)))];
  const demo = status?.mode === 'demo';

  return (
    <div className="app" data-console={away ? 'away' : undefined}>
      {demo && (
        <div className="demo-stripe" data-testid="demo-label">
          <Icon name="info" size={16} /> <FormattedMessage id="tray.demo" />
          <button type="button" className="btn btn-small" data-testid="demo-call" onClick={() => void run('demoCall', {})}>
            <Icon name="phone-incoming" size={16} /> <FormattedMessage id="app.demoCall" />
          </button>
        </div>
      )}
      {status ? (
        <StatusBar
          status={status}
          query={query}
          onQuery={(text) => {
            setQuery(text);
            setSettings(null); // searching shows the rooms
          }}
          onAutoAnswer={(policy) => void run('setAutoAnswer', { policy })}
          onDnd={(on) => void run('setDnd', { on })}
          settingsOpen={settings !== null}
          onOpenSettings={() => setSettings(settings ? null : 'desk')}
          onLink={() => setSettings('link')}
        />
      ) : (
        <header className="statusbar">
          <span className="desk-name">
            <Icon name="phone" /> {PRODUCT_NAME}
          </span>
        </header>
      )}
      <Notices
        notices={notices}
        connectionText={lostText}
        onDismiss={onDismiss}
        onRelink={() => setSettings('link')}
        onOpenSettings={() => setSettings('desk')}
        onOpenRooms={() => setSettings('rooms')}
        onRetryWebhook={(notice) => void onRetryWebhook(notice)}
      />
      {status ? (
        <main className="body">
          <div className="rooms-column">
            <RingingBanner onShowRoom={callActions.showRoom} />
            {settings ? (
              <SettingsPanel
                desk={client}
                section={settings}
                onSection={setSettings}
                onClose={closeSettings}
                status={status}
                rooms={rooms}
                newRoom={newRoom}
                refreshKey={`${status.mode}|${mainNotices.map((n) => n.id).join(',')}`}
                onImportRooms={onImportRooms}
              />
            ) : (
              <RoomGrid
                rooms={rooms}
                query={query}
                filter={filter}
                onFilter={setFilter}
                onClearSearch={onClearSearch}
                onCall={onTileCall}
                onImport={onImportRooms}
                reveal={reveal}
              />
            )}
          </div>
          <CallDock media={media} actions={callActions} speakerId={devices?.speaker ?? null} />
        </main>
      ) : (
        <main className="body loading">
          <p title={loadError ?? undefined}>{loadError ? intl.formatMessage({ id: 'app.loadFailed' }) : connection.state === 'lost' ? lostText : intl.formatMessage({ id: 'app.connecting' })}</p>
        </main>
      )}
      <DeskDrawer
        tab={drawerTab}
        onTab={setDrawerTab}
        roomCount={rooms.length}
        loadHistory={loadHistory}
        rooms={rooms}
        onCallBack={(m) => void onCallBack(m)}
        onAddToDirectory={callActions.addToDirectory}
        onClearMissed={() => void run('clearMissed', {})}
        onImportFile={(file) => void onImportFile(file)}
        onManageRooms={() => setSettings('rooms')}
        devices={devices}
        onSaveDevices={(devices) =>
          void store.saveDevices(devices).then((error) => {
            if (error) store.addLocalNotice({ level: 'error', message: NOTICE_TEXTS.devicesNotSaved, detail: error });
          })
        }
        onTestRinger={() => {
          setTestRing(true);
          setTimeout(() => setTestRing(false), 3000);
        }}
        importInput={importInput}
      />
      <CallSignals tones={tones} testRing={testRing} />
    </div>
  );
}

const EMPTY: never[] = [];
/** Announcements kept in the live region (only new ones are read). */
const KEPT_ANNOUNCEMENTS = 5;
const selectStatus = (s: DeskState) => s.snapshot?.status ?? null;
const selectRooms = (s: DeskState): readonly Room[] => s.snapshot?.rooms ?? EMPTY;
const selectNotices = (s: DeskState): readonly Notice[] => s.snapshot?.notices ?? EMPTY;
const selectLocalNotices = (s: DeskState) => s.localNotices;
const selectConnection = (s: DeskState) => s.connection;
const selectLoadError = (s: DeskState) => s.loadError;
const selectDevices = (s: DeskState) => s.devices;
const selectCalls = (s: DeskState): readonly CallView[] => s.snapshot?.calls.calls ?? EMPTY;
const selectMissed = (s: DeskState): readonly MissedCall[] => s.snapshot?.calls.missed ?? EMPTY;
/** Changes when calls end, so an open history refreshes. */
const selectEndedKey = (s: DeskState) =>
  selectCalls(s)
    .filter((c) => c.phase === 'ended')
    .map((c) => c.sessionId)
    .join(',');

/** The drawer, following the missed calls and the calls that end (apart, so they do not re-render the screen). */
function DeskDrawer(props: Omit<DrawerProps, 'missed' | 'historyKey'>) {
  const missed = useDeskSelector(selectMissed);
  const historyKey = useDeskSelector(selectEndedKey);
  return <Drawer {...props} missed={missed} historyKey={historyKey} />;
}

/**
 * What tells the desk about its calls besides the dock: the ringtone while anything rings (ringback
 * while a room's Echo rings for us), the screen reader ("Room 214 is calling", "Answered: Room
 * 214", "Room 214 is on hold") and the window title, set only when its text changes.
 */
function CallSignals({ tones, testRing }: { tones: TonePlayer; testRing: boolean }) {
  const loaded = useDeskSelector((s) => s.snapshot !== null);
  const calls = useDeskSelector(selectCalls);
  const missedCount = useDeskSelector((s) => selectMissed(s).length);
  const deskName = useDeskSelector((s) => s.snapshot?.status.deskName);
  const intl = useIntl();
  // A call shown as ringing while the console is away may long be over: no ringtone for it.
  const away = useDeskSelector((s) => s.connection.state === 'lost');
  const ringing = !away && calls.some(isRinging);
  const ringback = !away && calls.some((c) => c.direction === 'outgoing' && (c.phase === 'calling' || c.phase === 'alerting'));
  const tone = ringing || testRing ? 'ring' : ringback ? 'ringback' : null;
  useEffect(() => tones.play(tone), [tones, tone]);
  useEffect(() => () => tones.play(null), [tones]);

  // Each announcement is added as a line of its own (the last few kept), so two changes in quick
  // succession ("Room 101 is on hold", "Answered: Room 102") are both read.
  const [announcements, setAnnouncements] = useState<{ id: number; text: string }[]>([]);
  const announcedCalls = useRef<readonly CallView[] | null>(null);
  const nextAnnouncement = useRef(0);
  useEffect(() => {
    if (!loaded) return; // the first calls seen are those of the first snapshot
    const sentences = callAnnouncements(announcedCalls.current, calls, intl);
    announcedCalls.current = calls;
    if (!sentences.length) return;
    const added = sentences.map((text) => ({ id: nextAnnouncement.current++, text }));
    setAnnouncements((shown) => [...shown, ...added].slice(-KEPT_ANNOUNCEMENTS));
  }, [calls, loaded, intl]);

  const title = windowTitle(calls, missedCount, deskName ?? PRODUCT_NAME, intl);
  useEffect(() => {
    if (document.title !== title) document.title = title;
  }, [title]);

  return (
    <div className="sr-only" aria-live="assertive" aria-relevant="additions" data-testid="announcer">
      {announcements.map((a) => (
        <p key={a.id}>{a.text}</p>
      ))}
    </div>
  );
}
