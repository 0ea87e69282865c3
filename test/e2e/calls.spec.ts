// The front desk's calls, end to end: the real renderer in Chromium, headless mode, and simulated
// Echo rooms whose peers are plain RTCPeerConnections without a data channel. Media is proven by
// inbound RTP bytes growing on both sides.
import { expect, expectPageMediaFlowing, NS, test, tile } from './harness.js';

test('an Echo calls, the desk answers, media flows both ways, the Echo hangs up, the tile returns to idle', async ({ page, desk }) => {
  const echo = desk.room('r101');
  const sessionId = await echo.callDesk();

  const card = page.locator(`[data-testid="incoming-call"][data-session-id="${sessionId}"]`);
  await expect(card).toBeVisible();
  await expect(card).toContainText('Room 101');
  await expect(tile(page, 'r101')).toHaveAttribute('data-status', 'incoming');

  await card.locator('[data-testid="answer"]').click();
  const active = page.locator(`[data-testid="active-call"][data-session-id="${sessionId}"]`);
  await expect(active).toHaveAttribute('data-state', 'active');
  await expect(tile(page, 'r101')).toHaveAttribute('data-status', 'in-call');
  await expect(active.locator('video[data-testid="remote-media"]')).toHaveCount(1);
  await echo.waitForMediaFlowing({ timeoutMs: 10_000 });
  await expectPageMediaFlowing(page, sessionId);

  await echo.hangup();
  await expect(active).toHaveCount(0);
  await expect(tile(page, 'r101')).toHaveAttribute('data-status', 'idle');
});

test.describe('with auto-answer on', () => {
  test.use({ consoleArgs: ['--auto-answer', 'all'] });

  test('an Echo call is answered without a click and media flows', async ({ page, desk }) => {
    const echo = desk.room('r102');
    const sessionId = await echo.callDesk();
    await expect(page.locator(`[data-testid="active-call"][data-session-id="${sessionId}"]`)).toHaveAttribute('data-state', 'active');
    await echo.waitForMediaFlowing({ timeoutMs: 10_000 });
    await expectPageMediaFlowing(page, sessionId);
    const ended = new Promise((resolve) => echo.once('ended', resolve));
    await page.locator('[data-testid="hangup"]').click();
    await ended;
  });
});

test('the desk calls a room, it rings and answers, media flows, the desk hangs up and CallEnded reaches Alexa', async ({ page, desk }) => {
  const echo = desk.room('r201');
  echo.policy = { answer: 'manual', answerDelayMs: 0, sendInProgress: true };
  await tile(page, 'r201').locator('[data-testid="call-room"]').click();
  await expect(tile(page, 'r201')).toHaveAttribute('data-status', 'outgoing');

  const invite = await desk.sim.waitFor((m) => m.type === `${NS}InitiateInboundCall`, 10_000);
  const sessionId = invite.sessionId;
  expect(JSON.stringify(invite)).not.toContain('m=application'); // no data channel offered
  await expect.poll(() => echo.state).toBe('ringing');
  await echo.accept();

  const active = page.locator(`[data-testid="active-call"][data-session-id="${sessionId}"]`);
  await expect(active).toHaveAttribute('data-state', 'active');
  await echo.waitForMediaFlowing({ timeoutMs: 10_000 });
  await expectPageMediaFlowing(page, sessionId);

  await active.locator('[data-testid="hangup"]').click();
  await desk.sim.waitFor((m) => m.sessionId === sessionId && m.type === `${NS}CallEnded`);
  await expect(tile(page, 'r201')).toHaveAttribute('data-status', 'idle');
  expect(echo.state).toBe('idle');
});

test('the call survives every Alexa re-offer: video off right after the answer, video on, hold and resume', async ({ page, desk }) => {
  const echo = desk.room('r101');
  const sessionId = await echo.callDesk({ video: true });
  await page.locator(`[data-testid="incoming-call"][data-session-id="${sessionId}"] [data-testid="answer"]`).click();
  const active = page.locator(`[data-testid="active-call"][data-session-id="${sessionId}"]`);
  await expect(active).toHaveAttribute('data-state', 'active');

  const responses = () => desk.sim.received.filter((m) => m.sessionId === sessionId && m.type === `${NS}CallUpdateResponse`);
  const steps = [
    { renegotiationType: 'CALL_UPDATE', video: false },
    { renegotiationType: 'CALL_UPDATE', video: true },
    { renegotiationType: 'CALL_HOLD' },
    { renegotiationType: 'CALL_RESUME' },
  ] as const;
  for (const step of steps) {
    const before = responses().length;
    await echo.reoffer(step);
    await expect.poll(() => responses().length, { message: `CallUpdateResponse to ${step.renegotiationType}` }).toBe(before + 1);
    expect(responses().at(-1)).toMatchObject({ renegotiationType: step.renegotiationType, sdpDetails: { type: 'ANSWER' } });
    await expect(active).toBeVisible();
    if (step.renegotiationType !== 'CALL_HOLD') {
      await echo.waitForMediaFlowing({ timeoutMs: 10_000 });
      await expectPageMediaFlowing(page, sessionId);
    }
  }
  await expectPageMediaFlowing(page, sessionId, 'video');
  expect(desk.sim.received.some((m) => m.sessionId === sessionId && m.type === `${NS}CallEnded`)).toBe(false);
});

test('a call nobody answers times out and leaves a missed call', async ({ page, desk }) => {
  expect((await desk.bridge.invoke('updateSettings', { patch: { ringTimeoutMs: 5_000 } })).ok).toBe(true);
  const sessionId = await desk.room('r201').callDesk();
  await expect(page.locator(`[data-testid="incoming-call"][data-session-id="${sessionId}"]`)).toBeVisible();
  const ended = await desk.sim.waitFor((m) => m.sessionId === sessionId && m.type === `${NS}CallEnded`, 10_000);
  expect(ended).toMatchObject({ callResult: { code: 'SESSION_TIMEOUT' } });
  await expect(tile(page, 'r201')).toHaveAttribute('data-status', 'missed');
});

test('two rooms call at once: both ring, answering one leaves the other ringing', async ({ page, desk }) => {
  const [first, second] = await Promise.all([desk.room('r101').callDesk(), desk.room('r102').callDesk()]);
  await expect(page.locator('[data-testid="incoming-call"]')).toHaveCount(2);
  await page.locator(`[data-testid="incoming-call"][data-session-id="${first}"] [data-testid="answer"]`).click();
  await expect(page.locator(`[data-testid="active-call"][data-session-id="${first}"]`)).toHaveAttribute('data-state', 'active');
  await expect(page.locator(`[data-testid="incoming-call"][data-session-id="${second}"]`)).toBeVisible();
  await expect(tile(page, 'r102')).toHaveAttribute('data-status', 'incoming');
  await expectPageMediaFlowing(page, first);
});

test('a reload mid-call restores the call from main and brings its media back', async ({ page, desk }) => {
  const echo = desk.room('r101');
  const sessionId = await echo.callDesk();
  await page.locator(`[data-testid="incoming-call"][data-session-id="${sessionId}"] [data-testid="answer"]`).click();
  await expectPageMediaFlowing(page, sessionId);

  await page.reload();
  await expect(page.locator(`[data-testid="active-call"][data-session-id="${sessionId}"]`)).toHaveAttribute('data-state', 'active');
  await expect(tile(page, 'r101')).toHaveAttribute('data-status', 'in-call');
  await desk.sim.waitFor((m) => m.sessionId === sessionId && m.type === `${NS}CallUpdateAck`);
  await expectPageMediaFlowing(page, sessionId);
  await echo.waitForMediaFlowing({ timeoutMs: 10_000 });
});
