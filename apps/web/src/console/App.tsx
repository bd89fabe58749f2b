import { Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { ConsoleLayout } from './ConsoleLayout';
import { type ConsolePage, PAGES } from './pages';
import { NotFound, RequireAuth, RequireCapability } from './RequireAuth';
import { PageLoading } from './shared/feedback';

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
    <Suspense fallback={<PageLoading />}>
      <Routes>
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
  );
}
