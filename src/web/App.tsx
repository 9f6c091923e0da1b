import { lazy, Suspense, useEffect, useRef, type ReactNode } from 'react';
import { Route, Routes, useLocation, useNavigate } from 'react-router';
import { setUnauthenticatedHandler } from './api/client.js';
import type { Capability } from './features/auth/permissions.js';
import { RequireCapability, RequireSession } from './features/auth/session.js';
import { AppLayout, PublicLayout } from './features/shell/AppLayout.js';
import { AccountPage } from './pages/AccountPage.js';
import { ActionPage } from './pages/ActionPage.js';
import { ActionsPage } from './pages/ActionsPage.js';
import { LearningPage } from './pages/LearningPage.js';
import { LearningResponseNewPage } from './pages/LearningResponseNewPage.js';
import { LearningResponsePage } from './pages/LearningResponsePage.js';
import { LearningResponsesPage } from './pages/LearningResponsesPage.js';
import { LessonPage } from './pages/LessonPage.js';
import { LessonsPage } from './pages/LessonsPage.js';
import { PersonDocumentsPage } from './pages/PersonDocumentsPage.js';
import { TrainingPage } from './pages/TrainingPage.js';
import { YouSaidWeDidPage } from './pages/YouSaidWeDidPage.js';
import { AuditPage } from './pages/AuditPage.js';
import { ComplaintNewPage } from './pages/ComplaintNewPage.js';
import { ComplaintPage } from './pages/ComplaintPage.js';
import { ComplaintsPage } from './pages/ComplaintsPage.js';
import { HomePage } from './pages/HomePage.js';
import { ImportPage } from './pages/ImportPage.js';
import { IncidentPage } from './pages/IncidentPage.js';
import { IncidentsPage } from './pages/IncidentsPage.js';
import { NotFoundPage } from './pages/NotFoundPage.js';
import { OrganisationPage } from './pages/OrganisationPage.js';
import { PatternPage } from './pages/PatternPage.js';
import { PatternsPage } from './pages/PatternsPage.js';
import { ThemesPage } from './pages/ThemesPage.js';
import { PeoplePage } from './pages/PeoplePage.js';
import { EditPersonPage, NewPersonPage } from './pages/PersonEditPage.js';
import { PersonPage } from './pages/PersonPage.js';
import { PracticeReviewNewPage } from './pages/PracticeReviewNewPage.js';
import { PracticeReviewPage } from './pages/PracticeReviewPage.js';
import { PracticeReviewsPage } from './pages/PracticeReviewsPage.js';
import { RecordIncidentPage } from './pages/RecordIncidentPage.js';
import { EditServicePage, NewServicePage } from './pages/ServiceEditPage.js';
import { ServicePage } from './pages/ServicePage.js';
import { ServicesPage } from './pages/ServicesPage.js';
import { RestrictionChallengesPage, RestrictionMyChallengesPage } from './pages/RestrictionChallengesPage.js';
import { RestrictionNewPage } from './pages/RestrictionNewPage.js';
import { RestrictionPage } from './pages/RestrictionPage.js';
import { RestrictionsPage } from './pages/RestrictionsPage.js';
import { RestrictionUnwrittenRulePage } from './pages/RestrictionUnwrittenRulePage.js';
import { SafeguardingConcernPage } from './pages/SafeguardingConcernPage.js';
import { SafeguardingPage } from './pages/SafeguardingPage.js';
import { SafeguardingRaisePage } from './pages/SafeguardingRaisePage.js';
import { SearchPage } from './pages/SearchPage.js';
import { SignInPage } from './pages/SignInPage.js';
import { SpeakUpCasePage } from './pages/SpeakUpCasePage.js';
import { SpeakUpCasesPage } from './pages/SpeakUpCasesPage.js';
import { SpeakUpFollowUpPage } from './pages/SpeakUpFollowUpPage.js';
import { SpeakUpMinePage } from './pages/SpeakUpMinePage.js';
import { SpeakUpPage } from './pages/SpeakUpPage.js';
import { EditStaffPage, NewStaffPage } from './pages/StaffEditPage.js';
import { StaffMemberPage } from './pages/StaffMemberPage.js';
import { StaffPage } from './pages/StaffPage.js';
import { UserNewPage } from './pages/UserNewPage.js';
import { UserPage } from './pages/UserPage.js';
import { UsersPage } from './pages/UsersPage.js';

// The chart library is large and only these pages use it: load them when first visited.
const DashboardPage = lazy(() => import('./pages/DashboardPage.js').then((m) => ({ default: m.DashboardPage })));
const MeasurePage = lazy(() => import('./pages/MeasurePage.js').then((m) => ({ default: m.MeasurePage })));
const chartsLoading = <p role="status">Loading charts…</p>;

/** When any request finds the session has ended, go to sign-in and come back here afterwards. */
function SignInWhenSessionEnds() {
  const navigate = useNavigate();
  const location = useLocation();
  const here = useRef(location);
  useEffect(() => {
    here.current = location;
  }, [location]);
  useEffect(() => {
    setUnauthenticatedHandler(() => {
      if (here.current.pathname === '/sign-in') return;
      void navigate('/sign-in', { replace: true, state: { from: here.current } });
    });
    return () => setUnauthenticatedHandler(undefined);
  }, [navigate]);
  return null;
}

const only = (needs: Capability, page: ReactNode) => <RequireCapability needs={needs}>{page}</RequireCapability>;

export function App() {
  return (
    <>
      <SignInWhenSessionEnds />
      <Routes>
        <Route element={<PublicLayout />}>
          <Route path="sign-in" element={<SignInPage />} />
          <Route path="speak-up/follow-up" element={<SpeakUpFollowUpPage />} />
        </Route>
        <Route element={<RequireSession><AppLayout /></RequireSession>}>
          <Route index element={<HomePage />} />
          <Route path="dashboard" element={<Suspense fallback={chartsLoading}><DashboardPage /></Suspense>} />
          <Route path="measures/:key" element={<Suspense fallback={chartsLoading}><MeasurePage /></Suspense>} />
          <Route path="services" element={<ServicesPage />} />
          <Route path="services/new" element={only('editServices', <NewServicePage />)} />
          <Route path="services/:id" element={<ServicePage />} />
          <Route path="services/:id/edit" element={only('editServices', <EditServicePage />)} />
          <Route path="incidents" element={only('readIncidents', <IncidentsPage />)} />
          <Route path="incidents/new" element={only('recordIncidents', <RecordIncidentPage />)} />
          <Route path="incidents/:id" element={only('readIncidents', <IncidentPage />)} />
          <Route path="safeguarding" element={only('readSafeguarding', <SafeguardingPage />)} />
          <Route path="safeguarding/new" element={only('raiseSafeguarding', <SafeguardingRaisePage />)} />
          <Route path="safeguarding/:id" element={only('readSafeguarding', <SafeguardingConcernPage />)} />
          <Route path="complaints" element={only('readComplaints', <ComplaintsPage />)} />
          <Route path="complaints/new" element={only('recordComplaints', <ComplaintNewPage />)} />
          <Route path="complaints/:id" element={only('readComplaints', <ComplaintPage />)} />
          <Route path="restrictions" element={only('readRestrictions', <RestrictionsPage />)} />
          <Route path="restrictions/new" element={only('editRestrictions', <RestrictionNewPage />)} />
          <Route path="restrictions/unwritten-rule" element={only('challengeRestrictions', <RestrictionUnwrittenRulePage />)} />
          <Route path="restrictions/my-challenges" element={only('challengeRestrictions', <RestrictionMyChallengesPage />)} />
          <Route path="restrictions/challenges" element={only('reviewChallenges', <RestrictionChallengesPage />)} />
          <Route path="restrictions/:id" element={only('readRestrictions', <RestrictionPage />)} />
          <Route path="reviews" element={only('readPracticeReviews', <PracticeReviewsPage />)} />
          <Route path="reviews/new" element={only('recordPracticeReviews', <PracticeReviewNewPage />)} />
          <Route path="reviews/:id" element={only('readPracticeReviews', <PracticeReviewPage />)} />
          <Route path="search" element={only('searchRecords', <SearchPage />)} />
          <Route path="speak-up" element={only('speakUp', <SpeakUpPage />)} />
          <Route path="speak-up/mine" element={only('speakUp', <SpeakUpMinePage />)} />
          <Route path="speak-up/cases" element={only('guardSpeakUp', <SpeakUpCasesPage />)} />
          <Route path="speak-up/cases/:id" element={only('guardSpeakUp', <SpeakUpCasePage />)} />
          <Route path="patterns" element={only('readPatterns', <PatternsPage />)} />
          <Route path="themes" element={<ThemesPage />} />
          <Route path="patterns/:id" element={only('readPatterns', <PatternPage />)} />
          <Route path="people" element={only('readPeople', <PeoplePage />)} />
          <Route path="people/new" element={only('editPeople', <NewPersonPage />)} />
          <Route path="people/:id" element={only('readPeople', <PersonPage />)} />
          <Route path="people/:id/edit" element={only('editPeople', <EditPersonPage />)} />
          <Route path="staff" element={only('readStaff', <StaffPage />)} />
          <Route path="staff/new" element={only('editStaff', <NewStaffPage />)} />
          <Route path="staff/:id" element={only('readStaff', <StaffMemberPage />)} />
          <Route path="staff/:id/edit" element={only('editStaff', <EditStaffPage />)} />
          <Route path="organisation" element={only('readCommissioners', <OrganisationPage />)} />
          <Route path="users" element={only('manageUsers', <UsersPage />)} />
          <Route path="users/new" element={only('manageUsers', <UserNewPage />)} />
          <Route path="users/:id" element={only('manageUsers', <UserPage />)} />
          <Route path="audit" element={only('readAudit', <AuditPage />)} />
          <Route path="imports" element={only('importData', <ImportPage />)} />
          <Route path="learning" element={only('readLessons', <LearningPage />)} />
          <Route path="learning-responses" element={only('readLearningResponses', <LearningResponsesPage />)} />
          <Route path="learning-responses/new" element={only('startLearningResponses', <LearningResponseNewPage />)} />
          <Route path="learning-responses/:id" element={only('readLearningResponses', <LearningResponsePage />)} />
          <Route path="lessons" element={only('readLessons', <LessonsPage />)} />
          <Route path="lessons/:id" element={only('readLessons', <LessonPage />)} />
          <Route path="actions" element={only('readActions', <ActionsPage />)} />
          <Route path="actions/:id" element={only('readActions', <ActionPage />)} />
          <Route path="people/:id/documents" element={only('readDocuments', <PersonDocumentsPage />)} />
          <Route path="training" element={only('readTraining', <TrainingPage />)} />
          <Route path="you-said-we-did" element={<YouSaidWeDidPage />} />
          <Route path="account" element={<AccountPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </>
  );
}
