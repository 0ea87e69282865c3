// The CPU architecture a native module (.node) was built for, read from its header: ELF (Linux),
// PE (Windows) or Mach-O (macOS, fat/universal included). An installer must only hold native
// modules of its own architecture: a module built for the packaging machine's CPU does not load
// on another one, and the app fails at the first use of that module.
import { closeSync, openSync, readSync } from 'node:fs';

const ELF_MACHINES = { 0x3e: 'x64', 0xb7: 'arm64', 0x03: 'ia32', 0x28: 'armv7l' };
const PE_MACHINES = { 0x8664: 'x64', 0xaa64: 'arm64', 0x014c: 'ia32' };
const MACHO_CPUS = { 0x01000007: 'x64', 0x0100000c: 'arm64' };

/**
 * @param {Buffer} head the first bytes of the file (4 KiB is plenty)
 * @returns {{ format: 'elf' | 'pe' | 'mach-o', archs: string[] } | null} null when not a native binary
 */
export function nativeArchOf(head) {
  if (head.length >= 20 && head.readUInt32BE(0) === 0x7f454c46) {
    const little = head[5] === 1;
    const machine = little ? head.readUInt16LE(18) : head.readUInt16BE(18);
    return { format: 'elf', archs: [ELF_MACHINES[machine] ?? `elf-machine-0x${machine.toString(16)}`] };
  }
  if (head.length >= 64 && head.readUInt16LE(0) === 0x5a4d) {
    const pe = head.readUInt32LE(0x3c);
    if (pe + 6 > head.length || head.readUInt32LE(pe) !== 0x00004550) return null;
    const machine = head.readUInt16LE(pe + 4);
    return { format: 'pe', archs: [PE_MACHINES[machine] ?? `pe-machine-0x${machine.toString(16)}`] };
  }
  if (head.length >= 8) {
    const magicLE = head.readUInt32LE(0);
    if (magicLE === 0xfeedfacf || magicLE === 0xfeedface) {
      const cpu = head.readUInt32LE(4);
      return { format: 'mach-o', archs: [MACHO_CPUS[cpu] ?? `mach-o-cpu-0x${cpu.toString(16)}`] };
    }
    if (head.readUInt32BE(0) === 0xcafebabe) {
      // Fat (universal) binary: a big-endian count, then 20-byte entries starting with the cpu type.
      const count = head.readUInt32BE(4);
      const archs = [];
      for (let i = 0; i < count && 8 + i * 20 + 4 <= head.length; i++) {
        const cpu = head.readUInt32BE(8 + i * 20);
        archs.push(MACHO_CPUS[cpu] ?? `mach-o-cpu-0x${cpu.toString(16)}`);
      }
      return { format: 'mach-o', archs };
    }
  }
  return null;
}

/** @param {string} file */
export function readNativeArch(file) {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(4096);
    const n = readSync(fd, head, 0, head.length, 0);
    return nativeArchOf(head.subarray(0, n));
  } finally {
    closeSync(fd);
  }
}

/**
 * Native modules that would not load on `arch`: a universal Mach-O binary fits when it holds `arch`.
 * @param {string[]} files
 * @param {string} arch x64 | arm64 | ...
 * @returns {{ file: string, archs: string[] }[]}
 */
export function foreignNativeModules(files, arch) {
  return files
    .map((file) => ({ file, found: readNativeArch(file) }))
    .filter(({ found }) => !found || !found.archs.includes(arch))
    .map(({ file, found }) => ({ file, archs: found ? found.archs : ['not a native binary'] }));
}

// `node scripts/packaging/native-arch.mjs <folder> <arch>`: on the real OS after packaging (the
// workflow), every .node file under the folder must be built for <arch>.
if (import.meta.url === `file://${process.argv[1]?.replace(/\\/g, '/').replace(/^(?=[A-Za-z]:)/, '/')}`) {
  const [dir, arch] = process.argv.slice(2);
  if (!dir || !arch) {
    console.error('usage: node scripts/packaging/native-arch.mjs <folder> <x64|arm64>');
    process.exit(2);
  }
  const { readdirSync } = await import('node:fs');
  const { join } = await import('node:path');
  const files = readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.node')).map((f) => join(dir, f));
  const foreign = foreignNativeModules(files, arch);
  for (const f of files) console.log(`${foreign.some((x) => x.file === f) ? 'FOREIGN' : 'ok     '}  ${f}`);
  if (!files.length) console.log(`no native modules under ${dir}`);
  process.exit(foreign.length ? 1 : 0);
}
