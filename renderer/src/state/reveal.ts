// Requests to bring a room into view in the grid: "show the room" on a ringing call's card, or a
// test asking for a tile far down (window.__deskGrid). The grid scrolls the room into view (after
// clearing a search or status filter that hides it) and keeps its tile drawn.

export interface RevealRequest {
  roomId: string;
  /** Move keyboard focus to the room's tile too. */
  focus: boolean;
}

export class RoomReveal {
  private latest: RevealRequest | null = null;
  private readonly listeners = new Set<() => void>();

  request(roomId: string, focus = false): void {
    this.latest = { roomId, focus };
    for (const listener of [...this.listeners]) listener();
  }

  /** The request not yet carried out (a grid that mounts later still takes it), or null. */
  current = (): RevealRequest | null => this.latest;

  /** The grid carried the request out (or found no such room). */
  done(request: RevealRequest): void {
    if (this.latest !== request) return;
    this.latest = null;
    for (const listener of [...this.listeners]) listener();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}
