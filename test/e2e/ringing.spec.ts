// Ringing is unmissable at any grid size: every ringing call is announced above the grid wherever
// it is scrolled, oldest first with its waiting time; the call's card shows its room in the grid;
// Enter on a room's tile calls it.
import { expect, ROOMS, test, tile, type DirectoryRoom } from './harness.js';

const directory: DirectoryRoom[] = [
  ...ROOMS,
  ...Array.from({ length: 2_500 }, (_, i): DirectoryRoom => {
    const number = 300 + i;
    return { id: `r${number}`, name: `Room ${number}`, floor: String(Math.floor(number / 100)), address: `echo-${number}`, addressType: 'RAW_ADDRESS' };
  }),
];
test.use({ directory: [directory, { scope: 'test' }] });

test('a room far down rings: announced above the grid, and a click on its card brings its tile into view', async ({ page, desk }) => {
  await page.locator('.grid-scroll').evaluate((el) => el.scrollTo(0, 40_000)); // somewhere in the middle
  const sessionId = await desk.echo('echo-2650').callDesk();
  const banner = page.locator('[data-testid="ringing-banner"]');
  await expect(banner).toContainText('Room 2650');
  const [bannerBox, gridBox] = await Promise.all([banner.boundingBox(), page.locator('.grid-scroll').boundingBox()]);
  expect(bannerBox!.y + bannerBox!.height).toBeLessThanOrEqual(gridBox!.y + 1); // above the grid, not in it
  await expect(tile(page, 'r2650')).not.toBeInViewport();

  // A click on the card (not on its buttons) shows the room.
  await page.locator(`[data-testid="incoming-call"][data-session-id="${sessionId}"] .card-sub`).click();
  await expect(tile(page, 'r2650')).toBeInViewport();
  await expect(tile(page, 'r2650')).toHaveAttribute('data-highlight', 'true');
  await expect(tile(page, 'r2650')).toHaveAttribute('data-status', 'incoming');
});

test('several ringing calls are listed oldest first, each with its waiting time', async ({ page, desk }) => {
  const order: string[] = [];
  for (const echo of ['echo-2001', 'echo-101', 'echo-1500']) {
    order.push(await desk.echo(echo).callDesk());
    await expect(page.locator(`[data-testid="incoming-call"][data-session-id="${order.at(-1)}"]`)).toBeVisible();
  }
  const chips = page.locator('[data-testid="ringing-room"]');
  await expect(chips).toHaveCount(3);
  expect(await chips.evaluateAll((els) => els.map((el) => el.getAttribute('data-session-id')))).toEqual(order);
  await expect(chips.first()).toContainText(/Room 2001 \d+:\d\d/);
  const cards = page.locator('[data-testid="incoming-call"]');
  expect(await cards.evaluateAll((els) => els.map((el) => el.getAttribute('data-session-id')))).toEqual(order);
  await expect(cards.nth(1)).toContainText(/waiting \d+:\d\d/);

  // A click on a name in the banner shows that room.
  await chips.nth(2).click();
  await expect(tile(page, 'r1500')).toBeInViewport();
});

test('Enter on a focused tile calls the room; it does not answer a ringing call', async ({ page, desk }) => {
  const ringing = await desk.echo('echo-102').callDesk();
  await expect(page.locator(`[data-testid="incoming-call"][data-session-id="${ringing}"]`)).toBeVisible();
  desk.room('r201').policy = { answer: 'manual', answerDelayMs: 0, sendInProgress: false };
  await tile(page, 'r201').locator('[data-testid="call-room"]').focus();
  await page.keyboard.press('Enter');
  await expect(tile(page, 'r201')).toHaveAttribute('data-status', 'outgoing');
  await expect(page.locator(`[data-testid="incoming-call"][data-session-id="${ringing}"]`)).toBeVisible();
});
