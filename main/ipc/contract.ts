// The one contract between the main process and the renderer. The Electron preload, the Electron
// handlers, the headless WebSocket bridge and the renderer client are all derived from it.
// The renderer imports this file with `import type` only; the two const lists below are the only
// runtime values, used by the preload and the bridge to know which names exist.
import type { Address, Direction, EndReason, MediaRequest, MediaResult, Phase } from '../calls/types.js';
import type { CallsDelta, CallsSnapshot, CallView, HistoryEntry, HistoryPage, MissedCall, RoomStatus } from '../domain/call.js';
import type { Notice, NoticeAction } from '../domain/notice.js';
import type { BrokerCredentialInput, DeskRef, PropertyStatus } from '../domain/property.js';
import type { MessageId, Text, TextValue } from '../domain/text.js';
import type { LanguageSetting } from '../i18n/languages.js';
import type { AddressType, Room, RoomChange } from '../domain/room.js';

// Domain types live below the contract (main/domain); the contract re-exports what it carries.
export type { LanguageSetting, MessageId, Text, TextValue };
export type { Address, AddressType, BrokerCredentialInput, CallsDelta, CallsSnapshot, CallView, DeskRef, Direction, EndReason, HistoryEntry, HistoryPage, MediaRequest, MediaResult, MissedCall, Notice, NoticeAction, Phase, PropertyStatus, Room, RoomChange, RoomStatus };

export type AutoAnswerPolicy = 'off' | 'all' | 'idle';

/** Where the webhook secret comes from: none, the keychain (Settings), or the launch (DESK_WEBHOOK_SECRET). */
export type WebhookSecretSource = 'none' | 'keychain' | 'launch';

export interface DeskStatus {
  /** demo: built-in simulator; linked: real Alexa credentials; unlinked: no credentials, no demo. */
  mode: 'demo' | 'linked' | 'unlinked';
  region: 'NA' | 'EU' | 'FE';
  /** The desk's provider contact id: the caller id rooms see (a detail, not a name). */
  contactId: string;
  /** `error`: why it is not listening, in words for staff. */
  webhook: { url: string; listening: boolean; error: Text | null; lastEventAt: number | null; secret: WebhookSecretSource };
  autoAnswer: AutoAnswerPolicy;
  dnd: boolean;
  /** Where secrets live: the OS keychain, or memory only when no keychain is available. */
  vault: 'keychain' | 'memory';
  /** ICE servers the renderer's peers use (STUN/TURN from settings; no public defaults). */
  iceServers: { urls: string | string[]; username?: string; credential?: string }[];
  /** Upper bound for non-trickle ICE gathering, ms (DESIGN §4). */
  iceGatherTimeoutMs: number;
  /** This desk's name as staff and the property's other desks see it: the header and the window title show it. */
  deskName: string;
  /** The language setting: each window says everything in it ('system': in its OS's or browser's language). */
  language: LanguageSetting;
  /** Property mode (DESIGN §3.6): the property's server and desks; null in single-desk mode. */
  property: PropertyStatus | null;
  /**
   * Property settings saved since the start, which the next start applies: join the property, leave
   * it, or use the new server, property, desk name or credential. Null when nothing waits.
   */
  propertyRestart: 'join' | 'leave' | 'change' | null;
}

export interface Snapshot {
  status: DeskStatus;
  rooms: Room[];
  calls: CallsSnapshot;
  notices: Notice[];
}

/** Linked credentials, without a single secret value (asp-protocol.md §3.2–3.3). */
export interface LinkStatus {
  /** The skill's Alexa Skill Messaging client + the refresh token: used for call signaling. */
  signaling: {
    linked: boolean;
    clientIdSet: boolean;
    validUntil: number | null;
    /** The last linking or token failure, in staff's words. */
    lastError: Text | null;
    /** Linked through the DESK_LWA_* environment variables rather than the keychain. */
    fromEnvironment: boolean;
  };
  /** The LWA security profile an ASP administrator signed in with: used for the setup APIs. */
  setup: {
    signedIn: boolean;
    clientIdSet: boolean;
    signInPending: boolean;
    /** The URL the security profile must list among its Allowed Return URLs. */
    returnUrl: string;
  };
}

/** How this desk joins its property, without a single secret value. */
export interface PropertyJoinView {
  /** The property server credential: its kind and where it comes from; null when there is none. */
  credential: { kind: BrokerCredentialInput['kind']; from: 'keychain' | 'environment' } | null;
  /** The server and property come from the start flags (--broker, --property), not the settings. */
  fromFlags: boolean;
}

export type SetupStepId =
  | 'webrtc-addon'
  | 'api-access'
  | 'service-provider'
  | 'network-mapping'
  | 'skill'
  | 'enable-skill'
  | 'desk-contact';

export interface SetupStep {
  id: SetupStepId;
  title: Text;
  howTo: Text;
  docsUrl: string;
  /** The console can do this step through the setup APIs. */
  byApi: boolean;
  done: boolean;
  /** What the console saw done (e.g. the service provider's id). */
  detail: Text | null;
}

export interface SetupView {
  steps: SetupStep[];
  serviceProviderId: string | null;
  mappedSkillId: string | null;
}

/** Settings the settings screen edits (the room directory has its own commands). */
export interface EditableSettings {
  region: 'NA' | 'EU' | 'FE';
  contactId: string;
  deskName: string;
  language: LanguageSetting;
  webhook: { host: string; port: number };
  iceServers: { urls: string | string[]; username?: string }[];
  iceGatherTimeoutMs: number;
  autoAnswer: { policy: AutoAnswerPolicy; delayMs: number };
  ringTimeoutMs: number;
  sendCallInProgress: boolean;
  /** Send the desk's name with desk → room calls (customParams, not in Amazon's documentation). */
  sendCallerName: boolean;
  dnd: boolean;
  devices: { microphone: string | null; camera: string | null; speaker: string | null; ringer: string | null };
  /** Port of the setup sign-in return URL, http://localhost:<port>/callback. */
  setupSignInPort: number;
  launchAtLogin: boolean;
  startMinimized: boolean;
  /** Desktop app updates; installAt 'HH:MM' or null (when the console quits). */
  update: { enabled: boolean; channel: 'stable' | 'beta'; installAt: string | null; url: string | null };
  /** How calls to Amazon reach the internet (README: Proxy). */
  proxy: { mode: 'system' | 'manual' | 'direct'; server: string | null; bypass: string };
  /** Property mode: the property's broker and id (both, or both null); takes effect at the next start. */
  broker: { url: string | null; property: string | null };
}

/**
 * A command's outcome. A refusal says what happened in English (`error`: the log, tests, the
 * technical side) and, where staff should read it, in their words: for the whole (`message`) and
 * per input field, by the argument's path (`fields`, e.g. "broker.url").
 */
export type Result<T = void> = { ok: true; value: T } | { ok: false; error: string; message?: Text; fields?: Record<string, Text> };

/** Commands the renderer may call; each takes one plain-object argument and resolves to a Result. */
export interface DeskCommands {
  getSnapshot(args: Record<string, never>): Result<Snapshot>;
  answer(args: { sessionId: string; video: boolean }): Result;
  decline(args: { sessionId: string }): Result;
  hangup(args: { sessionId: string }): Result;
  hold(args: { sessionId: string }): Result;
  resume(args: { sessionId: string }): Result;
  callRoom(args: { roomId: string; video: boolean }): Result<{ sessionId: string }>;
  /** The media layer's reply to a MediaRequest. */
  mediaResult(args: MediaResult): Result;
  /** This window runs the media for every call (the latest claimer wins). */
  claimMedia(args: Record<string, never>): Result;
  /**
   * The media window's connection for a call failed (ICE) or came back: main logs it, shows it,
   * and reconnects a failed call once with new ICE credentials.
   */
  mediaConnection(args: { sessionId: string; state: 'failed' | 'restored' }): Result;
  setAutoAnswer(args: { policy: AutoAnswerPolicy }): Result;
  setDnd(args: { on: boolean }): Result;
  /** Import a room directory file (CSV or JSON, DESIGN §3.5); replaces the directory. */
  importRooms(args: { fileName: string; text: string }): Result<{ count: number }>;
  clearMissed(args: { roomId?: string | null }): Result;
  dismissNotice(args: { id: string }): Result;
  /**
   * A page of the call history, newest first: `limit` calls older than `before` (the page before's
   * `next`), only those of a room, a direction or an outcome when asked.
   */
  getHistory(args: { limit?: number; before?: string | null; roomId?: string | null; direction?: Direction | null; outcome?: EndReason | null }): Result<HistoryPage>;
  /** Demo mode only: a simulated room calls the desk (a random idle room when none is given). */
  demoCall(args: { roomId?: string | null; video?: boolean }): Result<{ sessionId: string }>;

  // Linked credentials. Secrets go in; nothing secret ever comes back out.
  getLinkStatus(args: Record<string, never>): Result<LinkStatus>;
  /** Store the skill's Alexa Skill Messaging client id and secret (needed before a grant can link). */
  saveSignalingClient(args: { clientId: string; clientSecret: string }): Result<{ warning: Text | null }>;
  /** Paste all three; a live refresh against Login with Amazon proves them before they are saved. */
  linkSignaling(args: { clientId: string; clientSecret: string; refreshToken: string }): Result;
  unlinkSignaling(args: Record<string, never>): Result;
  /** Start "Sign in with Amazon" for the setup APIs; completes in the system browser. */
  setupSignIn(args: { clientId: string; clientSecret: string }): Result<{ authorizeUrl: string }>;
  setupSignOut(args: Record<string, never>): Result;

  // ASP setup.
  getSetup(args: Record<string, never>): Result<SetupView>;
  createServiceProvider(args: { logicalId: string; displayName: string }): Result<{ serviceProviderId: string }>;
  /** Create (or update) the network mapping of our service provider to the skill. */
  mapSkill(args: { skillId: string }): Result;
  /** Add the desk as a WebRTC contact (providerContact.id = the contact id) to an address book. */
  addDeskContact(args: { addressBookId: string; name: string }): Result;
  confirmSetupStep(args: { id: SetupStepId; done: boolean }): Result;

  // Settings and the room directory.
  getSettings(args: Record<string, never>): Result<EditableSettings>;
  /** The machine policy's file and the settings it locks (setting paths, e.g. `update.enabled`). */
  getPolicy(args: Record<string, never>): Result<{ source: string | null; locked: string[] }>;
  /** Validated as a whole: an invalid value names its field and changes nothing. */
  updateSettings(args: { patch: Partial<EditableSettings> }): Result<EditableSettings>;
  exportRooms(args: { format: 'csv' | 'json' }): Result<{ fileName: string; text: string }>;
  /** Add a room, or replace the one with `previousId`. */
  saveRoom(args: { room: Room; previousId?: string | null }): Result;
  removeRoom(args: { roomId: string }): Result;
  /** Keep a TURN server's credential in the keychain (settings hold only its URL and username). */
  setTurnCredential(args: { url: string; credential: string | null }): Result;
  // Property mode: how this desk joins, and adding a desk. Secrets go in; nothing secret comes back out.
  getPropertyJoin(args: Record<string, never>): Result<PropertyJoinView>;
  /** Keep the property server credential in the keychain (null removes it). */
  setBrokerCredential(args: { credential: BrokerCredentialInput | null }): Result<PropertyJoinView>;
  /**
   * A desk-join file sealed with the passphrase: this desk's property, signaling link and region, and
   * `credential` for the new desk (this desk's own when none is given).
   */
  exportDeskJoin(args: { passphrase: string; credential?: BrokerCredentialInput }): Result<{ fileName: string; text: string }>;
  /** Join the property of a desk-join file: secrets to the keychain, server and `deskName` to the settings. */
  importDeskJoin(args: { text: string; passphrase: string; deskName: string }): Result<{ property: string; exportedBy: string }>;
  /** Close and reopen the skill webhook listener with the current settings (e.g. after the port was busy). */
  restartWebhook(args: Record<string, never>): Result;
  /**
   * A new random webhook secret, kept in the keychain (it replaces the old one; the webhook
   * restarts). Its value comes back this once, to copy into the skill: no other command returns it.
   */
  createWebhookSecret(args: Record<string, never>): Result<{ secret: string }>;
  /** Remove the webhook secret (refused while the webhook listens beyond this computer). */
  removeWebhookSecret(args: Record<string, never>): Result;
}

/** Events main pushes to the renderer. */
export interface DeskEvents {
  status: DeskStatus;
  /** The whole directory shown (at start, on an import, when demo rooms come or go). */
  rooms: Room[];
  /** One room added, edited or removed in Settings: the edit alone, not the whole directory. */
  room: RoomChange;
  /** What changed in the calls (the snapshot's `calls.seq` says which deltas it already holds). */
  calls: CallsDelta;
  notices: Notice[];
  /** Sent only to the window that claimed media. */
  media: MediaRequest;
}

export type CommandName = keyof DeskCommands;
export type EventName = keyof DeskEvents;
export type CommandArgs<C extends CommandName> = Parameters<DeskCommands[C]>[0];
export type CommandReturn<C extends CommandName> = ReturnType<DeskCommands[C]>;

export const COMMAND_NAMES = [
  'getSnapshot',
  'answer',
  'decline',
  'hangup',
  'hold',
  'resume',
  'callRoom',
  'mediaResult',
  'claimMedia',
  'mediaConnection',
  'setAutoAnswer',
  'setDnd',
  'importRooms',
  'clearMissed',
  'dismissNotice',
  'getHistory',
  'demoCall',
  'getLinkStatus',
  'saveSignalingClient',
  'linkSignaling',
  'unlinkSignaling',
  'setupSignIn',
  'setupSignOut',
  'getSetup',
  'createServiceProvider',
  'mapSkill',
  'addDeskContact',
  'confirmSetupStep',
  'getSettings',
  'updateSettings',
  'exportRooms',
  'saveRoom',
  'removeRoom',
  'setTurnCredential',
  'restartWebhook',
  'createWebhookSecret',
  'removeWebhookSecret',
  'getPropertyJoin',
  'setBrokerCredential',
  'exportDeskJoin',
  'importDeskJoin',
] as const satisfies readonly CommandName[];

export const EVENT_NAMES = ['status', 'rooms', 'room', 'calls', 'notices', 'media'] as const satisfies readonly EventName[];

/** What the preload exposes as `window.desk` and the bridge client implements. */
export interface DeskApi {
  invoke<C extends CommandName>(command: C, args: CommandArgs<C>): Promise<CommandReturn<C>>;
  on<E extends EventName>(event: E, listener: (payload: DeskEvents[E]) => void): () => void;
}

/** IPC channel names used by the Electron preload and handlers. */
export const IPC_INVOKE_CHANNEL = 'desk:invoke';
export const IPC_EVENT_CHANNEL = 'desk:event';
