// Public types of the XmR (statistical process control) engine. DOMAIN.md section 4 is the specification.

/** Which way a measure improves; `neither` means special causes are reported as neutral. */
export type Improvement = 'increase' | 'decrease' | 'neither';

/** `mdc`: NHS England Making Data Count Single Chart Tool v5 (default). `nhsrplotthedots`: NHS-R package v0.2.2. */
export type SpcProfile = 'mdc' | 'nhsrplotthedots';

export type SpcRule = 'single_point' | 'shift' | 'trend' | 'two_sigma';

export type PointClassification = 'common' | 'improvement' | 'concern' | 'neutral';

export type VariationIcon =
  | 'common_cause'
  | 'improvement_high'
  | 'improvement_low'
  | 'concern_high'
  | 'concern_low'
  | 'neutral_high'
  | 'neutral_low';

export type AssuranceIcon = 'pass' | 'fail' | 'hit_and_miss';

export interface SpcInput {
  values: number[];
  improvement: Improvement;
  target?: number;
  /** 0-based indices that each start a new partition (a recalculation). */
  recalculateAt?: number[];
  /** Mean and limits from the first k points, held fixed forward; overrides `recalculateAt`. */
  baseline?: number;
  profile?: SpcProfile;
}

export interface SpcPoint {
  value: number;
  mean: number;
  upl: number | null;
  lpl: number | null;
  upperTwoSigma: number | null;
  lowerTwoSigma: number | null;
  classification: PointClassification;
  /** Every rule that flags the point, in the order single_point, shift, trend, two_sigma. */
  rules: SpcRule[];
}

export interface SpcResult {
  points: SpcPoint[];
  limitsShown: boolean;
  variationIcon: VariationIcon | null;
  assuranceIcon: AssuranceIcon | null;
}
