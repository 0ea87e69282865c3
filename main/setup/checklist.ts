// The ASP setup checklist for WebRTC calling to the desk (asp-protocol.md §3.4), as data: what to
// do (as message ids: each window says it in its language), where Amazon documents it, and whether
// the console can do it through the setup APIs.
import { text, type Text } from '../domain/text.js';

export const CHECKLIST_IDS = [
  'webrtc-addon',
  'api-access',
  'service-provider',
  'network-mapping',
  'skill',
  'enable-skill',
  'desk-contact',
] as const;
export type ChecklistId = (typeof CHECKLIST_IDS)[number];

export interface ChecklistItem {
  id: ChecklistId;
  title: Text;
  /** Plain words: what to do and where. */
  howTo: Text;
  /** Amazon's documentation for the step. */
  docsUrl: string;
  /** The console can do this step itself through the ASP setup APIs. */
  byApi: boolean;
}

const DOCS = 'https://developer.amazon.com/en-US/docs/alexa/alexa-smart-properties';

export const SETUP_CHECKLIST: readonly ChecklistItem[] = [
  {
    id: 'webrtc-addon',
    title: text('setup.step.webrtcAddon'),
    howTo: text('setup.step.webrtcAddonHowTo'),
    docsUrl: `${DOCS}/get-started-calling-api-for-asp.html`,
    byApi: false,
  },
  {
    id: 'api-access',
    title: text('setup.step.apiAccess'),
    howTo: text('setup.step.apiAccessHowTo', { url: 'http://localhost:8322/callback' }),
    docsUrl: 'https://developer.amazon.com/docs/alexa/alexa-smart-properties/manage-api-access.html',
    byApi: false,
  },
  {
    id: 'service-provider',
    title: text('setup.step.serviceProvider'),
    howTo: text('setup.step.serviceProviderHowTo'),
    docsUrl: `${DOCS}/self-service-onboarding-api-for-asp.html`,
    byApi: true,
  },
  {
    id: 'network-mapping',
    title: text('setup.step.networkMapping'),
    howTo: text('setup.step.networkMappingHowTo'),
    docsUrl: `${DOCS}/service-provider-network-mapping-api-for-asp.html`,
    byApi: true,
  },
  {
    id: 'skill',
    title: text('setup.step.skill'),
    howTo: text('setup.step.skillHowTo'),
    docsUrl: 'https://developer.amazon.com/en-US/blogs/alexa/alexa-skills-kit/2023/08/Alexa-webrtc-get-started-august-2023',
    byApi: false,
  },
  {
    id: 'enable-skill',
    title: text('setup.step.enableSkill'),
    howTo: text('setup.step.enableSkillHowTo'),
    docsUrl: `${DOCS}/get-started-calling-api-for-asp.html`,
    byApi: false,
  },
  {
    id: 'desk-contact',
    title: text('setup.step.deskContact'),
    howTo: text('setup.step.deskContactHowTo'),
    docsUrl: `${DOCS}/address-book-api.html`,
    byApi: true,
  },
];

/** What the console knows about the setup; the steps it cannot check are ticked by the user. */
export interface SetupProgress {
  setupSignedIn?: boolean;
  serviceProviderId?: string | null;
  /** The skill id the service provider is mapped to. */
  mappedSkillId?: string | null;
  signalingLinked?: boolean;
  deskContactAdded?: boolean;
  /** Steps the user marked as done. */
  confirmed?: readonly ChecklistId[];
}

export interface ChecklistEntry extends ChecklistItem {
  done: boolean;
  /** A short fact behind `done` (e.g. the service provider id); null when none. */
  detail: Text | null;
}

/** The checklist with each step's progress, in order. */
export function checklistWithProgress(progress: SetupProgress): ChecklistEntry[] {
  const confirmed = new Set(progress.confirmed ?? []);
  const known: Partial<Record<ChecklistId, { done: boolean; detail: Text | null }>> = {
    'api-access': { done: progress.setupSignedIn === true, detail: progress.setupSignedIn ? text('setup.detail.signedIn') : null },
    'service-provider': { done: !!progress.serviceProviderId, detail: progress.serviceProviderId ? text('setup.detail.providerId', { id: progress.serviceProviderId }) : null },
    'network-mapping': { done: !!progress.mappedSkillId, detail: progress.mappedSkillId ? text('setup.detail.skillId', { id: progress.mappedSkillId }) : null },
    'enable-skill': { done: progress.signalingLinked === true, detail: progress.signalingLinked ? text('setup.detail.linked') : null },
    'desk-contact': { done: progress.deskContactAdded === true, detail: null },
  };
  return SETUP_CHECKLIST.map((item) => {
    const fact = known[item.id];
    const done = (fact?.done ?? false) || confirmed.has(item.id);
    return { ...item, done, detail: fact?.done ? fact.detail : null };
  });
}

/** The first step not done yet; null when setup is complete. */
export function nextStep(entries: readonly ChecklistEntry[]): ChecklistId | null {
  return entries.find((e) => !e.done)?.id ?? null;
}
