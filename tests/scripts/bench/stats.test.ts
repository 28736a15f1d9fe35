import { median, percentile, round } from "../../../scripts/bench/stats";

describe("median", () => {
  it("takes the middle of an odd sample, whatever the order", () => {
    expect(median([9, 1, 5])).toBe(5);
  });

  it("averages the two middle values of an even sample", () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it("refuses an empty sample", () => {
    expect(() => median([])).toThrow(/empty sample/);
  });
});

describe("percentile", () => {
  const hundred = Array.from({ length: 100 }, (_, index) => 100 - index);

  it("returns the nearest-rank value", () => {
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 100)).toBe(100);
  });

  it("returns a measured value even for small samples", () => {
    expect(percentile([10, 20, 30], 99)).toBe(30);
    expect(percentile([10, 20, 30], 50)).toBe(20);
  });

  it("rejects a percentile outside (0, 100]", () => {
    expect(() => percentile([1], 0)).toThrow(/percentile 0/);
    expect(() => percentile([1], 101)).toThrow(/percentile 101/);
  });

  it("refuses an empty sample", () => {
    expect(() => percentile([], 50)).toThrow(/empty sample/);
  });
});

describe("round", () => {
  it("keeps the given number of decimals", () => {
    expect(round(1.23456, 2)).toBe(1.23);
    expect(round(2.5, 0)).toBe(3);
  });
});
