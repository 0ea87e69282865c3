// The STUN/TURN servers the renderer's peers use: the settings' servers with each TURN server's
// credential from the vault (media runs in the renderer, so it needs them).
import { withTurnCredentials, type Vault } from '../auth/vault.js';
import type { DeskStatus } from '../ipc/contract.js';
import type { SettingsStore } from '../store/settings.js';

export class IceServers {
  private servers: DeskStatus['iceServers'] = [];

  constructor(
    private readonly settings: SettingsStore,
    private readonly vault: Vault,
  ) {}

  get current(): DeskStatus['iceServers'] {
    return this.servers;
  }

  async refresh(): Promise<void> {
    this.servers = await withTurnCredentials(this.settings.get().iceServers, this.vault);
  }
}
