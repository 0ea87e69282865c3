// The console takes real calls on a machine without @roamhq/wrtc (the demo simulator's native
// WebRTC module, which has no build for some platforms): the linked console must never load it.
// Media runs in the page's own WebRTC; the simulated rooms in this test process keep theirs.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, expectPageMediaFlowing, NS, test, tile } from './harness.js';

const withoutWrtc = fileURLToPath(new URL('../support/without-wrtc.mjs', import.meta.url));

test.use({ consoleEnv: { NODE_OPTIONS: `--import=${withoutWrtc}` } });

test('the module is really unresolvable in such a process', () => {
  const probe = spawnSync(process.execPath, ['--import', withoutWrtc, '--input-type=module', '-e', "await import('@roamhq/wrtc')"], { encoding: 'utf8' });
  expect(probe.status).not.toBe(0);
  expect(probe.stderr).toContain("Cannot find package '@roamhq/wrtc'");
});

test('the linked console starts and completes a call without @roamhq/wrtc', async ({ page, desk }) => {
  const echo = desk.room('r101');
  const sessionId = await echo.callDesk();

  const card = page.locator(`[data-testid="incoming-call"][data-session-id="${sessionId}"]`);
  await card.locator('[data-testid="answer"]').click();
  const active = page.locator(`[data-testid="active-call"][data-session-id="${sessionId}"]`);
  await expect(active).toHaveAttribute('data-state', 'active');
  await echo.waitForMediaFlowing({ timeoutMs: 10_000 });
  await expectPageMediaFlowing(page, sessionId);

  await active.locator('[data-testid="hangup"]').click();
  await expect(tile(page, 'r101')).toHaveAttribute('data-status', 'idle');
  await desk.sim.waitFor((m) => m.type === `${NS}CallEnded` && m.sessionId === sessionId);
  expect(desk.headless.stderr()).not.toContain('wrtc');
});
