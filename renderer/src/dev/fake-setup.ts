// The fake console's settings, linking, ASP setup and room directory (development and screenshots
// only, `?fake=1`). It answers like main does, with a few of main's checks so errors can be seen.
// URL parameters: linked=1 (the call signaling link is made), signedin=1 (setup sign-in done).
import type {
  CommandArgs,
  CommandName,
  CommandReturn,
  DeskStatus,
  EditableSettings,
  LinkStatus,
  Notice,
  Room,
  SetupStepId,
} from '../../../main/ipc/contract.js';
import { text, type Text } from '../../../main/domain/text.js';
import { checklistWithProgress } from '../../../main/setup/checklist.js';

export type FakeHandlers = { [C in CommandName]?: (args: CommandArgs<C>) => CommandReturn<C> | Promise<CommandReturn<C>> };

interface FakeSetupDeps {
  params: URLSearchParams;
  status: DeskStatus;
  rooms(): Room[];
  setRooms(rooms: Room[]): void;
  statusChanged(): void;
  notice(notice: Omit<Notice, 'id' | 'at'>): void;
}

const ok = <T>(value: T) => ({ ok: true as const, value });
const fail = (error: string, message?: Text) => ({ ok: false as const, error, ...(message ? { message } : {}) });

const RANGES: [keyof EditableSettings | 'autoAnswer.delayMs' | 'webhook.port', number, number][] = [
  ['webhook.port', 0, 65_535],
  ['iceGatherTimeoutMs', 200, 10_000],
  ['autoAnswer.delayMs', 0, 60_000],
  ['ringTimeoutMs', 5_000, 600_000],
];

/** A few of main's settings rules, worded like main words them. */
function checkSettings(s: EditableSettings): string | null {
  const problems: string[] = [];
  const get = (path: string) => path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], s);
  for (const [path, min, max] of RANGES) {
    const value = get(path);
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) problems.push(`${path}: must be between ${min} and ${max}`);
  }
  if (!s.contactId.trim()) problems.push('contactId: must not be empty');
  if (!s.deskName.trim()) problems.push('deskName: must not be empty');
  s.iceServers.forEach((server, i) => {
    const urls = typeof server.urls === 'string' ? [server.urls] : server.urls;
    if (!urls.length || urls.some((u) => !/^(stuns?|turns?):\S+$/i.test(u))) problems.push(`iceServers.${i}.urls: must be a URL starting with stun:, stuns:, turn:, turns:`);
  });
  return problems.length ? problems.join('; ') : null;
}

const RETURN_URL = 'http://localhost:8322/callback';

export function createFakeSetup(deps: FakeSetupDeps): FakeHandlers {
  const { params, status } = deps;
  const link: LinkStatus = {
    signaling: { linked: params.get('linked') === '1', clientIdSet: params.get('linked') === '1', validUntil: null, lastError: null, fromEnvironment: false },
    setup: { signedIn: params.get('signedin') === '1', clientIdSet: params.get('signedin') === '1', signInPending: false, returnUrl: RETURN_URL },
  };
  if (link.signaling.linked) {
    link.signaling.validUntil = Date.now() + 55 * 60_000;
    status.mode = 'linked';
  }
  let settings: EditableSettings = {
    region: status.region,
    contactId: status.contactId,
    deskName: 'Front Desk',
    language: status.language,
    broker: { url: null, property: null },
    webhook: { host: '127.0.0.1', port: 8321 },
    iceServers: status.iceServers.map(({ urls, username }) => (username ? { urls, username } : { urls })),
    iceGatherTimeoutMs: status.iceGatherTimeoutMs,
    autoAnswer: { policy: status.autoAnswer, delayMs: 0 },
    ringTimeoutMs: 45_000,
    sendCallInProgress: false,
    sendCallerName: false,
    dnd: status.dnd,
    devices: { microphone: null, camera: null, speaker: null, ringer: null },
    setupSignInPort: 8322,
    launchAtLogin: false,
    startMinimized: false,
    update: { enabled: true, channel: 'stable', installAt: null, url: null },
    proxy: { mode: 'system', server: null, bypass: '' },
  };
  const turnPasswords = new Map<string, string>(status.iceServers.flatMap((s) => (s.credential ? [[String(s.urls), s.credential] as [string, string]] : [])));
  const progress = { serviceProviderId: null as string | null, mappedSkillId: null as string | null, deskContactAdded: false, confirmed: new Set<SetupStepId>() };

  function refreshStatus(): void {
    status.language = settings.language;
    status.region = settings.region;
    status.contactId = settings.contactId;
    status.autoAnswer = settings.autoAnswer.policy;
    status.iceGatherTimeoutMs = settings.iceGatherTimeoutMs;
    status.webhook = { ...status.webhook, url: `http://${settings.webhook.host}:${settings.webhook.port}` };
    status.iceServers = settings.iceServers.map((server) => {
      const url = (typeof server.urls === 'string' ? [server.urls] : server.urls).find((u) => /^turns?:/i.test(u));
      const credential = url ? turnPasswords.get(url) : undefined;
      return credential ? { ...server, credential } : server;
    });
    deps.statusChanged();
  }

  return {
    getSettings: () => ok(settings),
    getPolicy: () => ok({ source: params.get('policy') === '1' ? '/etc/frontdesk-console/policy.json' : null, locked: params.get('policy') === '1' ? ['update.enabled', 'launchAtLogin'] : [] }),
    updateSettings: ({ patch }) => {
      const next = { ...settings, ...patch } as EditableSettings;
      const problem = checkSettings(next);
      if (problem) return fail(problem);
      settings = next;
      refreshStatus();
      return ok(settings);
    },
    setTurnCredential: ({ url, credential }) => {
      if (!/^turns?:\S+$/i.test(url)) return fail('setTurnCredential: url: must be a turn: or turns: URL');
      if (credential === null) turnPasswords.delete(url);
      else turnPasswords.set(url, credential);
      refreshStatus();
      return ok(undefined);
    },
    restartWebhook: () => {
      status.webhook = { ...status.webhook, listening: true, error: null };
      deps.statusChanged();
      return ok(undefined);
    },

    getLinkStatus: () => ok(structuredClone(link)),
    saveSignalingClient: ({ clientId, clientSecret }) => {
      if (clientSecret.trim().length < 8) return fail('clientSecret: is too short (at least 8 characters)', text('link.field.tooShort', { field: text('link.clientSecret'), min: 8 }));
      link.signaling.clientIdSet = true;
      return ok({ warning: /^amzn1\.application-oa2-client\.[0-9a-f]{32}$/.test(clientId) ? null : text('link.clientIdShape') });
    },
    linkSignaling: ({ refreshToken }) => {
      if (!refreshToken.startsWith('Atzr|')) {
        link.signaling.lastError = text('link.error.refreshTokenRefused');
        return fail('Amazon did not accept the refresh token', link.signaling.lastError);
      }
      link.signaling = { linked: true, clientIdSet: true, validUntil: Date.now() + 60 * 60_000, lastError: null, fromEnvironment: false };
      status.mode = 'linked';
      deps.statusChanged();
      deps.notice({ level: 'info', message: text('notice.linked') });
      return ok(undefined);
    },
    unlinkSignaling: () => {
      link.signaling = { linked: false, clientIdSet: false, validUntil: null, lastError: null, fromEnvironment: false };
      status.mode = 'unlinked';
      deps.statusChanged();
      deps.notice({ level: 'warning', message: text('notice.notLinked'), action: 'relink' });
      return ok(undefined);
    },
    setupSignIn: ({ clientId }) => {
      link.setup = { signedIn: false, clientIdSet: true, signInPending: true, returnUrl: RETURN_URL };
      setTimeout(() => {
        link.setup = { signedIn: true, clientIdSet: true, signInPending: false, returnUrl: RETURN_URL };
        deps.notice({ level: 'info', message: text('notice.setupSignedIn') });
      }, 4000);
      return ok({ authorizeUrl: `https://www.amazon.com/ap/oa?client_id=${encodeURIComponent(clientId)}&response_type=code&scope=alexa%3A%3Aenterprise%3Amanagement` });
    },
    setupSignOut: () => {
      link.setup = { ...link.setup, signedIn: false, signInPending: false };
      return ok(undefined);
    },

    getSetup: () =>
      ok({
        steps: checklistWithProgress({
          setupSignedIn: link.setup.signedIn,
          serviceProviderId: progress.serviceProviderId,
          mappedSkillId: progress.mappedSkillId,
          signalingLinked: link.signaling.linked,
          deskContactAdded: progress.deskContactAdded,
          confirmed: [...progress.confirmed],
        }),
        serviceProviderId: progress.serviceProviderId,
        mappedSkillId: progress.mappedSkillId,
      }),
    createServiceProvider: () => {
      if (!link.setup.signedIn) return fail('Sign in with Amazon for setup first', text('setup.error.notSignedIn'));
      progress.serviceProviderId = `amzn1.comms.csp.id.${Math.random().toString(36).slice(2, 14)}`;
      progress.mappedSkillId = null;
      return ok({ serviceProviderId: progress.serviceProviderId });
    },
    mapSkill: ({ skillId }) => {
      if (!progress.serviceProviderId) return fail('Create the service provider first: the skill is mapped to it', text('setup.needsProvider'));
      if (!/^amzn1\.ask\.skill\.[0-9a-f-]{36}$/.test(skillId)) {
        return fail('skillId: must look like amzn1.ask.skill.<uuid>', text('setup.field.skillIdShape', { field: text('setup.skillId') }));
      }
      progress.mappedSkillId = skillId;
      return ok(undefined);
    },
    addDeskContact: () => {
      if (!link.setup.signedIn) return fail('Sign in with Amazon for setup first', text('setup.error.notSignedIn'));
      progress.deskContactAdded = true;
      return ok(undefined);
    },
    confirmSetupStep: ({ id, done }) => {
      if (done) progress.confirmed.add(id);
      else progress.confirmed.delete(id);
      return ok(undefined);
    },

    saveRoom: ({ room, previousId }) => {
      const rooms = deps.rooms();
      const replaced = previousId ?? null; // adding never replaces
      for (const field of ['id', 'name', 'address'] as const) if (!room[field].trim()) return fail(`saveRoom: room.${field}: must not be empty`);
      const clash = rooms.find((r) => r.id !== replaced && (r.id === room.id || r.address === room.address));
      if (clash) return fail(`${clash.id === room.id ? 'id' : 'address'}: already used by ${clash.name}`);
      const index = rooms.findIndex((r) => r.id === replaced);
      deps.setRooms(index >= 0 ? rooms.with(index, room) : [...rooms, room]);
      return ok(undefined);
    },
    removeRoom: ({ roomId }) => {
      const rooms = deps.rooms();
      if (!rooms.some((r) => r.id === roomId)) return fail(`No room with id "${roomId}" in the directory`);
      deps.setRooms(rooms.filter((r) => r.id !== roomId));
      return ok(undefined);
    },
    exportRooms: ({ format }) => {
      const rooms = deps.rooms();
      const columns = ['id', 'name', 'floor', 'wing', 'group', 'address', 'addressType'] as const;
      const text =
        format === 'json'
          ? JSON.stringify(rooms, null, 2) + '\n'
          : [columns.join(','), ...rooms.map((r) => columns.map((c) => r[c] ?? '').join(','))].join('\n') + '\n';
      return ok({ fileName: `rooms.${format}`, text });
    },
  };
}
