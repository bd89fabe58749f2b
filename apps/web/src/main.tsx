import { QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { lazy, StrictMode, Suspense, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Route, Routes, useLocation, useNavigate } from 'react-router';
import { isApiError, setUnauthorizedHandler } from './api/client';
import LoginPage from './console/auth/LoginPage';
import { ME_KEY } from './console/auth/session';
import i18n from './i18n';
import './styles.css';
import './contrast.css';

// The console (antd and every page) is fetched only once someone is past the login page.
const ConsoleRoot = lazy(() => import('./console/ConsoleRoot'));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      refetchOnWindowFocus: false,
      retry: (failures, error) => {
        if (isApiError(error) && error.status >= 400 && error.status < 500) return false;
        return failures < 2;
      },
    },
  },
});

/** On a 401 from any call but login: forget the session, which sends the user to the login page. */
function UnauthorizedRedirect() {
  const client = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  useEffect(() => {
    setUnauthorizedHandler(() => {
      const hadSession = Boolean(client.getQueryData(ME_KEY));
      client.setQueryData(ME_KEY, null);
      if (location.pathname !== '/login') {
        const here = `${location.pathname}${location.search}`;
        navigate(hadSession && here !== '/' ? `/login?next=${encodeURIComponent(here)}` : '/login', {
          replace: true,
        });
      }
    });
    return () => setUnauthorizedHandler(null);
  }, [client, navigate, location]);
  return null;
}

/** While the console's code arrives: a plain notice (antd is not there yet). */
function Loading() {
  return (
    <div className="cqtt-login-loading" role="status">
      {i18n.t('common.loading')}
    </div>
  );
}

const container = document.getElementById('root');
if (!container) throw new Error('#root is missing from index.html');
createRoot(container).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <UnauthorizedRedirect />
        <Suspense fallback={<Loading />}>
          <Routes>
            <Route path="/login" element={<LoginPage />} />
            <Route path="*" element={<ConsoleRoot />} />
          </Routes>
        </Suspense>
      </BrowserRouter>
    </QueryClientProvider>
  </StrictMode>,
);
