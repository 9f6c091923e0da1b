import { Link, useSearchParams } from 'react-router';
import type { User } from '../../../domain/organisation.js';
import { roleLabels, roles, type Role } from '../../../domain/roles.js';
import { DataTable } from '../../components/DataTable.js';
import { CsvDownloadLink } from '../../components/CsvDownloadLink.js';
import { DateText } from '../../components/DateText.js';
import { FilterForm, FilterSearch, FilterSelect } from '../../components/FilterForm.js';
import { Pagination, usePageParams } from '../../components/Pagination.js';
import { QueryResult } from '../../components/QueryResult.js';
import { useUsers } from './api.js';
import { scopeText } from './scope.js';

const PAGE_SIZE = 50;
const isRole = (value: string | null): value is Role => value !== null && (roles as readonly string[]).includes(value);

const columns = [
  {
    header: 'Name',
    isRowHeader: true,
    cell: (u: User) => (
      <>
        <Link to={`/users/${u.id}`}>{u.name}</Link>
        {u.disabled && <span className="tag tag--grey">Disabled</span>}
      </>
    ),
  },
  { header: 'Email', cell: (u: User) => <span className="break-anywhere">{u.email}</span> },
  { header: 'Role', cell: (u: User) => roleLabels[u.role] },
  { header: 'Services', cell: (u: User) => scopeText(u) },
  { header: 'Last signed in', isNoWrap: true, cell: (u: User) => <DateText value={u.lastSignInAt} withTime fallback="Never" /> },
];

/** Every account, searchable by name or email and filterable by role (administrators). */
export function UsersList() {
  const [params] = useSearchParams();
  const { limit, offset } = usePageParams(PAGE_SIZE);
  const role = params.get('role');
  const filter = { q: params.get('q') ?? undefined, role: isRole(role) ? role : undefined };
  const users = useUsers({ ...filter, limit, offset });
  return (
    <>
      <FilterForm label="Filter accounts">
        <FilterSearch name="q" label="Name or email" value={params.get('q')} />
        <FilterSelect name="role" label="Role" value={role} anyLabel="All roles" options={roles.map((r) => ({ value: r, label: roleLabels[r] }))} />
      </FilterForm>
      <QueryResult query={users} loadingLabel="Loading accounts…">
        {(data) => (
          <>
            <DataTable caption="Accounts" isCaptionHidden columns={columns} rows={data.items} rowKey={(u) => u.id} emptyMessage="No accounts match." />
            <Pagination total={data.total} limit={limit} offset={offset} noun="accounts" />
            {data.total > 0 && <CsvDownloadLink path="/api/v1/users" filter={filter} what="accounts" />}
          </>
        )}
      </QueryResult>
    </>
  );
}
