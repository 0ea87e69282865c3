// The room grid at 2,500 rooms, end to end: only the rows near the view are drawn, yet a room far
// down that calls keeps its tile (and its hooks, DESIGN §3.4) the whole time; "Show room" and the
// page's test hook bring any room into view under its sticky floor heading; the keyboard reaches
// every room.
import type { Page } from '@playwright/test';
import { expect, ROOMS, test, tile, type DirectoryRoom } from './harness.js';

/** ROOMS and 2,500 more, 100 a floor: r300 … r2799 on floors 3 to 27. */
const directory: DirectoryRoom[] = [
  ...ROOMS,
  ...Array.from({ length: 2_500 }, (_, i): DirectoryRoom => {
    const number = 300 + i;
    return { id: `r${number}`, name: `Room ${number}`, floor: `Floor ${Math.floor(number / 100)}`, address: `echo-${number}`, addressType: 'RAW_ADDRESS' };
  }),
];
test.use({ directory: [directory, { scope: 'test' }] }); // an array option goes in a [value, options] pair

/** The floor heading stuck to the top of the grid. */
function stuckHeading(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const top = document.querySelector('.grid-scroll')!.getBoundingClientRect().top;
    const stuck = Array.from(document.querySelectorAll<HTMLElement>('.group-head')).find((h) => Math.abs(h.getBoundingClientRect().top - top) < 1);
    return stuck?.firstElementChild?.textContent ?? null;
  });
}

test('a room far down calls: its tile rings, goes in call and back to idle while the grid draws only what is in view', async ({ page, desk }) => {
  expect(await page.locator('[data-testid="room-tile"]').count()).toBeLessThan(200);
  await expect(tile(page, 'r2650')).toHaveCount(0);

  const echo = desk.echo('echo-2650');
  const sessionId = await echo.callDesk();
  await expect(tile(page, 'r2650')).toHaveAttribute('data-status', 'incoming');
  await page.locator(`[data-testid="incoming-call"][data-session-id="${sessionId}"] [data-testid="answer"]`).click();
  await expect(tile(page, 'r2650')).toHaveAttribute('data-status', 'in-call');
  await echo.hangup();
  await expect(tile(page, 'r2650')).toHaveAttribute('data-status', 'idle');
});

test('"Show room" on a ringing call scrolls its room into view under its floor heading', async ({ page, desk }) => {
  const sessionId = await desk.echo('echo-2431').callDesk();
  await page.locator(`[data-testid="incoming-call"][data-session-id="${sessionId}"] [data-testid="show-room"]`).click();
  await expect(tile(page, 'r2431')).toBeInViewport();
  await expect(tile(page, 'r2431')).toHaveAttribute('data-highlight', 'true');
  await expect.poll(() => stuckHeading(page)).toBe('Floor 24');
});

test('the test hook brings a room into view; its tile calls the room', async ({ page, desk }) => {
  await page.evaluate(() => (window as unknown as { __deskGrid: { reveal(id: string): void } }).__deskGrid.reveal('r1999'));
  await expect(tile(page, 'r1999')).toBeInViewport();
  desk.echo('echo-1999').policy = { answer: 'manual', answerDelayMs: 0, sendInProgress: false };
  await tile(page, 'r1999').locator('[data-testid="call-room"]').click();
  await expect(tile(page, 'r1999')).toHaveAttribute('data-status', 'outgoing');
});

test('the grid is one tab stop and the keyboard reaches every room', async ({ page, desk }) => {
  expect(desk.headless.ui).toBeTruthy(); // the console is up
  await expect(page.locator('[data-testid="call-room"][tabindex="0"]')).toHaveCount(1);
  await tile(page, 'r101').locator('[data-testid="call-room"]').focus();
  await page.keyboard.press('End');
  await expect(tile(page, 'r2799').locator('[data-testid="call-room"]')).toBeFocused();
  await expect(tile(page, 'r2799')).toBeInViewport();
  await page.keyboard.press('ArrowLeft');
  await expect(tile(page, 'r2798').locator('[data-testid="call-room"]')).toBeFocused();
  await page.keyboard.press('Home');
  await expect(tile(page, 'r101').locator('[data-testid="call-room"]')).toBeFocused();
  await expect(tile(page, 'r101')).toBeInViewport();
  await expect(page.locator('[data-testid="call-room"][tabindex="0"]')).toHaveCount(1);
});
