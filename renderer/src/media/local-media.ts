// Opening the desk's microphone and camera, with failures in plain words for the front desk (the
// message ids of those words: whoever shows them says them in the window's language).
import type { MessageId } from '../../../main/ipc/contract.js';

/** A media failure staff can read: its words, and what the browser said (for the log). */
export class PlainMediaError extends Error {
  constructor(
    readonly words: MessageId,
    readonly reason?: string,
  ) {
    super(words);
  }
}

export function microphoneProblem(error: unknown): MessageId {
  switch ((error as { name?: string } | null)?.name) {
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'media.noMicrophone';
    case 'NotAllowedError':
    case 'SecurityError':
      return 'media.microphoneDenied';
    case 'NotReadableError':
    case 'AbortError':
      return 'media.microphoneBusy';
    default:
      return 'media.microphoneFailed';
  }
}

export function cameraWarning(error: unknown): MessageId {
  switch ((error as { name?: string } | null)?.name) {
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'media.noCamera';
    case 'NotAllowedError':
    case 'SecurityError':
      return 'media.cameraDenied';
    default:
      return 'media.cameraFailed';
  }
}

type Devices = Pick<MediaDevices, 'getUserMedia'> | undefined;

/** "ideal", not "exact": an unplugged headset falls back to another device instead of failing. */
function preferred(deviceId: string | null): ConstrainDOMString | undefined {
  return deviceId ? { ideal: deviceId } : undefined;
}

/** The microphone track (the chosen one when present, else the default); throws PlainMediaError. */
export async function openMicrophone(devices: Devices, deviceId: string | null = null): Promise<MediaStreamTrack> {
  if (!devices) throw new PlainMediaError('media.unavailable');
  try {
    const stream = await devices.getUserMedia({
      audio: { deviceId: preferred(deviceId), echoCancellation: true, noiseSuppression: true, autoGainControl: true },
    });
    return stream.getAudioTracks()[0];
  } catch (error) {
    throw new PlainMediaError(microphoneProblem(error), error instanceof Error ? `${error.name}: ${error.message}` : String(error));
  }
}

/** The camera track, or a warning: a call never fails for want of a camera. */
export async function openCamera(devices: Devices, deviceId: string | null = null): Promise<{ track: MediaStreamTrack } | { warning: MessageId }> {
  if (!devices) return { warning: cameraWarning(null) };
  try {
    // Echo Show screens are modest; 640x480 keeps H.264 constrained baseline / VP8 light.
    const stream = await devices.getUserMedia({
      video: { deviceId: preferred(deviceId), width: { ideal: 640 }, height: { ideal: 480 }, frameRate: { ideal: 30 } },
    });
    return { track: stream.getVideoTracks()[0] };
  } catch (error) {
    return { warning: cameraWarning(error) };
  }
}
