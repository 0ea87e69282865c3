// Plain contract values for tests: a call as the renderer sees it and the desk's status, each with
// neutral defaults that a test overrides where it matters.
import type { CallView, DeskStatus } from '../../main/ipc/contract.js';

export function callView(over: Partial<CallView> = {}): CallView {
  return {
    sessionId: 's1',
    direction: 'incoming',
    phase: 'ringing',
    roomId: 'r1',
    title: 'Room 101',
    remote: { type: 'RAW_ADDRESS', value: 'echo-101' },
    video: false,
    held: false,
    heldAt: null,
    remoteHeld: false,
    negotiating: false,
    connecting: false,
    startedAt: 1000,
    answeredAt: null,
    endedAt: null,
    endReason: null,
    error: null,
    desk: null,
    ...over,
  };
}

export function deskStatus(over: Partial<DeskStatus> = {}): DeskStatus {
  return {
    mode: 'demo',
    region: 'NA',
    contactId: 'front-desk',
    webhook: { url: 'http://127.0.0.1:8321', listening: true, error: null, lastEventAt: null, secret: 'none' },
    autoAnswer: 'off',
    dnd: false,
    language: 'system',
    vault: 'keychain',
    iceServers: [],
    iceGatherTimeoutMs: 2000,
    deskName: 'Front Desk',
    property: null,
    propertyRestart: null,
    ...over,
  };
}
