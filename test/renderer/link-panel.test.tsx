// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LinkStatus } from '../../main/ipc/contract.js';
import { LinkPanel } from '../../renderer/src/components/LinkPanel.js';
import { byTestId, click, fakeDesk, mount, type, type Mounted } from './form-helpers.js';

const CLIENT_ID = 'amzn1.application-oa2-client.0123456789abcdef0123456789abcdef';

function linkStatus(over: { signaling?: Partial<LinkStatus['signaling']>; setup?: Partial<LinkStatus['setup']> } = {}): LinkStatus {
  return {
    signaling: { linked: false, clientIdSet: false, validUntil: null, lastError: null, fromEnvironment: false, ...over.signaling },
    setup: { signedIn: false, clientIdSet: false, signInPending: false, returnUrl: 'http://localhost:8322/callback', ...over.setup },
  };
}

let ui: Mounted;
beforeEach(() => (ui = mount()));
afterEach(() => ui.unmount());

const input = (testId: string) => byTestId<HTMLInputElement>(ui.container, testId);

describe('LinkPanel: call signaling link', () => {
  it("saves the skill's messaging client, clears the secret and shows main's warning in plain words", async () => {
    const fake = fakeDesk({
      getLinkStatus: () => ({ ok: true, value: linkStatus() }),
      saveSignalingClient: () => ({ ok: true, value: { warning: { id: 'link.clientIdShape' } } }),
    });
    await ui.render(<LinkPanel desk={fake.desk} refreshKey="" />);
    expect(input('signaling-client-secret').type).toBe('password');
    expect(input('signaling-client-secret').getAttribute('autocomplete')).toBe('off');
    await type(input('signaling-client-id'), ' my-client ');
    await type(input('signaling-client-secret'), 'skill-secret-1');
    await click(byTestId(ui.container, 'save-signaling-client'));
    expect(fake.sent('saveSignalingClient')).toEqual([{ clientId: 'my-client', clientSecret: 'skill-secret-1' }]);
    expect(input('signaling-client-secret').value).toBe('');
    expect(input('signaling-client-id').value).toBe('');
    expect(ui.container.innerHTML).not.toContain('skill-secret-1');
    expect(byTestId(ui.container, 'signaling-client-outcome').textContent).toContain('Check: Client ID: this does not look like a Login with Amazon client ID');
    expect(fake.sent('getLinkStatus').length).toBe(2); // reloaded after the save
  });

  it('asks for missing fields without calling main', async () => {
    const fake = fakeDesk({ getLinkStatus: () => ({ ok: true, value: linkStatus() }) });
    await ui.render(<LinkPanel desk={fake.desk} refreshKey="" />);
    await type(input('signaling-client-id'), CLIENT_ID);
    await click(byTestId(ui.container, 'save-signaling-client'));
    expect(fake.sent('saveSignalingClient')).toEqual([]);
    expect(byTestId(ui.container, 'signaling-client-outcome').textContent).toContain('Fill in the client secret');
  });

  it("links by hand with all three, shows Amazon's refusal in plain words and never keeps the secrets", async () => {
    const refusal = 'Amazon did not accept the refresh token: it is wrong, expired or withdrawn, or belongs to another client ID';
    const words = { id: 'link.error.refreshTokenRefused' } as const;
    const fake = fakeDesk({
      getLinkStatus: () => ({ ok: true, value: linkStatus({ signaling: { clientIdSet: true, lastError: words } }) }),
      linkSignaling: () => ({ ok: false, error: 'signaling manual link failed (invalid_grant)', message: words }),
    });
    await ui.render(<LinkPanel desk={fake.desk} refreshKey="" />);
    await type(input('manual-client-id'), CLIENT_ID);
    await type(input('manual-client-secret'), 'skill-secret-2');
    await type(input('manual-refresh-token'), 'Atzr|token-3');
    await click(byTestId(ui.container, 'manual-link'));
    expect(fake.sent('linkSignaling')).toEqual([{ clientId: CLIENT_ID, clientSecret: 'skill-secret-2', refreshToken: 'Atzr|token-3' }]);
    expect(byTestId(ui.container, 'manual-link-outcome').textContent).toContain(`Not linked: ${refusal}`);
    expect(byTestId(ui.container, 'signaling-state').textContent).toContain(`Last problem: ${refusal}`);
    expect(input('manual-client-secret').value).toBe('');
    expect(input('manual-refresh-token').value).toBe('');
    expect(input('manual-client-id').value).toBe(CLIENT_ID); // kept to correct and retry
    expect(ui.container.innerHTML).not.toContain('skill-secret-2');
    expect(ui.container.innerHTML).not.toContain('token-3');
  });

  it('shows the link state: linked, token validity and the last problem', async () => {
    const fake = fakeDesk({
      getLinkStatus: () => ({ ok: true, value: linkStatus({ signaling: { linked: true, clientIdSet: true, validUntil: Date.now() + 3_600_000, lastError: { id: 'link.error.unreachable' } } }) }),
    });
    await ui.render(<LinkPanel desk={fake.desk} refreshKey="" />);
    const state = byTestId(ui.container, 'signaling-state').textContent;
    expect(state).toContain('Linked: calls go through Alexa');
    expect(state).toContain('Access token valid until');
    expect(state).toContain("Last problem: Amazon's login service could not be reached");
  });

  it('unlinks only after the inline confirmation', async () => {
    let linked = true;
    const fake = fakeDesk({
      getLinkStatus: () => ({ ok: true, value: linkStatus({ signaling: { linked, clientIdSet: linked } }) }),
      unlinkSignaling: () => {
        linked = false;
        return { ok: true, value: undefined };
      },
    });
    await ui.render(<LinkPanel desk={fake.desk} refreshKey="" />);
    await click(byTestId(ui.container, 'unlink'));
    expect(fake.sent('unlinkSignaling')).toEqual([]);
    expect(byTestId(ui.container, 'unlink-confirm').textContent).toContain('Calls stop reaching the rooms');
    await click(byTestId(ui.container, 'unlink-yes'));
    expect(fake.sent('unlinkSignaling')).toEqual([{}]);
    expect(byTestId(ui.container, 'signaling-state').textContent).toContain('Not linked');
  });

  it('says when the link comes from the environment variables', async () => {
    const fake = fakeDesk({ getLinkStatus: () => ({ ok: true, value: linkStatus({ signaling: { linked: true, clientIdSet: true, fromEnvironment: true } }) }) });
    await ui.render(<LinkPanel desk={fake.desk} refreshKey="a" />);
    expect(byTestId(ui.container, 'signaling-from-environment').textContent).toMatch(/DESK_LWA_\* environment variables.*Unlink stops using them until the console restarts/);
  });

  it('reloads the state when main reports something', async () => {
    let linked = false;
    const fake = fakeDesk({ getLinkStatus: () => ({ ok: true, value: linkStatus({ signaling: { linked, clientIdSet: true } }) }) });
    await ui.render(<LinkPanel desk={fake.desk} refreshKey="a" />);
    expect(byTestId(ui.container, 'signaling-state').textContent).toContain('Not linked yet');
    linked = true; // e.g. the grant arrived through the skill
    await ui.render(<LinkPanel desk={fake.desk} refreshKey="b" />);
    expect(byTestId(ui.container, 'signaling-state').textContent).toContain('Linked: calls go through Alexa');
  });
});

describe('LinkPanel: setup sign-in', () => {
  it('starts the sign-in, clears the secret and links to the returned address', async () => {
    const authorizeUrl = 'https://www.amazon.com/ap/oa?client_id=x&state=y';
    let pending = false;
    const fake = fakeDesk({
      getLinkStatus: () => ({ ok: true, value: linkStatus({ setup: { signInPending: pending } }) }),
      setupSignIn: () => {
        pending = true;
        return { ok: true, value: { authorizeUrl } };
      },
    });
    await ui.render(<LinkPanel desk={fake.desk} refreshKey="" />);
    await type(input('setup-client-id'), CLIENT_ID);
    await type(input('setup-client-secret'), 'profile-secret-4');
    await click(byTestId(ui.container, 'setup-signin-submit'));
    expect(fake.sent('setupSignIn')).toEqual([{ clientId: CLIENT_ID, clientSecret: 'profile-secret-4' }]);
    expect(input('setup-client-secret').value).toBe('');
    expect(ui.container.innerHTML).not.toContain('profile-secret-4');
    expect(byTestId(ui.container, 'signin-pending').textContent).toContain('Finish signing in in your browser');
    const link = byTestId<HTMLAnchorElement>(ui.container, 'authorize-link');
    expect(link.href).toBe(authorizeUrl);
    expect(link.target).toBe('_blank');
    expect(byTestId(ui.container, 'setup-state').textContent).toContain('Waiting for the sign-in');
  });

  it('tells the administrator which return URL the security profile must allow, until signed in', async () => {
    let signedIn = false;
    const fake = fakeDesk({ getLinkStatus: () => ({ ok: true, value: linkStatus({ setup: { signedIn, returnUrl: 'http://localhost:8400/callback' } }) }) });
    await ui.render(<LinkPanel desk={fake.desk} refreshKey="a" />);
    expect(byTestId(ui.container, 'setup-return-url').textContent).toMatch(/Add http:\/\/localhost:8400\/callback to the security profile's Allowed Return URLs/);
    signedIn = true;
    await ui.render(<LinkPanel desk={fake.desk} refreshKey="b" />);
    expect(ui.container.querySelector('[data-testid="setup-return-url"]')).toBeNull();
  });

  it('does not make a link of an address that is not a web address', async () => {
    const fake = fakeDesk({
      getLinkStatus: () => ({ ok: true, value: linkStatus() }),
      setupSignIn: () => ({ ok: true, value: { authorizeUrl: 'javascript:alert(1)' } }),
    });
    await ui.render(<LinkPanel desk={fake.desk} refreshKey="" />);
    await type(input('setup-client-id'), CLIENT_ID);
    await type(input('setup-client-secret'), 'profile-secret-5');
    await click(byTestId(ui.container, 'setup-signin-submit'));
    expect(ui.container.querySelector('[data-testid="authorize-link"]')).toBeNull();
    expect(ui.container.querySelector('a[href^="javascript"]')).toBeNull();
  });

  it("shows main's error when the sign-in cannot start", async () => {
    const fake = fakeDesk({
      getLinkStatus: () => ({ ok: true, value: linkStatus() }),
      setupSignIn: () => ({ ok: false, error: 'clientSecret: is too short (at least 8 characters)' }),
    });
    await ui.render(<LinkPanel desk={fake.desk} refreshKey="" />);
    await type(input('setup-client-id'), CLIENT_ID);
    await type(input('setup-client-secret'), 'short');
    await click(byTestId(ui.container, 'setup-signin-submit'));
    expect(byTestId(ui.container, 'setup-signin-outcome').textContent).toContain('Sign-in did not start: Client secret: is too short (at least 8 characters)');
    expect(input('setup-client-secret').value).toBe('');
  });

  it('signs out when signed in', async () => {
    const fake = fakeDesk({ getLinkStatus: () => ({ ok: true, value: linkStatus({ setup: { signedIn: true, clientIdSet: true } }) }) });
    await ui.render(<LinkPanel desk={fake.desk} refreshKey="" />);
    expect(ui.container.querySelector('[data-testid="setup-signin-form"]')).toBeNull();
    await click(byTestId(ui.container, 'setup-signout'));
    expect(fake.sent('setupSignOut')).toEqual([{}]);
  });
});
