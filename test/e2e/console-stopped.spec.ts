// When the console itself stops (its process ends) or the window's bridge to it drops, the window
// says so in plain words, stops its clocks and its ringtone, and does not blame the network or TURN
// for the calls that drop with it.
import type { Page } from '@playwright/test';
import { expect, expectPageMediaFlowing, test } from './harness.js';

const banner = (page: Page) => page.locator('[data-testid="connection-lost"]');
const peerState = (page: Page, sessionId: string) => page.evaluate((sid) => window.__deskMedia!.connection(sid), sessionId);

test('the console stops mid-call: the window says so, the call time stands still, nobody blames the network', async ({ page, desk }) => {
  const sessionId = await desk.room('r101').callDesk();
  await page.locator(`[data-testid="incoming-call"][data-session-id="${sessionId}"] [data-testid="answer"]`).click();
  await expectPageMediaFlowing(page, sessionId);
  const second = await desk.room('r102').callDesk(); // and one more still ringing
  await expect(page.locator(`[data-testid="incoming-call"][data-session-id="${second}"]`)).toBeVisible();

  await desk.headless.stop(); // SIGTERM: the console ends its calls and closes the bridge saying why
  await expect(banner(page)).toContainText('The console stopped');
  await expect(page.locator('.app')).toHaveAttribute('data-console', 'away');

  const elapsed = page.locator(`[data-testid="active-call"][data-session-id="${sessionId}"] .card-sub .elapsed`);
  const shown = await elapsed.textContent();
  // The room hung up with the console: the window's peer fails, which is not the network's doing.
  await expect.poll(() => peerState(page, sessionId), { timeout: 45_000 }).toMatch(/failed|closed/);
  await expect(elapsed).toHaveText(shown!); // seconds later, the time shown has not moved
  const text = await page.locator('body').innerText();
  expect(text).not.toMatch(/TURN|network/i);
  await expect(page.locator('[data-testid="notice"]')).toHaveCount(0);
});

test('a console that vanishes without a word: "Reconnecting…" first, then "The console stopped"', async ({ page, desk }) => {
  await expect(banner(page)).toHaveCount(0);
  await desk.headless.stop('SIGKILL');
  await expect(banner(page)).toContainText('Reconnecting to the console…');
  await expect(banner(page)).toContainText('The console stopped');
});
