import { useEffect, useRef, type ReactNode } from 'react';
import { Route, Routes, useLocation, useNavigate } from 'react-router';
import { setUnauthenticatedHandler } from './api/client.js';
import type { Capability } from './features/auth/permissions.js';
import { RequireCapability, RequireSession } from './features/auth/session.js';
import { AppLayout, PublicLayout } from './features/shell/AppLayout.js';
import { AccountPage } from './pages/AccountPage.js';
import { AuditPage } from './pages/AuditPage.js';
import { HomePage } from './pages/HomePage.js';
import { NotFoundPage } from './pages/NotFoundPage.js';
import { OrganisationPage } from './pages/OrganisationPage.js';
import { PeoplePage } from './pages/PeoplePage.js';
import { EditPersonPage, NewPersonPage } from './pages/PersonEditPage.js';
import { PersonPage } from './pages/PersonPage.js';
import { EditServicePage, NewServicePage } from './pages/ServiceEditPage.js';
import { ServicePage } from './pages/ServicePage.js';
import { ServicesPage } from './pages/ServicesPage.js';
import { SignInPage } from './pages/SignInPage.js';
import { EditStaffPage, NewStaffPage } from './pages/StaffEditPage.js';
import { StaffMemberPage } from './pages/StaffMemberPage.js';
import { StaffPage } from './pages/StaffPage.js';
import { UserNewPage } from './pages/UserNewPage.js';
import { UserPage } from './pages/UserPage.js';
import { UsersPage } from './pages/UsersPage.js';

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
        </Route>
        <Route element={<RequireSession><AppLayout /></RequireSession>}>
          <Route index element={<HomePage />} />
          <Route path="services" element={<ServicesPage />} />
          <Route path="services/new" element={only('editServices', <NewServicePage />)} />
          <Route path="services/:id" element={<ServicePage />} />
          <Route path="services/:id/edit" element={only('editServices', <EditServicePage />)} />
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
          <Route path="account" element={<AccountPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </>
  );
}
