import { Link } from 'react-router';
import { PageHeader } from '../components/PageHeader.js';
import { useSession } from '../features/auth/session.js';
import { ReviewsList } from '../features/practice-reviews/Reviews.js';

export function PracticeReviewsPage() {
  const { can } = useSession();
  return (
    <>
      <PageHeader
        title="Practice reviews"
        description="Debriefs after incidents and periodic reviews of people’s restrictions, newest first."
        actions={can('recordPracticeReviews') && <Link className="button" to="/reviews/new">Record a practice review</Link>}
      />
      <ReviewsList />
    </>
  );
}
