// The composition root of the main process: settings, vault, history, the call manager, the skill
// webhook, the Alexa signaling client and (in demo mode) the simulator, wired together behind the
// contract. Headless mode and the Electron shell both start it and add only their transport.
import { randomUUID } from 'node:crypto';
import { createTokenProvider, type TokenProvider } from '../auth/lwa.js';
import { SignalingLink } from '../auth/signaling-link.js';
import { openVault, turnSecretName, withTurnCredentials, type Vault } from '../auth/vault.js';
import { CallManager, type Outcome } from '../calls/manager.js';
import type { MediaRequest } from '../calls/types.js';
import type { CallsSnapshot, CommandArgs, CommandName, DeskStatus, EditableSettings, MissedCall, Notice, Result, Room, Snapshot } from '../ipc/contract.js';
import { checkArgs, EDITABLE_SETTINGS, isCommandName } from '../ipc/schemas.js';
import { consoleLogger, type Logger } from '../log/logger.js';
import { describeRoomsErrors, exportRooms, parseRoomsFile } from '../rooms/directory.js';
import { createAlexaClient, type AlexaClient } from '../signaling/alexa-client.js';
import { resolveAlexaApiBase, resolveLwaTokenUrl } from '../signaling/regions.js';
import { openHistory } from '../store/history.js';
import { openNodeSettingsStore, type SettingsStore } from '../store/settings.js';
import { acceptGrantResponse } from './grant.js';
import { connectionNotice, Notices, sendFailureNotice } from './notices.js';
import { SetupService } from './setup-service.js';
import type { Desk, DeskOptions, EventSink } from './types.js';
import { isMissed, toCallView, toHistoryEntry, toMissedCall } from './views.js';
import { WebhookListener } from './webhook-listener.js';

type DemoHandle = Awaited<ReturnType<typeof import('../sim/demo.js').startDemo>>;

const MAX_MISSED = 200;
/** An ended call stays in the snapshot this long, so the desk sees how it ended; then it leaves. */
const ENDED_VISIBLE_MS = 5_000;
/** At most one calls snapshot per interval: a burst of events is one render, not one per event. */
const CALLS_EMIT_INTERVAL_MS = 50;

export async function startDesk(options: DeskOptions): Promise<Desk> {
  const log = options.log ?? consoleLogger('info');
  const settings = options.settingsStore ?? openNodeSettingsStore(options.dataDir);
  const vault = await openVault({ service: options.keychainService });
  const desk = new DeskCore(options, settings, vault, log);
  await desk.start();
  return desk;
}

class DeskCore implements Desk {
  private readonly sinks = new Map<string, EventSink>();
  private mediaOwner: string | null = null;
  private readonly notices: Notices;
  private readonly history;
  private readonly manager: CallManager;
  private missed: MissedCall[] = [];
  /** Calls already reconnected once after their connection failed. */
  private readonly iceRestarted = new Set<string>();
  private rooms: Room[] = [];
  private roomsByAddress = new Map<string, Room>();
  private readonly webhook: WebhookListener;
  /** The flag's secret, else the keychain's; the demo's simulated skill must send it too. */
  private webhookSecret: string | undefined;
  private lastEventAt: number | null = null;
  private demo: DemoHandle | null = null;
  private readonly link: SignalingLink;
  private readonly setup: SetupService;
  private tokens!: TokenProvider;
  private alexa!: AlexaClient;
  private autoAnswerOverride: DeskOptions['autoAnswer'];
  private callsEmitScheduled = false;
  private lastCallsEmitAt = 0;
  /** STUN/TURN servers with TURN credentials from the vault: media runs in the renderer, so it needs them. */
  private iceServers: DeskStatus['iceServers'] = [];
  mode: Desk['mode'] = 'unlinked';

  constructor(
    private readonly options: DeskOptions,
    private readonly settings: SettingsStore,
    private readonly vault: Vault,
    private readonly log: Logger,
  ) {
    this.autoAnswerOverride = options.autoAnswer;
    this.history = openHistory(options.dataDir);
    this.notices = new Notices((list) => this.broadcast('notices', list));
    this.webhook = new WebhookListener({
      config: async () => {
        const s = settings.get();
        this.webhookSecret = options.webhookSecret ?? (await vault.get('webhook.secret')) ?? undefined;
        return { host: options.webhookHost ?? s.webhook.host, port: options.webhookPort ?? s.webhook.port, secret: this.webhookSecret };
      },
      handler: {
        onEvent: async (message) => {
          this.noteEvent();
          return this.manager.handleAlexaEvent(message);
        },
        onGrant: async ({ code }) => {
          this.noteEvent();
          return this.acceptGrant(code);
        },
      },
      notices: this.notices,
      log,
      changed: (url) => {
        this.demo?.setWebhookUrl(url);
        this.broadcast('status', this.status());
      },
    });
    this.link = new SignalingLink({ vault, fallback: options.envCredentials, log });
    this.setup = new SetupService({
      vault,
      link: this.link,
      settings,
      log,
      tokenUrl: () => this.configuredTokenUrl(),
      apiBase: () => this.configuredApiBase(),
      authorizeUrl: options.lwaAuthorizeUrl,
      signInPort: options.setupSignInPort,
      openExternal: options.openExternal ?? ((url) => log.info(`Open this address to sign in with Amazon: ${url}`)),
      linked: () => this.goLinked(),
      unlinked: () => this.goUnlinked(),
      notice: (level, text) => this.notices.add({ level, text }),
    });
    this.manager = new CallManager({
      config: () => {
        const s = this.settings.get();
        return { ringTimeoutMs: s.ringTimeoutMs, sendCallInProgress: s.sendCallInProgress, deskName: s.deskName };
      },
      autoAnswer: () => ({ policy: this.autoAnswerPolicy(), delayMs: this.settings.get().autoAnswer.delayMs }),
      dnd: () => this.settings.get().dnd,
      localAddress: () => ({ type: 'RAW_ADDRESS', value: this.contactId() }),
      send: (message, stillMatters) => this.alexa.send(message, { stillMatters }),
      media: (request) => this.sendMedia(request),
      changed: () => this.scheduleCallsEmit(),
      ended: (call) => {
        this.iceRestarted.delete(call.sessionId);
        this.history.append(toHistoryEntry(call, this.roomFor)).catch((e: unknown) => this.log.error('history append failed', { error: String(e) }));
        if (isMissed(call)) this.missed = [toMissedCall(call, this.roomFor), ...this.missed].slice(0, MAX_MISSED);
        setTimeout(() => this.scheduleCallsEmit(), ENDED_VISIBLE_MS + 100).unref();
      },
      sendFailed: (call, message, result) => {
        this.log.warn('signaling message failed', { sessionId: call.sessionId, type: message.type, status: result.status, error: result.message });
        this.notices.add(sendFailureNotice(message.type, result.status, result.message, call.sessionId));
      },
      newSessionId: () => randomUUID(),
    });
  }

  get webhookUrl(): string {
    return this.webhook.url ?? '';
  }

  async start(): Promise<void> {
    if (this.settings.recovered) this.notices.add({ level: 'warning', text: this.settings.recovered, action: 'open-settings' });
    if (this.vault.problem) this.notices.add({ level: 'warning', text: this.vault.problem });

    await this.loadRooms();
    await this.webhook.restart();

    const { linked } = await this.link.status();
    if (this.options.demo || !linked) await this.startDemoMode();
    else this.useLinkedSignaling();
    await this.refreshIceServers();
    this.settings.onChange((now, before) => {
      if (now.iceServers !== before.iceServers) void this.refreshIceServers().then(() => this.broadcast('status', this.status()));
      if (now.webhook.host !== before.webhook.host || now.webhook.port !== before.webhook.port) void this.webhook.restart();
      this.broadcast('status', this.status());
      this.scheduleCallsEmit();
    });
  }

  // ---- contract -----------------------------------------------------------------------------

  async invoke(clientId: string, command: CommandName | string, rawArgs: unknown): Promise<Result<unknown>> {
    if (!isCommandName(command)) return { ok: false, error: `Unknown command "${String(command).slice(0, 60)}"` };
    const checked = checkArgs(command, rawArgs);
    if (!checked.ok) return { ok: false, error: checked.error };
    try {
      return await this.run(clientId, command, checked.args);
    } catch (e) {
      this.log.error('command failed', { command, error: e instanceof Error ? e.message : String(e) });
      return { ok: false, error: e instanceof Error ? e.message : 'The console hit an unexpected error' };
    }
  }

  connect(clientId: string, sink: EventSink): () => void {
    this.sinks.set(clientId, sink);
    return () => {
      this.sinks.delete(clientId);
      if (this.mediaOwner === clientId) this.mediaOwner = null;
    };
  }

  async recheck(): Promise<void> {
    if (!this.webhook.url) await this.webhook.restart();
    this.tokens.invalidate();
    await this.tokens.getAccessToken().catch((e: unknown) => this.log.warn('token refresh failed', { error: String(e) }));
    this.broadcast('status', this.status());
  }

  async stop(): Promise<void> {
    await this.manager.shutdown();
    await this.webhook.stop();
    await this.demo?.close();
    await this.history.close();
  }

  private run<C extends CommandName>(clientId: string, command: C, args: CommandArgs<C>): Promise<Result<unknown>> {
    const handler = this.handlers[command] as (clientId: string, args: CommandArgs<C>) => Result<unknown> | Promise<Result<unknown>>;
    return Promise.resolve(handler(clientId, args));
  }

  /** One handler per contract command; arguments arrive validated (../ipc/schemas.ts). */
  private readonly handlers: { [C in CommandName]: (clientId: string, args: CommandArgs<C>) => Result<unknown> | Promise<Result<unknown>> } = {
    getSnapshot: () => ok(this.snapshot()),
    answer: (_, { sessionId, video }) => fromOutcome(this.manager.intent(sessionId, { intent: 'answer', video })),
    decline: (_, { sessionId }) => fromOutcome(this.manager.intent(sessionId, { intent: 'decline' })),
    hangup: (_, { sessionId }) => fromOutcome(this.manager.intent(sessionId, { intent: 'hangup' })),
    hold: (_, { sessionId }) => fromOutcome(this.manager.intent(sessionId, { intent: 'hold' })),
    resume: (_, { sessionId }) => fromOutcome(this.manager.intent(sessionId, { intent: 'resume' })),
    callRoom: (_, { roomId, video }) => {
      const room = this.rooms.find((r) => r.id === roomId);
      if (!room) return { ok: false, error: `No room with id "${roomId}" in the directory` };
      if (this.manager.liveCalls().some((c) => c.remote.value === room.address)) {
        return { ok: false, error: `${room.name} is already on a call with the desk` };
      }
      return fromOutcome(this.manager.startOutgoingCall({ type: room.addressType, value: room.address }, video));
    },
    mediaResult: (clientId, result) => {
      if (clientId !== this.mediaOwner) return { ok: false, error: 'This window does not run the media for calls' };
      return fromOutcome(this.manager.mediaResult(result));
    },
    mediaConnection: (clientId, { sessionId, state }) => {
      if (clientId !== this.mediaOwner) return { ok: false, error: 'This window does not run the media for calls' };
      const call = this.manager.calls().find((c) => c.sessionId === sessionId && c.phase !== 'ended');
      if (!call) return { ok: false, error: `No live call ${sessionId}` };
      const title = toCallView(call, this.roomFor).title;
      const aboutConnection = (n: Notice) => n.sessionId === sessionId && (n.text === connectionNotice(title, true).text || n.text === connectionNotice(title, false).text);
      if (state === 'restored') {
        this.log.info('call media connected again', { sessionId });
        this.notices.dismissWhere(aboutConnection);
        return ok(undefined);
      }
      // One reconnect per call (new ICE credentials through CALL_UPDATE): it survives a network
      // change; a network that blocks media fails again and gets the fix instead.
      const retrying = !this.iceRestarted.has(sessionId) && this.manager.intent(sessionId, { intent: 'renegotiate', iceRestart: true }).ok;
      if (retrying) this.iceRestarted.add(sessionId);
      this.log.warn(`call media could not connect (ICE failed)${retrying ? ': reconnecting' : ''}`, { sessionId });
      this.notices.dismissWhere(aboutConnection);
      this.notices.add({ ...connectionNotice(title, retrying), sessionId, ...(retrying ? {} : { action: 'open-settings' as const }) });
      return ok(undefined);
    },
    claimMedia: (clientId) => {
      const previous = this.mediaOwner;
      this.mediaOwner = clientId;
      if (previous === clientId) return ok(undefined);
      // A window that is still open lets go of its peers; the claimer gets what is still owed.
      const previousSink = previous ? this.sinks.get(previous) : undefined;
      for (const call of this.manager.liveCalls()) previousSink?.('media', { op: 'close', sessionId: call.sessionId });
      for (const request of this.manager.pendingMediaRequests()) this.sendMedia(request);
      // Calls that were up had their media in the other window (or one that crashed): offer fresh media.
      for (const call of this.manager.liveCalls()) {
        if (call.phase === 'active' && !call.negotiation) this.manager.intent(call.sessionId, { intent: 'renegotiate' });
      }
      return ok(undefined);
    },
    setAutoAnswer: (_, { policy }) => {
      this.autoAnswerOverride = undefined;
      this.settings.update((s) => ({ ...s, autoAnswer: { ...s.autoAnswer, policy } }));
      return ok(undefined);
    },
    setDnd: (_, { on }) => {
      this.settings.update((s) => ({ ...s, dnd: on }));
      return ok(undefined);
    },
    importRooms: (_, { fileName, text }) => {
      const parsed = parseRoomsFile(fileName, text);
      if (!parsed.ok) return { ok: false, error: `The room file was not imported: ${describeRoomsErrors(parsed.errors)}` };
      this.settings.update((s) => ({ ...s, rooms: parsed.rooms }));
      this.setRooms(parsed.rooms);
      return ok({ count: parsed.rooms.length });
    },
    clearMissed: (_, { roomId }) => {
      this.missed = roomId ? this.missed.filter((m) => m.roomId !== roomId) : [];
      this.scheduleCallsEmit();
      return ok(undefined);
    },
    dismissNotice: (_, { id }) => {
      this.notices.dismiss(id);
      return ok(undefined);
    },
    getHistory: async (_, { limit }) => ok(await this.history.readRecent(limit ?? 100)),
    demoCall: async (_, { roomId, video }) => {
      if (!this.demo) return { ok: false, error: 'Simulated calls are only available in demo mode' };
      return ok({ sessionId: await this.demo.callDesk(roomId ?? undefined, video ?? false) });
    },
    getLinkStatus: async () => ok(await this.setup.linkStatus()),
    saveSignalingClient: async (_, input) => ok(await this.setup.saveSignalingClient(input)),
    linkSignaling: async (_, input) => ok(await this.setup.linkSignaling(input)),
    unlinkSignaling: async () => ok(await this.setup.unlinkSignaling()),
    setupSignIn: async (_, input) => ok(await this.setup.setupSignIn(input)),
    setupSignOut: async () => ok(await this.setup.setupSignOut()),
    getSetup: async () => ok(await this.setup.getSetup()),
    createServiceProvider: async (_, input) => ok(await this.setup.createServiceProvider(input)),
    mapSkill: async (_, { skillId }) => ok(await this.setup.mapSkill(skillId)),
    addDeskContact: async (_, input) => ok(await this.setup.addDeskContact(input)),
    confirmSetupStep: (_, { id, done }) => ok(this.setup.confirmStep(id, done)),
    getSettings: () => ok(this.editableSettings()),
    updateSettings: (_, { patch }) => {
      this.settings.update(patch);
      return ok(this.editableSettings());
    },
    exportRooms: (_, { format }) => ok({ fileName: `rooms.${format}`, text: exportRooms(this.rooms, format) }),
    saveRoom: (_, { room, previousId }) => {
      const rooms = this.settings.get().rooms;
      const replaced = previousId ?? room.id;
      const clash = rooms.find((r) => r.id !== replaced && (r.id === room.id || r.address === room.address));
      if (clash) return { ok: false, error: `${clash.id === room.id ? 'id' : 'address'}: already used by ${clash.name}` };
      const index = rooms.findIndex((r) => r.id === replaced);
      this.saveRooms(index >= 0 ? rooms.with(index, room) : [...rooms, room]);
      return ok(undefined);
    },
    setTurnCredential: async (_, { url, credential }) => {
      const name = turnSecretName(url)!;
      if (credential === null) await this.vault.delete(name);
      else await this.vault.set(name, credential);
      await this.refreshIceServers();
      this.broadcast('status', this.status());
      return ok(undefined);
    },
    restartWebhook: async () => {
      await this.webhook.restart();
      return this.webhook.url ? ok(undefined) : { ok: false, error: this.webhook.error ?? 'The webhook did not start' };
    },
    removeRoom: (_, { roomId }) => {
      const rooms = this.settings.get().rooms;
      if (!rooms.some((r) => r.id === roomId)) return { ok: false, error: `No room with id "${roomId}" in the directory` };
      this.saveRooms(rooms.filter((r) => r.id !== roomId));
      return ok(undefined);
    },
  };

  private editableSettings(): EditableSettings {
    const s = this.settings.get();
    return Object.fromEntries(EDITABLE_SETTINGS.map((key) => [key, s[key]])) as unknown as EditableSettings;
  }

  /** Edits work on the saved directory, never on the demo rooms shown while it is empty. */
  private saveRooms(rooms: Room[]): void {
    this.settings.update((s) => ({ ...s, rooms }));
    this.setRooms(rooms.length === 0 && this.demo ? this.demo.rooms : rooms);
  }

  // ---- views and events ---------------------------------------------------------------------

  private snapshot(): Snapshot {
    return { status: this.status(), rooms: this.rooms, calls: this.callsSnapshot(), notices: this.notices.all() };
  }

  private status(): DeskStatus {
    const s = this.settings.get();
    return {
      mode: this.mode,
      region: this.options.region ?? s.region,
      contactId: this.contactId(),
      webhook: { url: this.webhookUrl, listening: this.webhook.url !== null, error: this.webhook.error, lastEventAt: this.lastEventAt },
      autoAnswer: this.autoAnswerPolicy(),
      dnd: s.dnd,
      vault: this.vault.kind,
      iceServers: this.iceServers,
      iceGatherTimeoutMs: s.iceGatherTimeoutMs,
    };
  }

  private callsSnapshot(): CallsSnapshot {
    const shownSince = Date.now() - ENDED_VISIBLE_MS;
    const calls = this.manager.calls().filter((c) => c.phase !== 'ended' || (c.endedAt ?? 0) >= shownSince);
    return { calls: calls.map((c) => toCallView(c, this.roomFor)), missed: this.missed };
  }

  /** Call changes go out together: at once when quiet, then at most once per interval. */
  private scheduleCallsEmit(): void {
    if (this.callsEmitScheduled || this.sinks.size === 0) return;
    this.callsEmitScheduled = true;
    const wait = Math.max(0, this.lastCallsEmitAt + CALLS_EMIT_INTERVAL_MS - Date.now());
    setTimeout(() => {
      this.callsEmitScheduled = false;
      this.lastCallsEmitAt = Date.now();
      this.broadcast('calls', this.callsSnapshot());
    }, wait);
  }

  private broadcast: EventSink = (event, payload) => {
    for (const [clientId, sink] of this.sinks) {
      try {
        sink(event, payload);
      } catch (e) {
        this.log.warn('event delivery failed', { clientId, event, error: String(e) });
      }
    }
  };

  private sendMedia(request: MediaRequest): void {
    const sink = this.mediaOwner ? this.sinks.get(this.mediaOwner) : undefined;
    if (!sink) {
      if (request.op !== 'close') this.log.warn('no window runs media; request kept until one does', { sessionId: request.sessionId, op: request.op });
      return;
    }
    sink('media', request);
  }

  // ---- rooms --------------------------------------------------------------------------------

  private readonly roomFor = (address: string): Room | undefined => this.roomsByAddress.get(address);

  private setRooms(rooms: Room[]): void {
    this.rooms = rooms;
    this.roomsByAddress = new Map(rooms.map((r) => [r.address, r]));
    this.broadcast('rooms', rooms);
    this.scheduleCallsEmit();
  }

  private async loadRooms(): Promise<void> {
    if (this.options.roomsFile) {
      const { readFile } = await import('node:fs/promises');
      const text = await readFile(this.options.roomsFile, 'utf8');
      const parsed = parseRoomsFile(this.options.roomsFile, text);
      if (!parsed.ok) throw new Error(`Room file ${this.options.roomsFile}: ${describeRoomsErrors(parsed.errors)}`);
      this.settings.update((s) => ({ ...s, rooms: parsed.rooms }));
    }
    this.setRooms(this.settings.get().rooms);
  }

  // ---- signaling ----------------------------------------------------------------------------

  private noteEvent(): void {
    const now = Date.now();
    const quiet = this.lastEventAt === null || now - this.lastEventAt > 1_000;
    this.lastEventAt = now;
    if (quiet) this.broadcast('status', this.status());
  }

  private async startDemoMode(): Promise<void> {
    const { startDemo, DEMO_CREDENTIALS, DEMO_ROOMS } = await import('../sim/demo.js');
    this.demo = await startDemo({
      webhookUrl: this.webhook.url,
      webhookSecret: this.webhookSecret,
      contactId: this.contactId(),
    });
    // Demo rooms when the directory is empty: the simulator's rooms call from their addresses.
    if (this.rooms.length === 0) this.setRooms(DEMO_ROOMS);
    this.useSignaling(createTokenProvider({ tokenUrl: this.demo.tokenUrl, credentials: async () => DEMO_CREDENTIALS }), this.demo.apiBase);
    this.mode = 'demo';
    this.log.info('demo mode: calls come from simulated rooms');
  }

  private useSignaling(tokens: TokenProvider, apiBase: string): void {
    this.tokens = tokens;
    this.alexa = createAlexaClient({ apiBase, tokens, log: this.log });
  }

  private useLinkedSignaling(): void {
    this.useSignaling(this.link.tokens(this.configuredTokenUrl()), this.configuredApiBase());
    this.mode = 'linked';
  }

  /** The signaling credential became valid: leave demo mode and signal through Amazon. */
  private async goLinked(): Promise<void> {
    if (this.demo) {
      await this.demo.close();
      this.demo = null;
      this.setRooms(this.settings.get().rooms);
    }
    this.useLinkedSignaling();
    this.notices.add({ level: 'info', text: 'The console is linked to Amazon: rooms can now call the desk' });
    this.broadcast('status', this.status());
  }

  private async goUnlinked(): Promise<void> {
    this.mode = 'unlinked';
    this.useSignaling(createTokenProvider({ tokenUrl: this.configuredTokenUrl(), credentials: async () => null }), this.configuredApiBase());
    this.notices.add({ level: 'warning', text: 'The console is not linked to Amazon: calls cannot reach the rooms — link it in Settings', action: 'relink' });
    this.broadcast('status', this.status());
  }

  private configuredApiBase(): string {
    return resolveAlexaApiBase(this.options.region ?? this.settings.get().region, this.options.alexaApi);
  }

  private configuredTokenUrl(): string {
    return resolveLwaTokenUrl(this.options.lwaTokenUrl);
  }

  /** Alexa.Authorization.Grant forwarded by the skill: exchange the code, keep the refresh token, go live. */
  private async acceptGrant(code: string) {
    try {
      await this.setup.acceptGrant(code);
      return { ok: true as const, response: acceptGrantResponse() };
    } catch (e) {
      const error = `Linking with Amazon failed: ${e instanceof Error ? e.message : String(e)}`;
      this.notices.add({ level: 'error', text: error, action: 'relink' });
      return { ok: false as const, status: 502, error };
    }
  }

  private async refreshIceServers(): Promise<void> {
    this.iceServers = await withTurnCredentials(this.settings.get().iceServers, this.vault);
  }

  private contactId(): string {
    return this.options.contactId ?? this.settings.get().contactId;
  }

  private autoAnswerPolicy(): 'off' | 'all' | 'idle' {
    return this.autoAnswerOverride ?? this.settings.get().autoAnswer.policy;
  }
}

function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

function fromOutcome<T>(outcome: Outcome<T>): Result<T> {
  return outcome.ok ? { ok: true, value: outcome.value } : { ok: false, error: outcome.error };
}
