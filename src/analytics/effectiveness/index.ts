// Effectiveness: did an action move its measure? Pure functions, no I/O; evaluate.ts documents the rules.
export {
  CONTINUITY_CORRECTION,
  EFFECT_MAXIMUM_MONTHS,
  EFFECT_MINIMUM_EVENTS,
  EFFECT_MINIMUM_MONTHS,
  addMonths,
  evaluateEffect,
  monthLabel,
  type EffectEvaluation,
  type EffectEvidence,
  type EffectInput,
  type EffectVerdict,
  type EffectWindow,
  type MonthlyCount,
} from './evaluate.js';
