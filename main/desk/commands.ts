// One handler per contract command, each handing the work to the service that owns it. Arguments
// arrive validated (../ipc/schemas.ts); a handler returns a Result and never throws on bad input.
import { turnSecretName, type Vault } from '../auth/vault.js';
import type { CallManager, Outcome } from '../calls/manager.js';
import { text, type Text } from '../domain/text.js';
import { inEnglish } from '../i18n/format.js';
import type { CommandArgs, CommandName, EditableSettings, Result, Snapshot } from '../ipc/contract.js';
import { EDITABLE_SETTINGS } from '../ipc/schemas.js';
import type { Policy } from '../policy/policy.js';
import type { RoomsService } from '../rooms/rooms-service.js';
import type { History } from '../store/history.js';
import type { Clients } from './clients.js';
import type { DeskConfig } from './desk-config.js';
import type { IceServers } from './ice-servers.js';
import type { MediaRecovery } from './media-recovery.js';
import type { MissedCalls } from './missed-calls.js';
import type { Notices } from './notices.js';
import type { PropertyJoin } from './property-join.js';
import type { SetupService } from './setup-service.js';
import type { SignalingMode } from './signaling-mode.js';
import type { WebhookListener } from './webhook-listener.js';
import type { WebhookSecret } from './webhook-secret.js';

export type CommandHandlers = {
  [C in CommandName]: (clientId: string, args: CommandArgs<C>) => Result<unknown> | Promise<Result<unknown>>;
};

export interface DeskServices {
  config: DeskConfig;
  vault: Vault;
  clients: Clients;
  manager: CallManager;
  rooms: RoomsService;
  missed: MissedCalls;
  history: History;
  notices: Notices;
  signaling: SignalingMode;
  setup: SetupService;
  webhook: WebhookListener;
  webhookSecret: WebhookSecret;
  mediaRecovery: MediaRecovery;
  iceServers: IceServers;
  join: PropertyJoin;
  policy: Policy;
  snapshot(): Snapshot;
  /** The status changed in a way the windows must see now. */
  statusChanged(): void;
  /** The signaling client was saved: in property mode this desk can now answer grant requests. */
  signalingClientSaved(): Promise<void>;
}

const notMediaWindow = (): Result => ({ ok: false, error: 'This window does not run the media for calls' });

export function commandHandlers(s: DeskServices): CommandHandlers {
  const { manager, rooms, settings } = { ...s, settings: s.config.settings };
  return {
    getSnapshot: () => ok(s.snapshot()),

    // ---- calls
    answer: (_, { sessionId, video }) => {
      const outcome = manager.intent(sessionId, { intent: 'answer', video });
      // A moment too late at a property's desk: say who has the call.
      const call = outcome.ok ? undefined : manager.get(sessionId);
      if (call?.endReason === 'answered-elsewhere') return refused(call.otherDesk ? text('call.answeredAt', { desk: call.otherDesk }) : text('call.answeredElsewhere'));
      return fromOutcome(outcome);
    },
    decline: (_, { sessionId }) => fromOutcome(manager.intent(sessionId, { intent: 'decline' })),
    hangup: (_, { sessionId }) => fromOutcome(manager.intent(sessionId, { intent: 'hangup' })),
    hold: (_, { sessionId }) => fromOutcome(manager.intent(sessionId, { intent: 'hold' })),
    resume: (_, { sessionId }) => fromOutcome(manager.intent(sessionId, { intent: 'resume' })),
    callRoom: (_, { roomId, video }) => {
      const room = rooms.find(roomId);
      if (!room) return { ok: false, error: `No room with id "${roomId}" in the directory`, message: text('call.roomGone') };
      if (manager.liveCalls().some((c) => c.remote.value === room.address)) return refused(text('call.roomBusy', { room: room.name }));
      return fromOutcome(manager.startOutgoingCall({ type: room.addressType, value: room.address }, video));
    },
    clearMissed: (_, { roomId }) => {
      s.missed.clear(roomId);
      return ok(undefined);
    },
    getHistory: async (_, { limit, ...filters }) => ok(await s.history.readPage({ limit: limit ?? 100, ...filters })),
    demoCall: async (_, { roomId, video }) => {
      const sessionId = await s.signaling.demoCall(roomId ?? undefined, video ?? false);
      return sessionId === null ? refused(text('call.demoOnly')) : ok({ sessionId });
    },

    // ---- media, run by one window
    mediaResult: (clientId, result) => (s.clients.runsMedia(clientId) ? fromOutcome(manager.mediaResult(result)) : notMediaWindow()),
    mediaConnection: (clientId, { sessionId, state }) =>
      s.clients.runsMedia(clientId) ? s.mediaRecovery.onConnection(sessionId, state) : notMediaWindow(),
    claimMedia: (clientId) => {
      const claimed = s.clients.claimMedia(clientId);
      if (!claimed) return ok(undefined);
      // A window that is still open lets go of its peers; the claimer gets what is still owed.
      for (const call of manager.liveCalls()) claimed.previous?.('media', { op: 'close', sessionId: call.sessionId });
      for (const request of manager.pendingMediaRequests()) s.clients.sendMedia(request);
      // Calls that were up had their media in the other window (or one that crashed): offer fresh media.
      for (const call of manager.liveCalls()) {
        if (call.phase === 'active' && !call.negotiation) manager.intent(call.sessionId, { intent: 'renegotiate' });
      }
      return ok(undefined);
    },

    // ---- desk state and settings
    setAutoAnswer: (_, { policy }) => {
      s.config.setAutoAnswer(policy);
      return ok(undefined);
    },
    setDnd: (_, { on }) => {
      settings.update((current) => ({ ...current, dnd: on }));
      return ok(undefined);
    },
    dismissNotice: (_, { id }) => {
      s.notices.dismiss(id);
      return ok(undefined);
    },
    getSettings: () => ok(editableSettings(s)),
    getPolicy: () => ok({ source: s.policy.source, locked: Object.keys(s.policy.locked) }),
    updateSettings: (_, { patch }) => {
      // Never saved into a state in which the webhook cannot start: beyond this computer it needs a secret.
      const host = (patch.webhook as { host?: unknown } | undefined)?.host;
      const refusal = typeof host === 'string' ? s.webhookSecret.refusal(host.trim()) : null;
      if (refusal) return { ok: false, error: `webhook.host: ${inEnglish(refusal)}`, message: refusal, fields: { 'webhook.host': refusal } };
      settings.update(patch);
      return ok(editableSettings(s));
    },
    setTurnCredential: async (_, { url, credential }) => {
      const name = turnSecretName(url)!;
      if (credential === null) await s.vault.delete(name);
      else await s.vault.set(name, credential);
      await s.iceServers.refresh();
      s.statusChanged();
      return ok(undefined);
    },
    restartWebhook: async () => {
      await s.webhook.restart();
      return s.webhook.url ? ok(undefined) : refused(s.webhook.error ?? text('webhook.didNotStart'));
    },
    createWebhookSecret: async () => {
      const secret = await s.webhookSecret.create();
      await s.webhook.restart();
      s.statusChanged();
      return ok({ secret });
    },
    removeWebhookSecret: async () => {
      await s.webhookSecret.remove(s.config.webhookHost());
      await s.webhook.restart();
      s.statusChanged();
      return ok(undefined);
    },

    // ---- property mode: how this desk joins, adding a desk
    getPropertyJoin: async () => ok(await s.join.view()),
    setBrokerCredential: async (_, { credential }) => ok(await s.join.setCredential(credential)),
    exportDeskJoin: async (_, input) => ok(await s.join.exportFile(input)),
    importDeskJoin: async (_, input) => ok(await s.join.importFile(input)),

    // ---- the room directory
    importRooms: (_, { fileName, text }) => rooms.importFile(fileName, text),
    exportRooms: (_, { format }) => rooms.export(format),
    saveRoom: (_, { room, previousId }) => rooms.saveRoom(room, previousId),
    removeRoom: (_, { roomId }) => rooms.removeRoom(roomId),

    // ---- linking with Amazon and ASP setup
    getLinkStatus: async () => ok(await s.setup.linkStatus()),
    saveSignalingClient: async (_, input) => {
      const saved = await s.setup.saveSignalingClient(input);
      await s.signalingClientSaved();
      return ok(saved);
    },
    linkSignaling: async (_, input) => ok(await s.setup.linkSignaling(input)),
    unlinkSignaling: async () => ok(await s.setup.unlinkSignaling()),
    setupSignIn: async (_, input) => ok(await s.setup.setupSignIn(input)),
    setupSignOut: async () => ok(await s.setup.setupSignOut()),
    getSetup: async () => ok(await s.setup.getSetup()),
    createServiceProvider: async (_, input) => ok(await s.setup.createServiceProvider(input)),
    mapSkill: async (_, { skillId }) => ok(await s.setup.mapSkill(skillId)),
    addDeskContact: async (_, input) => ok(await s.setup.addDeskContact(input)),
    confirmSetupStep: (_, { id, done }) => ok(s.setup.confirmStep(id, done)),
  };
}

function editableSettings(s: DeskServices): EditableSettings {
  const current = s.config.settings.get();
  return Object.fromEntries(EDITABLE_SETTINGS.map((key) => [key, current[key]])) as unknown as EditableSettings;
}

function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** Refused, in words for staff (and in English for the log). */
function refused<T>(message: Text): Result<T> {
  return { ok: false, error: inEnglish(message), message };
}

function fromOutcome<T>(outcome: Outcome<T>): Result<T> {
  return outcome.ok ? { ok: true, value: outcome.value } : { ok: false, error: outcome.error };
}
