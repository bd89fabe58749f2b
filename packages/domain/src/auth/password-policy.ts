import { foldVietnamese } from '../text/fold.ts';
import { COMMON_PASSWORDS } from './common-passwords.ts';

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_RECOMMENDED_LENGTH = 15;
export const PASSWORD_MAX_LENGTH = 128;

const COMMON = new Set(COMMON_PASSWORDS.map((p) => foldVietnamese(p)));

/**
 * Checks a new password (OWASP ASVS 5.0 V6: length, breached list, no
 * composition rules). Length counts characters as a person sees them, so a
 * Vietnamese letter with its marks is one. Returns a Vietnamese sentence for
 * the first problem, or null when the password is acceptable.
 */
export function passwordProblem(password: string, context: { username?: string } = {}): string | null {
  const length = [...password.normalize('NFC')].length;
  if (length < PASSWORD_MIN_LENGTH) return `Mật khẩu phải có ít nhất ${PASSWORD_MIN_LENGTH} ký tự.`;
  if (length > PASSWORD_MAX_LENGTH) return `Mật khẩu không được dài quá ${PASSWORD_MAX_LENGTH} ký tự.`;
  const folded = foldVietnamese(password).replace(/\s/g, '');
  if (COMMON.has(folded)) return 'Mật khẩu này quá phổ biến, dễ bị đoán. Vui lòng chọn mật khẩu khác.';
  if (new Set(folded).size === 1) return 'Mật khẩu không được chỉ lặp lại một ký tự.';
  if (context.username && folded.includes(foldVietnamese(context.username)))
    return 'Mật khẩu không được chứa tên đăng nhập.';
  return null;
}
