// Declined is not missed. Only calls nobody took (the room hung up while ringing, the ring timed
// out, do not disturb) are missed; the Missed chip, the tile's badge, the missed list and the
// window title agree on one count, and the calls stay listed until the room is reached or cleared.
import type { Page } from '@playwright/test';
import { expect, NS, test, tile } from './harness.js';

const missedTab = (page: Page) => page.locator('[data-testid="drawer-missed"]');
const missedChip = (page: Page) => page.locator('[data-testid="chip-missed"]');

test('a call the desk declined is "Declined" in the history, and not a missed call', async ({ page, desk }) => {
  const sessionId = await desk.room('r102').callDesk();
  await page.locator(`[data-testid="incoming-call"][data-session-id="${sessionId}"] [data-testid="decline"]`).click();
  await desk.sim.waitFor((m) => m.sessionId === sessionId && m.type === `${NS}CallEnded`);
  await expect(page.locator('[data-testid="ended-call"]')).toContainText('Declined');
  await expect(tile(page, 'r102')).toHaveAttribute('data-status', 'idle');
  await expect(missedChip(page)).toHaveAttribute('data-count', '0');
  await expect(missedTab(page)).toHaveText('Missed (0)');
  await expect(page).toHaveTitle('Front Desk');
  await page.locator('[data-testid="drawer-history"]').click();
  await expect(page.locator('table.history tbody tr').first()).toContainText('Declined');
});

test('missed calls agree everywhere and stay listed until the room is reached', async ({ page, desk }) => {
  const echo = desk.room('r201');
  for (let i = 0; i < 2; i++) {
    const sessionId = await echo.callDesk();
    await expect(page.locator(`[data-testid="incoming-call"][data-session-id="${sessionId}"]`)).toBeVisible();
    await echo.hangup(); // the guest gave up while the desk rang
    await expect(page.locator(`[data-testid="incoming-call"][data-session-id="${sessionId}"]`)).toHaveCount(0);
  }
  await expect(tile(page, 'r201')).toHaveAttribute('data-status', 'missed');
  await expect(tile(page, 'r201').locator('.badge')).toHaveText('2');
  await expect(missedChip(page)).toHaveAttribute('data-count', '2');
  await expect(missedTab(page)).toHaveText('Missed (2)');
  await expect(page).toHaveTitle('2 missed — Front Desk');

  // The Missed filter shows the room.
  await missedChip(page).click();
  await expect(page.locator('[data-testid="room-tile"]')).toHaveCount(1);
  await missedChip(page).click();

  // Calling back: the calls stay listed while the room rings, and go once the room answered.
  echo.policy = { answer: 'manual', answerDelayMs: 0, sendInProgress: false };
  await missedTab(page).click();
  await page.locator('[data-testid="missed-call"]').first().locator('[data-testid="call-back"]').click();
  await expect.poll(() => echo.state).toBe('ringing');
  await expect(missedTab(page)).toHaveText('Missed (2)');
  await echo.accept();
  await expect(tile(page, 'r201')).toHaveAttribute('data-status', 'in-call');
  await echo.hangup();
  await expect(missedTab(page)).toHaveText('Missed (0)');
  await expect(missedChip(page)).toHaveAttribute('data-count', '0');
  await expect(tile(page, 'r201')).toHaveAttribute('data-status', 'idle');
  await expect(page).toHaveTitle('Front Desk');
});

test('do not disturb is the desk\'s state: rooms stay as they are, calls are refused and listed as missed (do not disturb)', async ({ page, desk }) => {
  await page.locator('[data-testid="dnd"]').click();
  await expect(page.locator('[data-testid="dnd-state"]')).toBeVisible();
  await expect(page.locator('[data-testid="room-tile"][data-status="dnd"]')).toHaveCount(0);
  await expect(tile(page, 'r101')).toHaveAttribute('data-status', 'idle');

  const sessionId = await desk.room('r101').callDesk();
  const refused = await desk.sim.waitFor((m) => m.sessionId === sessionId && m.type === `${NS}CallEnded`);
  expect(refused).toMatchObject({ callResult: { code: 'DEVICE_BUSY' } });
  await expect(missedTab(page)).toHaveText('Missed (1)');
  await missedTab(page).click();
  await expect(page.locator('[data-testid="missed-call"]')).toContainText('Missed (do not disturb)');
  await expect(tile(page, 'r101')).toHaveAttribute('data-status', 'missed');
});
