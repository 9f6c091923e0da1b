import { useFormContext, useWatch } from 'react-hook-form';
import { roleLabels, roles, type Role } from '../../../domain/roles.js';
import { CheckboxField, CheckboxGroup, SelectField } from '../../components/Field.js';
import { asNumberOrNull } from '../../components/forms.js';
import { useSession } from '../auth/session.js';
import { useCommissioners } from '../organisation/api.js';

/** The fields both account forms share: what the account may see. */
interface AccessValues {
  role: Role;
  allServices: boolean;
  serviceIds: number[];
  commissionerId: number | null;
}

const roleHints: Record<Role, string> = {
  support_worker: 'reads people and staff in their services',
  service_manager: 'adds and changes people, staff and occupancy in their services',
  safeguarding_lead: 'reads people, staff and occupancy',
  quality_lead: 'reads people, staff and occupancy',
  speak_up_guardian: 'sees service summaries',
  board_member: 'sees service summaries and occupancy, never individual people',
  commissioner: 'sees summaries of the services their body commissions',
  admin: 'manages accounts, services and the organisation, and reads the audit trail',
};

/** Role, then either the commissioning body (for commissioners) or the services the account covers. */
export function AccessFields() {
  const { me } = useSession();
  const { register, control } = useFormContext<AccessValues>();
  const role = useWatch({ control, name: 'role' });
  const allServices = useWatch({ control, name: 'allServices' });
  const commissioners = useCommissioners();
  return (
    <>
      <SelectField
        label="Role" hint={role ? `${roleLabels[role]}: ${roleHints[role]}.` : 'What the account can do in Lantern.'}
        options={roles.map((r) => ({ value: r, label: roleLabels[r] }))}
        {...register('role')}
      />
      {role === 'commissioner' ? (
        <SelectField
          label="Commissioning body" placeholder="Choose a commissioner"
          hint="The account sees summaries of the services this body commissions."
          options={(commissioners.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
          {...register('commissionerId', { setValueAs: asNumberOrNull })}
        />
      ) : (
        <>
          <CheckboxField label="All services, including ones added later" {...register('allServices')} />
          {!allServices && (
            <CheckboxGroup
              control={control} name="serviceIds" legend="Services" hint="Choose the services this account covers."
              options={me.services.map((s) => ({ value: s.id, label: s.name }))}
            />
          )}
        </>
      )}
    </>
  );
}

/** Send only what fits the role: commissioners get no services; other roles no commissioner. */
export function tidyAccess<T extends Partial<AccessValues>>(values: T): T {
  if (values.role === 'commissioner') return { ...values, allServices: false, serviceIds: [] };
  return { ...values, commissionerId: null, serviceIds: values.allServices ? [] : values.serviceIds };
}
