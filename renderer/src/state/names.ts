// What staff read for a caller: the room's name from the directory, never a raw Amazon id. A
// caller the directory does not know is "Unknown room"; its id shows only where it is added.

export const UNKNOWN_ROOM = 'Unknown room';

/** The name of a call's (or missed call's, or history entry's) room. */
export function roomName(item: { roomId: string | null; title: string }): string {
  return item.roomId === null ? UNKNOWN_ROOM : item.title;
}
