// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Room } from '../../main/ipc/contract.js';
import { text } from '../../main/domain/text.js';
import { checkArgs } from '../../main/ipc/schemas.js';
import { RoomsPanel } from '../../renderer/src/components/RoomsPanel.js';
import { byTestId, click, fakeDesk, mount, type, type Mounted } from './form-helpers.js';

const rooms: Room[] = [
  { id: 'r101', name: 'Room 101', floor: '1', address: 'echo-101', addressType: 'RAW_ADDRESS' },
  { id: 'r102', name: 'Room 102', floor: '1', wing: 'East', address: 'echo-102', addressType: 'RAW_ADDRESS' },
];

let ui: Mounted;
beforeEach(() => (ui = mount()));
afterEach(() => {
  ui.unmount();
  vi.restoreAllMocks();
});

const row = (id: string) => ui.container.querySelector<HTMLElement>(`[data-testid="room-row"][data-room-id="${id}"]`)!;
const editor = () => byTestId(ui.container, 'room-editor');

describe('RoomsPanel', () => {
  it('lists the rooms and finds them by any word', async () => {
    const fake = fakeDesk();
    await ui.render(<RoomsPanel desk={fake.desk} rooms={rooms} onImport={() => {}} />);
    expect([...ui.container.querySelectorAll<HTMLElement>('[data-testid="room-row"]')].map((r) => r.dataset.roomId)).toEqual(['r101', 'r102']);
    await type(byTestId(ui.container, 'rooms-search'), 'east');
    expect([...ui.container.querySelectorAll<HTMLElement>('[data-testid="room-row"]')].map((r) => r.dataset.roomId)).toEqual(['r102']);
  });

  it('adds a room, leaving out empty optional fields', async () => {
    const fake = fakeDesk();
    await ui.render(<RoomsPanel desk={fake.desk} rooms={rooms} onImport={() => {}} />);
    await click(byTestId(ui.container, 'add-room'));
    await type(byTestId(editor(), 'room-name'), 'Room 201');
    await type(byTestId(editor(), 'room-id'), 'r201');
    await type(byTestId(editor(), 'room-floor'), '2');
    await type(byTestId(editor(), 'room-address'), 'amzn1.comms.profile.201');
    await type(byTestId(editor(), 'room-address-type'), 'COMMUNICATION_PROFILE_ID');
    await click(byTestId(editor(), 'save-room'));
    expect(fake.sent('saveRoom')).toEqual([
      { room: { id: 'r201', name: 'Room 201', floor: '2', address: 'amzn1.comms.profile.201', addressType: 'COMMUNICATION_PROFILE_ID' }, previousId: null },
    ]);
    expect(ui.container.querySelector('[data-testid="room-editor"]')).toBeNull();
    expect(byTestId(ui.container, 'rooms-outcome').textContent).toContain('Room 201 was added');
  });

  it("edits a room in place and shows main's error on the field it names", async () => {
    const fake = fakeDesk({
      saveRoom: () => ({ ok: false, error: 'address: already used by Room 102', fields: { address: text('rooms.problem.usedBy', { room: 'Room 102' }) } }),
    });
    await ui.render(<RoomsPanel desk={fake.desk} rooms={rooms} onImport={() => {}} />);
    await click(byTestId(row('r101'), 'edit-room'));
    expect(byTestId<HTMLInputElement>(editor(), 'room-name').value).toBe('Room 101');
    await type(byTestId(editor(), 'room-address'), 'echo-102');
    await click(byTestId(editor(), 'save-room'));
    expect(fake.sent('saveRoom')).toEqual([{ room: { id: 'r101', name: 'Room 101', floor: '1', address: 'echo-102', addressType: 'RAW_ADDRESS' }, previousId: 'r101' }]);
    expect(byTestId(editor(), 'room-outcome').textContent).toContain('Not saved: Echo address: already used by Room 102');
    expect(byTestId(editor(), 'room-address').getAttribute('aria-invalid')).toBe('true');
    expect(byTestId(editor(), 'room-id').getAttribute('aria-invalid')).toBeNull();
  });

  it('removes a room only after the inline confirmation', async () => {
    const fake = fakeDesk();
    await ui.render(<RoomsPanel desk={fake.desk} rooms={rooms} onImport={() => {}} />);
    await click(byTestId(row('r102'), 'remove-room'));
    expect(fake.sent('removeRoom')).toEqual([]);
    await click(byTestId(row('r102'), 'remove-room-yes'));
    expect(fake.sent('removeRoom')).toEqual([{ roomId: 'r102' }]);
  });

  it('exports the directory as a downloaded file', async () => {
    const fake = fakeDesk({ exportRooms: ({ format }) => ({ ok: true, value: { fileName: `rooms.${format}`, text: 'id,name\nr101,Room 101\n' } }) });
    const blobs: Blob[] = [];
    URL.createObjectURL = vi.fn((blob: Blob) => {
      blobs.push(blob);
      return 'blob:rooms';
    });
    URL.revokeObjectURL = vi.fn();
    const clicked: { download: string; href: string }[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ download: this.download, href: this.href });
    });
    await ui.render(<RoomsPanel desk={fake.desk} rooms={rooms} onImport={() => {}} />);
    await click(byTestId(ui.container, 'export-csv'));
    expect(fake.sent('exportRooms')).toEqual([{ format: 'csv' }]);
    expect(clicked).toEqual([{ download: 'rooms.csv', href: 'blob:rooms' }]);
    expect(await blobs[0].text()).toBe('id,name\nr101,Room 101\n');
    expect(blobs[0].type).toBe('text/csv');
  });

  it("reuses the import and shows main's refusal to export", async () => {
    const onImport = vi.fn();
    const fake = fakeDesk({ exportRooms: () => ({ ok: false, error: 'the directory could not be read' }) });
    await ui.render(<RoomsPanel desk={fake.desk} rooms={rooms} onImport={onImport} />);
    await click(byTestId(ui.container, 'rooms-import'));
    expect(onImport).toHaveBeenCalledTimes(1);
    await click(byTestId(ui.container, 'export-json'));
    expect(byTestId(ui.container, 'rooms-outcome').textContent).toContain('The rooms were not exported — try again');
  });
});

describe('RoomsPanel in Japanese', () => {
  it("shows the directory and main's refusal of a room in Japanese; room names stay as they are", async () => {
    // What main answers a room without a name: the contract's own argument check.
    const refused = checkArgs('saveRoom', { room: { id: 'r301', name: ' ', address: 'echo-301', addressType: 'RAW_ADDRESS' }, previousId: null });
    if (refused.ok) throw new Error('expected the check to refuse an empty name');
    const fake = fakeDesk({ saveRoom: () => ({ ok: false, error: refused.error, fields: refused.fields }) });
    await ui.render(<RoomsPanel desk={fake.desk} rooms={rooms} onImport={() => {}} />, 'ja');

    expect(ui.container.querySelector('#rooms-title')!.textContent).toBe('部屋のディレクトリ');
    expect(ui.container.textContent).toContain('2部屋。');
    expect([...ui.container.querySelectorAll('th')].map((th) => th.textContent)).toEqual(['名前', '部屋 ID', '階', '棟', 'グループ', 'Echo のアドレス', '操作']);
    expect(row('r101').textContent).toContain('Room 101');
    expect(byTestId(row('r101'), 'edit-room').getAttribute('aria-label')).toBe('Room 101 を編集');

    await click(byTestId(ui.container, 'add-room'));
    await type(byTestId(editor(), 'room-name'), ' ');
    await type(byTestId(editor(), 'room-id'), 'r301');
    await type(byTestId(editor(), 'room-address'), 'echo-301');
    await click(byTestId(editor(), 'save-room'));
    expect(byTestId(editor(), 'room-outcome').textContent).toContain('保存されていません: 名前: 入力してください');
    expect(byTestId(editor(), 'room-name').getAttribute('aria-invalid')).toBe('true');
  });

  it('counts exported rooms with the plural the language needs', async () => {
    const fake = fakeDesk({ exportRooms: ({ format }) => ({ ok: true, value: { fileName: `rooms.${format}`, text: '[]' } }) });
    URL.createObjectURL = vi.fn(() => 'blob:rooms');
    URL.revokeObjectURL = vi.fn();
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    await ui.render(<RoomsPanel desk={fake.desk} rooms={rooms.slice(0, 1)} onImport={() => {}} />, 'es');
    await click(byTestId(ui.container, 'export-json'));
    expect(byTestId(ui.container, 'rooms-outcome').textContent).toContain('Se exportó 1 habitación como rooms.json.');
  });
});
