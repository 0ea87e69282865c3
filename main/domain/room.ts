// A room of the property's directory (DESIGN §3.5): shared by the directory, the stores, the views
// and the renderer.
import type { ParticipantIdType } from '../protocol/messages.js';

export type AddressType = ParticipantIdType;

export interface Room {
  id: string;
  name: string;
  floor?: string;
  wing?: string;
  group?: string;
  /** The Echo's participant id value. */
  address: string;
  addressType: AddressType;
}

/**
 * One edit of the saved directory, pushed alone rather than the whole directory: `room` added at
 * the end (`previousId` null), put in the place of the room `previousId`, or that room removed
 * (`room` null).
 */
export interface RoomChange {
  previousId: string | null;
  room: Room | null;
}

/** The directory after `change`, in the order the room store keeps (see main/rooms/room-store.ts). */
export function applyRoomChange(rooms: readonly Room[], { previousId, room }: RoomChange): Room[] {
  const index = previousId === null ? -1 : rooms.findIndex((r) => r.id === previousId);
  if (room === null) return index < 0 ? [...rooms] : rooms.toSpliced(index, 1);
  return index < 0 ? [...rooms, room] : rooms.with(index, room);
}
