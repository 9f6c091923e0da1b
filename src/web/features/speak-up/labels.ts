import type { SpeakUpMode, SpeakUpStatus } from '../../../domain/speak-up.js';

/** Each way of speaking up, and what it means for the person raising the concern. */
export const modePlain: Record<SpeakUpMode, { label: string; hint: string }> = {
  named: {
    label: 'Named',
    hint: 'The guardian knows who you are and may share your name with people who look into it, if they need to. You can read replies under “My reports”.',
  },
  confidential: {
    label: 'Confidential',
    hint: 'Only the Freedom to Speak Up guardian knows who you are. They will not share your name without asking you first, unless the law says they must. You can read replies under “My reports”.',
  },
  anonymous: {
    label: 'Anonymous',
    hint: 'Nobody can find out who you are, not even the guardian. You get a receipt key: keep it safe, because it is the only way to read replies or add information.',
  },
};

export const modeShort: Record<SpeakUpMode, string> = { named: 'Named', confidential: 'Confidential', anonymous: 'Anonymous' };

export const speakUpStatusTag: Record<SpeakUpStatus, string> = {
  received: 'tag rec-tag--yellow', triaged: 'tag rec-tag--blue', investigating: 'tag rec-tag--blue', closed: 'tag tag--grey',
};
