import { Link, useSearchParams } from 'react-router';
import { contributoryFactorLabels } from '../../../domain/contributory-factors.js';
import { isRestrictionJustified, practiceReviewKindLabels, practiceReviewKinds, type PracticeReview } from '../../../domain/practice-reviews.js';
import { restrictionCategoryLabels } from '../../../domain/restrictions.js';
import { yesNo } from '../../../domain/words.js';
import { CsvDownloadLink } from '../../components/CsvDownloadLink.js';
import { DataTable } from '../../components/DataTable.js';
import { DateText } from '../../components/DateText.js';
import { FilterForm, FilterSelect } from '../../components/FilterForm.js';
import { formatDate, formatDateTime } from '../../components/formatDate.js';
import { Pagination, usePageParams } from '../../components/Pagination.js';
import { QueryResult } from '../../components/QueryResult.js';
import { SummaryList } from '../../components/SummaryList.js';
import { useSession } from '../auth/session.js';
import { useServicePeople } from '../incidents/api.js';
import { optionsOf } from '../safeguarding/fields.js';
import '../safeguarding/records.css';
import { usePracticeReviews, type PracticeReviewsFilter } from './api.js';
import { assessmentsSummary, judgementText, kindTitles, participantsText } from './labels.js';
import './practice-reviews.css';

const PAGE_SIZE = 25;

const incidentName = (incident: NonNullable<PracticeReview['incident']>) =>
  `Incident on ${formatDateTime(incident.occurredAt)}${incident.ref ? ` (${incident.ref})` : ''}`;

const columns = [
  {
    header: 'Held on', isRowHeader: true, isNoWrap: true,
    cell: (r: PracticeReview) => <Link to={`/reviews/${r.id}`}><DateText value={r.heldOn} /><span className="visually-hidden">, {kindTitles[r.kind]} for {r.person.displayName}</span></Link>,
  },
  { header: 'Kind', cell: (r: PracticeReview) => kindTitles[r.kind] },
  { header: 'Person', cell: (r: PracticeReview) => r.person.displayName },
  { header: 'Service', cell: (r: PracticeReview) => r.serviceName },
  { header: 'Follows', cell: (r: PracticeReview) => (r.incident ? incidentName(r.incident) : '') },
  { header: 'Restrictions', cell: (r: PracticeReview) => assessmentsSummary(r.assessments) },
];

/** The kind, service, person and incident the address asks for, as the API takes them. */
function filterFrom(params: URLSearchParams): Omit<PracticeReviewsFilter, 'limit' | 'offset'> {
  const kind = params.get('kind');
  return {
    kind: practiceReviewKinds.find((k) => k === kind),
    serviceId: Number(params.get('serviceId')) || undefined,
    personId: Number(params.get('personId')) || undefined,
    incidentId: Number(params.get('incidentId')) || undefined,
  };
}

/** Reviews in the user's services, newest first, filtered by kind, service and person (and incident, from its page). */
export function ReviewsList() {
  const { me } = useSession();
  const [params] = useSearchParams();
  const { limit, offset } = usePageParams(PAGE_SIZE);
  const asked = filterFrom(params);
  // People are offered once the service is known: the one in the filter, or the user's only service.
  const peopleService = asked.serviceId ?? (me.services.length === 1 ? me.services[0]!.id : undefined);
  const people = useServicePeople(peopleService);
  const isPersonOffered = peopleService !== undefined && people.data !== undefined;
  // A person kept in the address after another service was chosen is not one of its people: the list, like the
  // person filter (which then reads "Everyone"), is of the whole service.
  const isPersonElsewhere = isPersonOffered && asked.personId !== undefined && !people.data.items.some((p) => p.id === asked.personId);
  const filter = isPersonElsewhere ? { ...asked, personId: undefined } : asked;
  const reviews = usePracticeReviews({ ...filter, limit, offset });
  return (
    <>
      <FilterForm label="Filter the reviews">
        <FilterSelect name="kind" label="Kind" value={params.get('kind')} anyLabel="Any kind" options={optionsOf(practiceReviewKinds, practiceReviewKindLabels)} />
        {me.services.length > 1 && (
          <FilterSelect name="serviceId" label="Service" value={params.get('serviceId')} anyLabel="All your services" options={me.services.map((s) => ({ value: s.id, label: s.name }))} />
        )}
        {isPersonOffered ? (
          <FilterSelect name="personId" label="Person" value={isPersonElsewhere ? null : params.get('personId')} anyLabel="Everyone" options={(people.data?.items ?? []).map((p) => ({ value: p.id, label: p.displayName }))} />
        ) : filter.personId !== undefined ? (
          <input type="hidden" name="personId" value={filter.personId} />
        ) : null}
        {filter.incidentId !== undefined && <input type="hidden" name="incidentId" value={filter.incidentId} />}
        {peopleService === undefined && <p className="hint filters__wide">To see one person’s reviews, choose their service first.</p>}
      </FilterForm>
      <QueryResult query={reviews} loadingLabel="Loading the reviews…">
        {(data) => (
          <>
            <DataTable caption="Practice reviews" isCaptionHidden columns={columns} rows={data.items} rowKey={(r) => r.id} emptyMessage="No reviews match. Try other filters." />
            <Pagination total={data.total} limit={limit} offset={offset} noun="reviews" />
            {data.total > 0 && <CsvDownloadLink path="/api/v1/reviews" filter={filter} what="the practice reviews" />}
          </>
        )}
      </QueryResult>
    </>
  );
}

/** When, where, about whom, after what, and who took part. */
export function ReviewFacts({ review: r }: { review: PracticeReview }) {
  const { can } = useSession();
  return (
    <SummaryList
      rows={[
        { key: 'Kind', value: practiceReviewKindLabels[r.kind] },
        { key: 'Person', value: can('readPeople') ? <Link to={`/people/${r.person.id}`}>{r.person.displayName}</Link> : r.person.displayName },
        { key: 'Service', value: r.serviceName },
        { key: 'Held on', value: <DateText value={r.heldOn} /> },
        ...(r.incident ? [{
          key: 'Follows',
          value: can('readIncidents') ? <Link to={`/incidents/${r.incident.id}`}>{incidentName(r.incident)}</Link> : incidentName(r.incident),
        }] : []),
        { key: 'Who took part', value: participantsText(r.participants, r.person.displayName) },
        { key: 'Recorded by', value: `${r.recordedBy ?? 'Not known'}, ${formatDate(r.createdAt)}` },
      ]}
    />
  );
}


/** Each restriction judged, with its verdict in words: justified only when necessary, proportionate and least restrictive. */
export function ReviewJudgements({ review: r }: { review: PracticeReview }) {
  const { can } = useSession();
  if (r.assessments.length === 0) return <p>No restrictions were judged in this review.</p>;
  return (
    <ul className="review-judgements">
      {r.assessments.map((a) => {
        const isJustified = isRestrictionJustified(a);
        return (
          <li key={a.restrictionId} className={isJustified ? undefined : 'is-not-justified'}>
            <p className="review-judgements__title">
              {can('readRestrictions') ? <Link to={`/restrictions/${a.restrictionId}`}>{a.description}</Link> : a.description}
            </p>
            <p className="secondary-text">{a.isBlanket ? `Everyone at ${r.serviceName} (blanket)` : `${r.person.displayName} only`} – {restrictionCategoryLabels[a.category]}</p>
            <p className="review-judgements__verdict">{judgementText(a)}</p>
            <ul className="review-judgements__tests">
              <li>Necessary: {yesNo(a.isNecessary)}</li>
              <li>Proportionate to the risk: {yesNo(a.isProportionate)}</li>
              <li>The least restrictive option: {yesNo(a.isLeastRestrictive)}</li>
            </ul>
            {a.note && <p className="review-judgements__note">{a.note}</p>}
          </li>
        );
      })}
    </ul>
  );
}

/** What could be different, what contributed, and what is recommended. */
export function ReviewLearning({ review: r }: { review: PracticeReview }) {
  return (
    <>
      <section className="section" aria-labelledby="different-title">
        <h2 id="different-title">What could be done differently</h2>
        <p className="rec-text">{r.whatCouldBeDifferent || 'Nothing recorded.'}</p>
      </section>
      <section className="section" aria-labelledby="factors-title">
        <h2 id="factors-title">Contributory factors</h2>
        {r.contributoryFactors.length ? (
          <ul>{r.contributoryFactors.map((f) => <li key={f}>{contributoryFactorLabels[f]}</li>)}</ul>
        ) : <p>None recorded.</p>}
      </section>
      <section className="section" aria-labelledby="recommendations-title">
        <h2 id="recommendations-title">Recommendations</h2>
        {r.recommendations.length ? (
          <ol>{r.recommendations.map((text, index) => <li key={index} className="rec-text">{text}</li>)}</ol>
        ) : <p>None recorded.</p>}
      </section>
    </>
  );
}

/**
 * On an incident's page: the post-incident reviews (debriefs) that followed it, and a way to record one. Headed
 * "Debrief", as the page's "Review" is the manager's review of the record itself.
 */
export function IncidentReviews({ incidentId, hasIntervention }: { incidentId: number; hasIntervention: boolean }) {
  const { can } = useSession();
  const reviews = usePracticeReviews({ incidentId, limit: 10, offset: 0 });
  return (
    <section className="section" aria-labelledby="practice-review-title">
      <h2 id="practice-review-title">Debrief</h2>
      {hasIntervention && (
        <p>After a restrictive intervention, talk it through with the person and the staff involved, and look again at whether each of the person’s restrictions is justified.</p>
      )}
      <QueryResult query={reviews} loadingLabel="Loading the reviews…">
        {(data) => data.items.length === 0 ? <p>No review of this incident has been recorded.</p> : (
          <ul className="plain-list rec-links">
            {data.items.map((r) => (
              <li key={r.id}>
                <Link to={`/reviews/${r.id}`}>{kindTitles[r.kind]} for {r.person.displayName}, {formatDate(r.heldOn)}</Link> – {assessmentsSummary(r.assessments)}
              </li>
            ))}
          </ul>
        )}
      </QueryResult>
      {can('recordPracticeReviews') && (
        <Link className="button button--secondary" to={`/reviews/new?incident=${incidentId}`}>Record a post-incident review</Link>
      )}
    </section>
  );
}
