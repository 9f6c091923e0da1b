import { describe, expect, it } from 'vitest';
import { extractPhrases } from '../../../src/analytics/themes/keyphrases.js';
import {
  antecedents, behaviours, consequences, fireAlarmAntecedents, fill, lockedKitchenAntecedents, minibusAntecedents, shortStaffedSentences, shortStaffedSpeakUp,
} from '../../../src/db/seed/narratives.js';

const named = (template: string) => fill(template, { name: 'Jordan' });

describe('extractPhrases', () => {
  it('finds the planted keyphrases in the demo narratives, lemmatised and lower case', () => {
    for (const t of minibusAntecedents) expect(extractPhrases(named(t))).toContain('minibus');
    for (const t of lockedKitchenAntecedents) expect(extractPhrases(named(t))).toContain('locked kitchen');
    for (const t of shortStaffedSentences) expect(extractPhrases(named(t))).toContain('short-staffed');
    for (const t of fireAlarmAntecedents) expect(extractPhrases(named(t))).toContain('fire alarm');
    expect(extractPhrases(shortStaffedSpeakUp.text)).toEqual(expect.arrayContaining(['short-staffed', 'night', 'weekend', 'one-to-one']));
  });

  it('lemmatises nouns and keeps modifier + noun pairs', () => {
    const phrases = extractPhrases(named('The fire alarm went off again (faulty sensor in the hallway) and {name} covered their ears.'));
    expect(phrases).toEqual(expect.arrayContaining(['fire alarm', 'faulty sensor', 'sensor', 'hallway', 'ear']));
    expect(phrases).not.toContain('ears');
    expect(extractPhrases('The minibus did not come for the day centre run.')).toContain('centre');
  });

  it('treats spelling variants of the same expression as one phrase', () => {
    expect(extractPhrases('Short staffed all weekend.')).toContain('short-staffed');
    expect(extractPhrases('We were short-staffed again.')).toContain('short-staffed');
    expect(extractPhrases('Sam asked for toast but the kitchen was locked.')).toContain('locked kitchen');
    expect(extractPhrases('Not enough staff on the late shift, so no cover for breaks.')).toEqual(expect.arrayContaining(['not enough staff', 'no cover']));
    expect(extractPhrases('Wi-Fi router switched off from midnight to 6am')).toEqual(expect.arrayContaining(['wi-fi', 'router']));
  });

  it('never gives the words of every support note as themes on their own, but keeps the phrases they make', () => {
    const phrases = extractPhrases('Staff followed the support plan during the night shift. Two agency staff on shift. There was an unexplained mark on his arm.');
    expect(phrases).toEqual(expect.arrayContaining(['support plan', 'night shift', 'agency staff', 'unexplained mark']));
    for (const alone of ['staff', 'support', 'shift', 'plan', 'mark']) expect(phrases).not.toContain(alone);
  });

  it('leaves out stop words, names, numbers and generic words, and gives each phrase once', () => {
    const phrases = extractPhrases('Jordan was told the minibus was off the road. The minibus was late again at 7.15pm, about 10 minutes.');
    expect(phrases.filter((p) => p === 'minibus')).toHaveLength(1);
    for (const word of ['jordan', 'the', 'was', 'again', 'minute', 'minutes', '10', '7.15pm']) expect(phrases).not.toContain(word);
    expect(phrases.every((p) => p === p.toLowerCase())).toBe(true);
  });

  it('gives nothing for empty text', () => {
    expect(extractPhrases('')).toEqual([]);
    expect(extractPhrases('   ')).toEqual([]);
  });

  it('is fast enough for a provider’s records (reports records per second)', () => {
    // Realistic notes: three parts drawn from the demo building blocks, each with a different name.
    const names = ['Alex', 'Sam', 'Priya', 'Tom', 'Jo', 'Kai', 'Ruth', 'Ola', 'Ben', 'Mia'];
    const texts = Array.from({ length: 3000 }, (_, i) => [antecedents[i % antecedents.length]!, behaviours[(i * 7) % behaviours.length]!, consequences[(i * 13) % consequences.length]!]
      .map((t) => fill(t, { name: names[(i * 3) % names.length]! })).join(' '));
    const started = performance.now();
    let phrases = 0;
    for (const t of texts) phrases += extractPhrases(t).length;
    const perSecond = texts.length / ((performance.now() - started) / 1000);
    console.info(`extractPhrases: ${Math.round(perSecond)} records/s (${(phrases / texts.length).toFixed(1)} phrases a record)`);
    expect(phrases / texts.length).toBeGreaterThan(3);
    expect(perSecond).toBeGreaterThan(200);
  });
});
