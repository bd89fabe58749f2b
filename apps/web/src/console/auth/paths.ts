// Kept apart from RequireAuth (which draws with antd) so the light login page can use them.

export const CHANGE_PASSWORD_PATH = '/change-password';

/** Only a same-site path may be a redirect target after login. */
export function safeNext(next: string | null | undefined): string {
  // "/x" only: not "//host" nor "/\\host" (both leave the site), and never back to the login page.
  if (!next || !/^\/(?![/\\])/.test(next) || next.startsWith('/login')) return '/';
  return next;
}
