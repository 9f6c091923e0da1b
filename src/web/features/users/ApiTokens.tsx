import { useState } from 'react';
import { apiTokenInput } from '../../../domain/organisation.js';
import { ApiForm } from '../../components/ApiForm.js';
import { DataTable } from '../../components/DataTable.js';
import { DateText } from '../../components/DateText.js';
import { TextField } from '../../components/Field.js';
import { asNumber, useApiForm } from '../../components/forms.js';
import { LoadError, QueryResult } from '../../components/QueryResult.js';
import { useApiTokens, useIssueToken, useRevokeToken, type ApiToken, type IssuedToken } from './api.js';

function tokenStatus(token: ApiToken, now = Date.now()) {
  if (token.revokedAt) return <>Revoked <DateText value={token.revokedAt} /></>;
  if (Date.parse(token.expiresAt) <= now) return 'Expired';
  return 'Active';
}

/** The new token, shown this once, with a button to copy it. */
function NewToken({ issued, onDismiss }: { issued: IssuedToken; onDismiss: () => void }) {
  const [copyStatus, setCopyStatus] = useState('');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(issued.token);
      setCopyStatus('Copied to the clipboard.');
    } catch {
      setCopyStatus('Copying did not work here: select the token and copy it yourself.');
    }
  };
  return (
    <section className="panel panel--highlight" aria-labelledby="new-token-title">
      <h3 id="new-token-title">Copy the token for “{issued.name}” now</h3>
      <p>This is the only time Lantern shows it. Store it in the other system’s settings; if it is lost, revoke it and issue another.</p>
      <div className="field">
        <label className="label" htmlFor="new-token-value">New API token</label>
        <input
          className="input token" id="new-token-value" type="text" readOnly value={issued.token}
          spellCheck={false} autoComplete="off" onFocus={(event) => event.currentTarget.select()}
        />
      </div>
      <div className="button-group">
        <button type="button" className="button" onClick={() => void copy()}>Copy token</button>
        <button type="button" className="button button--link" onClick={onDismiss}>I have stored it</button>
      </div>
      <p className="status-text" role="status">{copyStatus}</p>
    </section>
  );
}

function IssueTokenForm({ userId, onIssued }: { userId: number; onIssued: (token: IssuedToken) => void }) {
  const issue = useIssueToken(userId);
  const form = useApiForm(apiTokenInput, { fields: ['name', 'expiresInDays'], defaultValues: { name: '', expiresInDays: 365 } });
  const onSubmit = async (values: { name: string; expiresInDays: number }) => {
    onIssued(await issue.mutateAsync(values));
    form.reset({ name: '', expiresInDays: 365 });
  };
  return (
    <ApiForm form={form} onSubmit={onSubmit} submitLabel="Issue token" label="Issue an API token" className="form form--compact">
      <TextField label="What the token is for" width="medium" hint="For example, Rota system import." {...form.register('name')} />
      <TextField
        label="Days until it expires" type="number" width="short" inputMode="numeric" hint="Between 1 and 730."
        {...form.register('expiresInDays', { setValueAs: asNumber })}
      />
    </ApiForm>
  );
}

function RevokeButton({ userId, token }: { userId: number; token: ApiToken }) {
  const revoke = useRevokeToken(userId);
  const [isConfirming, setConfirming] = useState(false);
  if (revoke.isError) return <LoadError error={revoke.error} />;
  if (!isConfirming) {
    return (
      <button type="button" className="button button--secondary button--small" onClick={() => setConfirming(true)}>
        Revoke<span className="visually-hidden"> {token.name}</span>
      </button>
    );
  }
  return (
    <span className="button-group button-group--tight">
      <button type="button" className="button button--warning button--small" onClick={() => revoke.mutate(token.id)}>
        Yes, revoke<span className="visually-hidden"> {token.name}</span>
      </button>
      <button type="button" className="button button--link button--small" onClick={() => setConfirming(false)}>Keep it</button>
    </span>
  );
}

/** An account's API tokens for integrations: issue one (shown once), see when each was used, revoke. */
export function ApiTokens({ userId }: { userId: number }) {
  const tokens = useApiTokens(userId);
  const [issued, setIssued] = useState<IssuedToken | null>(null);
  const columns = [
    { header: 'Token', isRowHeader: true, cell: (t: ApiToken) => t.name },
    { header: 'Issued', cell: (t: ApiToken) => <DateText value={t.createdAt} /> },
    { header: 'Expires', cell: (t: ApiToken) => <DateText value={t.expiresAt} /> },
    { header: 'Last used', cell: (t: ApiToken) => <DateText value={t.lastUsedAt} withTime fallback="Never" /> },
    { header: 'Status', cell: (t: ApiToken) => tokenStatus(t) },
    {
      header: 'Change',
      cell: (t: ApiToken) => (t.revokedAt ? null : <RevokeButton userId={userId} token={t} />),
    },
  ];
  return (
    <section className="section" aria-labelledby="tokens-title">
      <h2 id="tokens-title">API tokens</h2>
      <p>Other systems use a token to reach Lantern’s API as this account, with the same access.</p>
      {issued && <NewToken issued={issued} onDismiss={() => setIssued(null)} />}
      <QueryResult query={tokens} loadingLabel="Loading tokens…">
        {(items) => (
          <DataTable caption="API tokens" isCaptionHidden columns={columns} rows={items} rowKey={(t) => t.id} emptyMessage="This account has no API tokens." />
        )}
      </QueryResult>
      <h3>Issue a new token</h3>
      <IssueTokenForm userId={userId} onIssued={setIssued} />
    </section>
  );
}
