// What a re-offer from the room stands for when it comes without `renegotiationType`: Amazon's
// sample skill drops the field, so hold and resume would otherwise arrive as plain updates. The
// offer's media directions tell: a room that no longer wants to receive anything (every audio and
// video section sendonly or inactive) holds the call; one that receives again resumes it.
import type { RenegotiationType } from './messages.js';

type Direction = 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';
const DIRECTIONS: readonly string[] = ['sendrecv', 'sendonly', 'recvonly', 'inactive'];

/** `heldByRoom`: the room has the call on hold now (its last re-offer was a hold). */
export function inferRenegotiationType(offer: string, heldByRoom: boolean): RenegotiationType {
  const directions = mediaDirections(offer);
  if (directions.length === 0) return 'CALL_UPDATE';
  const holding = directions.every((d) => d === 'sendonly' || d === 'inactive');
  if (holding && !heldByRoom) return 'CALL_HOLD';
  if (!holding && heldByRoom) return 'CALL_RESUME';
  return 'CALL_UPDATE';
}

/** The direction of each audio and video section in use (port not 0); session-level direction is the default. */
export function mediaDirections(sdp: string): Direction[] {
  let sessionDirection: Direction = 'sendrecv';
  const sections: { inUse: boolean; direction: Direction | null }[] = [];
  let current: (typeof sections)[number] | null = null;
  let inMedia = false;
  for (const line of sdp.split(/\r?\n/)) {
    if (line.startsWith('m=')) {
      // m=<media> <port> <proto> ...: other media (a data channel) has no say in holding.
      const [kind, port] = line.slice(2).split(' ');
      inMedia = true;
      current = kind === 'audio' || kind === 'video' ? { inUse: port !== '0', direction: null } : null;
      if (current) sections.push(current);
      continue;
    }
    const attribute = line.startsWith('a=') ? line.slice(2).trim() : null;
    if (attribute === null || !DIRECTIONS.includes(attribute)) continue;
    if (!inMedia) sessionDirection = attribute as Direction;
    else if (current) current.direction = attribute as Direction;
  }
  return sections.filter((s) => s.inUse).map((s) => s.direction ?? sessionDirection);
}
