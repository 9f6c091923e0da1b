import { describe, expect, it } from 'vitest';
import { personInput } from '../../domain/organisation.js';
import { changedValues, friendlyErrors } from './forms.js';

describe('changedValues', () => {
  it('keeps only the answers that differ, treating empty text as no value and ignoring the order of ids', () => {
    interface Answers { name: string; ref: string | null; serviceIds: number[]; capacity: number }
    const original: Answers = { name: 'Ash Lodge', ref: null, serviceIds: [2, 1], capacity: 10 };
    expect(changedValues<Answers>(original, { name: 'Ash Lodge', ref: '', serviceIds: [1, 2], capacity: 10 })).toEqual({});
    expect(changedValues<Answers>(original, { name: 'Ash House', ref: 'A1', serviceIds: [1], capacity: 10 })).toEqual({ name: 'Ash House', ref: 'A1', serviceIds: [1] });
  });
});

describe('friendlyErrors', () => {
  it('says Required for missing answers and keeps the messages written in the shared schemas', () => {
    const result = personInput.safeParse(
      { displayName: '', ref: 'P1', serviceId: undefined, learningDisability: false, autism: false, legalStatus: 'informal', startDate: '2026-02-31' },
      { error: friendlyErrors },
    );
    expect(result.success).toBe(false);
    const messages = Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]));
    expect(messages).toEqual({ displayName: 'Required', serviceId: 'Required', startDate: 'This date does not exist' });
  });
});
