// Opening the desk's microphone and camera, with failures in plain words for the front desk.

/** A media failure whose message can be shown to staff as it is. */
export class PlainMediaError extends Error {}

export const NO_MICROPHONE = 'No microphone found — check the headset';
export const MICROPHONE_DENIED = 'Microphone access was denied';
export const MICROPHONE_BUSY = 'The microphone is in use by another program or could not start';
export const MEDIA_UNAVAILABLE = 'Microphone and camera are not available on this page (open it over https or from this computer)';

export function microphoneErrorText(error: unknown): string {
  switch ((error as { name?: string } | null)?.name) {
    case 'NotFoundError':
    case 'OverconstrainedError':
      return NO_MICROPHONE;
    case 'NotAllowedError':
    case 'SecurityError':
      return MICROPHONE_DENIED;
    case 'NotReadableError':
    case 'AbortError':
      return MICROPHONE_BUSY;
    default:
      return `The microphone could not start (${(error as Error)?.message || 'unknown error'})`;
  }
}

export function cameraWarningText(error: unknown): string {
  switch ((error as { name?: string } | null)?.name) {
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'No camera found — the call continues with audio only';
    case 'NotAllowedError':
    case 'SecurityError':
      return 'Camera access was denied — the call continues with audio only';
    default:
      return 'The camera could not start — the call continues with audio only';
  }
}

type Devices = Pick<MediaDevices, 'getUserMedia'> | undefined;

/** "ideal", not "exact": an unplugged headset falls back to another device instead of failing. */
function preferred(deviceId: string | null): ConstrainDOMString | undefined {
  return deviceId ? { ideal: deviceId } : undefined;
}

/** The microphone track (the chosen one when present, else the default); throws PlainMediaError. */
export async function openMicrophone(devices: Devices, deviceId: string | null = null): Promise<MediaStreamTrack> {
  if (!devices) throw new PlainMediaError(MEDIA_UNAVAILABLE);
  try {
    const stream = await devices.getUserMedia({
      audio: { deviceId: preferred(deviceId), echoCancellation: true, noiseSuppression: true, autoGainControl: true },
    });
    return stream.getAudioTracks()[0];
  } catch (error) {
    throw new PlainMediaError(microphoneErrorText(error));
  }
}

/** The camera track, or a warning: a call never fails for want of a camera. */
export async function openCamera(devices: Devices, deviceId: string | null = null): Promise<{ track: MediaStreamTrack } | { warning: string }> {
  if (!devices) return { warning: cameraWarningText(null) };
  try {
    // Echo Show screens are modest; 640x480 keeps H.264 constrained baseline / VP8 light.
    const stream = await devices.getUserMedia({
      video: { deviceId: preferred(deviceId), width: { ideal: 640 }, height: { ideal: 480 }, frameRate: { ideal: 30 } },
    });
    return { track: stream.getVideoTracks()[0] };
  } catch (error) {
    return { warning: cameraWarningText(error) };
  }
}
