// The room directory in use: the saved rooms (or the demo's rooms while the saved directory is
// empty in demo mode), the room of a caller's address, and the edits staff make to the directory.
// The saved directory lives in its own store (./room-store.ts); an edit answers once it is on disk.
import { readFile } from 'node:fs/promises';
import type { Room, RoomChange } from '../domain/room.js';
import { text as words } from '../domain/text.js';
import { inEnglish } from '../i18n/format.js';
import type { Result } from '../ipc/contract.js';
import { describeRoomsErrors, exportRooms, parseRoomsFile, roomsFileProblems } from './directory.js';
import type { RoomStore } from './room-store.js';

export interface RoomsServiceDeps {
  store: RoomStore;
  /** The rooms shown changed: by one edit of the saved directory (`edit`), or as a whole. */
  changed(rooms: Room[], edit?: RoomChange): void;
}

export class RoomsService {
  /** The demo's rooms while they are shown (demo mode, empty saved directory), by address. */
  private demo: { rooms: Room[]; byAddress: Map<string, Room> } | null = null;
  private demoRooms: Room[] | null = null;

  constructor(private readonly deps: RoomsServiceDeps) {}

  /** The rooms shown: the saved directory, or the demo rooms while it is empty. */
  list(): Room[] {
    return this.demo?.rooms ?? this.deps.store.list();
  }

  readonly roomFor = (address: string): Room | undefined => (this.demo ? this.demo.byAddress.get(address) : this.deps.store.findByAddress(address));

  find(roomId: string): Room | undefined {
    return this.demo ? this.demo.rooms.find((r) => r.id === roomId) : this.deps.store.find(roomId);
  }

  /** Start: import the directory file given at launch (it replaces the saved one), then show. */
  async load(roomsFile?: string): Promise<void> {
    if (roomsFile) {
      const parsed = parseRoomsFile(roomsFile, await readFile(roomsFile, 'utf8'));
      if (!parsed.ok) throw new Error(`Room file ${roomsFile}: ${describeRoomsErrors(parsed.errors)}`);
      await this.deps.store.replaceAll(parsed.rooms);
    }
    this.show();
  }

  /** Demo mode shows these while the saved directory is empty; null when demo mode ends. */
  useDemoRooms(rooms: Room[] | null): void {
    this.demoRooms = rooms;
    this.show();
  }

  async importFile(fileName: string, text: string): Promise<Result<{ count: number }>> {
    const parsed = parseRoomsFile(fileName, text);
    if (!parsed.ok) {
      const message = words('rooms.import.failed', { problems: roomsFileProblems(parsed.errors) });
      return { ok: false, error: inEnglish(message), message };
    }
    const written = this.deps.store.replaceAll(parsed.rooms);
    this.show();
    await written;
    return { ok: true, value: { count: parsed.rooms.length } };
  }

  export(format: 'csv' | 'json'): Result<{ fileName: string; text: string }> {
    return { ok: true, value: { fileName: `rooms.${format}`, text: exportRooms(this.list(), format) } };
  }

  /**
   * Add a room, or replace the one with `previousId`. Adding never replaces: a room whose id is
   * taken is refused. Edits work on the saved directory, never on the demo rooms.
   */
  async saveRoom(room: Room, previousId?: string | null): Promise<Result> {
    const replacing = previousId ?? null;
    const clash = this.deps.store.clash(room, replacing);
    if (clash) {
      const problem = words('rooms.problem.usedBy', { room: clash.name });
      const field = clash.id === room.id ? 'id' : 'address';
      return { ok: false, error: `${field}: ${inEnglish(problem)}`, fields: { [field]: problem } };
    }
    const written = this.deps.store.save(room, replacing);
    this.show({ previousId: replacing, room });
    await written;
    return { ok: true, value: undefined };
  }

  async removeRoom(roomId: string): Promise<Result> {
    if (!this.deps.store.find(roomId)) return { ok: false, error: `No room with id "${roomId}" in the directory`, message: words('call.roomGone') };
    const written = this.deps.store.remove(roomId);
    this.show({ previousId: roomId, room: null });
    await written;
    return { ok: true, value: undefined };
  }

  private show(edit?: RoomChange): void {
    const demoBefore = this.demo;
    const useDemo = this.demoRooms !== null && this.deps.store.list().length === 0;
    if (!useDemo) this.demo = null;
    else if (this.demo?.rooms !== this.demoRooms) this.demo = { rooms: this.demoRooms!, byAddress: new Map(this.demoRooms!.map((r) => [r.address, r])) };
    // An edit goes out alone (a few hundred bytes, not the whole directory on every save) unless
    // the demo rooms came or went with it.
    this.deps.changed(this.list(), demoBefore === null && this.demo === null ? edit : undefined);
  }
}
