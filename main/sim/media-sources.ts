// Synthetic media for a simulated Echo: an audible 440 Hz tone (48 kHz, 10 ms frames) and, for
// video, 320x240 frames with a moving bar at about 15 fps. Stop them when the call ends: live
// wrtc sources keep the Node process from exiting.
import wrtc from '@roamhq/wrtc';

const SAMPLE_RATE = 48_000;
const FRAME_SAMPLES = SAMPLE_RATE / 100; // 10 ms
const TONE_HZ = 440;
const TONE_AMPLITUDE = 0.25 * 32767;
const WIDTH = 320;
const HEIGHT = 240;
const FRAME_INTERVAL_MS = 66; // ~15 fps
const BAR_WIDTH = 32;

/**
 * @roamhq/wrtc crashes (SIGSEGV) in Node's environment cleanup once a media source has existed.
 * So when the event loop has drained and nothing else is pending, exit explicitly, keeping the
 * exit code: the process ends as it would have, without the crash.
 */
let exitGuardInstalled = false;
function installExitGuard(): void {
  if (exitGuardInstalled) return;
  exitGuardInstalled = true;
  process.on('beforeExit', () => {
    if (process.getActiveResourcesInfo().length === 0) process.exit();
  });
}

export class MediaSources {
  private audio: { track: MediaStreamTrack; timer: NodeJS.Timeout } | null = null;
  private video: { track: MediaStreamTrack; timer: NodeJS.Timeout } | null = null;

  /** The tone track, started on first use. */
  audioTrack(): MediaStreamTrack {
    if (this.audio) return this.audio.track;
    installExitGuard();
    const source = new wrtc.nonstandard.RTCAudioSource();
    const samples = new Int16Array(FRAME_SAMPLES);
    let phase = 0;
    const step = (2 * Math.PI * TONE_HZ) / SAMPLE_RATE;
    const timer = setInterval(() => {
      for (let i = 0; i < FRAME_SAMPLES; i++) {
        samples[i] = Math.round(TONE_AMPLITUDE * Math.sin(phase));
        phase = (phase + step) % (2 * Math.PI);
      }
      source.onData({ samples, sampleRate: SAMPLE_RATE, bitsPerSample: 16, channelCount: 1, numberOfFrames: FRAME_SAMPLES });
    }, 10);
    timer.unref();
    this.audio = { track: source.createTrack(), timer };
    return this.audio.track;
  }

  /** The moving-bar video track, started on first use. */
  videoTrack(): MediaStreamTrack {
    if (this.video) return this.video.track;
    installExitGuard();
    const source = new wrtc.nonstandard.RTCVideoSource();
    const lumaSize = WIDTH * HEIGHT;
    const data = new Uint8Array(lumaSize * 1.5); // I420: Y plane, then quarter-size U and V planes
    data.fill(128, lumaSize); // neutral chroma: a grey picture
    let frame = 0;
    const timer = setInterval(() => {
      const barStart = (frame++ * 6) % WIDTH;
      for (let y = 0; y < HEIGHT; y++) {
        const row = y * WIDTH;
        data.fill(48, row, row + WIDTH);
        data.fill(220, row + barStart, row + Math.min(WIDTH, barStart + BAR_WIDTH));
      }
      source.onFrame({ width: WIDTH, height: HEIGHT, data });
    }, FRAME_INTERVAL_MS);
    timer.unref();
    this.video = { track: source.createTrack(), timer };
    return this.video.track;
  }

  stop(): void {
    for (const s of [this.audio, this.video]) {
      if (!s) continue;
      clearInterval(s.timer);
      s.track.stop();
    }
    this.audio = null;
    this.video = null;
  }
}
