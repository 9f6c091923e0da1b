/** 3 / d2 (d2 = 1.128 for moving ranges of two), rounded as the Making Data Count tools use it. */
export const XMR_LIMIT_FACTOR = 2.66;
/** Two-sigma lines sit at two thirds of the process limits' distance from the mean. */
export const TWO_SIGMA_FACTOR = (2 / 3) * XMR_LIMIT_FACTOR;
/** Upper range limit for moving ranges (D4 = 3.267); NHSRplotthedots screens moving ranges at or above it. */
export const MOVING_RANGE_SCREEN_FACTOR = 3.267;

/** Centre line and limits of one partition. Every limit is NaN when the partition has no moving range. */
export interface XmrLimits {
  mean: number;
  movingRangeMean: number;
  upl: number;
  lpl: number;
  upperTwoSigma: number;
  lowerTwoSigma: number;
}

/** Lines of values[start, end) (DOMAIN.md 4.1): mean, mRbar (optionally screened at 3.267 × mRbar), mean ± 2.66 × mRbar, 2σ at ⅔ of that. */
export function xmrLimits(values: ArrayLike<number>, start: number, end: number, screenMovingRanges = false): XmrLimits {
  const count = end - start;
  let sum = 0;
  for (let i = start; i < end; i++) sum += values[i]!;
  const mean = count > 0 ? sum / count : Number.NaN;

  let rangeSum = 0;
  for (let i = start + 1; i < end; i++) rangeSum += Math.abs(values[i]! - values[i - 1]!);
  const rangeCount = count - 1;
  let movingRangeMean = rangeCount > 0 ? rangeSum / rangeCount : Number.NaN;

  if (screenMovingRanges && movingRangeMean > 0) {
    const screenLimit = MOVING_RANGE_SCREEN_FACTOR * movingRangeMean;
    let keptSum = 0;
    let keptCount = 0;
    for (let i = start + 1; i < end; i++) {
      const range = Math.abs(values[i]! - values[i - 1]!);
      if (range < screenLimit) {
        keptSum += range;
        keptCount++;
      }
    }
    // keptCount > 0 whenever mRbar > 0: at least one range is no larger than the mean.
    movingRangeMean = keptSum / keptCount;
  }

  const threeSigma = XMR_LIMIT_FACTOR * movingRangeMean;
  const twoSigma = TWO_SIGMA_FACTOR * movingRangeMean;
  return {
    mean,
    movingRangeMean,
    upl: mean + threeSigma,
    lpl: mean - threeSigma,
    upperTwoSigma: mean + twoSigma,
    lowerTwoSigma: mean - twoSigma,
  };
}
