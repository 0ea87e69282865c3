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
  const size = page.viewportSize();
  if (SHOTS) await page.screenshot({ path: `test-results/screenshots/${language}-${size?.width}x${size?.height}-${name}.png` });
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

    test('Settings › Property fits: a refusal under its field, the restart line, the desk-join forms', async ({ page, desk }) => {
      void desk; // the console, with the page open
      await settingsProperty(page, language);
    });
  });
}

// Settings › Link to Amazon, ASP setup and the webhook secret: every part opened (the forms behind
// "link again" and "by hand", the checklist, a new secret shown once). Japanese at 1440×900 too.
for (const [language, locale, width, height] of [
  ['de', 'de-DE', 1280, 720],
  ['pseudo', 'en-XA', 1280, 720],
  ['ja', 'ja-JP', 1440, 900],
] as const) {
  test.describe(`linking and setup at ${width}×${height} in ${language}`, () => {
    test.use({ locale, viewport: { width, height } });

    test('the link, setup and webhook secret sections fit', async ({ page, desk }) => {
      void desk; // the console, linked through the DESK_LWA_* variables, with the page open
      /** Checks the section, and saves a screenshot at each screenful of it. */
      const section = async (part: string, id: string) => {
        await page.locator(`[data-testid="settings-${id}"]`).click();
        await expect(page.locator('[data-testid="settings"]')).toHaveAttribute('data-section', id);
        const body = page.locator('.settings-body');
        await body.evaluate((el) => (el.scrollTop = 0));
        for (let shot = 0, more = true; more && shot < 6; shot++) {
          await check(page, `${part}-${shot}`, language);
          more = await body.evaluate((el) => {
            const before = el.scrollTop;
            el.scrollTop += el.clientHeight * 0.9;
            return el.scrollTop > before;
          });
        }
      };
      await page.locator('[data-testid="settings-open"]').click();
      await page.locator('[data-testid="settings-link"]').click();
      await expect(page.locator('[data-testid="signaling-from-environment"]')).toBeVisible();
      for (const summary of await page.locator('[data-testid="link-panel"] summary').all()) await summary.click();
      await expect(page.locator('[data-testid="manual-link-form"]')).toBeVisible();
      await section('link', 'link');

      await section('setup', 'setup');
      await expect(page.locator('[data-testid="step-blocked"]').first()).toBeVisible();

      await page.locator('[data-testid="settings-desk"]').click();
      await page.locator('[data-testid="create-webhook-secret"]').click();
      await expect(page.locator('[data-testid="webhook-secret-once"]')).toBeVisible();
      await check(page, 'webhook-secret', language);
    });
  });
}

/** Settings › Property in its longest states: main's refusal, the restart to join, the forms' own checks. */
async function settingsProperty(page: Page, language: string): Promise<void> {
  await page.locator('[data-testid="settings-open"]').click();
  await page.locator('[data-testid="settings-property"]').click();
  await page.locator('[data-testid="set-broker-url"]').fill('wss://nats.grand-hotel-frankfurt.example:443');
  await page.locator('[data-testid="set-property-id"]').fill('grand hotel'); // main refuses the space
  await page.locator('[data-testid="save-property"]').click();
  await expect(page.locator('[data-testid="property-outcome"].error')).toBeVisible();
  await check(page, 'property-refused', language);

  await page.locator('[data-testid="set-property-id"]').fill('grand-hotel-frankfurt');
  await page.locator('[data-testid="save-property"]').click();
  await expect(page.locator('[data-testid="property-restart"]')).toBeVisible();
  await expect(page.locator('[data-testid="property-restart-pill"]')).toBeVisible();
  await check(page, 'property-restart', language);

  await page.locator('[data-testid="export-credential-choice"]').selectOption('own');
  await page.locator('[data-testid="export-join-submit"]').click();
  await page.locator('[data-testid="import-join-submit"]').click();
  await expect(page.locator('[data-testid="import-join-outcome"].error')).toBeVisible();
  for (const form of ['export-join', 'import-join']) {
    await page.locator(`[data-testid="${form}"]`).evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await check(page, `property-${form}`, language);
  }
}

// Settings › Desk & calls and Settings › Rooms: long labels, hints and main's refusal of a save,
// in German and pseudo at 1280×720, and in Spanish and Japanese at 1440×900.
for (const [language, locale, width, height] of [
  ['de', 'de-DE', 1280, 720],
  ['pseudo', 'en-XA', 1280, 720],
  ['es', 'es-US', 1440, 900],
  ['ja', 'ja-JP', 1440, 900],
] as const) {
  test.describe(`settings at ${width}×${height} in ${language}`, () => {
    test.use({ locale, viewport: { width, height }, directory: [DIRECTORY, { scope: 'test' }] });

    test("the desk's settings and the room directory fit, with main's refusals", async ({ page, desk: _console }) => {
      const shot = (name: string) => check(page, `settings-${name}`, language);
      await expect(tile(page, 'r101')).toBeVisible();
      await page.locator('[data-testid="settings-open"]').click();
      await page.locator('[data-testid="settings-desk"]').click();
      const ring = page.locator('[data-testid="set-ring-timeout"]');
      await ring.fill('2');
      await page.locator('[data-testid="save-settings"]').click();
      await expect(ring).toHaveAttribute('aria-invalid', 'true');
      await ring.scrollIntoViewIfNeeded();
      await shot('desk');
      await page.locator('[data-testid="add-ice-server"]').click();
      await page.locator('[data-testid="ice-urls"]').fill('turn:turn.example.org:3478');
      await page.locator('[data-testid="ice-urls"]').scrollIntoViewIfNeeded();
      await shot('desk-servers');
      await page.locator('[data-testid="set-proxy-mode"]').selectOption('manual');
      await page.locator('[data-testid="set-proxy-bypass"]').scrollIntoViewIfNeeded();
      await shot('desk-proxy');

      await page.locator('[data-testid="settings-rooms"]').click();
      await page.locator('[data-testid="add-room"]').click();
      await page.locator('[data-testid="room-id"]').fill('r901');
      await page.locator('[data-testid="room-name"]').fill('Room 901');
      await page.locator('[data-testid="room-address"]').fill('echo-101'); // Room 101's Echo: refused
      await page.locator('[data-testid="save-room"]').click();
      await expect(page.locator('[data-testid="room-outcome"]')).toBeVisible();
      await shot('rooms');
    });
  });
}
