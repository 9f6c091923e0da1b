// cross_source_theme: a theme rising at two or more services and in two or more sources (incidents, safeguarding
// concerns, complaints, speak-up reports, practice reviews): the same problem seen from several directions.
import { themeFindings, toPattern } from '../themes/rise.js';
import type { Detector } from './types.js';

export const detectCrossSourceThemes: Detector = (input) =>
  themeFindings(input).findings.filter((f) => f.kind === 'cross_source_theme').map(toPattern);
