import { describe, expect, it } from 'vitest';
import { Rng, weightedTable } from './random.js';

describe('Rng', () => {
  it('repeats the same sequence for the same key', () => {
    const a = new Rng('seed');
    const b = new Rng('seed');
    const draws = (rng: Rng) => Array.from({ length: 50 }, () => rng.next());
    expect(draws(a)).toEqual(draws(b));
    expect(draws(new Rng('other'))).not.toEqual(draws(new Rng('seed')));
  });

  it('forks independent streams without consuming the parent', () => {
    const parent = new Rng('seed');
    const before = new Rng('seed').next();
    const child = parent.fork('child');
    expect(parent.next()).toBe(before);
    expect(child.next()).toBe(new Rng('seed').fork('child').next());
  });

  it('keeps int, pick and float in range', () => {
    const rng = new Rng('ranges');
    for (let i = 0; i < 2000; i++) {
      const n = rng.int(3, 7);
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(7);
      const f = rng.float();
      expect(f).toBeGreaterThanOrEqual(0);
      expect(f).toBeLessThan(1);
    }
    expect(['a', 'b']).toContain(rng.pick(['a', 'b']));
  });

  it('follows the weights of a weighted table', () => {
    const rng = new Rng('weights');
    const table = weightedTable([
      ['rare', 1],
      ['common', 9],
    ] as const);
    let common = 0;
    for (let i = 0; i < 10_000; i++) if (rng.weighted(table) === 'common') common++;
    expect(common / 10_000).toBeGreaterThan(0.87);
    expect(common / 10_000).toBeLessThan(0.93);
  });

  it('draws jitter around its center, clamped to three spreads', () => {
    const rng = new Rng('jitter');
    const values = Array.from({ length: 5000 }, () => rng.jitter(100, 10));
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    expect(Math.abs(mean - 100)).toBeLessThan(1);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(70);
    expect(Math.max(...values)).toBeLessThanOrEqual(130);
  });

  it('makes version 4 UUIDs', () => {
    const rng = new Rng('uuid');
    for (let i = 0; i < 200; i++) {
      expect(rng.uuidV4()).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
    }
  });
});
