import type { complaintChannels, complaintKinds, complaintOutcomes, complaintRaisers } from '../../../domain/complaints.js';

export const kindLabels: Record<(typeof complaintKinds)[number], string> = { complaint: 'Complaint', feedback: 'Feedback', compliment: 'Compliment' };
export const raiserLabels: Record<(typeof complaintRaisers)[number], string> = {
  person: 'The person we support', family: 'Family or friend', advocate: 'An advocate', professional: 'A professional, such as a social worker',
  staff: 'A member of staff', anonymous: 'Someone who did not give their name',
};
export const channelLabels: Record<(typeof complaintChannels)[number], string> = {
  in_person: 'In person', phone: 'Phone', email: 'Email', letter: 'Letter', online: 'Online', other: 'Another way',
};
export const outcomeLabels: Record<(typeof complaintOutcomes)[number], string> = { upheld: 'Upheld', partly_upheld: 'Partly upheld', not_upheld: 'Not upheld' };
