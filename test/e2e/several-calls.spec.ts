// Several calls at once: the desk talks to one at a time. Answering another call puts the current
// one on hold (CALL_HOLD); resuming a held call (click or S) holds the other; the held call is
// listed under the current one with how long it has waited.
import { expect, expectPageMediaFlowing, NS, test, tile } from './harness.js';

const card = (sessionId: string) => `[data-session-id="${sessionId}"][data-call-card]`;

test('answering a second call holds the first; resuming it holds the second; S switches back', async ({ page, desk }) => {
  const first = await desk.room('r101').callDesk();
  await page.locator(`${card(first)} [data-testid="answer"]`).click();
  await expect(page.locator(card(first))).toHaveAttribute('data-state', 'active');
  await expectPageMediaFlowing(page, first);

  const second = await desk.room('r102').callDesk();
  await page.locator(`${card(second)} [data-testid="answer"]`).click();
  await expect(page.locator(card(second))).toHaveAttribute('data-state', 'active');
  // The first call is on hold, at Alexa's end too, and listed under the current one.
  await expect(page.locator(card(first))).toHaveAttribute('data-state', 'held');
  await expect(tile(page, 'r101')).toHaveAttribute('data-status', 'held');
  const hold = await desk.sim.waitFor((m) => m.sessionId === first && m.type === `${NS}CallUpdate`);
  expect(hold).toMatchObject({ renegotiationType: 'CALL_HOLD' });
  await expect.poll(() => desk.room('r101').heldByDesk).toBe(true);
  await expect(page.locator('.dock-held')).toContainText('On hold 0:');
  const order = await page.locator('[data-call-card]').evaluateAll((els) => els.map((el) => el.getAttribute('data-session-id')));
  expect(order).toEqual([second, first]);
  await expectPageMediaFlowing(page, second);
  await expect(page.locator('[data-testid="announcer"]')).toContainText('Room 101 is on hold');

  // Resume the first with a click: the second goes on hold.
  await page.locator(`${card(first)} [data-testid="hold"]`).click();
  await expect(page.locator(card(first))).toHaveAttribute('data-state', 'active');
  await expect(page.locator(card(second))).toHaveAttribute('data-state', 'held');
  await expect(tile(page, 'r102')).toHaveAttribute('data-status', 'held');
  await expect.poll(() => desk.room('r102').heldByDesk).toBe(true);
  await expect.poll(() => desk.room('r101').heldByDesk).toBe(false);
  await expectPageMediaFlowing(page, first);

  // S switches to the call on hold.
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('s');
  await expect(page.locator(card(second))).toHaveAttribute('data-state', 'active');
  await expect(page.locator(card(first))).toHaveAttribute('data-state', 'held');
  expect(desk.sim.received.filter((m) => m.type === `${NS}CallEnded`)).toEqual([]); // nobody was dropped
});

test.describe('with auto-answer for every call', () => {
  test.use({ consoleArgs: ['--auto-answer', 'all'] });

  test('an auto-answered call holds the call that was up', async ({ page, desk }) => {
    const first = await desk.room('r101').callDesk();
    await expect(page.locator(card(first))).toHaveAttribute('data-state', 'active');
    const second = await desk.room('r201').callDesk();
    await expect(page.locator(card(second))).toHaveAttribute('data-state', 'active');
    await expect(page.locator(card(first))).toHaveAttribute('data-state', 'held');
    await expect.poll(() => desk.room('r101').heldByDesk).toBe(true);
  });
});
