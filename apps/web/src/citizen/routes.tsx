import type { ReactElement } from 'react';

/**
 * The citizens' pages under /p/:communeCode/. Each capability adds its own (paths relative,
 * e.g. "danh-gia/:counterId"), with a lazily loaded element so a phone only downloads the
 * page it opens.
 */
export interface CitizenRoute {
  path: string;
  element: ReactElement;
}

export const CITIZEN_ROUTES: CitizenRoute[] = [];
