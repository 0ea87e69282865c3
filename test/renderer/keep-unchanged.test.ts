import { describe, expect, it } from 'vitest';
import { keepUnchanged, sameData } from '../../renderer/src/state/keep-unchanged.js';

type Item = { id: string; phase: string; remote: { value: string } };
const item = (id: string, phase = 'ringing', value = `echo-${id}`): Item => ({ id, phase, remote: { value } });
const byId = (i: Item) => i.id;

describe('sameData', () => {
  it('compares plain data deeply', () => {
    expect(sameData(item('a'), item('a'))).toBe(true);
    expect(sameData(item('a'), item('a', 'active'))).toBe(false);
    expect(sameData(item('a'), item('a', 'ringing', 'other'))).toBe(false);
    expect(sameData({ a: 1, b: undefined }, { a: 1, c: undefined })).toBe(false);
    expect(sameData([1, 2], { 0: 1, 1: 2 })).toBe(false);
    expect(sameData(null, {})).toBe(false);
    expect(sameData(NaN, NaN)).toBe(true);
  });
});

describe('keepUnchanged', () => {
  it('keeps the previous objects of unchanged items and takes the changed ones', () => {
    const previous = [item('a'), item('b')];
    const next = keepUnchanged(previous, [item('a'), item('b', 'active'), item('c')], byId);
    expect(next[0]).toBe(previous[0]);
    expect(next[1]).not.toBe(previous[1]);
    expect(next[1].phase).toBe('active');
    expect(next.map(byId)).toEqual(['a', 'b', 'c']);
  });

  it('returns the previous list itself when nothing changed', () => {
    const previous = [item('a'), item('b')];
    expect(keepUnchanged(previous, [item('a'), item('b')], byId)).toBe(previous);
  });

  it('returns a new list when items were removed or reordered, even if each item is unchanged', () => {
    const previous = [item('a'), item('b')];
    const removed = keepUnchanged(previous, [item('b')], byId);
    expect(removed).not.toBe(previous);
    expect(removed[0]).toBe(previous[1]);
    const reordered = keepUnchanged(previous, [item('b'), item('a')], byId);
    expect(reordered).not.toBe(previous);
    expect(reordered).toEqual([previous[1], previous[0]]);
  });
});
