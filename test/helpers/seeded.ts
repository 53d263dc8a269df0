// A seeded pseudo-random source for generated test cases: a failing case is
// the same case on every run, so it can be read, fixed and kept.

export function seeded(seed: number) {
  let state = seed;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
  /** From `min` up to (not including) `max` pieces, each picked at random, joined. */
  const joined = (pieces: readonly string[], min: number, max: number) =>
    Array.from({ length: min + Math.floor(random() * (max - min)) }, () => pick(pieces)).join('');
  return { random, pick, joined };
}
