import { Link, useParams } from 'react-router';
import { BackLink } from '../components/BackLink.js';
import { useFlash } from '../components/flash.js';
import { Notice } from '../components/Notice.js';
import { DocumentTitle, PageHeader } from '../components/PageHeader.js';
import { QueryResult } from '../components/QueryResult.js';
import { useSession } from '../features/auth/session.js';
import { useService } from '../features/services/api.js';
import { OccupancyTable } from '../features/services/OccupancyTable.js';
import { RecordOccupancyForm } from '../features/services/RecordOccupancyForm.js';
import { ServiceDetails } from '../features/services/ServiceDetails.js';
import { RecordTimeline } from '../features/timeline/Timeline.js';

export function ServicePage() {
  const id = Number(useParams().id);
  const { can } = useSession();
  const service = useService(id);
  const flash = useFlash();
  return (
    <>
      <BackLink to="/services">All services</BackLink>
      {flash && <Notice title={flash} />}
      <QueryResult query={service} loadingLabel="Loading the service…">
        {(s) => (
          <>
            <PageHeader
              title={s.name} caption="Service"
              actions={can('editServices') && <Link className="button button--secondary" to={`/services/${s.id}/edit`}>Change service details</Link>}
            />
            <ServiceDetails service={s} />
            {can('readOccupancy') && (
              <section className="section" aria-labelledby="occupancy-title">
                <h2 id="occupancy-title">Occupancy</h2>
                <p>
                  Occupied days are the days people were supported here, added up over the month: the basis for rates such as
                  incidents per 1,000 occupied days. “Average a day” is how many people were supported on an average day,
                  and “Places used” compares that with the {s.capacity} places.
                </p>
                <OccupancyTable serviceId={s.id} capacity={s.capacity} />
                {can('recordOccupancy') && (
                  <>
                    <h3>Record a day’s occupancy</h3>
                    <RecordOccupancyForm serviceId={s.id} capacity={s.capacity} />
                  </>
                )}
              </section>
            )}
            {can('readServiceDetail') && can('searchRecords') && (
              <section className="section" aria-labelledby="service-log-title">
                <h2 id="service-log-title">Service log</h2>
                <p className="secondary-text">Everything recorded at {s.name}, newest first.</p>
                <RecordTimeline path={`/api/v1/services/${s.id}/log`} what={`${s.name} service log`} filterLabel="Filter the service log" isServiceShown={false} />
              </section>
            )}
          </>
        )}
      </QueryResult>
      {service.isPending && <DocumentTitle title="Service" />}
    </>
  );
}
