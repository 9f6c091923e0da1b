import { useNavigate, useParams } from 'react-router';
import type { ServiceInput } from '../../domain/organisation.js';
import { BackLink } from '../components/BackLink.js';
import { withFlash } from '../components/flash.js';
import { PageHeader } from '../components/PageHeader.js';
import { QueryResult } from '../components/QueryResult.js';
import { useCreateService, useService, useUpdateService } from '../features/services/api.js';
import { ServiceForm } from '../features/services/ServiceForm.js';

export function NewServicePage() {
  const create = useCreateService();
  const navigate = useNavigate();
  const onSave = async (values: ServiceInput) => {
    const service = await create.mutateAsync(values);
    await navigate(`/services/${service.id}`, withFlash(`${service.name} has been added.`));
  };
  return (
    <>
      <BackLink to="/services">All services</BackLink>
      <PageHeader title="Add a service" />
      <ServiceForm submitLabel="Add service" cancelTo="/services" onSave={onSave} />
    </>
  );
}

export function EditServicePage() {
  const id = Number(useParams().id);
  const service = useService(id);
  const update = useUpdateService(id);
  const navigate = useNavigate();
  const onSave = async (_values: ServiceInput, changed: Partial<ServiceInput>) => {
    if (Object.keys(changed).length === 0) {
      await navigate(`/services/${id}`, withFlash('Nothing had changed, so nothing was saved.'));
      return;
    }
    const saved = await update.mutateAsync(changed);
    await navigate(`/services/${id}`, withFlash(`${saved.name} has been saved.`));
  };
  return (
    <>
      <BackLink to={`/services/${id}`}>Back to the service</BackLink>
      <QueryResult query={service}>
        {(s) => (
          <>
            <PageHeader title={`Change ${s.name}`} caption="Service" />
            <ServiceForm service={s} submitLabel="Save service" cancelTo={`/services/${id}`} onSave={onSave} />
          </>
        )}
      </QueryResult>
    </>
  );
}
