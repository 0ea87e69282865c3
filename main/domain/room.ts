// A room of the property's directory (DESIGN §3.5): shared by the directory, the stores, the views
// and the renderer.
import type { ParticipantIdType } from '../protocol/messages.js';

export type AddressType = ParticipantIdType;

export interface Room {
  id: string;
  name: string;
  floor?: string;
  wing?: string;
  group?: string;
  /** The Echo's participant id value. */
  address: string;
  addressType: AddressType;
}
