// The room directory in use: the saved rooms (or the demo's rooms while the saved directory is
// empty in demo mode), the room of a caller's address, and the edits staff make to the directory.
import { readFile } from 'node:fs/promises';
import type { Room } from '../domain/room.js';
import type { Result } from '../ipc/contract.js';
import type { SettingsStore } from '../store/settings.js';
import { describeRoomsErrors, exportRooms, parseRoomsFile } from './directory.js';

export interface RoomsServiceDeps {
  settings: SettingsStore;
  /** The rooms shown changed. */
  changed(rooms: Room[]): void;
}

export class RoomsService {
  private shown: Room[] = [];
  private byAddress = new Map<string, Room>();
  private demoRooms: Room[] | null = null;

  constructor(private readonly deps: RoomsServiceDeps) {}

  /** The rooms shown: the saved directory, or the demo rooms while it is empty. */
  list(): Room[] {
    return this.shown;
  }

  readonly roomFor = (address: string): Room | undefined => this.byAddress.get(address);

  find(roomId: string): Room | undefined {
    return this.shown.find((r) => r.id === roomId);
  }

  /** Start: import the directory file given at launch (it replaces the saved one), then show. */
  async load(roomsFile?: string): Promise<void> {
    if (roomsFile) {
      const parsed = parseRoomsFile(roomsFile, await readFile(roomsFile, 'utf8'));
      if (!parsed.ok) throw new Error(`Room file ${roomsFile}: ${describeRoomsErrors(parsed.errors)}`);
      this.save(parsed.rooms);
    } else {
      this.show();
    }
  }

  /** Demo mode shows these while the saved directory is empty; null when demo mode ends. */
  useDemoRooms(rooms: Room[] | null): void {
    this.demoRooms = rooms;
    this.show();
  }

  importFile(fileName: string, text: string): Result<{ count: number }> {
    const parsed = parseRoomsFile(fileName, text);
    if (!parsed.ok) return { ok: false, error: `The room file was not imported: ${describeRoomsErrors(parsed.errors)}` };
    this.save(parsed.rooms);
    return { ok: true, value: { count: parsed.rooms.length } };
  }

  export(format: 'csv' | 'json'): Result<{ fileName: string; text: string }> {
    return { ok: true, value: { fileName: `rooms.${format}`, text: exportRooms(this.shown, format) } };
  }

  /** Add a room, or replace the one with `previousId`. Edits work on the saved directory, never on the demo rooms. */
  saveRoom(room: Room, previousId?: string | null): Result {
    const rooms = this.saved();
    const replaced = previousId ?? room.id;
    const clash = rooms.find((r) => r.id !== replaced && (r.id === room.id || r.address === room.address));
    if (clash) return { ok: false, error: `${clash.id === room.id ? 'id' : 'address'}: already used by ${clash.name}` };
    const index = rooms.findIndex((r) => r.id === replaced);
    this.save(index >= 0 ? rooms.with(index, room) : [...rooms, room]);
    return { ok: true, value: undefined };
  }

  removeRoom(roomId: string): Result {
    const rooms = this.saved();
    if (!rooms.some((r) => r.id === roomId)) return { ok: false, error: `No room with id "${roomId}" in the directory` };
    this.save(rooms.filter((r) => r.id !== roomId));
    return { ok: true, value: undefined };
  }

  private saved(): Room[] {
    return this.deps.settings.get().rooms;
  }

  private save(rooms: Room[]): void {
    this.deps.settings.update((s) => ({ ...s, rooms }));
    this.show();
  }

  private show(): void {
    const saved = this.saved();
    this.shown = saved.length === 0 && this.demoRooms ? this.demoRooms : saved;
    this.byAddress = new Map(this.shown.map((r) => [r.address, r]));
    this.deps.changed(this.shown);
  }
}
