// The packaging check's building blocks (scripts/packaging): native module architectures, bundle
// contents, and imports against package.json.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { devOnlyInputs, entryClosure } from '../../scripts/packaging/bundle-contents.mjs';
import { checkDependencies, packageOf } from '../../scripts/packaging/dependencies.mjs';
import { foreignNativeModules, nativeArchOf } from '../../scripts/packaging/native-arch.mjs';

function elf(machine: number): Buffer {
  const b = Buffer.alloc(64);
  b.writeUInt32BE(0x7f454c46, 0);
  b[5] = 1; // little-endian
  b.writeUInt16LE(machine, 18);
  return b;
}
function pe(machine: number): Buffer {
  const b = Buffer.alloc(256);
  b.writeUInt16LE(0x5a4d, 0);
  b.writeUInt32LE(0x80, 0x3c);
  b.writeUInt32LE(0x00004550, 0x80);
  b.writeUInt16LE(machine, 0x84);
  return b;
}
function machO(cpu: number): Buffer {
  const b = Buffer.alloc(32);
  b.writeUInt32LE(0xfeedfacf, 0);
  b.writeUInt32LE(cpu, 4);
  return b;
}
function fat(...cpus: number[]): Buffer {
  const b = Buffer.alloc(8 + cpus.length * 20);
  b.writeUInt32BE(0xcafebabe, 0);
  b.writeUInt32BE(cpus.length, 4);
  cpus.forEach((cpu, i) => b.writeUInt32BE(cpu, 8 + i * 20));
  return b;
}

describe('native module architecture', () => {
  it('reads ELF, PE, Mach-O and universal headers', () => {
    expect(nativeArchOf(elf(0x3e))).toEqual({ format: 'elf', archs: ['x64'] });
    expect(nativeArchOf(elf(0xb7))).toEqual({ format: 'elf', archs: ['arm64'] });
    expect(nativeArchOf(pe(0x8664))).toEqual({ format: 'pe', archs: ['x64'] });
    expect(nativeArchOf(pe(0xaa64))).toEqual({ format: 'pe', archs: ['arm64'] });
    expect(nativeArchOf(machO(0x01000007))).toEqual({ format: 'mach-o', archs: ['x64'] });
    expect(nativeArchOf(machO(0x0100000c))).toEqual({ format: 'mach-o', archs: ['arm64'] });
    expect(nativeArchOf(fat(0x01000007, 0x0100000c))).toEqual({ format: 'mach-o', archs: ['x64', 'arm64'] });
    expect(nativeArchOf(Buffer.from('#!/bin/sh\n'))).toBeNull();
  });

  it('lists the modules that would not load on the target', () => {
    const dir = mkdtempSync(join(tmpdir(), 'native-arch-'));
    const files = { 'x64.node': elf(0x3e), 'arm64.node': elf(0xb7), 'universal.node': fat(0x01000007, 0x0100000c), 'text.node': Buffer.from('not a binary') };
    for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
    const paths = Object.keys(files).map((f) => join(dir, f));
    expect(foreignNativeModules(paths, 'x64')).toEqual([
      { file: join(dir, 'arm64.node'), archs: ['arm64'] },
      { file: join(dir, 'text.node'), archs: ['not a native binary'] },
    ]);
    expect(foreignNativeModules(paths, 'arm64').map((f) => f.file)).toEqual([join(dir, 'x64.node'), join(dir, 'text.node')]);
  });
});

describe('bundle contents', () => {
  it('separates what loads at start from chunks loaded on demand', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bundle-meta-'));
    const meta = {
      outputs: {
        'app/dist/main.js': { entryPoint: 'main/shell/main.ts', inputs: { 'main/shell/main.ts': {} }, imports: [{ path: 'app/dist/main-chunk.js', kind: 'import-statement' }, { path: 'app/dist/main-demo.js', kind: 'dynamic-import' }, { path: 'node:fs', kind: 'import-statement', external: true }] },
        'app/dist/main-chunk.js': { inputs: { 'node_modules/zod/index.js': {} }, imports: [] },
        'app/dist/main-demo.js': { inputs: { 'main/sim/demo.ts': {} }, imports: [{ path: '@roamhq/wrtc', kind: 'import-statement', external: true }, { path: 'app/dist/main-chunk.js', kind: 'import-statement' }] },
        'app/dist/main.js.map': { inputs: {}, imports: [] },
      },
    };
    writeFileSync(join(dir, 'main.json'), JSON.stringify(meta));
    const closure = entryClosure(join(dir, 'main.json'));
    expect([...closure.atStart]).toEqual(['app/dist/main.js', 'app/dist/main-chunk.js']);
    expect(closure.externalsAtStart.has('@roamhq/wrtc')).toBe(false);
    expect(closure.inputsAtStart.has('main/sim/demo.ts')).toBe(false);
    expect(closure.inputs.has('main/sim/demo.ts')).toBe(true);
  });

  it('finds test doubles and dev-only packages among bundled inputs', () => {
    const inputs = ['renderer/src/dev/fake-desk.ts', 'renderer/src/main.tsx', 'test/support/fixtures.ts', 'node_modules/vitest/dist/index.js', 'node_modules/react/index.js', 'node_modules/foo/node_modules/vitest/x.js'];
    expect(devOnlyInputs(inputs, ['vitest'])).toEqual(['renderer/src/dev/fake-desk.ts', 'test/support/fixtures.ts', 'node_modules/vitest/dist/index.js', 'node_modules/foo/node_modules/vitest/x.js']);
  });
});

describe('dependencies against imports', () => {
  it('names the package of an import', () => {
    expect(packageOf('react-dom/client')).toBe('react-dom');
    expect(packageOf('@roamhq/wrtc')).toBe('@roamhq/wrtc');
    expect(packageOf('node:fs')).toBeNull();
    expect(packageOf('fs/promises')).toBeNull();
    expect(packageOf('./x.js')).toBeNull();
  });

  it('reports unused, undeclared and mismatched packages', () => {
    const root = mkdtempSync(join(tmpdir(), 'deps-'));
    for (const dir of ['main', 'renderer/src', 'test', 'scripts', 'app']) mkdirSync(join(root, dir), { recursive: true });
    writeFileSync(join(root, 'package.json'), JSON.stringify({ scripts: { test: 'vitest run' }, dependencies: { zod: '1', 'left-over': '1', keytar: '7' }, devDependencies: { vitest: '1', 'never-used': '1', '@types/left-over': '1' } }));
    writeFileSync(join(root, 'app', 'package.json'), JSON.stringify({ dependencies: { keytar: '6' } }));
    writeFileSync(join(root, 'main', 'a.ts'), "import { z } from 'zod';\nimport ws from 'ws';\nconst k = await import('keytar');\n");
    writeFileSync(join(root, 'test', 'a.test.ts'), "import { it } from 'vitest';\n");
    const verdicts = Object.fromEntries(checkDependencies(root).map((v) => [v.name, v]));
    expect(verdicts['every package the product imports is a dependency']).toMatchObject({ ok: false, detail: 'ws (main/a.ts)' });
    expect(verdicts['every dependency is imported by the product']).toMatchObject({ ok: false, detail: 'left-over' });
    expect(verdicts['every dev dependency is used (imported, run, or typing a used package)']).toMatchObject({ ok: false, detail: 'never-used, @types/left-over' });
    expect(verdicts["app/package.json's runtime modules are the root's, same versions"]).toMatchObject({ ok: false, detail: 'keytar@6' });
  });
});
