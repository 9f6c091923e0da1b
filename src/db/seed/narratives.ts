// Building blocks for demo narratives, written the way support workers write: plain UK English, short sentences,
// times like "about 7.15pm", initials rather than staff names. `{name}` is the person's first (pseudonymous) name.
// Nothing here names a real person.
import type { Random } from './random.js';

export type ServiceType = 'supported_living' | 'residential_care_home' | 'hospital_unit' | 'day_service';

/** Fill `{name}` (and any other `{key}`) in a template. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

/** "about 7.15pm", "just after 10am": how notes give the time. */
export function spokenTime(hour: number, minute: number, random: Random): string {
  const h12 = hour % 12 === 0 ? 12 : hour % 12;
  const suffix = hour < 12 ? 'am' : 'pm';
  const rounded = Math.round(minute / 5) * 5;
  if (rounded === 0 || rounded === 60) return `${random.pick(['about', 'around', 'just after'])} ${rounded === 60 ? (h12 % 12) + 1 : h12}${suffix}`;
  return `${random.pick(['about', 'around', 'approx'])} ${h12}.${String(rounded).padStart(2, '0')}${suffix}`;
}

export const locations: Record<ServiceType, readonly string[]> = {
  supported_living: ['Lounge', 'Kitchen', 'Bedroom', 'Bathroom', 'Hallway', 'Garden', 'Front door', 'Car', 'Local shop', 'Bus stop', 'Supermarket', 'Park'],
  residential_care_home: ['Lounge', 'Dining room', 'Kitchen', 'Bedroom', 'Corridor', 'Bathroom', 'Garden', 'Car', 'Quiet room', 'Conservatory', 'Town centre'],
  hospital_unit: ['Day room', 'Corridor', 'Bedroom', 'Dining area', 'Courtyard', 'Nurses’ station', 'Low-stimulus area', 'Activity room', 'Airlock', 'Clinic room'],
  day_service: ['Main hall', 'Art room', 'Sensory room', 'Kitchen', 'Garden', 'Café', 'Corridor', 'Toilets', 'Car park'],
};

/** Antecedents: what was happening just before. Where one names a place, `placeOf` says which. */
export const antecedents = [
  'Staff asked {name} to come for personal care.',
  '{name} was asked to turn the music down as it was late.',
  'Another resident sat in {name}’s usual seat.',
  'Housemate was shouting in the next room.',
  '{name} was told the planned trip to the shops could not go ahead today.',
  '{name} was waiting for tea, which was running late.',
  '{name} asked for a second can of pop and staff said not until after tea.',
  'End of the activity. Staff gave the 5 minute warning and then started to tidy away.',
  'Staff change at handover. {name} was looking for the staff member who had just gone home.',
  '{name} had been pacing for around 20 minutes before this.',
  'Phone call with family ended earlier than {name} wanted.',
  '{name} was asked to take their medication.',
  'A maintenance man came to fix the boiler in the morning and {name} had been unsettled since.',
  'Busy in the shop, lots of noise and people queuing.',
  'No clear trigger seen. {name} had been quiet in their room before this.',
  '{name} was refused a lift to see a friend as there was no driver on shift.',
  'Staff tried to support {name} with a shower.',
  '{name} had a dental appointment in the morning and seemed in pain.',
  'Cleaning in progress in the lounge and the hoover was on.',
  '{name} wanted to go out but the weather was bad and the walk was put off.',
  '{name} lost at a game of pool with a peer.',
  'New member of staff on shift whom {name} did not know.',
  '{name} could not find their tablet and thought someone had taken it.',
  'Peer was making repetitive noises at the table.',
] as const;

/** The place an antecedent implies, if it implies one (by service type, as a ward has no shop). */
export function placeOf(antecedent: string, serviceType: ServiceType): string | null {
  if (/shop/.test(antecedent)) return serviceType === 'hospital_unit' ? 'Community (escorted leave)' : 'Local shop';
  if (/shower|personal care/.test(antecedent)) return 'Bathroom';
  if (/\btea\b|at the table/.test(antecedent)) return serviceType === 'hospital_unit' ? 'Dining area' : 'Dining room';
  if (/pool|hoover|music/.test(antecedent)) return serviceType === 'hospital_unit' ? 'Day room' : 'Lounge';
  return null;
}

/** Behaviours: what the person did (form, intensity, duration). */
export const behaviours = [
  '{name} shouted and swore at staff, then threw a cup across the room.',
  '{name} hit out at staff with an open hand, making contact with staff’s arm.',
  '{name} banged their head against the wall several times.',
  '{name} bit their own hand and was crying.',
  '{name} kicked the door repeatedly and damaged the panel.',
  '{name} grabbed staff’s hair and would not let go.',
  '{name} ran out of the front door towards the main road.',
  '{name} pushed a peer, who fell against the sofa (no injury seen).',
  '{name} spat at staff and tried to scratch.',
  '{name} tipped the table over and threw chairs.',
  '{name} was screaming and hitting their own head with a closed fist.',
  '{name} tried to leave the building and pushed past staff at the door.',
  '{name} punched the window, which did not break.',
  '{name} pulled the curtains down and threw items from the shelf.',
  '{name} hit their own face repeatedly and was very distressed.',
  '{name} made threats to hurt staff and picked up a knife from the drainer, which was put down when asked.',
] as const;

/** Consequences: how staff responded and how it ended. */
export const consequences = [
  'Staff gave {name} space and reduced demands. Calm after about 10 minutes.',
  'Staff used calm voice and offered a drink and a walk in the garden. {name} accepted and settled.',
  'Redirected to the sensory room with one staff. Settled after 15 minutes.',
  'Other residents moved to the dining room to keep them safe. {name} calmed without further support.',
  'Staff followed the behaviour support plan, offering choices. {name} chose to go to their room.',
  'PRN offered as per protocol and accepted. Settled within the hour.',
  'Two staff used holds as per the support plan until {name} was safe. Released as soon as calm.',
  'Staff stood back and waited. {name} went to their room and later came down for supper.',
  'Distraction with favourite music worked. {name} was laughing with staff shortly after.',
  'Support from the on-call manager by phone. {name} calm by the time they arrived.',
  'Staff offered reassurance and a quiet space. It took about 40 minutes for {name} to settle.',
] as const;

export const followUps = [
  'Body map completed, no marks.',
  'Body map completed: small red mark on left forearm.',
  'Manager informed.',
  'Family informed by phone.',
  'ABC chart completed and added to file.',
  'Handed over to the next shift.',
  'Behaviour support practitioner informed by email.',
  'Will discuss at team meeting.',
  'Staff debrief held at the end of the shift.',
  'Checked on {name} every 15 minutes for the rest of the evening, slept well.',
] as const;

export const deescalation = [
  'Verbal reassurance, offered space, reduced demands.',
  'Distraction with preferred activity; offered a drink.',
  'Followed the secondary strategies in the behaviour support plan; offered choices.',
  'Moved peers away; calm voice; offered a walk.',
  'Offered sensory items and the quiet room.',
  'Used the person’s communication cards to offer choices.',
  'Change of face: a familiar staff member took over.',
  'Tried to talk things through; offered PRN first.',
] as const;

export const debriefPersonReasons = [
  'Declined when offered.', 'Asleep; offered the next morning.', 'Too distressed at the time; offered again the next day.',
  'Communication needs: used picture cards instead, limited response.',
] as const;
export const debriefStaffReasons = ['Staff went straight off shift.', 'No senior on shift; arranged for the next day.', 'Busy shift; held at the team meeting.'] as const;

// ---------------------------------------------------------------------------------------------------------
// Planted themes: text that carries a pattern's keyword, so analytics can find it by words as well as codes.

/** Antecedents for incidents that follow a blanket kitchen restriction (keyword "locked kitchen"). */
export const lockedKitchenAntecedents = [
  '{name} wanted a drink and found the locked kitchen. Staff said they would get one in a minute.',
  '{name} asked for a snack after 8pm and was told the kitchen is locked now (locked kitchen rule).',
  '{name} kept trying the handle of the locked kitchen and got more and more upset.',
  '{name} went to make a sandwich and found the locked kitchen. Staff explained the new rule again.',
] as const;

/** Antecedents for the cross-service theme (keyword "minibus"). */
export const minibusAntecedents = [
  '{name} was told the trip was off because the minibus was off the road again.',
  'The minibus did not turn up for the day centre run and {name} waited at the door for over an hour.',
  'Swimming cancelled as there was no minibus driver today. {name} had been looking forward to it all week.',
  '{name} saw the minibus go out without them and could not understand why.',
] as const;

/** Narrative sentences for the cross-source theme (keyword "short-staffed"). */
export const shortStaffedSentences = [
  'We were short-staffed on nights again, only two on for the whole house.',
  'Shift was short-staffed as two staff rang in sick and no cover came.',
  'Short-staffed so {name}’s one-to-one was not in place at the time.',
  'Short-staffed all weekend; activities were cancelled and people were stuck indoors.',
] as const;

/** Setting-event sentences for the family-contact trigger. */
export const familyContactAntecedents = [
  'After the phone call with Mum, {name} became tearful and asked to go home.',
  '{name} came back from the family visit and went straight to their room.',
  'Dad had to cancel the visit today. {name} was waiting by the window.',
  'Video call with family finished and {name} kept asking when they would next see them.',
] as const;

/** Fire alarm antecedents used only at one service: a local issue, not a theme across services (a decoy). */
export const fireAlarmAntecedents = [
  'The fire alarm went off again (faulty sensor in the hallway) and {name} covered their ears.',
  'Fire alarm sounded at night for the third time this week. {name} was up and very unsettled.',
] as const;

// ---------------------------------------------------------------------------------------------------------
// Safeguarding, complaints and speak-up

export const safeguardingNarratives: Record<string, readonly string[]> = {
  physical: [
    'Unexplained bruise found on {name}’s upper arm during personal care. No incident recorded that would explain it.',
    '{name} was pushed by a peer in the lounge and fell, grazing their knee.',
    'Restraint lasted longer than the plan allows and {name} had marks on both wrists afterwards.',
  ],
  neglect_and_acts_of_omission: [
    '{name} missed two doses of epilepsy medication over the weekend. MAR chart not signed.',
    '{name} was left in wet clothing for a long period on the night shift.',
    'Checks at night were not completed as set out in {name}’s care plan.',
  ],
  psychological: [
    'Staff member heard shouting at {name} and telling them they would not go out if they did not behave.',
    '{name} said a peer keeps calling them names and threatening them.',
  ],
  financial_or_material: [
    'Money in {name}’s wallet did not match the records after a shopping trip. £40 unaccounted for.',
    'A family member has been asking {name} for money each visit and {name} has little left each week.',
  ],
  organisational: [
    'Several people at the service were not able to go out for a week because of staffing. Routines were rigid.',
    'Blanket rule on bedtimes applied to everyone at the service without individual assessment.',
  ],
  sexual: ['{name} said another resident touched them inappropriately in the corridor.'],
  self_neglect: ['{name} has been refusing food and personal care for several days and has lost weight.'],
  discriminatory: ['{name} was the subject of racist remarks from a member of the public while out; staff did not intervene.'],
};

/** Concerns raised because of an incident: harm during it, or from the restraint used. */
export const incidentSafeguardingNarratives = [
  'During the incident {name} was hit by a peer and has a swollen cheek. Both people’s plans are being reviewed.',
  '{name} has bruising to both forearms after the holds used in this incident. Holds to be reviewed with the trainer.',
  '{name} hurt their head during self-injury in this incident and went to A&E. Raised to check the plan was followed.',
] as const;

/** What was done at once, by the category of the concern. */
export const immediateProtection: Record<string, readonly string[]> = {
  physical: [
    'Increased observations put in place. Body map completed.',
    'Peer moved to a different part of the building; staffing increased.',
    'Staff member moved to another service pending investigation.',
  ],
  neglect_and_acts_of_omission: ['GP contacted and medication reviewed the same day.', 'Care plan updated; night checks now recorded on a new form.'],
  psychological: ['Staff member moved to another service pending investigation.', 'Peer moved to a different part of the building; staffing increased.'],
  financial_or_material: ['Money records audited; two staff now sign every transaction.'],
  organisational: ['Manager from another service placed in charge; daily visits by the area manager.'],
  sexual: ['Police informed; {name} supported by a familiar member of staff.'],
  self_neglect: ['GP and community nurse contacted; food and fluid chart started.'],
  discriminatory: ['Spoke with {name} about what happened; staff reminded to step in and report hate incidents.'],
};

export const mspDesiredOutcomes = [
  '{name} said they want to feel safe and not see the person again.',
  '{name} wants to carry on living at home with the staff they know.',
  '{name} (with advocate) wants their money kept safe and to choose what they buy.',
  'Family speaking for {name}: for it not to happen again and to be kept informed.',
] as const;

export const safeguardingPlans = [
  'Risk assessment and support plan updated; weekly check-in with {name} for a month.',
  'Staff to complete refresher training; manager spot checks on nights.',
  'Finance procedure changed: receipts for every purchase, weekly audit.',
  'Positive behaviour support plan reviewed; peer’s plan reviewed too.',
] as const;

export interface ComplaintTemplate { theme: string; subject: string; narrative: string }

export const complaintTemplates: readonly ComplaintTemplate[] = [
  { theme: 'communication', subject: 'Not told about a hospital appointment', narrative: 'Family were not told {name} had been to A&E until two days later.' },
  { theme: 'communication', subject: 'Phone not answered', narrative: 'Nobody answers the phone in the evenings when we ring to speak to {name}.' },
  { theme: 'activities', subject: 'Not enough to do', narrative: '{name} has been in the house most days this month. The planned college course has not started.' },
  { theme: 'food', subject: 'Meals', narrative: 'The same few meals are cooked every week and {name} is not asked what they would like.' },
  { theme: 'medication', subject: 'Medication not ready', narrative: 'Medication was not ready when {name} came home for the weekend.' },
  { theme: 'environment', subject: 'Repairs not done', narrative: 'The shower in {name}’s flat has not worked properly for three weeks.' },
  { theme: 'dignity', subject: 'Clothes', narrative: '{name} was wearing someone else’s clothes when we visited. Laundry keeps getting mixed up.' },
  { theme: 'family contact', subject: 'Visit cancelled', narrative: 'Our visit was cancelled at short notice and we were not offered another date.' },
  { theme: 'money', subject: 'Personal allowance', narrative: 'We cannot get a clear statement of how {name}’s money has been spent.' },
  { theme: 'care planning', subject: 'Review not held', narrative: '{name}’s annual review is overdue and we have not been invited to it.' },
];

export const feedbackTemplates: readonly ComplaintTemplate[] = [
  { theme: 'activities', subject: 'Ideas for activities', narrative: '{name} would enjoy going to the football on a Saturday if staff could support it.' },
  { theme: 'communication', subject: 'Newsletter', narrative: 'A monthly update for families would be really helpful.' },
  { theme: 'environment', subject: 'Garden', narrative: 'The garden could do with some seating so people can sit out in the summer.' },
  { theme: 'food', subject: 'Menu', narrative: 'Could the menu have pictures so {name} can choose for themselves?' },
];

export const complimentTemplates: readonly ComplaintTemplate[] = [
  { theme: 'staff', subject: 'Thank you to the team', narrative: 'Thank you to the staff for the birthday party you organised for {name}. It meant a lot to us.' },
  { theme: 'activities', subject: 'Holiday', narrative: '{name} came back from the holiday so happy. Thank you for making it happen.' },
  { theme: 'staff', subject: 'Support at the hospital', narrative: 'Staff stayed with {name} all night at the hospital. We are very grateful.' },
  { theme: 'progress', subject: 'Doing really well', narrative: '{name} is so much more settled than last year. You have all done a great job.' },
];

export const complaintResponses = [
  'Apologised and explained what happened. Manager has spoken to the team about keeping families informed.',
  'Met with the family. Repairs booked and confirmed in writing.',
  'Investigated: records show the visit was cancelled due to illness. Apologised for not explaining at the time.',
  'Menu reviewed with the people who live there; picture menu now in place.',
  'Thanked for their comments and shared with the team.',
] as const;

export interface SpeakUpTemplate { category: string; theme: string; text: string; wish: string }

export const speakUpTemplates: readonly SpeakUpTemplate[] = [
  { category: 'closed_culture', theme: 'culture', text: 'Some staff on the late shift talk about the people we support in a way that is not respectful. New staff are told this is just how it is.', wish: 'For the manager to spend time on the late shift and see it for themselves.' },
  { category: 'restrictive_practice', theme: 'restraint practice', text: 'I think holds are being used too quickly at the service, before other things are tried. It is not always written up.', wish: 'An independent look at how restraint is used here.' },
  { category: 'bullying_harassment', theme: 'bullying', text: 'A senior keeps giving me the worst shifts and speaks to me differently from others in front of the team.', wish: 'To be treated fairly and for this to stop.' },
  { category: 'patient_safety', theme: 'record keeping', text: 'MAR charts are being filled in at the end of the shift rather than when medication is given.', wish: 'Proper checks of medication records.' },
  { category: 'other', theme: 'training', text: 'Several of us have not had our restrictive practice refresher and are still being asked to do holds.', wish: 'Training to be booked before people are asked to use holds.' },
  { category: 'patient_safety', theme: 'management', text: 'Concerns raised at team meetings about night checks have not been acted on.', wish: 'Someone to follow up the concerns raised.' },
];

/** Speak-up text for the cross-source theme (keyword "short-staffed"). */
export const shortStaffedSpeakUp: SpeakUpTemplate = {
  category: 'staffing', theme: 'staffing levels',
  text: 'We are short-staffed on most nights and weekends. One-to-one hours are not being covered and people are missing out. I am worried someone will get hurt.',
  wish: 'Safe staffing levels, and for rotas to be checked against people’s commissioned hours.',
};

export const guardianReplies = [
  'Thank you for raising this. I will look into it and come back to you.',
  'I have spoken to the service manager and asked for the records. I will update you next week.',
  'Thank you for your patience. Changes have been agreed and I will check they are in place.',
  'I have closed this now. Thank you for speaking up: it has made a difference.',
] as const;

export const reporterFollowUps = [
  'Thank you. It is still happening this week.',
  'Is there any update?',
  'Things seem better since the meeting.',
] as const;

export const speakUpOutcomes = [
  'Reviewed with the service manager; action plan agreed and checked after a month.',
  'Not substantiated after review, but supervision put in place and the reporter thanked.',
  'Training booked for the whole team; follow-up audit completed.',
  'Rotas reviewed and extra night cover agreed.',
] as const;
