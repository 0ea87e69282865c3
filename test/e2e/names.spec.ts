// What staff read: room names and the desk's name, never Amazon ids; a caller the directory does
// not know is "Unknown room", and its id shows only where it is added to the directory.
import { expect, ROOMS, test, tile, type DirectoryRoom } from './harness.js';

const UNKNOWN = 'amzn1.ask.account.AHX7Q2TESTCALLER0000000000000000000001';
const LONG_NAME = 'Presidential Garden Terrace Suite with Lake View 1-011';

test.describe('a directory with a long room name', () => {
  const LONG_ADDRESS = `amzn1.alexa.endpoint.${'A1B2C3D4E5'.repeat(9)}`;
  const directory: DirectoryRoom[] = [
    ...ROOMS,
    { id: 'r1011', name: LONG_NAME, floor: '1', address: 'echo-1011', addressType: 'RAW_ADDRESS' },
    { id: 'suite-presidential-lake-view-east', name: 'Suite', floor: '1', address: LONG_ADDRESS, addressType: 'RAW_ADDRESS' },
  ];
  test.use({ directory: [directory, { scope: 'test' }] });

  test('an unknown caller is "Unknown room" everywhere, its id only in the room editor it opens', async ({ page, desk }) => {
    const sessionId = await desk.echo(UNKNOWN).callDesk();
    const card = page.locator(`[data-testid="incoming-call"][data-session-id="${sessionId}"]`);
    await expect(card).toContainText('Unknown room');
    await expect(page.locator('[data-testid="ringing-banner"]')).toContainText('Unknown room');
    await expect(page.locator('[data-testid="announcer"]')).toContainText('Unknown room is calling');
    expect(await page.locator('body').innerText()).not.toContain('amzn1');

    await card.locator('[data-testid="add-to-directory"]').click();
    await expect(page.locator('[data-testid="room-editor"]')).toBeVisible();
    await expect(page.locator('[data-testid="room-address"] input, input[data-testid="room-address"]').first()).toHaveValue(UNKNOWN);
    await expect(card).toBeVisible(); // the call still rings beside the settings

    await card.locator('[data-testid="decline"]').click();
    await expect(page.locator('[data-testid="ended-call"]')).toContainText('Unknown room');
    await page.locator('[data-testid="settings-close"]').click();
    await page.locator('[data-testid="drawer-history"]').click();
    await expect(page.locator('table.history tbody tr').first()).toContainText('Unknown room');
    expect(await page.locator('body').innerText()).not.toContain('amzn1');
  });

  test('a long room name wraps inside its card and its tile, never past them', async ({ page, desk }) => {
    const sessionId = await desk.echo('echo-1011').callDesk();
    const title = page.locator(`[data-testid="incoming-call"][data-session-id="${sessionId}"] .card-title`);
    await expect(title).toContainText(LONG_NAME);
    const fits = (el: Element) => el.scrollWidth <= el.clientWidth + 1;
    expect(await title.evaluate(fits)).toBe(true);
    const name = tile(page, 'r1011').locator('.tile-name');
    expect(await name.evaluate(fits)).toBe(true);
    // "1-011" stays whole: the line breaks between words.
    const lines = await name.locator('.word').evaluateAll((words) => words.map((w) => [w.textContent, (w as HTMLElement).getBoundingClientRect().height]));
    expect(lines.find(([word]) => word === '1-011')?.[1]).toBeLessThan(40);

    // The directory table fits its box: long names and Amazon addresses wrap, the actions show whole.
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.locator('[data-testid="settings-open"]').click();
    await page.locator('[data-testid="settings-rooms"]').click();
    const scroller = page.locator('.table-scroll');
    expect(await scroller.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
    for (const id of ['r1011', 'suite-presidential-lake-view-east']) {
      const remove = page.locator(`[data-testid="room-row"][data-room-id="${id}"] [data-testid="remove-room"]`);
      await remove.scrollIntoViewIfNeeded();
      await expect(remove).toBeInViewport({ ratio: 1 });
    }
  });
});

test('the header shows the desk name from the settings; the contact id is a detail', async ({ page, desk }) => {
  expect((await desk.bridge.invoke('updateSettings', { patch: { deskName: 'Lobby desk' } })).ok).toBe(true);
  const name = page.locator('[data-testid="desk-name"]');
  await expect(name).toHaveText('Lobby desk');
  await expect(name).toHaveAttribute('title', /front-desk/);
  await expect(page).toHaveTitle('Lobby desk');
  await desk.room('r101').callDesk();
  await expect(page).toHaveTitle('(1) Room 101 is calling — Lobby desk');
});
