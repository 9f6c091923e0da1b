import { describe, expect, it } from 'vitest';
import { joinWords, yesNo } from '../../../domain/words.js';
import { assessmentsSummary, judgementText, participantsText, shortName } from './labels.js';

const judged = (isNecessary: boolean, isProportionate: boolean, isLeastRestrictive: boolean) => ({ isNecessary, isProportionate, isLeastRestrictive });

describe('a review in words', () => {
  it('calls a restriction justified only when it is necessary, proportionate and the least restrictive option', () => {
    expect(judgementText(judged(true, true, true))).toBe('Justified');
    expect(judgementText(judged(true, true, false))).toBe('Not justified: not the least restrictive option');
    expect(judgementText(judged(false, true, false))).toBe('Not justified: not necessary and not the least restrictive option');
    expect(judgementText(judged(false, false, false))).toBe('Not justified: not necessary, not proportionate and not the least restrictive option');
  });

  it('sums up the restrictions judged for the list', () => {
    expect(assessmentsSummary([])).toBe('No restrictions judged');
    expect(assessmentsSummary([judged(true, true, true)])).toBe('1 restriction, justified');
    expect(assessmentsSummary([judged(true, false, true)])).toBe('1 restriction, not justified');
    expect(assessmentsSummary([judged(true, true, true), judged(true, true, true)])).toBe('2 restrictions, all justified');
    expect(assessmentsSummary([judged(true, true, true), judged(true, true, false), judged(false, true, true)])).toBe('3 restrictions, 2 not justified');
  });

  it('names who took part, with the staff by name', () => {
    const staffMembers = [{ id: 4, name: 'Chloe Adams' }, { id: 9, name: 'Sam Lee' }];
    expect(participantsText({ person: true, family: true, advocate: false, staff: true, staffMembers }, 'Kai H.')).toBe('Kai H., family or friends and staff (Chloe Adams, Sam Lee)');
    expect(participantsText({ person: false, family: false, advocate: true, staff: true, staffMembers: [] }, 'Kai H.')).toBe('An advocate and staff');
    expect(participantsText({ person: false, family: false, advocate: false, staff: false, staffMembers: [] }, 'Kai H.')).toBe('Nobody recorded');
  });

  it('joins words the English way and shortens a long description at a word', () => {
    expect(joinWords([])).toBe('');
    expect(joinWords(['a'])).toBe('a');
    expect(joinWords(['a', 'b', 'c'])).toBe('a, b and c');
    expect(shortName('Kitchen locked')).toBe('Kitchen locked');
    expect(shortName('Kitchen locked from 8pm to 7am for everyone; drinks and snacks on request')).toBe('Kitchen locked from 8pm to 7am for everyone…');
  });

  it('says a recorded answer as Yes or No, and one never recorded as such', () => {
    expect(yesNo(true)).toBe('Yes');
    expect(yesNo(false)).toBe('No');
    expect(yesNo(null)).toBe('Not recorded');
    expect(yesNo(null, 'Not said')).toBe('Not said');
  });
});
