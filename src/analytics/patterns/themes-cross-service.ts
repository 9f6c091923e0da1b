// cross_service_theme: the same theme or contributory factor rising at two or more services in a recent window,
// against its own baseline at each: something shared (a central function, a policy) rather than local.
import { themeFindings, toPattern } from '../themes/rise.js';
import type { Detector } from './types.js';

export const detectCrossServiceThemes: Detector = (input) =>
  themeFindings(input).findings.filter((f) => f.kind === 'cross_service_theme').map(toPattern);
