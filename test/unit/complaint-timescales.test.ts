import { describe, expect, it } from 'vitest';
import { complaintDeadlines, complaintTimeliness, defaultComplaintTimescales } from '../../src/domain/complaints.js';

describe('complaint timescales', () => {
  it('counts working days in England, skipping weekends and bank holidays (Christmas 2026)', () => {
    // Received Thu 24 Dec 2026: Fri 25 and Mon 28 Dec are bank holidays, so the working days are Tue 29, Wed 30 and Thu 31 Dec.
    const due = complaintDeadlines('2026-12-24T10:00:00Z', defaultComplaintTimescales);
    expect(due.acknowledgeBy).toBe('2026-12-31T23:59:59.999Z');
    // 20 working days: 29–31 Dec (3), Fri 1 Jan 2027 is a holiday, then 17 more from Mon 4 Jan → Tue 26 Jan 2027.
    expect(due.respondBy).toBe('2027-01-26T23:59:59.999Z');
  });

  it('uses the UK clock: in summer time the day ends at 23:00 UTC', () => {
    // Received Mon 1 Jun 2026 at 23:30 UTC, which is already Tue 2 Jun in England.
    const due = complaintDeadlines('2026-06-01T23:30:00Z', { acknowledgeWorkingDays: 1, respondWorkingDays: 5 });
    expect(due.acknowledgeBy).toBe('2026-06-03T22:59:59.999Z');
    expect(due.respondBy).toBe('2026-06-09T22:59:59.999Z');
  });

  it('judges each step in time or late, and flags what is overdue now', () => {
    const t = defaultComplaintTimescales;
    const received = '2026-11-02T09:00:00Z'; // Monday: acknowledge by Thu 5 Nov, respond by Mon 30 Nov
    const late = complaintTimeliness({ receivedAt: received, acknowledgedAt: '2026-11-06T09:00:00Z', respondedAt: null }, t, new Date('2026-11-26T12:00:00Z'));
    expect(late).toMatchObject({ isAcknowledgedInTime: false, isRespondedInTime: null, isOverdue: false });
    const overdue = complaintTimeliness({ receivedAt: received, acknowledgedAt: '2026-11-03T09:00:00Z', respondedAt: null }, t, new Date('2026-12-01T09:00:00Z'));
    expect(overdue).toMatchObject({ isAcknowledgedInTime: true, isOverdue: true });
    const done = complaintTimeliness({ receivedAt: received, acknowledgedAt: '2026-11-03T09:00:00Z', respondedAt: '2026-11-30T16:00:00Z' }, t, new Date('2026-12-10T09:00:00Z'));
    expect(done).toMatchObject({ isRespondedInTime: true, isOverdue: false });
  });
});
