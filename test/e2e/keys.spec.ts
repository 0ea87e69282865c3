// The keyboard at the desk: no key drops a call by accident, Esc closes panels, the answer key acts
// only on a ringing call, and a screen reader hears what happens.
import { expect, NS, test, tile } from './harness.js';

const incoming = (sessionId: string) => `[data-testid="incoming-call"][data-session-id="${sessionId}"]`;
const activeCall = (sessionId: string) => `[data-testid="active-call"][data-session-id="${sessionId}"]`;

test('Esc closes the History drawer and the settings, never the call; Ctrl+Shift+H hangs up', async ({ page, desk }) => {
  const sessionId = await desk.room('r101').callDesk();
  await page.locator(`${incoming(sessionId)} [data-testid="answer"]`).click();
  const call = page.locator(activeCall(sessionId));
  await expect(call).toHaveAttribute('data-state', 'active');

  await page.locator('[data-testid="drawer-history"]').click();
  await expect(page.locator('.drawer-panel')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.locator('.drawer-panel')).toHaveCount(0);

  await page.locator('[data-testid="settings-open"]').click();
  await expect(page.locator('[data-testid="settings"]')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.locator('[data-testid="settings"]')).toHaveCount(0);

  await call.focus(); // even with the call's own card in focus
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await expect(call).toHaveAttribute('data-state', 'active');
  expect(desk.sim.received.some((m) => m.sessionId === sessionId && m.type === `${NS}CallEnded`)).toBe(false);

  await page.keyboard.press('Control+Shift+H');
  await desk.sim.waitFor((m) => m.sessionId === sessionId && m.type === `${NS}CallEnded`);
  await expect(call).toHaveCount(0);
  await expect(tile(page, 'r101')).toHaveAttribute('data-status', 'idle');
});

test('Esc declines a ringing call only when its card has the focus; Ctrl+Shift+D declines the oldest', async ({ page, desk }) => {
  const first = await desk.room('r101').callDesk();
  await expect(page.locator(incoming(first))).toBeVisible();
  const second = await desk.room('r102').callDesk();
  await expect(page.locator(incoming(second))).toBeVisible();

  await page.keyboard.press('Escape'); // nothing in focus: no call ends
  await page.locator(incoming(second)).focus();
  await page.keyboard.press('Escape');
  const declined = await desk.sim.waitFor((m) => m.sessionId === second && m.type === `${NS}CallEnded`);
  expect(declined).toMatchObject({ callResult: { code: 'DEVICE_BUSY' } });
  await expect(page.locator(incoming(first))).toBeVisible();

  await page.locator('body').click({ position: { x: 5, y: 5 } }); // focus back to the page
  await page.keyboard.press('Control+Shift+D');
  await desk.sim.waitFor((m) => m.sessionId === first && m.type === `${NS}CallEnded`);
  await expect(page.locator('[data-testid="incoming-call"]')).toHaveCount(0);
});

test('Enter answers only the ringing call: not while typing in the search, not on another button', async ({ page, desk }) => {
  const sessionId = await desk.room('r201').callDesk();
  const card = page.locator(incoming(sessionId));
  await expect(card).toBeVisible();
  await expect(page.locator('[data-testid="announcer"] p').last()).toHaveText('Room 201 is calling');

  await page.keyboard.press('/');
  await expect(page.locator('[data-testid="search"]')).toBeFocused();
  await page.keyboard.type('20');
  await page.keyboard.press('Enter');
  await page.locator('[data-testid="drawer-history"]').focus();
  await page.keyboard.press('Enter'); // the tab's own action: the History drawer opens
  await expect(page.locator('.drawer-panel')).toBeVisible();
  await expect(card).toBeVisible();
  expect(desk.sim.received.some((m) => m.sessionId === sessionId && m.type === `${NS}CallAccepted`)).toBe(false);

  await page.keyboard.press('Escape'); // closes the drawer
  await page.locator('[data-testid="drawer-history"]').evaluate((el) => (el as HTMLElement).blur());
  await page.keyboard.press('Enter');
  await expect(page.locator(activeCall(sessionId))).toHaveAttribute('data-state', 'active');
  await desk.sim.waitFor((m) => m.sessionId === sessionId && m.type === `${NS}CallAccepted`);
  await expect(page.locator('[data-testid="announcer"] p').last()).toHaveText('Answered: Room 201');
});
