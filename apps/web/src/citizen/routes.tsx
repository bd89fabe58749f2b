import { lazy, type ReactElement } from 'react';

const RatePage = lazy(() => import('./satisfaction/RatePage'));
const KioskPage = lazy(() => import('./satisfaction/RatePage').then((m) => ({ default: m.KioskPage })));
const SurveyPage = lazy(() => import('./satisfaction/SurveyPage'));
const SendFeedback = lazy(() => import('./feedback/SendFeedback'));
const TrackFeedback = lazy(() => import('./feedback/TrackFeedback'));

/**
 * The citizens' pages under /p/:communeCode/. Each capability adds its own (paths relative,
 * e.g. "danh-gia/:counterId"), with a lazily loaded element so a phone only downloads the
 * page it opens.
 */
export interface CitizenRoute {
  path: string;
  element: ReactElement;
}

export const CITIZEN_ROUTES: CitizenRoute[] = [
  { path: 'danh-gia', element: <RatePage /> },
  { path: 'kiosk', element: <KioskPage /> },
  { path: 'khao-sat', element: <SurveyPage /> },
  { path: 'phan-anh', element: <SendFeedback /> },
  { path: 'phan-anh/theo-doi', element: <TrackFeedback /> },
  { path: 'phan-anh/theo-doi/:code', element: <TrackFeedback /> },
];
