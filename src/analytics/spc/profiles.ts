import type { SpcProfile, SpcRule } from './types.js';

/** The settings that distinguish one rule profile from another; the engine itself is shared. */
export interface SpcProfileSettings {
  /** Series shorter than this show the mean only: no limits, no special causes, no icons. */
  readonly minimumPoints: number;
  /** Points in a run strictly on one side of the mean that make a shift. */
  readonly shiftLength: number;
  /** Points in a strictly rising (or falling) run that make a trend. */
  readonly trendLength: number;
  /** Drop moving ranges ≥ 3.267 × mRbar and recompute mRbar before setting limits. */
  readonly screenMovingRanges: boolean;
  /** Whether shift, trend and two-sigma runs continue across a recalculation. */
  readonly runsCrossPartitions: boolean;
  /**
   * How a point flagged both ways is classified: `null` shows it as improvement (Making Data Count);
   * otherwise the first rule in this list that flags the point decides its direction.
   */
  readonly precedence: readonly SpcRule[] | null;
}

export const SPC_PROFILES: Readonly<Record<SpcProfile, SpcProfileSettings>> = Object.freeze({
  mdc: Object.freeze({
    minimumPoints: 13,
    shiftLength: 6,
    trendLength: 6,
    screenMovingRanges: false,
    runsCrossPartitions: true,
    precedence: null,
  }),
  // NHSRplotthedots v0.2.2. When every non-zero moving range is screened out (one jump in an otherwise flat
  // series) mRbar becomes 0 and the limits collapse onto the mean, as in the R package.
  nhsrplotthedots: Object.freeze({
    minimumPoints: 13,
    shiftLength: 7,
    trendLength: 7,
    screenMovingRanges: true,
    runsCrossPartitions: false,
    precedence: Object.freeze(['single_point', 'trend', 'two_sigma', 'shift'] as const),
  }),
});

/** The settings of a named profile (DOMAIN.md 4.2); throws a RangeError for an unknown name. */
export function profileSettings(profile: SpcProfile): SpcProfileSettings {
  const settings = Object.hasOwn(SPC_PROFILES, profile) ? SPC_PROFILES[profile] : undefined;
  if (settings === undefined) {
    throw new RangeError(`Unknown SPC profile "${String(profile)}": expected one of ${Object.keys(SPC_PROFILES).join(', ')}`);
  }
  return settings;
}
