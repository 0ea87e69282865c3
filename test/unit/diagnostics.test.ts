// "Save diagnostics…": one zip with versions, logs, settings and policy (secrets removed) and the
// recent crash dumps; read back here entry by entry (central directory, CRC, deflate).
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { diagnosticsBundle, withoutSecrets } from '../../main/diagnostics/bundle.js';
import { zip } from '../../main/diagnostics/zip.js';
import { parsePolicy } from '../../main/policy/policy.js';

/** The entries of a zip, checked against their CRC. */
function unzip(archive: Buffer): Map<string, Buffer> {
  const end = archive.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = archive.readUInt16LE(end + 10);
  let at = archive.readUInt32LE(end + 16);
  const out = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    expect(archive.readUInt32LE(at)).toBe(0x02014b50);
    const method = archive.readUInt16LE(at + 10);
    const crc = archive.readUInt32LE(at + 16);
    const compressed = archive.readUInt32LE(at + 20);
    const size = archive.readUInt32LE(at + 24);
    const nameLength = archive.readUInt16LE(at + 28);
    const local = archive.readUInt32LE(at + 42);
    const name = archive.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const dataAt = local + 30 + archive.readUInt16LE(local + 26) + archive.readUInt16LE(local + 28);
    const raw = archive.subarray(dataAt, dataAt + compressed);
    const data = method === 8 ? inflateRawSync(raw) : Buffer.from(raw);
    expect(data.length).toBe(size);
    expect(crc32(data)).toBe(crc);
    out.set(name, data);
    at += 46 + nameLength + archive.readUInt16LE(at + 30) + archive.readUInt16LE(at + 32);
  }
  return out;
}

describe('zip', () => {
  it('writes deflated and stored entries that read back intact', () => {
    const big = Buffer.from('the same line again\n'.repeat(500));
    const random = Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 7919) % 256));
    const entries = unzip(zip([{ name: 'logs/desk.log', data: big }, { name: 'random.bin', data: random }, { name: 'empty.txt', data: Buffer.alloc(0) }]));
    expect([...entries.keys()]).toEqual(['logs/desk.log', 'random.bin', 'empty.txt']);
    expect(entries.get('logs/desk.log')!.equals(big)).toBe(true);
    expect(entries.get('random.bin')!.equals(random)).toBe(true);
    expect(entries.get('empty.txt')!.length).toBe(0);
  });
});

describe('the diagnostics bundle', () => {
  it('holds versions, logs, settings, policy and recent crash dumps, without secrets', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'diag-'));
    const logDir = join(dataDir, 'logs');
    const dumps = join(dataDir, 'Crashpad', 'completed');
    mkdirSync(logDir, { recursive: true });
    mkdirSync(dumps, { recursive: true });
    writeFileSync(join(dataDir, 'settings.json'), JSON.stringify({ deskName: 'Front Desk', proxy: { mode: 'manual', server: 'http://desk:hunter22@proxy.hotel.local:3128', bypass: '' } }));
    writeFileSync(join(dataDir, 'calls.jsonl'), '{"room":"Room 214, Mrs. Example"}\n');
    writeFileSync(join(logDir, 'desk.log'), 'INFO token refreshed Authorization: Bearer Atza|abcdefghijkl\nINFO renderer error: TypeError x\n');
    for (let i = 0; i < 7; i++) {
      const file = join(dumps, `dump-${i}.dmp`);
      writeFileSync(file, Buffer.from(`MDMP${i}`));
      utimesSync(file, new Date(2026, 0, 1 + i), new Date(2026, 0, 1 + i));
    }
    const policy = parsePolicy('{"locked":{"update.enabled":false,"dnd":"x"}}', '/etc/frontdesk-console/policy.json');

    const bundle = diagnosticsBundle({ about: { version: '0.1.0', electron: '45.5.0', platform: 'linux', arch: 'x64' }, dataDir, logDir, crashDumpDir: join(dataDir, 'Crashpad'), policy, now: new Date(2026, 10, 30, 9, 15, 0) });
    expect(bundle.fileName).toMatch(/^front-desk-diagnostics-2026-11-30-\d\d-15-00\.zip$/);
    const entries = unzip(bundle.data);
    expect([...entries.keys()].sort()).toEqual(
      ['about.json', 'crash-dumps/MORE.txt', 'crash-dumps/completed/dump-2.dmp', 'crash-dumps/completed/dump-3.dmp', 'crash-dumps/completed/dump-4.dmp', 'crash-dumps/completed/dump-5.dmp', 'crash-dumps/completed/dump-6.dmp', 'logs/desk.log', 'policy.json', 'settings.json'].sort(),
    );
    expect(JSON.parse(entries.get('about.json')!.toString())).toMatchObject({ version: '0.1.0', electron: '45.5.0' });
    const text = [...entries.values()].map((b) => b.toString('utf8')).join('\n');
    expect(text).not.toContain('hunter22');
    expect(text).not.toContain('Atza|abcdefghijkl');
    expect(text).not.toContain('Mrs. Example');
    expect(entries.get('settings.json')!.toString()).toContain('http://desk:[redacted]@proxy.hotel.local:3128');
    expect(JSON.parse(entries.get('policy.json')!.toString())).toMatchObject({ file: '/etc/frontdesk-console/policy.json', locked: { 'update.enabled': false }, problems: [expect.stringContaining('"dnd"')] });
  });

  it('removes passwords from addresses', () => {
    expect(withoutSecrets('proxy http://u:p4ss@h:1 and https://user:pw@x.example/y')).toBe('proxy http://u:[redacted]@h:1 and https://user:[redacted]@x.example/y');
  });
});
