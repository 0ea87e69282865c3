// A call whose media connection failed (ICE) is reconnected once with new ICE credentials
// (CALL_UPDATE): that survives a network change on the desk PC. A network that blocks media fails
// again and gets the likely cause and the fix instead. Recovery clears the banner.
import type { CallManager } from '../calls/manager.js';
import type { Notice } from '../domain/notice.js';
import type { Result } from '../ipc/contract.js';
import type { Logger } from '../log/logger.js';
import { sameText } from '../domain/text.js';
import { connectionNotice, roomWords, type Notices } from './notices.js';
import { toCallView, type RoomLookup } from './views.js';

export class MediaRecovery {
  /** Calls already reconnected once. */
  private readonly restarted = new Set<string>();

  constructor(
    private readonly deps: { manager: CallManager; notices: Notices; roomFor: RoomLookup; log: Logger },
  ) {}

  onConnection(sessionId: string, state: 'failed' | 'restored'): Result {
    const { manager, notices, log } = this.deps;
    const call = manager.calls().find((c) => c.sessionId === sessionId && c.phase !== 'ended');
    if (!call) return { ok: false, error: `No live call ${sessionId}` };
    const room = roomWords(toCallView(call, this.deps.roomFor));
    const aboutConnection = (n: Notice) =>
      n.sessionId === sessionId && (sameText(n.message, connectionNotice(room, true).message) || sameText(n.message, connectionNotice(room, false).message));
    if (state === 'restored') {
      log.info('call media connected again', { sessionId });
      notices.dismissWhere(aboutConnection);
      return { ok: true, value: undefined };
    }
    const retrying = !this.restarted.has(sessionId) && manager.intent(sessionId, { intent: 'renegotiate', iceRestart: true }).ok;
    if (retrying) this.restarted.add(sessionId);
    log.warn(`call media could not connect (ICE failed)${retrying ? ': reconnecting' : ''}`, { sessionId });
    notices.dismissWhere(aboutConnection);
    notices.add({ ...connectionNotice(room, retrying), sessionId, ...(retrying ? {} : { action: 'open-settings' as const }) });
    return { ok: true, value: undefined };
  }

  forget(sessionId: string): void {
    this.restarted.delete(sessionId);
  }
}
