import { detectBlanketRestrictions } from './blanket-restriction.js';
import { detectCrossServiceThemes } from './themes-cross-service.js';
import { detectCrossSourceThemes } from './themes-cross-source.js';
import type { Detector } from './types.js';

/** The detectors that work on themes in free text and on blanket restrictions. */
export const themeDetectors: Detector[] = [detectCrossServiceThemes, detectCrossSourceThemes, detectBlanketRestrictions];
