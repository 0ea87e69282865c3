// What staff read for a caller: the room's name from the directory, never a raw Amazon id. A
// caller the directory does not know is "Unknown room" (in the window's language); its id shows
// only where it is added.
import type { Formatter } from '../../../main/i18n/format.js';

/** The name of a call's (or missed call's, or history entry's) room. */
export function roomName(item: { roomId: string | null; title: string }, intl: Formatter): string {
  return item.roomId === null ? intl.formatMessage({ id: 'room.unknown' }) : item.title;
}
