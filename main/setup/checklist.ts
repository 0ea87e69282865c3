// The ASP setup checklist for WebRTC calling to the desk (asp-protocol.md §3.4), as data: what to
// do, where Amazon documents it, and whether the console can do it through the setup APIs.

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
  title: string;
  /** Plain words: what to do and where. */
  howTo: string;
  /** Amazon's documentation for the step. */
  docsUrl: string;
  /** The console can do this step itself through the ASP setup APIs. */
  byApi: boolean;
}

const DOCS = 'https://developer.amazon.com/en-US/docs/alexa/alexa-smart-properties';

export const SETUP_CHECKLIST: readonly ChecklistItem[] = [
  {
    id: 'webrtc-addon',
    title: 'Turn on the WebRTC add-on',
    howTo:
      'In the ASP console, open Billing & Subscriptions and enable the free WebRTC add-on next to your base subscription. Video calls need a healthcare or senior-living subscription; hospitality and core are audio only.',
    docsUrl: `${DOCS}/get-started-calling-api-for-asp.html`,
    byApi: false,
  },
  {
    id: 'api-access',
    title: 'Allow the console to use the setup APIs',
    howTo:
      'Create a Login with Amazon security profile with the Amazon account registered with ASP. In its Web Settings, add http://localhost:8322/callback (or the port set in Settings) to the Allowed Return URLs. In the ASP console, open Administration → Alexa Management API Clients → Grant API Access and add its client id. Then use Sign in with Amazon here as an ASP administrator.',
    docsUrl: 'https://developer.amazon.com/docs/alexa/alexa-smart-properties/manage-api-access.html',
    byApi: false,
  },
  {
    id: 'service-provider',
    title: 'Create the service provider',
    howTo: 'The console creates it for you: choose a unique logical id and a display name. Amazon returns the service provider id.',
    docsUrl: `${DOCS}/self-service-onboarding-api-for-asp.html`,
    byApi: true,
  },
  {
    id: 'network-mapping',
    title: 'Map the service provider to your skill',
    howTo: "The console maps them for you: enter the skill id (amzn1.ask.skill.…) from the Alexa developer console.",
    docsUrl: `${DOCS}/service-provider-network-mapping-api-for-asp.html`,
    byApi: true,
  },
  {
    id: 'skill',
    title: 'Publish the calling skill',
    howTo:
      'Deploy the console\'s skill (or Amazon\'s WebRTC sample skill) with account linking turned on and the permissions "persistent unit id" (alexa::persistent_unit_id::read) and "calling" (amazon_communication::calling). Copy its Alexa Skill Messaging client id and secret into the console.',
    docsUrl: 'https://developer.amazon.com/en-US/blogs/alexa/alexa-skills-kit/2023/08/Alexa-webrtc-get-started-august-2023',
    byApi: false,
  },
  {
    id: 'enable-skill',
    title: 'Enable the skill in the rooms',
    howTo: 'In the ASP console, enable the skill for the units (rooms) that should call the desk. The console is linked when Alexa sends it the grant.',
    docsUrl: `${DOCS}/get-started-calling-api-for-asp.html`,
    byApi: false,
  },
  {
    id: 'desk-contact',
    title: 'Add the desk to the rooms\' address book',
    howTo:
      'The console adds itself as a contact (e.g. "Front Desk") to an address book you name; associate that address book with the units in the ASP console so guests can say "Alexa, call Front Desk".',
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
  detail: string | null;
}

/** The checklist with each step's progress, in order. */
export function checklistWithProgress(progress: SetupProgress): ChecklistEntry[] {
  const confirmed = new Set(progress.confirmed ?? []);
  const known: Partial<Record<ChecklistId, { done: boolean; detail: string | null }>> = {
    'api-access': { done: progress.setupSignedIn === true, detail: progress.setupSignedIn ? 'signed in' : null },
    'service-provider': { done: !!progress.serviceProviderId, detail: progress.serviceProviderId || null },
    'network-mapping': { done: !!progress.mappedSkillId, detail: progress.mappedSkillId || null },
    'enable-skill': { done: progress.signalingLinked === true, detail: progress.signalingLinked ? 'the console is linked for calls' : null },
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
