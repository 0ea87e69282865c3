// The room editor's model: a room as the fields on screen, the room a save sends, and main's
// errors in the editor's words. Main validates the room (required fields, unique id and address).
import type { AddressType, MessageId, Room, Text } from '../../../main/ipc/contract.js';
import { text } from '../../../main/domain/text.js';
import { describeProblems, type ProblemTexts } from './field-errors.js';

export interface RoomForm {
  id: string;
  name: string;
  floor: string;
  wing: string;
  group: string;
  address: string;
  addressType: AddressType;
}

export const ADDRESS_TYPES: readonly { value: AddressType; label: MessageId }[] = [
  { value: 'RAW_ADDRESS', label: 'rooms.addressType.raw' },
  { value: 'COMMUNICATION_PROFILE_ID', label: 'rooms.addressType.profile' },
  { value: 'PHONE_NUMBER', label: 'rooms.addressType.phone' },
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

/** The editor's labels (the table's column headings too). */
export const ROOM_LABELS: Record<keyof RoomForm, MessageId> = {
  id: 'rooms.roomId',
  name: 'rooms.name',
  floor: 'rooms.floor',
  wing: 'rooms.wing',
  group: 'rooms.group',
  address: 'rooms.echoAddress',
  addressType: 'rooms.addressType',
};

const isRoomField = (field: string): field is keyof RoomForm => Object.hasOwn(ROOM_LABELS, field);

export function describeRoomProblems(refusal: { message?: Text; fields?: Record<string, Text> }): ProblemTexts {
  return describeProblems(refusal, { label: (field) => (isRoomField(field) ? text(ROOM_LABELS[field]) : null), prefixes: ['room.'] });
}

/** Rooms whose name, id, floor, wing, group or address contains the query (any case). */
export function roomsMatching(rooms: readonly Room[], query: string): readonly Room[] {
  const q = query.trim().toLowerCase();
  if (!q) return rooms;
  return rooms.filter((r) => [r.name, r.id, r.floor, r.wing, r.group, r.address].some((v) => v?.toLowerCase().includes(q)));
}
