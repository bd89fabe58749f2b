import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect } from 'react';
import { Route, Routes, useLocation, useNavigate } from 'react-router';
import { setUnauthorizedHandler } from '../api/client';
import { ME_KEY } from './auth/session';
import { ConsoleLayout } from './ConsoleLayout';
import { NotFound, RequireAuth, RequireCapability } from './RequireAuth';
import { PageLoading } from './shared/feedback';

const LoginPage = lazy(() => import('./auth/LoginPage'));
const ChangePasswordPage = lazy(() => import('./auth/ChangePasswordPage'));
const OverviewPage = lazy(() => import('./org/OverviewPage'));
const CommuneDetailPage = lazy(() => import('./org/CommuneDetailPage'));
const UnitsPage = lazy(() => import('./org/UnitsPage'));
const VillagesPage = lazy(() => import('./org/VillagesPage'));
const UsersPage = lazy(() => import('./users/UsersPage'));
const TokensPage = lazy(() => import('./users/TokensPage'));
const AuditPage = lazy(() => import('./audit/AuditPage'));
const MyTasksPage = lazy(() => import('./plans/MyTasksPage'));
const PlansPage = lazy(() => import('./plans/PlansPage'));
const PlanDetailPage = lazy(() => import('./plans/PlanDetailPage'));
const ProgressPage = lazy(() => import('./plans/ProgressPage'));
const DifficultiesPage = lazy(() => import('./plans/DifficultiesPage'));
const SummaryPage = lazy(() => import('./plans/SummaryPage'));
const BudgetPage = lazy(() => import('./budget/BudgetPage'));
const OutreachPage = lazy(() => import('./outreach/OutreachPage'));
const RewardsPage = lazy(() => import('./rewards/RewardsPage'));
const VillageAssessmentsPage = lazy(() => import('./village-assessments/VillageAssessmentsPage'));
const CriteriaSetsPage = lazy(() => import('./criteria/CriteriaSetsPage'));
const CityHolidaysPage = lazy(() => import('./calendar/CityHolidaysPage'));
const RegistrationPage = lazy(() => import('./criteria/RegistrationPage'));
const AssessmentsPage = lazy(() => import('./criteria/AssessmentsPage'));
const AssessmentPage = lazy(() => import('./criteria/AssessmentPage'));
const SatisfactionDashboardPage = lazy(() => import('./satisfaction/DashboardPage'));
const SatisfactionSetupPage = lazy(() => import('./satisfaction/SetupPage'));
const FeedbackQueuePage = lazy(() => import('./feedback/FeedbackQueuePage'));
const FeedbackDetailPage = lazy(() => import('./feedback/FeedbackDetailPage'));
const FeedbackSettingsPage = lazy(() => import('./feedback/FeedbackSettingsPage'));
const DocumentsPage = lazy(() => import('./documents/DocumentsPage'));
const YearlyReportPage = lazy(() => import('./reports/YearlyReportPage'));
const ReviewReportPage = lazy(() => import('./reports/ReviewReportPage'));
const IndicesPage = lazy(() => import('./indices/IndicesPage'));

/** On a 401 from any call but login: forget the session, which sends the user to the login page. */
function UnauthorizedRedirect() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  useEffect(() => {
    setUnauthorizedHandler(() => {
      const hadSession = Boolean(queryClient.getQueryData(ME_KEY));
      queryClient.setQueryData(ME_KEY, null);
      if (location.pathname !== '/login') {
        const here = `${location.pathname}${location.search}`;
        navigate(hadSession && here !== '/' ? `/login?next=${encodeURIComponent(here)}` : '/login', {
          replace: true,
        });
      }
    });
    return () => setUnauthorizedHandler(null);
  }, [queryClient, navigate, location]);
  return null;
}

export function App() {
  return (
    <>
      <UnauthorizedRedirect />
      <Suspense fallback={<PageLoading />}>
        <Routes>
          <Route path="/login" element={<LoginPage />} />
          <Route
            element={
              <RequireAuth>
                <ConsoleLayout />
              </RequireAuth>
            }
          >
            <Route index element={<OverviewPage />} />
            <Route path="communes/:communeId" element={<CommuneDetailPage />} />
            <Route path="units" element={<UnitsPage />} />
            <Route path="villages" element={<VillagesPage />} />
            <Route
              path="my-tasks"
              element={
                <RequireCapability capability="plans.mine">
                  <MyTasksPage />
                </RequireCapability>
              }
            />
            <Route path="plans" element={<PlansPage />} />
            <Route path="plans/:planId" element={<PlanDetailPage />} />
            <Route path="progress" element={<ProgressPage />} />
            <Route path="difficulties" element={<DifficultiesPage />} />
            <Route path="budget" element={<BudgetPage />} />
            <Route path="outreach" element={<OutreachPage />} />
            <Route path="rewards" element={<RewardsPage />} />
            <Route path="village-assessments" element={<VillageAssessmentsPage />} />
            <Route path="criteria-sets" element={<CriteriaSetsPage />} />
            <Route path="city-holidays" element={<CityHolidaysPage />} />
            <Route path="level-registration" element={<RegistrationPage />} />
            <Route path="assessments" element={<AssessmentsPage />} />
            <Route path="assessments/:assessmentId" element={<AssessmentPage />} />
            <Route
              path="documents"
              element={
                <RequireCapability capability="documents.register">
                  <DocumentsPage />
                </RequireCapability>
              }
            />
            <Route
              path="reports/yearly"
              element={
                <RequireCapability capability="reports.commune">
                  <YearlyReportPage />
                </RequireCapability>
              }
            />
            <Route
              path="reports/review"
              element={
                <RequireCapability capability="reports.commune">
                  <ReviewReportPage />
                </RequireCapability>
              }
            />
            <Route path="official-indices" element={<IndicesPage />} />
            <Route path="satisfaction" element={<SatisfactionDashboardPage />} />
            <Route path="satisfaction/setup" element={<SatisfactionSetupPage />} />
            <Route
              path="unit-summary"
              element={
                <RequireCapability capability="plans.summary">
                  <SummaryPage />
                </RequireCapability>
              }
            />
            <Route
              path="feedback"
              element={
                <RequireCapability capability="feedback.read">
                  <FeedbackQueuePage />
                </RequireCapability>
              }
            />
            <Route
              path="feedback-settings"
              element={
                <RequireCapability capability="feedback.triage">
                  <FeedbackSettingsPage />
                </RequireCapability>
              }
            />
            <Route
              path="feedback/:id"
              element={
                <RequireCapability capability="feedback.read">
                  <FeedbackDetailPage />
                </RequireCapability>
              }
            />
            <Route
              path="users"
              element={
                <RequireCapability capability="users.manage">
                  <UsersPage />
                </RequireCapability>
              }
            />
            <Route
              path="tokens"
              element={
                <RequireCapability capability="tokens.manage">
                  <TokensPage />
                </RequireCapability>
              }
            />
            <Route
              path="audit"
              element={
                <RequireCapability capability="audit.read">
                  <AuditPage />
                </RequireCapability>
              }
            />
            <Route path="change-password" element={<ChangePasswordPage />} />
            <Route path="*" element={<NotFound />} />
          </Route>
        </Routes>
      </Suspense>
    </>
  );
}
