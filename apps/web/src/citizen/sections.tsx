import type { ComponentType } from 'react';
import OutreachBlock from './outreach/OutreachBlock';

/**
 * What the commune's public home page (/p/:communeCode) shows, in order. Each capability
 * adds its own block here (e.g. satisfaction results, feedback figures and published answers,
 * slogans and outreach); a block reads the commune with useCommune().
 */
export interface HomeSection {
  key: string;
  Component: ComponentType;
}

export const HOME_SECTIONS: HomeSection[] = [{ key: 'outreach', Component: OutreachBlock }];

/** Links from the home page to what a citizen can do, e.g. "Gửi phản ánh, kiến nghị". */
export interface HomeAction {
  key: string;
  label: string;
  /** Relative to /p/:communeCode/ */
  path: string;
  description: string;
}

export const HOME_ACTIONS: HomeAction[] = [];
