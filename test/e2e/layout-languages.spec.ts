// Longer languages fit: the main states of the screen at 1280×720 in German and in the pseudo-locale
// (English 40 % longer and accented, in brackets) show no label cut off and nothing wider than
// the window. With SCREENSHOTS=1 each state is also saved under test-results/screenshots to look at.
import type { Page } from '@playwright/test';
import { expect, test, tile, type DirectoryRoom } from './harness.js';

const SHOTS = process.env.SCREENSHOTS === '1';

const DIRECTORY: DirectoryRoom[] = [
  { id: 'r101', name: 'Room 101', floor: '1', address: 'echo-101', addressType: 'RAW_ADDRESS' },
  { id: 'r102', name: 'Room 102', floor: '1', address: 'echo-102', addressType: 'RAW_ADDRESS' },
  { id: 'r201', name: 'Room 201', floor: '2', address: 'echo-201', addressType: 'RAW_ADDRESS' },
  ...Array.from({ length: 21 }, (_, i) => ({ id: `x${i}`, name: `Room ${103 + i}`, floor: i < 9 ? '1' : '2', wing: i % 2 ? 'B' : undefined, address: `echo-x${i}`, addressType: 'RAW_ADDRESS' as const })),
];

/**
 * Text the page cuts: an element that clips or ellipsizes its own text and is wider inside than
 * out, or a call card its part of the dock cuts. A notice is one line until opened (its words are
 * in its tooltip) and is left out.
 */
async function cutOff(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('body *'))) {
      if (el.closest('.notice-text, .sr-only, video, option, select') || !el.offsetParent) continue;
      const style = getComputedStyle(el);
      const clips = style.overflowX === 'hidden' || style.overflowX === 'clip' || style.textOverflow === 'ellipsis';
      const ownText = Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim());
      if (clips && ownText && el.scrollWidth > el.clientWidth + 1) found.push(`${el.className || el.tagName}: ${el.textContent!.trim().slice(0, 60)}`);
      const box = el.getBoundingClientRect();
      if (ownText && box.right > window.innerWidth + 1) found.push(`past the window: ${el.textContent!.trim().slice(0, 60)}`);
    }
    // A part of the dock that scrolls shows at least its first card whole.
    for (const part of Array.from(document.querySelectorAll<HTMLElement>('.dock-part'))) {
      const first = part.querySelector<HTMLElement>('[data-call-card]');
      if (first && first.getBoundingClientRect().bottom > part.getBoundingClientRect().bottom + 1) found.push(`a dock part cuts its first card: ${first.textContent!.trim().slice(0, 60)}`);
    }
    return found;
  });
}

async function check(page: Page, name: string, language: string): Promise<void> {
  if (SHOTS) await page.screenshot({ path: `test-results/screenshots/${language}-1280x720-${name}.png` });
  expect(await cutOff(page), `${language}: ${name}`).toEqual([]);
}

for (const [language, locale, calling] of [
  ['de', 'de-DE', 'Ruft an'],
  ['pseudo', 'en-XA', '[Çáll'],
] as const) {
  test.describe(`at 1280×720 in ${language}`, () => {
    test.use({ locale, viewport: { width: 1280, height: 720 }, directory: [DIRECTORY, { scope: 'test' }] }); // an array option goes in a [value, options] pair

    test('the idle grid, ringing calls, a call with one on hold, and an error banner fit', async ({ page, desk }) => {
      await expect(tile(page, 'r101')).toBeVisible();
      await check(page, 'idle', language);

      const first = await desk.room('r101').callDesk();
      await expect(page.locator(`[data-testid="incoming-call"][data-session-id="${first}"]`)).toBeVisible();
      await expect(tile(page, 'r101')).toContainText(calling);
      await check(page, 'ringing', language);

      await page.locator(`[data-testid="incoming-call"][data-session-id="${first}"] [data-testid="answer"]`).click();
      await expect(page.locator(`[data-testid="active-call"][data-session-id="${first}"]`)).toHaveAttribute('data-state', 'active');
      await check(page, 'in-call', language);

      const second = await desk.room('r102').callDesk();
      await page.locator(`[data-testid="incoming-call"][data-session-id="${second}"] [data-testid="answer"]`).click();
      await expect(page.locator(`[data-testid="active-call"][data-session-id="${first}"]`)).toHaveAttribute('data-state', 'held');
      await desk.room('r201').callDesk();
      await desk.echo('echo-x3').callDesk();
      await expect(page.locator('[data-testid="incoming-call"]')).toHaveCount(2);
      await check(page, 'two-ringing-one-held', language);

      await page.locator('[data-testid="drawer-missed"]').click();
      await check(page, 'drawer', language);
      await page.locator('[data-testid="drawer-missed"]').click();

      // Amazon withdraws the link: the next call's message is refused and a banner says so.
      desk.sim.revokeRefreshTokens();
      await desk.echo('echo-x5').callDesk();
      await expect(page.locator('[data-testid="notice"]').first()).toBeVisible();
      await check(page, 'error-banner', language);
    });
  });
}
