import { useState } from 'react';
import { BackLink } from '../components/BackLink.js';
import { useFlash } from '../components/flash.js';
import { Notice } from '../components/Notice.js';
import { PageHeader } from '../components/PageHeader.js';
import { ChallengesList } from '../features/restrictions/Restrictions.js';

export function RestrictionChallengesPage() {
  const [done, setDone] = useState<string | null>(null);
  return (
    <>
      <BackLink to="/restrictions">Restrictions</BackLink>
      {done && <Notice title={done} />}
      <PageHeader title="Challenges to review" description="Challenges to restrictions and reports of unwritten rules in your services, waiting for an outcome." />
      <ChallengesList mine={false} onDone={setDone} />
    </>
  );
}

export function RestrictionMyChallengesPage() {
  const flash = useFlash();
  return (
    <>
      <BackLink to="/restrictions">Restrictions</BackLink>
      {flash && <Notice title={flash} />}
      <PageHeader title="My challenges" description="Restrictions you challenged and unwritten rules you reported, with the replies." />
      <ChallengesList mine onDone={() => undefined} />
    </>
  );
}
