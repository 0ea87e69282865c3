// The composition root of the main process: it builds the desk's services, wires them together
// behind the contract, and runs their start and stop. Headless mode and the Electron shell both
// start it and add only their transport. Each service has one job (see the imports below).
import { randomUUID } from 'node:crypto';
import { SignalingLink } from '../auth/signaling-link.js';
import { openVault, type Vault } from '../auth/vault.js';
import { CallManager } from '../calls/manager.js';
import { refusalOf, text } from '../domain/text.js';
import type { ClaimResult } from '../calls/types.js';
import type { CommandName, DeskStatus, Result, Snapshot } from '../ipc/contract.js';
import { checkArgs, isCommandName } from '../ipc/schemas.js';
import { consoleLogger, type Logger } from '../log/logger.js';
import { nodeProxyResolver, setProxyResolver } from '../net/proxy.js';
import { policyPath, readPolicyFile, type Policy } from '../policy/policy.js';
import { withPolicy, type PolicySettingsStore } from '../policy/policy-store.js';
import { PropertyMode } from '../property/property-mode.js';
import { outgoing } from '../protocol/outgoing.js';
import { RoomStore } from '../rooms/room-store.js';
import { RoomsService } from '../rooms/rooms-service.js';
import { openHistory, type History } from '../store/history.js';
import { openNodeSettingsStore } from '../store/settings.js';
import { AlexaEvents } from './alexa-events.js';
import { CallsView } from './calls-view.js';
import { Clients } from './clients.js';
import { commandHandlers, type CommandHandlers } from './commands.js';
import { DeskConfig } from './desk-config.js';
import { IceServers } from './ice-servers.js';
import { MediaRecovery } from './media-recovery.js';
import { LocalMissedCalls, type MissedCalls } from './missed-calls.js';
import { keychainNotice, Notices, sendFailureNotice } from './notices.js';
import { PropertyJoin } from './property-join.js';
import { SetupService } from './setup-service.js';
import { SignalingMode } from './signaling-mode.js';
import type { Desk, DeskOptions, EventSink } from './types.js';
import { isMissed, toCallView, toHistoryEntry, toMissedEntry } from './views.js';
import { WebhookListener } from './webhook-listener.js';
import { WebhookSecret } from './webhook-secret.js';

export async function startDesk(options: DeskOptions): Promise<Desk> {
  const log = options.log ?? consoleLogger('info');
  // The machine's policy presets and locks settings (README: Policy file).
  const policy = options.policy ?? readPolicyFile(policyPath(process.platform, process.env));
  const settings = withPolicy(options.settingsStore ?? openNodeSettingsStore(options.dataDir), policy, options.dataDir);
  const vault = await openVault({ service: options.keychainService });
  const rooms = await RoomStore.open({
    dir: options.dataDir,
    legacy: () => settings.get().rooms,
    dropLegacy: () => {
      if (settings.get().rooms) settings.update(({ rooms: _moved, ...rest }) => rest);
    },
  });
  const desk = new DeskCore(options, settings, vault, rooms, log);
  await desk.start();
  return desk;
}

class DeskCore implements Desk {
  private readonly config: DeskConfig;
  private readonly clients: Clients;
  private readonly notices: Notices;
  private readonly history: History;
  private readonly rooms: RoomsService;
  private readonly localMissed: LocalMissedCalls;
  /** The property's missed calls in property mode, else this desk's own. */
  private readonly missed: MissedCalls;
  private property: PropertyMode | null = null;
  private readonly link: SignalingLink;
  private readonly manager: CallManager;
  private readonly callsView: CallsView;
  private readonly events: AlexaEvents;
  private readonly webhook: WebhookListener;
  private readonly signaling: SignalingMode;
  private readonly setup: SetupService;
  private readonly iceServers: IceServers;
  private readonly join: PropertyJoin;
  private readonly mediaRecovery: MediaRecovery;
  private readonly handlers: CommandHandlers;
  private readonly policy: Policy;
  /** The demo's simulated skill must send it too. */
  private readonly webhookSecret: WebhookSecret;

  constructor(
    private readonly options: DeskOptions,
    settings: PolicySettingsStore,
    private readonly vault: Vault,
    private readonly roomStore: RoomStore,
    private readonly log: Logger,
  ) {
    this.policy = settings.policy;
    const config = (this.config = new DeskConfig(options, settings));
    this.webhookSecret = new WebhookSecret(options.webhookSecret, vault);
    const clients = (this.clients = new Clients(log));
    const notices = (this.notices = new Notices((list) => clients.broadcast('notices', list), { log }));
    this.history = openHistory(options.dataDir);
    this.iceServers = new IceServers(settings, vault);
    this.rooms = new RoomsService({
      store: roomStore,
      changed: (rooms, edit) => {
        if (edit) clients.broadcast('room', edit);
        else clients.broadcast('rooms', rooms);
        this.callsView.roomsChanged();
      },
    });
    this.localMissed = new LocalMissedCalls(this.rooms.roomFor, () => this.callsView.changed());
    const missed = () => this.property?.missed ?? this.localMissed;
    this.missed = { list: () => missed().list(), add: (entry) => missed().add(entry), clear: (roomId) => missed().clear(roomId) };
    const link = (this.link = new SignalingLink({ vault, fallback: options.envCredentials, log, onRevoked: () => void this.signaling.revoked() }));
    this.signaling = new SignalingMode({
      config,
      link,
      rooms: this.rooms,
      notices,
      log,
      webhook: () => ({ url: this.webhook.url, secret: this.webhookSecret.value }),
      changed: () => {
        this.statusChanged();
        void this.answerGrantsIfLinked();
      },
    });
    this.setup = new SetupService({
      vault,
      link,
      settings,
      log,
      tokenUrl: () => config.tokenUrl(),
      apiBase: () => config.apiBase(),
      authorizeUrl: options.lwaAuthorizeUrl,
      signInPort: options.setupSignInPort,
      openExternal: options.openExternal ?? ((url) => log.info(`Open this address to sign in with Amazon: ${url}`)),
      linked: () => this.signaling.linked(),
      unlinked: () => this.signaling.unlinked(),
      notice: (level, message, more) => notices.add({ level, message, ...more }),
    });
    this.manager = new CallManager({
      config: () => {
        const s = settings.get();
        // customParams is not in Amazon's documentation: the name goes only where it was turned on.
        return { ringTimeoutMs: s.ringTimeoutMs, sendCallInProgress: s.sendCallInProgress, callerName: s.sendCallerName ? this.deskName() : undefined, shared: this.property !== null };
      },
      claim: (call, claim) => this.property?.claim(call, claim) ?? Promise.resolve<ClaimResult>({ outcome: 'won' }),
      autoAnswer: () => ({ policy: config.autoAnswerPolicy(), delayMs: settings.get().autoAnswer.delayMs }),
      dnd: () => settings.get().dnd,
      localAddress: () => ({ type: 'RAW_ADDRESS', value: config.contactId() }),
      send: async (message, stillMatters) => {
        const result = await this.signaling.send(message, { stillMatters });
        // Alexa took a message: whatever kept the earlier ones from getting through is over.
        if (result.ok) notices.clear('alexa', 'link', `call:${message.sessionId}`);
        return result;
      },
      media: (request) => clients.sendMedia(request),
      changed: (call) => {
        this.property?.callChanged(call);
        this.callsView.changed();
      },
      ended: (call) => {
        this.mediaRecovery.forget(call.sessionId);
        // A call this desk did not own is missed for the property only if the property says so.
        if (isMissed(call) && call.ownership === 'mine') this.missed.add(toMissedEntry(call));
        // Staff talked with the room (called back, or it called again): its missed calls are seen to.
        const room = call.answeredAt !== null ? this.rooms.roomFor(call.remote.value) : undefined;
        if (room) this.missed.clear(room.id);
        this.callsView.ended();
      },
      // The event that ended a call is acknowledged once this line is on disk.
      record: (call) =>
        this.history.append(toHistoryEntry(call, this.rooms.roomFor)).catch((e: unknown) => {
          log.error('history append failed', { sessionId: call.sessionId, error: String(e) });
          throw e;
        }),
      sendFailed: (call, message, result) => {
        log.warn('signaling message failed', { sessionId: call.sessionId, type: message.type, status: result.status, error: result.message });
        const { notice, topic } = sendFailureNotice(message.type, result.status, result.message, toCallView(call, this.rooms.roomFor));
        notices.add(notice, topic);
      },
      newSessionId: () => randomUUID(),
    });
    this.callsView = new CallsView({
      calls: () => this.manager.calls(),
      missed: () => this.missed,
      elsewhere: () => this.property?.elsewhere() ?? [],
      roomFor: this.rooms.roomFor,
      listening: () => clients.count > 0,
      emit: (snapshot) => clients.broadcast('calls', snapshot),
    });
    this.mediaRecovery = new MediaRecovery({ manager: this.manager, notices, roomFor: this.rooms.roomFor, log });
    this.events = new AlexaEvents({ manager: this.manager, setup: this.setup, notices, log, active: () => this.statusChanged() });
    this.webhook = new WebhookListener({
      config: async () => ({ host: config.webhookHost(), port: options.webhookPort ?? settings.get().webhook.port, secret: await this.webhookSecret.current() }),
      handler: this.events,
      notices,
      log,
      changed: (url) => {
        this.signaling.webhookMoved(url);
        this.statusChanged();
      },
    });
    this.join = new PropertyJoin({
      config,
      vault,
      link,
      options,
      log,
      deskName: () => this.deskName(),
      linked: () => this.signaling.linked(),
      changed: () => this.statusChanged(),
    });
    this.handlers = commandHandlers({
      config,
      vault,
      clients,
      manager: this.manager,
      rooms: this.rooms,
      missed: this.missed,
      history: this.history,
      notices,
      signaling: this.signaling,
      setup: this.setup,
      webhook: this.webhook,
      webhookSecret: this.webhookSecret,
      mediaRecovery: this.mediaRecovery,
      iceServers: this.iceServers,
      join: this.join,
      policy: this.policy,
      snapshot: () => this.snapshot(),
      statusChanged: () => this.statusChanged(),
      signalingClientSaved: () => this.answerGrantsIfLinked(),
    });
  }

  get webhookUrl(): string {
    return this.webhook.url ?? '';
  }

  get mode(): Desk['mode'] {
    return this.signaling.mode;
  }

  get brokerUrl(): string | null {
    return this.property?.url ?? null;
  }

  async start(): Promise<void> {
    const { settings } = this.config;
    if (settings.recovered) this.notices.add({ level: 'warning', message: text('notice.settingsRecovered'), detail: settings.recovered, action: 'open-settings' });
    if (this.roomStore.problem) this.notices.add({ level: 'warning', message: text('notice.roomsRecovered'), detail: this.roomStore.problem, action: 'open-rooms' });
    // Linked through DESK_LWA_* variables, the link comes back at every start: nothing to explain.
    if (this.vault.kind === 'memory' && !this.options.envCredentials?.refreshToken) this.notices.add(keychainNotice(this.vault.detail));
    for (const problem of this.policy.problems) this.notices.add({ level: 'warning', message: text('notice.policyProblem'), detail: problem });

    const useProxy = () => setProxyResolver((this.options.proxyResolver ?? ((p) => nodeProxyResolver(p, process.env)))(settings.get().proxy));
    useProxy();
    await this.rooms.load(this.options.roomsFile);
    this.property = await this.propertyMode();
    await this.join.started();
    // In property mode events come from the broker: no inbound port unless one was asked for.
    if (this.webhookWanted()) await this.webhook.restart();
    // A desk of a property takes real calls: never the simulator.
    await this.signaling.start(this.property ? 'never' : this.options.demo ? 'always' : 'when-unlinked');
    this.property?.start();
    await this.answerGrantsIfLinked();
    await this.iceServers.refresh();
    settings.onChange((now, before) => {
      if (now.proxy !== before.proxy) useProxy();
      if (now.iceServers !== before.iceServers) void this.iceServers.refresh().then(() => this.statusChanged());
      const moved = now.webhook.host !== before.webhook.host || now.webhook.port !== before.webhook.port;
      if (moved && this.webhookWanted()) void this.webhook.restart();
      this.statusChanged();
      this.callsView.changed();
    });
  }

  // ---- contract -----------------------------------------------------------------------------

  async invoke(clientId: string, command: CommandName | string, rawArgs: unknown): Promise<Result<unknown>> {
    if (!isCommandName(command)) return { ok: false, error: `Unknown command "${String(command).slice(0, 60)}"` };
    const checked = checkArgs(command, rawArgs);
    if (!checked.ok) return { ok: false, error: checked.error, fields: checked.fields };
    try {
      const handler = this.handlers[command] as (clientId: string, args: unknown) => Result<unknown> | Promise<Result<unknown>>;
      return await handler(clientId, checked.args);
    } catch (e) {
      this.log.error('command failed', { command, error: e instanceof Error ? e.message : String(e) });
      return refusalOf(e);
    }
  }

  connect(clientId: string, sink: EventSink): () => void {
    return this.clients.connect(clientId, sink);
  }

  async recheck(): Promise<void> {
    if (!this.webhook.url && this.webhookWanted()) await this.webhook.restart();
    await this.signaling.recheck();
    this.statusChanged();
  }

  async stop(): Promise<void> {
    await this.manager.shutdown();
    await this.property?.stop();
    await this.webhook.stop();
    await this.signaling.stop();
    await this.history.close();
    await this.roomStore.flush();
  }

  // ---- views ----------------------------------------------------------------------------------

  private snapshot(): Snapshot {
    return { status: this.status(), rooms: this.rooms.list(), calls: this.callsView.snapshot(), notices: this.notices.all() };
  }

  private status(): DeskStatus {
    const s = this.config.settings.get();
    return {
      mode: this.signaling.mode,
      region: this.config.region(),
      contactId: this.config.contactId(),
      webhook: {
        url: this.webhookUrl,
        listening: this.webhook.url !== null,
        error: this.webhook.error,
        lastEventAt: this.events.lastEventAt,
        secret: this.webhookSecret.source,
      },
      autoAnswer: this.config.autoAnswerPolicy(),
      dnd: s.dnd,
      vault: this.vault.kind,
      iceServers: this.iceServers.current,
      iceGatherTimeoutMs: s.iceGatherTimeoutMs,
      deskName: this.deskName(),
      language: s.language,
      property: this.property?.status() ?? null,
      propertyRestart: this.join.restartNeeded(),
    };
  }

  /** In property mode events come from the broker: no inbound port unless one was asked for. */
  private webhookWanted(): boolean {
    return !this.property || this.options.webhookPort !== undefined;
  }

  private deskName(): string {
    return this.options.deskName ?? this.config.settings.get().deskName;
  }

  /** Property mode when a broker and property are given (flags, else settings); null for single-desk mode. */
  private async propertyMode(): Promise<PropertyMode | null> {
    const configured = this.join.configured();
    if (!configured) return null;
    return new PropertyMode({
      config: { ...configured, credential: await this.join.credential() },
      me: { id: randomUUID(), name: this.deskName() },
      notices: this.notices,
      log: this.log,
      roomFor: this.rooms.roomFor,
      onEvent: (message) => this.events.onEvent(message),
      onGrant: (grant) => this.events.onGrant(grant),
      ringTimeoutMs: () => this.config.settings.get().ringTimeoutMs,
      // A desk that cannot signal to Amazon leaves the property's calls to the desks that can.
      takesCalls: () => this.signaling.mode === 'linked',
      news: (sessionId, news) => void this.manager.fromOtherDesk(sessionId, news),
      endAtAlexa: (sessionId) =>
        void this.signaling
          .send(outgoing.ended(sessionId, 'INTERNAL_ERROR', 'The front desk that had the call closed'), { stillMatters: () => true })
          .then((r) => r.ok || this.log.warn('CallEnded for a call left by another desk failed', { sessionId, error: r.message })),
      changed: () => {
        this.statusChanged();
        this.callsView.changed();
      },
    });
  }

  /** In property mode the desks that hold the signaling client answer the skill's grant requests. */
  private async answerGrantsIfLinked(): Promise<void> {
    if (!this.property) return;
    this.property.answerGrants((await this.link.status()).clientIdSet);
  }

  private statusChanged(): void {
    this.clients.broadcast('status', this.status());
  }
}
