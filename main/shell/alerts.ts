// Incoming-call alerts outside the page: one OS notification per call that starts ringing, and
// taskbar flashing / dock bouncing while any call rings.
import { app, Notification, type BrowserWindow } from 'electron';
import type { Translator } from '../i18n/format.js';
import type { CallsSnapshot, DeskStatus } from '../ipc/contract.js';
import type { Logger } from '../log/logger.js';
import { incomingCallNotification, ringingChange } from './call-alerts.js';

export interface CallAlerts {
  onCalls(snapshot: CallsSnapshot, mode: DeskStatus['mode'] | null): void;
}

export function createCallAlerts(window: () => BrowserWindow | null, reveal: () => void, log: Logger, words: () => Translator): CallAlerts {
  let ringing: ReadonlySet<string> = new Set();
  let bounceId: number | null = null;
  const live = new Map<string, Notification>(); // kept referenced so click handlers survive GC

  return {
    onCalls(snapshot, mode) {
      const change = ringingChange(ringing, snapshot);
      ringing = change.ringing;
      const win = window();

      for (const call of change.started) {
        // A hidden console comes forward without stealing the keyboard from another program.
        if (win && !win.isDestroyed() && !win.isVisible()) win.showInactive();
        if (!Notification.isSupported()) continue;
        const text = incomingCallNotification(call, mode, words());
        const note = new Notification({ title: text.title, body: text.body, urgency: 'critical', timeoutType: 'never' });
        note.on('click', reveal);
        note.on('close', () => live.delete(call.sessionId));
        live.set(call.sessionId, note);
        note.show();
      }
      // Notifications of calls that stopped ringing are withdrawn.
      for (const [sessionId, note] of live) {
        if (!ringing.has(sessionId)) {
          note.close();
          live.delete(sessionId);
        }
      }

      const anyRinging = ringing.size > 0;
      if (win && !win.isDestroyed()) win.flashFrame(anyRinging && !win.isFocused());
      if (process.platform === 'darwin' && app.dock) {
        if (anyRinging && change.started.length > 0 && bounceId === null) bounceId = app.dock.bounce('critical');
        if (!anyRinging && bounceId !== null) {
          app.dock.cancelBounce(bounceId);
          bounceId = null;
        }
        app.dock.setBadge(anyRinging ? String(ringing.size) : '');
      }
      if (change.started.length > 0) log.info('incoming call ringing', { sessions: change.started.map((c) => c.sessionId) });
    },
  };
}
