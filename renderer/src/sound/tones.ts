// Ringtone and ringback, synthesized with WebAudio (no sound files). The sound goes through an
// <audio> element so staff can send the ringer to its own device (setSinkId), e.g. a loud speaker
// while the call itself stays on the headset.

export type Tone = 'ring' | 'ringback';

interface ToneShape {
  frequencies: number[];
  gain: number;
  /** [on, off] seconds, repeated. */
  pattern: [number, number][];
}

const TONES: Record<Tone, ToneShape> = {
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

  function start(tone: Tone): () => void {
    const { context: ctx, sink } = output();
    const shape = TONES[tone];
    const gain = ctx.createGain();
    gain.gain.value = 0;
    gain.connect(sink);
    const oscillators = shape.frequencies.map((frequency) => {
      const osc = ctx.createOscillator();
      osc.frequency.value = frequency;
      osc.connect(gain);
      osc.start();
      return osc;
    });
    const cycle = shape.pattern.reduce((sum, [on, off]) => sum + on + off, 0);
    const schedule = () => {
      let t = ctx.currentTime + 0.02;
      for (const [on, off] of shape.pattern) {
        // Short ramps avoid clicks.
        gain.gain.setValueAtTime(0, t);
        gain.gain.linearRampToValueAtTime(shape.gain, t + 0.02);
        gain.gain.setValueAtTime(shape.gain, t + on - 0.02);
        gain.gain.linearRampToValueAtTime(0, t + on);
        t += on + off;
      }
    };
    schedule();
    const timer = setInterval(schedule, cycle * 1000);
    return () => {
      clearInterval(timer);
      gain.gain.cancelScheduledValues(ctx.currentTime);
      gain.gain.setValueAtTime(0, ctx.currentTime);
      for (const osc of oscillators) osc.stop();
      gain.disconnect();
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
