// Helpers for the settings screens' tests: a fake DeskApi that records each command and answers
// from a table, a mounted React root, and typing/clicking the way a user does.
import { act, type ReactElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { vi } from 'vitest';
import type { CommandArgs, CommandName, CommandReturn, DeskApi, EditableSettings, LanguageSetting } from '../../main/ipc/contract.js';
import { withWords } from './with-words.js';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

export type Replies = { [C in CommandName]?: (args: CommandArgs<C>) => CommandReturn<C> };

export interface FakeDesk {
  desk: Pick<DeskApi, 'invoke'>;
  /** The arguments of every call of `command`, in order. */
  sent<C extends CommandName>(command: C): CommandArgs<C>[];
  replies: Replies;
}

/** Unlisted commands succeed with no value. */
/** Replies every fake gives unless a test says otherwise: no machine policy. */
const DEFAULT_REPLIES: Replies = { getPolicy: () => ({ ok: true, value: { source: null, locked: [] } }) };

export function fakeDesk(replies: Replies = {}): FakeDesk {
  const calls: { command: CommandName; args: unknown }[] = [];
  const invoke = vi.fn(async (command: CommandName, args: unknown) => {
    calls.push({ command, args: structuredClone(args) });
    const reply = (replies[command] ?? DEFAULT_REPLIES[command]) as ((a: unknown) => unknown) | undefined;
    return reply ? reply(args) : { ok: true, value: undefined };
  });
  return {
    desk: { invoke: invoke as unknown as DeskApi['invoke'] },
    sent: <C extends CommandName>(command: C) => calls.filter((c) => c.command === command).map((c) => c.args as CommandArgs<C>),
    replies,
  };
}

export interface Mounted {
  container: HTMLDivElement;
  /** Renders in English unless a test picks another language. */
  render(element: ReactElement, language?: LanguageSetting): Promise<void>;
  unmount(): void;
}

export function mount(): Mounted {
  const container = document.createElement('div');
  document.body.append(container);
  let root: Root | null = createRoot(container);
  return {
    container,
    async render(element, language = 'en') {
      await act(async () => root?.render(withWords(element, language)));
      await settle();
    },
    unmount() {
      act(() => root?.unmount());
      root = null;
      container.remove();
    },
  };
}

/** Lets the fake's replies and the renders they cause finish. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) await act(async () => new Promise((resolve) => setTimeout(resolve, 0)));
}

export function byTestId<T extends HTMLElement = HTMLElement>(root: ParentNode, testId: string): T {
  const element = root.querySelector<T>(`[data-testid="${testId}"]`);
  if (!element) throw new Error(`no element with data-testid="${testId}"`);
  return element;
}

/** Types into an input or a text area, or picks an option, as React sees a user do it. */
export async function type(element: HTMLElement, value: string): Promise<void> {
  const proto =
    element instanceof HTMLSelectElement ? HTMLSelectElement.prototype : element instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  await act(async () => {
    Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(element, value);
    element.dispatchEvent(new Event(element instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
  });
}

export async function click(element: HTMLElement): Promise<void> {
  await act(async () => element.click());
  await settle();
}

export { deskStatus as status } from '../support/fixtures.js';

export function settings(over: Partial<EditableSettings> = {}): EditableSettings {
  return {
    region: 'NA',
    contactId: 'front-desk',
    deskName: 'Front Desk',
    language: 'system',
    broker: { url: null, property: null },
    webhook: { host: '127.0.0.1', port: 8321 },
    iceServers: [],
    iceGatherTimeoutMs: 2000,
    autoAnswer: { policy: 'off', delayMs: 0 },
    ringTimeoutMs: 45_000,
    sendCallInProgress: false,
    sendCallerName: false,
    dnd: false,
    devices: { microphone: null, camera: null, speaker: null, ringer: null },
    setupSignInPort: 8322,
    launchAtLogin: false,
    startMinimized: false,
    update: { enabled: true, channel: 'stable', installAt: null, url: null },
    proxy: { mode: 'system', server: null, bypass: '' },
    ...over,
  };
}
