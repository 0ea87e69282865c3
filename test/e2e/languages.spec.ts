// The console in the staff's language, end to end: a call in Spanish (the browser's language, as a
// desk PC set to Spanish) and the same call switched to Japanese by the setting in the middle of
// the call, without a reload; the screen reader hears the translated news; Japanese is drawn with
// a Japanese font of the system, not a web font.
import type { Page } from '@playwright/test';
import { expect, expectPageMediaFlowing, test, tile } from './harness.js';

const announcer = (page: Page) => page.locator('[data-testid="announcer"]');

test.describe('in Spanish, from the browser language', () => {
  test.use({ locale: 'es-MX' });

  test('a room calls, the desk answers and hangs up, all in Spanish', async ({ page, desk }) => {
    await expect(page.locator('html')).toHaveAttribute('lang', 'es-MX');
    await expect(page.locator('[data-testid="settings-open"]')).toHaveText('Configuración');
    const sessionId = await desk.room('r101').callDesk();
    const card = page.locator(`[data-testid="incoming-call"][data-session-id="${sessionId}"]`);
    await expect(card).toHaveAttribute('aria-label', 'Room 101 está llamando');
    await expect(card.locator('[data-testid="answer"]')).toContainText('Atender');
    await expect(card.locator('[data-testid="decline"]')).toContainText('Rechazar');
    await expect(tile(page, 'r101')).toContainText('Llamando');
    await expect(announcer(page)).toContainText('Room 101 está llamando');
    await expect(page).toHaveTitle(/^\(1\) Room 101 está llamando — /);

    await card.locator('[data-testid="answer"]').click();
    const active = page.locator(`[data-testid="active-call"][data-session-id="${sessionId}"]`);
    await expect(active).toHaveAttribute('data-state', 'active');
    await expect(active.locator('[data-testid="hangup"]')).toContainText('Colgar');
    await expect(active.locator('[data-testid="hold"]')).toContainText('Espera');
    await expect(tile(page, 'r101')).toContainText('En llamada');
    await expect(announcer(page)).toContainText('Atendida: Room 101');
    await expectPageMediaFlowing(page, sessionId);

    await active.locator('[data-testid="hangup"]').click();
    await expect(page.locator(`[data-testid="ended-call"][data-session-id="${sessionId}"]`)).toContainText('Llamada terminada');
    await expect(tile(page, 'r101')).toContainText('Libre');
  });
});

test('switching to Japanese in the middle of a call changes every label at once; the call goes on', async ({ page, desk }) => {
  const echo = desk.room('r102');
  const sessionId = await echo.callDesk();
  await page.locator(`[data-testid="incoming-call"][data-session-id="${sessionId}"] [data-testid="answer"]`).click();
  const active = page.locator(`[data-testid="active-call"][data-session-id="${sessionId}"]`);
  await expect(active).toHaveAttribute('data-state', 'active');
  await expect(active.locator('[data-testid="hangup"]')).toContainText('Hang up');
  await echo.waitForMediaFlowing({ timeoutMs: 10_000 });

  const marker = await page.evaluate(() => ((window as { __sameDocument?: number }).__sameDocument = Math.random()));
  expect(await desk.bridge.invoke('updateSettings', { patch: { language: 'ja' } })).toMatchObject({ ok: true });

  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  await expect(active.locator('[data-testid="hangup"]')).toContainText('終了');
  await expect(active.locator('[data-testid="mute"]')).toContainText('ミュート');
  await expect(active.locator('[data-testid="hold"]')).toContainText('保留');
  await expect(active).toContainText('通話中');
  await expect(tile(page, 'r102')).toContainText('通話中');
  await expect(page.locator('[data-testid="chip-idle"]')).toContainText('待機中');
  expect(await page.evaluate(() => (window as { __sameDocument?: number }).__sameDocument)).toBe(marker); // no reload
  await expect(active).toHaveAttribute('data-state', 'active');
  await expectPageMediaFlowing(page, sessionId);

  // The screen reader hears the next news in Japanese.
  await active.locator('[data-testid="hold"]').click();
  await expect(announcer(page)).toContainText('Room 102を保留中です');

  // Drawn with a font of the system (a platform font, not a downloaded one) that has Japanese.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = await cdp.send('DOM.getDocument');
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: '[data-testid="chip-idle"]' });
  const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
  expect(fonts.length).toBeGreaterThan(0);
  expect(fonts.every((f) => !f.isCustomFont)).toBe(true);
  expect(fonts.some((f) => /IPA|Noto Sans CJK|Hiragino|Yu Gothic|Meiryo|Source Han|VL Gothic|Takao/i.test(f.familyName))).toBe(true);
});
