import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect } from 'react';
import { Route, Routes, useLocation, useNavigate } from 'react-router';
import { setUnauthorizedHandler } from '../api/client';
import { ME_KEY } from './auth/session';
import { ConsoleLayout } from './ConsoleLayout';
import { type ConsolePage, PAGES } from './pages';
import { NotFound, RequireAuth, RequireCapability } from './RequireAuth';
import { PageLoading } from './shared/feedback';

const LoginPage = lazy(() => import('./auth/LoginPage'));

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

/** A page, behind its capability when it has one. */
function pageElement({ element: Page, requires }: ConsolePage) {
  return requires ? (
    <RequireCapability capability={requires}>
      <Page />
    </RequireCapability>
  ) : (
    <Page />
  );
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
            {PAGES.map((page) =>
              page.path === '' ? (
                <Route key="index" index element={pageElement(page)} />
              ) : (
                <Route key={page.path} path={page.path} element={pageElement(page)} />
              ),
            )}
            <Route path="*" element={<NotFound />} />
          </Route>
        </Routes>
      </Suspense>
    </>
  );
}
