// The proxy setting in the desktop app: applied to Electron's session (OS settings and PAC script,
// a fixed server, or none), and each origin's route read back from the session, so the console's
// calls to Amazon, the updater and Chromium all go the same way.
import type { Session } from 'electron';
import { routeFromPac, type ProxyResolver, type ProxySetting } from '../net/proxy.js';

export function electronProxyResolver(session: Session): (setting: ProxySetting) => ProxyResolver {
  return (setting) => {
    const applied = session.setProxy(
      setting.mode === 'manual' && setting.server
        ? { mode: 'fixed_servers', proxyRules: setting.server, proxyBypassRules: setting.bypass }
        : { mode: setting.mode === 'direct' ? 'direct' : 'system' },
    );
    return async (target) => {
      await applied;
      return routeFromPac(await session.resolveProxy(target.href));
    };
  };
}
