import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Route, Routes } from 'react-router';
import { CommuneLayout } from './commune';
import { CITIZEN_ROUTES } from './routes';
import './citizen.css';

const CommuneHome = lazy(() => import('./CommuneHome'));
const CityPage = lazy(() => import('./CityPage'));

function NotFound() {
  return (
    <main className="c-main">
      <div className="c-card c-error" role="alert">
        <p>Không tìm thấy trang này. Hãy quét lại mã QR hoặc mở đường dẫn xã gửi cho ông/bà.</p>
      </div>
    </main>
  );
}

function CitizenApp() {
  return (
    <Suspense fallback={<p className="c-muted c-main">Đang tải…</p>}>
      <Routes>
        <Route path="/p/city/:cityCode" element={<CityPage />} />
        <Route path="/p/:communeCode" element={<CommuneLayout />}>
          <Route index element={<CommuneHome />} />
          {CITIZEN_ROUTES.map((r) => (
            <Route key={r.path} path={r.path} element={r.element} />
          ))}
          <Route path="*" element={<NotFound />} />
        </Route>
        <Route path="*" element={<NotFound />} />
      </Routes>
    </Suspense>
  );
}

const container = document.getElementById('root');
if (!container) throw new Error('#root is missing from citizen.html');
createRoot(container).render(
  <StrictMode>
    <BrowserRouter>
      <CitizenApp />
    </BrowserRouter>
  </StrictMode>,
);
