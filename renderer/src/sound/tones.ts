// Ringtone and ringback, synthesized with WebAudio (no sound files). The sound goes through an
// <audio> element so staff can send the ringer to its own device (setSinkId), e.g. a loud speaker
// while the call itself stays on the headset. One cycle of each tone is rendered once and looped by
// the audio engine itself: it rings on until stopped, however the browser throttles the page's
// timers (a hidden or minimized window).

export type Tone = 'ring' | 'ringback';

export interface ToneShape {
  frequencies: number[];
  gain: number;
  /** [on, off] seconds, repeated. */
  pattern: [number, number][];
}

export const TONES: Record<Tone, ToneShape> = {
  // Double burst, clearly a phone, audible across a lobby.
  ring: { frequencies: [523.25, 659.25], gain: 0.22, pattern: [[0.4, 0.2], [0.4, 1.8]] },
  // The familiar North American ringback, quieter: it only says "the room's Echo is ringing".
  ringback: { frequencies: [440, 480], gain: 0.08, pattern: [[2, 4]] },
};

export interface TonePlayer {
  play(tone: Tone | null): void;
  setSinkId(deviceId: string): Promise<void>;
  /**
   * Starts the browser's audio in the next idle moment. The first AudioContext can take ~100 ms of
   * the page's time: better while the desk is idle than when the first call rings.
   */
  prepare(): void;
}

export function createTonePlayer(): TonePlayer {
  let audio: { context: AudioContext; sink: MediaStreamAudioDestinationNode; element: HTMLAudioElement } | null = null;
  let playing: { tone: Tone; stop: () => void } | null = null;
  let sinkId = '';
  /** Created ahead by prepare(); output() adopts it. */
  let idleContext: AudioContext | null = null;

  // Browsers allow sound only after a click or key press: get audio going at the first one, so
  // a call that rings later is heard (and a ring that started before it becomes audible).
  const warmUp = () => void output();
  window.addEventListener('pointerdown', warmUp, { capture: true, once: true });
  window.addEventListener('keydown', warmUp, { capture: true, once: true });

  function output(): { context: AudioContext; sink: MediaStreamAudioDestinationNode; element: HTMLAudioElement } {
    if (!audio) {
      const context = idleContext ?? new AudioContext();
      const sink = context.createMediaStreamDestination();
      const element = new Audio();
      element.srcObject = sink.stream;
      if (sinkId) void element.setSinkId(sinkId).catch(() => console.warn('sound: the ringer speaker is not available'));
      audio = { context, sink, element };
    }
    void audio.context.resume();
    void audio.element.play().catch(() => {});
    return audio;
  }

  const cycles = new Map<Tone, AudioBuffer>();

  function start(tone: Tone): () => void {
    const { context: ctx, sink } = output();
    let buffer = cycles.get(tone);
    if (!buffer) {
      const samples = toneCycle(TONES[tone], ctx.sampleRate);
      buffer = ctx.createBuffer(1, samples.length, ctx.sampleRate);
      buffer.copyToChannel(samples, 0);
      cycles.set(tone, buffer);
    }
    const source = ctx.createBufferSource();
    source.buffer = buffer;
    source.loop = true;
    source.connect(sink);
    source.start();
    return () => {
      source.stop();
      source.disconnect();
    };
  }

  return {
    play(tone) {
      if (playing?.tone === tone) return;
      playing?.stop();
      playing = null;
      if (!tone) return;
      try {
        playing = { tone, stop: start(tone) };
      } catch (error) {
        console.warn('sound: the tone could not play', error);
      }
    },
    prepare() {
      if (typeof requestIdleCallback !== 'function') return;
      requestIdleCallback(() => {
        if (audio || idleContext) return;
        idleContext = new AudioContext();
        void idleContext.suspend(); // silent and idle until a tone plays
      });
    },
    // Remembered until the first tone: creating audio before a click would only be held back.
    async setSinkId(deviceId) {
      sinkId = deviceId;
      if (audio) await audio.element.setSinkId(deviceId);
    },
  };
}

/** Ramps at the edges of each burst, so it never clicks. */
const RAMP_S = 0.02;

/** One cycle of a tone as samples: each burst the sum of its frequencies, silence between. */
export function toneCycle(shape: ToneShape, sampleRate: number): Float32Array<ArrayBuffer> {
  const seconds = shape.pattern.reduce((sum, [on, off]) => sum + on + off, 0);
  const samples = new Float32Array(Math.round(seconds * sampleRate));
  let burstStart = 0;
  for (const [on, off] of shape.pattern) {
    const first = Math.round(burstStart * sampleRate);
    const last = Math.min(samples.length, Math.round((burstStart + on) * sampleRate));
    for (let i = first; i < last; i++) {
      const t = i / sampleRate;
      const into = t - burstStart;
      const envelope = Math.min(1, into / RAMP_S, (on - into) / RAMP_S);
      let wave = 0;
      for (const f of shape.frequencies) wave += Math.sin(2 * Math.PI * f * t);
      samples[i] = shape.gain * envelope * wave;
    }
    burstStart += on + off;
  }
  return samples;
}
