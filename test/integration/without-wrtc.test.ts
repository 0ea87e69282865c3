// On a machine without @roamhq/wrtc (no build of it for the platform), an unlinked console still
// starts: demo mode says plainly that it is not available and how to take calls instead.
// The linked console answering a real call there: test/e2e/without-wrtc.spec.ts.
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { BridgeClient, startHeadless, type Headless } from '../support/headless-process.js';

const withoutWrtc = fileURLToPath(new URL('../support/without-wrtc.mjs', import.meta.url));
let desk: Headless | null = null;
let bridge: BridgeClient | null = null;

afterEach(async () => {
  bridge?.close();
  if (desk && desk.child.exitCode === null) await desk.stop();
  desk = bridge = null;
});

it('an unlinked console starts without the module and says demo mode is unavailable', async () => {
  desk = await startHeadless(['--demo'], { NODE_OPTIONS: `--import=${withoutWrtc}` });
  bridge = await BridgeClient.connect(desk.ui);
  const snapshot = await bridge.invoke('getSnapshot', {});
  if (!snapshot.ok) throw new Error(snapshot.error);
  expect(snapshot.value.status.mode).toBe('unlinked');
  expect(snapshot.value.notices.map((n) => n.message.id)).toContain('notice.demoUnavailable');
  expect(await bridge.invoke('demoCall', {})).toMatchObject({ ok: false });
  expect(desk.stderr()).toContain('demo mode is not available');
});
