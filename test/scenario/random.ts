/**
 * A small seeded PRNG (sfc32, Chris Doty-Humphrey's "small fast counting" generator) with
 * the helpers the scenario generators need. Everything a scenario draws comes from one of
 * these, so the same seed always gives the same bytes. Never use Math.random here.
 */

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export const BASE32_UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
export const ALNUM_LOWER = 'abcdefghijklmnopqrstuvwxyz0123456789';
export const ALNUM_UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
export const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** A list of choices with relative weights, prepared once for fast repeated picks. */
export interface WeightedTable<T> {
  readonly items: readonly T[];
  readonly cumulative: Float64Array;
}

export function weightedTable<T>(
  entries: readonly (readonly [T, number])[],
): WeightedTable<T> {
  if (entries.length === 0) throw new Error('weightedTable needs at least one entry');
  const cumulative = new Float64Array(entries.length);
  let total = 0;
  entries.forEach(([, weight], i) => {
    if (!(weight >= 0)) throw new Error(`negative or NaN weight at ${i}`);
    total += weight;
    cumulative[i] = total;
  });
  if (total <= 0) throw new Error('weightedTable needs a positive total weight');
  for (let i = 0; i < cumulative.length; i++) cumulative[i] = cumulative[i]! / total;
  return { items: entries.map(([item]) => item), cumulative };
}

/** 32-bit string hash (FNV-1a followed by a murmur3 finalizer), used to derive seeds. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spareNormal: number | undefined;

  /** `key` names this stream; `fork` derives independent streams from it. */
  constructor(readonly key: string) {
    this.a = hash32(`${key}#a`);
    this.b = hash32(`${key}#b`);
    this.c = hash32(`${key}#c`);
    this.d = hash32(`${key}#d`) | 1;
    for (let i = 0; i < 12; i++) this.next();
  }

  /**
   * An independent stream for one part of a scenario. Forking does not consume this
   * stream, so adding a new part never shifts the numbers of the existing ones.
   */
  fork(label: string): Rng {
    return new Rng(`${this.key}/${label}`);
  }

  /** Uniform unsigned 32-bit integer. */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.next() / 4294967296;
  }

  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.float() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.float() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  /** A shuffled copy (Fisher-Yates). */
  shuffled<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.float() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }

  weighted<T>(table: WeightedTable<T>): T {
    const u = this.float();
    const { cumulative, items } = table;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (u < cumulative[mid]!) hi = mid;
      else lo = mid + 1;
    }
    return items[lo]!;
  }

  /** Standard normal deviate (Box-Muller, the spare value is kept for the next call). */
  normal(): number {
    if (this.spareNormal !== undefined) {
      const spare = this.spareNormal;
      this.spareNormal = undefined;
      return spare;
    }
    const u = 1 - this.float();
    const v = this.float();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /** `center` plus normal noise of standard deviation `spread`, clamped to ±3 spreads. */
  jitter(center: number, spread: number): number {
    const z = Math.max(-3, Math.min(3, this.normal()));
    return center + z * spread;
  }

  /** Exponential wait with the given mean (gaps of a Poisson process). */
  exponential(mean: number): number {
    return -Math.log(1 - this.float()) * mean;
  }

  /** Pareto-distributed value ≥ `min`; small `alpha` gives a long tail. */
  pareto(min: number, alpha: number): number {
    return min / Math.pow(1 - this.float(), 1 / alpha);
  }

  /** `length` characters drawn from `alphabet` (at most 64 symbols). */
  chars(alphabet: string, length: number): string {
    let out = '';
    const n = alphabet.length;
    let bits = 0;
    let pool = 0;
    for (let i = 0; i < length; i++) {
      if (bits < 6) {
        pool = this.next();
        bits = 32;
      }
      // Six bits per symbol, reduced modulo the alphabet: a slight bias is fine here.
      out += alphabet[(pool & 63) % n];
      pool >>>= 6;
      bits -= 6;
    }
    return out;
  }

  /** `bytes` random bytes as lowercase hex. */
  hex(bytes: number): string {
    let out = '';
    for (let i = 0; i < bytes; i += 4) {
      const v = this.next();
      out +=
        HEX[v & 255]! + HEX[(v >>> 8) & 255]! + HEX[(v >>> 16) & 255]! + HEX[v >>> 24]!;
    }
    return out.slice(0, bytes * 2);
  }

  /** An RFC 4122 version 4 UUID, lowercase, as AWS writes eventID. */
  uuidV4(): string {
    const a = this.next();
    const b = this.next();
    const c = this.next();
    const d = this.next();
    return (
      HEX[a >>> 24]! +
      HEX[(a >>> 16) & 255]! +
      HEX[(a >>> 8) & 255]! +
      HEX[a & 255]! +
      '-' +
      HEX[b >>> 24]! +
      HEX[(b >>> 16) & 255]! +
      '-4' +
      HEX[(b >>> 8) & 15]!.slice(1) +
      HEX[b & 255]! +
      '-' +
      HEX[0x80 | ((c >>> 24) & 0x3f)]! +
      HEX[(c >>> 16) & 255]! +
      '-' +
      HEX[(c >>> 8) & 255]! +
      HEX[c & 255]! +
      HEX[d >>> 24]! +
      HEX[(d >>> 16) & 255]! +
      HEX[(d >>> 8) & 255]! +
      HEX[d & 255]!
    );
  }
}
