// A STUN/TURN server that never answered is left out of the next calls (so they do not wait the
// gathering cap again) and asked again in the background until it answers.
import { describe, expect, it } from 'vitest';
import { IceServerHealth, PROBE_EVERY_MS } from '../../renderer/src/media/ice-health.js';

const STUN = { urls: 'stun:stun.hotel.example:3478' };
const TURN = { urls: 'turn:turn.hotel.example:3478', username: 'desk', credential: 'x' };

function setup(answers: boolean[]) {
  const timers: { run: () => void; ms: number }[] = [];
  const probed: RTCIceServer[] = [];
  const health = new IceServerHealth({
    probe: async (server) => {
      probed.push(server);
      return answers.shift() ?? false;
    },
    setTimeout: (run, ms) => timers.push({ run, ms }),
  });
  const tick = async () => {
    const due = timers.splice(0);
    for (const t of due) t.run();
    await new Promise((r) => setTimeout(r, 0));
  };
  return { health, timers, probed, tick };
}

describe('IceServerHealth', () => {
  it('leaves out a STUN server that did not answer before the cap, and uses it again once a probe hears it', async () => {
    const { health, timers, probed, tick } = setup([false, true]);
    expect(health.usable([STUN])).toEqual([STUN]);
    health.gathered([STUN], { wanted: 'srflx', reachedWanted: false, capped: true });
    expect(health.usable([STUN])).toEqual([]);
    expect(timers.map((t) => t.ms)).toEqual([PROBE_EVERY_MS]);
    await tick(); // the probe hears nothing: asked again a minute later
    expect(health.usable([STUN])).toEqual([]);
    await tick();
    expect(probed).toEqual([STUN, STUN]);
    expect(health.usable([STUN])).toEqual([STUN]);
  });

  it('marks nothing when the wanted candidate came, or gathering ended before the cap', () => {
    const { health } = setup([]);
    health.gathered([STUN], { wanted: 'srflx', reachedWanted: true, capped: true });
    health.gathered([STUN], { wanted: 'srflx', reachedWanted: false, capped: false });
    health.gathered([], { wanted: null, reachedWanted: false, capped: true });
    expect(health.usable([STUN])).toEqual([STUN]);
  });

  it('a silent TURN server goes, the STUN server beside it stays', () => {
    const { health, timers } = setup([]);
    health.gathered([STUN, TURN], { wanted: 'relay', reachedWanted: false, capped: true });
    expect(health.usable([STUN, TURN])).toEqual([STUN]);
    health.gathered([STUN, TURN], { wanted: 'relay', reachedWanted: false, capped: true });
    expect(timers).toHaveLength(1); // one probe per silent server
  });
});
