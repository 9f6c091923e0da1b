import { useNavigate, useParams } from 'react-router';
import type { StaffInput } from '../../domain/organisation.js';
import { BackLink } from '../components/BackLink.js';
import { withFlash } from '../components/flash.js';
import { PageHeader } from '../components/PageHeader.js';
import { QueryResult } from '../components/QueryResult.js';
import { useCreateStaff, useStaffMember, useUpdateStaff } from '../features/staff/api.js';
import { StaffForm } from '../features/staff/StaffForm.js';

export function NewStaffPage() {
  const create = useCreateStaff();
  const navigate = useNavigate();
  const onSave = async (values: StaffInput) => {
    const member = await create.mutateAsync(values);
    await navigate(`/staff/${member.id}`, withFlash(`${member.name} has been added.`));
  };
  return (
    <>
      <BackLink to="/staff">All staff</BackLink>
      <PageHeader title="Add a member of staff" />
      <StaffForm submitLabel="Add member of staff" cancelTo="/staff" onSave={onSave} />
    </>
  );
}

export function EditStaffPage() {
  const id = Number(useParams().id);
  const member = useStaffMember(id);
  const update = useUpdateStaff(id);
  const navigate = useNavigate();
  const onSave = async (_values: StaffInput, changed: Partial<StaffInput>) => {
    if (Object.keys(changed).length === 0) {
      await navigate(`/staff/${id}`, withFlash('Nothing had changed, so nothing was saved.'));
      return;
    }
    const saved = await update.mutateAsync(changed);
    await navigate(`/staff/${id}`, withFlash(`${saved.name}’s details have been saved.`));
  };
  return (
    <>
      <BackLink to={`/staff/${id}`}>Back to the member of staff</BackLink>
      <QueryResult query={member}>
        {(m) => (
          <>
            <PageHeader title={`Change ${m.name}’s details`} caption="Staff" />
            <StaffForm member={m} submitLabel="Save details" cancelTo={`/staff/${id}`} onSave={onSave} />
          </>
        )}
      </QueryResult>
    </>
  );
}
