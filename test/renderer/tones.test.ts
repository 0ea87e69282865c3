import { describe, expect, it } from 'vitest';
import { toneCycle, TONES } from '../../renderer/src/sound/tones.js';

const RATE = 8_000;
/** The loudest sample between two times (s). */
const peak = (samples: Float32Array, from: number, to: number) => Math.max(...samples.slice(Math.round(from * RATE), Math.round(to * RATE)).map(Math.abs));

describe('toneCycle', () => {
  it('renders one ring cycle: two bursts, then the long pause, for the audio engine to loop', () => {
    const ring = toneCycle(TONES.ring, RATE);
    expect(ring.length).toBe(Math.round(2.8 * RATE)); // 0.4 on, 0.2 off, 0.4 on, 1.8 off
    expect(peak(ring, 0.05, 0.35)).toBeGreaterThan(0.2);
    expect(peak(ring, 0.41, 0.59)).toBe(0);
    expect(peak(ring, 0.65, 0.95)).toBeGreaterThan(0.2);
    expect(peak(ring, 1.01, 2.8)).toBe(0);
  });

  it('starts and ends each burst quietly (no click) and never clips', () => {
    const ring = toneCycle(TONES.ring, RATE);
    expect(Math.abs(ring[0])).toBeLessThan(0.01);
    expect(peak(ring, 0.399, 0.4)).toBeLessThan(0.05);
    expect(peak(ring, 0, 2.8)).toBeLessThanOrEqual(1);
    expect(peak(toneCycle(TONES.ringback, RATE), 0, 6)).toBeLessThan(0.2); // the ringback is quieter
  });
});
