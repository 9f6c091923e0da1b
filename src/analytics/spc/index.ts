// Statistical process control (XmR charts) the Making Data Count way: pure functions, no I/O.
export type {
  AssuranceIcon,
  Improvement,
  PointClassification,
  SpcInput,
  SpcPoint,
  SpcProfile,
  SpcResult,
  SpcRule,
  VariationIcon,
} from './types.js';
export { xmrChart } from './chart.js';
export { SPC_PROFILES, profileSettings, type SpcProfileSettings } from './profiles.js';
export { MOVING_RANGE_SCREEN_FACTOR, TWO_SIGMA_FACTOR, XMR_LIMIT_FACTOR, xmrLimits, type XmrLimits } from './limits.js';
export {
  SPC_BLUE,
  SPC_GREY,
  SPC_ORANGE,
  SPC_PURPLE,
  assuranceIconColour,
  assuranceIconFor,
  classificationColour,
  variationIconColour,
  variationIconFor,
} from './icons.js';
