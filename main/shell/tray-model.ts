// What the tray shows for the console's state: icon look, tooltip, title (macOS menu bar text)
// and menu, in the desk's language. Pure; ./tray.ts turns it into Electron's Tray and Menu.
import type { Text } from '../domain/text.js';
import { say, type Translator } from '../i18n/format.js';
import type { CallsSnapshot, CallView, DeskStatus, Notice } from '../ipc/contract.js';

export const TRAY_LOOKS = ['linked', 'demo', 'unlinked', 'ringing', 'in-call', 'error'] as const;
export type TrayLook = (typeof TRAY_LOOKS)[number];

export type TrayAction = 'show' | 'open-logs' | 'save-diagnostics' | 'quit';

export type TrayMenuItem = { type: 'separator' } | { type: 'action'; action: TrayAction; label: string } | { type: 'info'; label: string };

export interface TrayModel {
  look: TrayLook;
  tooltip: string;
  /** Text beside the icon in the macOS menu bar: the ringing count, or empty. */
  title: string;
  menu: TrayMenuItem[];
}

export interface TrayInput {
  status: DeskStatus | null;
  calls: CallsSnapshot | null;
  notices: readonly Notice[] | null;
}

export const PRODUCT_NAME = 'Front Desk Console';

export function isRingingIncoming(call: CallView): boolean {
  return call.direction === 'incoming' && call.phase === 'ringing';
}

function modeText(t: Translator, status: DeskStatus | null): string {
  if (!status) return t.formatMessage({ id: 'tray.starting' });
  if (status.mode === 'demo') return t.formatMessage({ id: 'tray.demo' });
  if (status.mode === 'linked') return t.formatMessage({ id: 'tray.linked' }, { region: status.region });
  return t.formatMessage({ id: 'tray.notLinked' });
}

/** The first problem worth showing in the tray, in plain words, or null. */
function problemText(input: TrayInput): Text | null {
  if (input.status?.webhook.error) return input.status.webhook.error;
  const error = input.notices?.find((n) => n.level === 'error');
  return error ? error.message : null;
}

export function trayModel(input: TrayInput, t: Translator): TrayModel {
  const calls = input.calls?.calls ?? [];
  const ringing = calls.filter(isRingingIncoming).length;
  const inCall = calls.filter((c) => c.phase === 'active').length;
  const missed = input.calls?.missed.length ?? 0;
  const problem = problemText(input);

  let look: TrayLook;
  if (ringing > 0) look = 'ringing';
  else if (problem) look = 'error';
  else if (inCall > 0) look = 'in-call';
  else look = input.status?.mode ?? 'unlinked';

  const product = PRODUCT_NAME;
  const lines = [modeText(t, input.status)];
  if (ringing > 0) lines.push(t.formatMessage({ id: 'tray.roomsCalling' }, { count: ringing }));
  if (inCall > 0) lines.push(t.formatMessage({ id: 'tray.inCalls' }, { count: inCall }));
  if (missed > 0) lines.push(t.formatMessage({ id: 'tray.missedCalls' }, { count: missed }));
  if (problem) lines.push(t.formatMessage({ id: 'tray.problem' }, { problem: say(t, problem) }));

  const menu: TrayMenuItem[] = [
    { type: 'action', action: 'show', label: ringing > 0 ? t.formatMessage({ id: 'tray.answer' }) : t.formatMessage({ id: 'tray.show' }, { product }) },
    { type: 'separator' },
    ...lines.map((label): TrayMenuItem => ({ type: 'info', label: truncate(label, 80) })),
    { type: 'separator' },
    { type: 'action', action: 'open-logs', label: t.formatMessage({ id: 'shell.openLogs' }) },
    { type: 'action', action: 'save-diagnostics', label: t.formatMessage({ id: 'shell.saveDiagnostics' }) },
    { type: 'action', action: 'quit', label: t.formatMessage({ id: 'shell.quit' }, { product }) },
  ];

  // Windows caps tooltips at 127 characters.
  return { look, tooltip: truncate(`${PRODUCT_NAME} — ${lines.join(' · ')}`, 127), title: ringing > 0 ? String(ringing) : '', menu };
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
