// The room editor's model: a room as the fields on screen, the room a save sends, and main's
// errors in the editor's words. Main validates the room (required fields, unique id and address).
import type { AddressType, Room } from '../../../main/ipc/contract.js';
import { describeFieldErrors, type FieldErrors } from './field-errors.js';

export interface RoomForm {
  id: string;
  name: string;
  floor: string;
  wing: string;
  group: string;
  address: string;
  addressType: AddressType;
}

export const ADDRESS_TYPES: readonly { value: AddressType; label: string }[] = [
  { value: 'RAW_ADDRESS', label: 'Raw address (default)' },
  { value: 'COMMUNICATION_PROFILE_ID', label: 'Communication profile id' },
  { value: 'PHONE_NUMBER', label: 'Phone number' },
];

export const EMPTY_ROOM_FORM: RoomForm = { id: '', name: '', floor: '', wing: '', group: '', address: '', addressType: 'RAW_ADDRESS' };

export function formFromRoom(room: Room): RoomForm {
  return { ...EMPTY_ROOM_FORM, ...room, floor: room.floor ?? '', wing: room.wing ?? '', group: room.group ?? '' };
}

/** The room to save: text trimmed, empty optional fields left out. */
export function roomFromForm(form: RoomForm): Room {
  const optional = (value: string) => value.trim() || undefined;
  const room: Room = { id: form.id.trim(), name: form.name.trim(), address: form.address.trim(), addressType: form.addressType };
  for (const key of ['floor', 'wing', 'group'] as const) {
    const value = optional(form[key]);
    if (value !== undefined) room[key] = value;
  }
  return room;
}

const LABELS: Record<string, string> = {
  id: 'Room id',
  name: 'Name',
  floor: 'Floor',
  wing: 'Wing',
  group: 'Group',
  address: 'Echo address',
  addressType: 'Address type',
};

export function describeRoomError(error: string): FieldErrors {
  return describeFieldErrors(error, { label: (field) => LABELS[field] ?? null, prefixes: ['room.'] });
}

/** Rooms whose name, id, floor, wing, group or address contains the query (any case). */
export function roomsMatching(rooms: readonly Room[], query: string): readonly Room[] {
  const q = query.trim().toLowerCase();
  if (!q) return rooms;
  return rooms.filter((r) => [r.name, r.id, r.floor, r.wing, r.group, r.address].some((v) => v?.toLowerCase().includes(q)));
}
