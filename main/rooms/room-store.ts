// The saved room directory, in its own file (rooms.json beside settings.json): an edit is checked
// against indexes by id and address (O(1), whatever the directory's size), never re-validates the
// other rooms, and the file is written off the event loop. Edits that come while a write is on
// its way share the next write; each edit resolves once the file that holds it is on disk.
import { randomUUID } from 'node:crypto';
import { open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Room } from '../domain/room.js';
import { salvageRooms } from './directory.js';

export const ROOMS_FILE_NAME = 'rooms.json';
const FORMAT_VERSION = 1;

export interface RoomStoreOpen {
  dir: string;
  /** Rooms an older console kept in settings.json (moved here once, when rooms.json does not exist yet). */
  legacy(): readonly Room[] | undefined;
  /** The move is on disk: settings.json may drop its copy. */
  dropLegacy(): void;
}

export class RoomStore {
  private rooms: Room[];
  private readonly byId = new Map<string, number>();
  private readonly byAddress = new Map<string, string>();
  /** The next write, not started yet: edits join it. */
  private queued: Promise<void> | null = null;
  /** The write on its way (or the last one). */
  private writing: Promise<void> = Promise.resolve();

  private constructor(
    private readonly file: string,
    rooms: Room[],
    /** Plain words when rooms.json held rooms that were left out; else null. */
    readonly problem: string | null,
  ) {
    this.rooms = rooms;
    this.reindex();
  }

  /** Reads rooms.json (each room validated on its own), or moves the rooms out of settings.json. */
  static async open({ dir, legacy, dropLegacy }: RoomStoreOpen): Promise<RoomStore> {
    const file = path.join(dir, ROOMS_FILE_NAME);
    const text = await readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return null;
      throw e;
    });
    if (text === null) {
      const store = new RoomStore(file, [...(legacy() ?? [])], null);
      await store.persist();
      dropLegacy();
      return store;
    }
    let listed: unknown[] | null = null;
    try {
      const content = JSON.parse(text) as { rooms?: unknown } | null;
      if (Array.isArray(content?.rooms)) listed = content.rooms;
    } catch {
      // not JSON: nothing could be read
    }
    const rooms = salvageRooms(listed ?? []);
    const left = (listed?.length ?? 0) - rooms.length;
    if (listed !== null && left === 0) return new RoomStore(file, rooms, null);
    // Damaged: the file is set aside as it was, and what could be read is kept.
    await rename(file, `${file.slice(0, -'.json'.length)}.damaged-${Date.now()}.json`);
    const what = listed === null ? 'could not be read' : `had ${left} room${left === 1 ? '' : 's'} that could not be read`;
    const problem = `The room directory file (${ROOMS_FILE_NAME}) ${what}; it was set aside and ${rooms.length} room${rooms.length === 1 ? ' was' : 's were'} kept — import the directory again if rooms are missing`;
    const store = new RoomStore(file, rooms, problem);
    await store.persist();
    return store;
  }

  list(): Room[] {
    return this.rooms;
  }

  find(roomId: string): Room | undefined {
    const index = this.byId.get(roomId);
    return index === undefined ? undefined : this.rooms[index];
  }

  findByAddress(address: string): Room | undefined {
    const id = this.byAddress.get(address);
    return id === undefined ? undefined : this.find(id);
  }

  /** The room already using this id or address (other than the room `replacing`; null adds), if any. */
  clash(room: Room, replacing: string | null): Room | undefined {
    const sameId = room.id !== replacing ? this.find(room.id) : undefined;
    if (sameId) return sameId;
    const owner = this.byAddress.get(room.address);
    return owner !== undefined && owner !== replacing ? this.find(owner) : undefined;
  }

  /** Adds a room (`replacing` null), or replaces the one with id `replacing` in its place. Check clash() first. */
  save(room: Room, replacing: string | null): Promise<void> {
    const index = replacing === null ? undefined : this.byId.get(replacing);
    if (index === undefined) {
      this.rooms = [...this.rooms, room];
      this.byId.set(room.id, this.rooms.length - 1);
    } else {
      const before = this.rooms[index]!;
      this.rooms = this.rooms.with(index, room);
      this.byId.delete(before.id);
      this.byAddress.delete(before.address);
      this.byId.set(room.id, index);
    }
    this.byAddress.set(room.address, room.id);
    return this.persist();
  }

  remove(roomId: string): Promise<void> {
    this.rooms = this.rooms.filter((r) => r.id !== roomId);
    this.reindex();
    return this.persist();
  }

  /** The whole directory (an import). */
  replaceAll(rooms: Room[]): Promise<void> {
    this.rooms = [...rooms];
    this.reindex();
    return this.persist();
  }

  /** Resolves once every edit so far is on disk. */
  flush(): Promise<void> {
    return this.queued ?? this.writing;
  }

  private reindex(): void {
    this.byId.clear();
    this.byAddress.clear();
    this.rooms.forEach((room, i) => {
      this.byId.set(room.id, i);
      this.byAddress.set(room.address, room.id);
    });
  }

  /** Writes the rooms as they are when the write starts; edits until then share it. */
  private persist(): Promise<void> {
    if (this.queued) return this.queued;
    const next = this.writing.then(() => {
      this.queued = null;
      return writeAtomically(this.file, JSON.stringify({ version: FORMAT_VERSION, rooms: this.rooms }));
    });
    this.queued = next;
    this.writing = next.catch(() => undefined); // a failed write fails its edits, not the next ones
    return next;
  }
}

/** Temporary file, fsync, rename: a crash leaves the old file or the new one, never half of one. */
async function writeAtomically(file: string, text: string): Promise<void> {
  const temporary = `${file}.${randomUUID()}.tmp`;
  try {
    const handle = await open(temporary, 'w');
    try {
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
  } catch (e) {
    await rm(temporary, { force: true });
    throw e;
  }
}
