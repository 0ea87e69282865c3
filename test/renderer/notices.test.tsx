// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Notice } from '../../main/ipc/contract.js';
import { Notices } from '../../renderer/src/components/Notices.js';
import { text } from '../../main/domain/text.js';
import { withWords } from './with-words.js';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let container: HTMLDivElement;
let root: Root;
beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
});
afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

const notice = (id: string, level: Notice['level'], at: number, over: Partial<Notice> = {}): Notice => ({ id, level, message: text('call.roomBusy', { room: `Room ${id}` }), at, ...over });
const fixes = () => ({ onRelink: vi.fn(), onOpenSettings: vi.fn(), onOpenRooms: vi.fn(), onRetryWebhook: vi.fn(), onDismiss: vi.fn() });

function render(notices: Notice[], connectionText: string | null = null, f = fixes()) {
  act(() => root.render(withWords(<Notices notices={notices} connectionText={connectionText} {...f} />)));
  return f;
}
const texts = () => [...container.querySelectorAll('[data-testid="notice"] .notice-text')].map((el) => el.textContent);
const click = (el: Element | null) => act(() => (el as HTMLElement).click());

describe('Notices', () => {
  it('shows errors first and folds all but two into "n more"', () => {
    render([notice('i', 'info', 5), notice('w', 'warning', 4), notice('e1', 'error', 1), notice('e2', 'error', 2)]);
    expect(texts()).toEqual(['Room e2 is already on a call with the desk', 'Room e1 is already on a call with the desk']);
    const more = container.querySelector('[data-testid="notices-more"]');
    expect(more?.textContent).toBe('2 more notices');
    click(more);
    expect(texts()).toEqual(['e2', 'e1', 'w', 'i'].map((id) => `Room ${id} is already on a call with the desk`));
    click([...container.querySelectorAll('.notices-fold')].find((b) => b.textContent === 'Show fewer notices')!);
    expect(texts()).toHaveLength(2);
  });

  it('keeps the technical detail behind Details', () => {
    render([notice('e', 'error', 1, { message: text('notice.linkExpired'), detail: 'CallAccepted refused by Alexa (HTTP 401): Unauthorized' })]);
    expect(container.textContent).not.toContain('HTTP 401');
    const details = container.querySelector('[data-testid="notice-details"]');
    expect(details?.getAttribute('aria-expanded')).toBe('false');
    click(details);
    expect(container.querySelector('[data-testid="notice-detail"]')?.textContent).toBe('CallAccepted refused by Alexa (HTTP 401): Unauthorized');
    click(details);
    expect(container.querySelector('[data-testid="notice-detail"]')).toBeNull();
  });

  it('offers no Details when there are none, and each fix one click away', () => {
    const f = render([notice('r', 'error', 1, { action: 'open-rooms' }), notice('l', 'error', 2, { action: 'relink' })]);
    expect(container.querySelector('[data-testid="notice-details"]')).toBeNull();
    click(container.querySelector('[data-testid="notice-open-rooms"]'));
    click(container.querySelector('[data-testid="notice-relink"]'));
    expect(f.onOpenRooms).toHaveBeenCalled();
    expect(f.onRelink).toHaveBeenCalled();
  });

  it("says each notice in the window's language, with its values", () => {
    act(() => root.render(withWords(<Notices notices={[notice('e', 'error', 1, { action: 'relink', message: text('notice.connectionBlocked', { room: text('room.unknown') }) })]} connectionText={null} {...fixes()} />, 'ja')));
    expect(texts()).toEqual(['不明な部屋との通話を接続できませんでした。ネットワークが音声と映像を遮断しています。TURN サーバーが必要な場合があります']);
    expect(container.querySelector('[data-testid="notice-relink"]')?.textContent).toContain('再連携');
  });

  it('says a lost console above everything', () => {
    render([notice('e', 'error', 1)], 'Reconnecting to the console…');
    expect(container.querySelector('.notices > :first-child')?.textContent).toContain('Reconnecting to the console…');
  });
});
