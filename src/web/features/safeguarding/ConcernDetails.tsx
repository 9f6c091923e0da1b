import {
  abuseCategoryLabels, enquiryOutcomeLabels, isEnquiryDecision, lackedCapacityLabels, laDecisionLabels, mspAchievedLabels, mspAskedLabels, riskOutcomeLabels,
  type Concern, type Decision,
} from '../../../domain/safeguarding.js';
import { DateText } from '../../components/DateText.js';
import { yesNo } from '../../../domain/words.js';
import { formatDate } from '../../components/formatDate.js';
import { SummaryList } from '../../components/SummaryList.js';
import { ConcernStatusTag } from './ConcernsList.js';
import { locationPlain, sourcePlain, timescaleTag } from './labels.js';


export function ConcernFacts({ concern: c }: { concern: Concern }) {
  return (
    <SummaryList
      rows={[
        { key: 'Stage', value: <ConcernStatusTag status={c.status} /> },
        { key: 'Person', value: c.personName },
        { key: 'Service', value: c.serviceName },
        { key: 'Raised', value: <><DateText value={c.raisedAt} withTime /> by {c.raisedBy.name}</> },
        { key: 'Kind of abuse or neglect', value: c.categories.map((k) => abuseCategoryLabels[k]).join(', ') },
        { key: 'Where the risk is', value: locationPlain[c.locationOfRisk] },
        { key: 'Who the risk is from', value: sourcePlain[c.sourceOfRisk] },
        { key: 'Keeping the person safe now', value: <span className="rec-text">{c.immediateProtection}</span> },
        { key: 'What happened', value: <span className="rec-text">{c.narrative}</span> },
        { key: 'Police', value: c.policeInvolved ? `Involved${c.policeReference ? `, reference ${c.policeReference}` : ''}` : 'Not involved' },
        { key: 'Local authority', value: c.localAuthority?.name ?? 'Not set' },
      ]}
    />
  );
}

export function ConcernProgress({ concern: c }: { concern: Concern }) {
  return (
    <SummaryList
      rows={[
        { key: 'Referred', value: c.referredToLaAt ? `${formatDate(c.referredToLaAt)}${c.laReference ? `, reference ${c.laReference}` : ''}` : 'Not yet' },
        { key: 'Local authority’s decision', value: c.laDecision ? `${laDecisionLabels[c.laDecision]} (${formatDate(c.laDecisionAt)})` : 'Not yet' },
        {
          key: 'Caused enquiry',
          value: c.causedEnquiry
            ? `Yes${c.causedEnquiryDueOn ? `, due ${formatDate(c.causedEnquiryDueOn)}` : ''}${c.causedEnquiryCompletedOn ? `, finished ${formatDate(c.causedEnquiryCompletedOn)}` : ''}`
            // Only an enquiry can be caused: until the authority decides on one, it has not asked.
            : isEnquiryDecision(c.laDecision) ? 'No' : 'Not asked',
        },
        { key: 'Safeguarding plan', value: c.safeguardingPlan ? <span className="rec-text">{c.safeguardingPlan}</span> : 'Not written yet' },
        {
          key: 'Making Safeguarding Personal',
          value: c.mspAsked
            ? `${mspAskedLabels[c.mspAsked]}${c.mspDesiredOutcomes ? `: “${c.mspDesiredOutcomes}”` : ''}${c.mspAchieved ? `. Achieved: ${mspAchievedLabels[c.mspAchieved].toLowerCase()}` : ''}`
            : 'Not recorded',
        },
        { key: 'Lacked capacity', value: c.lackedCapacity ? lackedCapacityLabels[c.lackedCapacity] : 'Not recorded' },
        { key: 'Advocate or supporter', value: yesNo(c.advocateInvolved) },
        { key: 'CQC', value: c.cqcNotificationRequired ? (c.cqcNotifiedAt ? `Notified ${formatDate(c.cqcNotifiedAt)}` : 'Must be notified') : 'Not required' },
        { key: 'Outcome', value: c.enquiryOutcome ? `${enquiryOutcomeLabels[c.enquiryOutcome]}${c.riskOutcome ? `. ${riskOutcomeLabels[c.riskOutcome]}` : ''}` : 'Not yet' },
        { key: 'Closed', value: c.closedAt ? formatDate(c.closedAt) : 'Open' },
      ]}
    />
  );
}

/** Each timescale in words: met, met late, due soon or overdue. */
export function Timescales({ concern }: { concern: Concern }) {
  const { items, settings } = concern.timescales;
  if (items.length === 0) return <p>No timescales apply.</p>;
  const className = (state: string) => (state === 'overdue' ? 'is-overdue' : state === 'due_soon' || state === 'met_late' ? 'is-soon' : state === 'met' ? 'is-met' : '');
  return (
    <>
      <ul className="rec-timescales">
        {items.map((t) => (
          <li key={t.rule} className={className(t.state)}>
            <span className={`${timescaleTag[t.state].className} rec-tag--first`}>{timescaleTag[t.state].text}</span>
            <p className="rec-log__why">{t.summary}</p>
          </li>
        ))}
      </ul>
      <p className="secondary-text">
        {settings.source === 'local_authority' ? 'These are the local authority’s own timescales.' : 'These are Lantern’s standard timescales; the local authority has not set its own.'}
      </p>
    </>
  );
}

const fieldWords: Record<string, string> = {
  categories: 'kind of abuse', locationOfRisk: 'where the risk is', sourceOfRisk: 'who the risk is from', contributoryFactors: 'contributory factors',
  policeInvolved: 'police', policeReference: 'police reference', localAuthorityId: 'local authority', laReference: 'local authority reference',
  laDecisionAt: 'date of decision', causedEnquiryRequestedOn: 'caused enquiry dates', causedEnquiryDueOn: 'caused enquiry dates',
  causedEnquiryCompletedOn: 'caused enquiry dates', safeguardingPlan: 'safeguarding plan', enquiryOutcomeAt: 'date of outcome',
  mspAsked: 'Making Safeguarding Personal', mspDesiredOutcomes: 'Making Safeguarding Personal', mspAchieved: 'Making Safeguarding Personal',
  lackedCapacity: 'capacity', advocateInvolved: 'advocacy',
};

/** "Updated: mspAsked, mspAchieved" in words: "Updated: Making Safeguarding Personal". */
export function plainSummary(d: Decision): string {
  if (d.kind !== 'update' || !d.summary.startsWith('Updated: ')) return d.summary;
  const words = [...new Set(d.summary.slice('Updated: '.length).split(', ').map((f) => fieldWords[f] ?? f))];
  return `Updated: ${words.join(', ')}`;
}

/** The decision log: who decided what, when and why, oldest first. */
export function DecisionLog({ decisions }: { decisions: readonly Decision[] }) {
  return (
    <ol className="rec-log">
      {decisions.map((d) => (
        <li key={d.id} className="rec-log__item">
          <p className="rec-log__what">{plainSummary(d)}</p>
          <p className="rec-log__meta"><DateText value={d.at} withTime />, {d.by.name}</p>
          {d.reason && <p className="rec-log__why"><span className="visually-hidden">Why: </span>{d.reason}</p>}
        </li>
      ))}
    </ol>
  );
}
