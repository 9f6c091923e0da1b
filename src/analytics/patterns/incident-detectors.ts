// The incident-based detectors, for src/analytics/patterns/index.ts to run alongside the theme detectors.
import { detectEscalation } from './escalation.js';
import { detectStaffOverrepresented } from './staff-overrepresented.js';
import { detectStaffingAgency } from './staffing-agency.js';
import { detectTimeHotspots } from './time-hotspot.js';
import { detectTriggers } from './trigger.js';
import type { Detector } from './types.js';

export const incidentDetectors: Detector[] = [detectTimeHotspots, detectTriggers, detectStaffingAgency, detectStaffOverrepresented, detectEscalation];
