// Property mode as the desks and the screen see it: a desk of the property, and the status bar's
// picture of the property's server and of the desks online.

export interface DeskRef {
  /** Random per run of a desk: a copied settings file never makes two desks one. */
  id: string;
  /** As staff see it, e.g. "Front desk 2". */
  name: string;
}

export interface PropertyStatus {
  /** The broker's URL (nats://, tls://, ws://, wss://). */
  broker: string;
  property: string;
  state: 'connecting' | 'connected' | 'unreachable';
  /** The property's desks online now, this one first. */
  desks: DeskRef[];
}

/** A credential for the property's server as pasted or read from a file: a NATS .creds file's text, or a token. */
export interface BrokerCredentialInput {
  kind: 'creds' | 'token';
  text: string;
}
