// Wire format of the headless WebSocket bridge (main/headless/bridge.ts ↔ renderer/client).
// The bridge carries exactly the contract in ./contract.ts, nothing more.
//   URL: ws://127.0.0.1:<ui-port>/bridge?token=<one-time token from the DESK_READY ui URL>
import type { CommandName, EventName, DeskEvents } from './contract.js';

export const BRIDGE_PATH = '/bridge';

/** How the server closes the bridge when the console itself stops (not a dropped connection). */
export const BRIDGE_STOPPING = { code: 4000, reason: 'console stopping' } as const;

/** Client → server: call a command. */
export interface BridgeRequest {
  id: number;
  command: CommandName;
  args: unknown;
}

/** Server → client: the command's Result, or a push event. */
export type BridgeMessage =
  | { id: number; result: unknown }
  | { [E in EventName]: { event: E; payload: DeskEvents[E] } }[EventName];
