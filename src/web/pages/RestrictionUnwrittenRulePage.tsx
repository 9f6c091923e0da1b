import { BackLink } from '../components/BackLink.js';
import { PageHeader } from '../components/PageHeader.js';
import { UnwrittenRuleForm } from '../features/restrictions/Restrictions.js';

export function RestrictionUnwrittenRulePage() {
  return (
    <>
      <BackLink to="/restrictions">Restrictions</BackLink>
      <PageHeader
        title="Report an unwritten rule"
        description="Rules that nobody wrote down can still restrict people. Telling us helps end the ones that are not needed."
      />
      <UnwrittenRuleForm />
    </>
  );
}
