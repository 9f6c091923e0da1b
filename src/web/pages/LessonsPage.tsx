import { BackLink } from '../components/BackLink.js';
import { PageHeader } from '../components/PageHeader.js';
import { LessonLibrary } from '../features/learning/Lessons.js';

export function LessonsPage() {
  return (
    <>
      <BackLink to="/learning">Learning</BackLink>
      <PageHeader title="The learning library" description="Lessons from learning responses across the services you can see. Search by words." />
      <LessonLibrary />
    </>
  );
}
