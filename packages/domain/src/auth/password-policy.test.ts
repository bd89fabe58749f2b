import { describe, expect, it } from 'vitest';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordProblem } from './password-policy.ts';

describe('passwordProblem', () => {
  it('accepts a long passphrase, Vietnamese letters included', () => {
    expect(passwordProblem('Một câu mật khẩu dài')).toBeNull();
    expect(passwordProblem('correct horse battery')).toBeNull();
  });

  it('counts letters as a person sees them, at the edges of the length rule', () => {
    expect(passwordProblem('a'.repeat(PASSWORD_MIN_LENGTH - 1).replace(/^a/, 'b'))).toMatch(/ít nhất 8/);
    expect(passwordProblem('bcdefgh')).toMatch(/ít nhất 8/);
    expect(passwordProblem('bcdefghi')).toBeNull();
    // 'ấ' written as a + two combining marks is still one letter: 7 letters, too short
    expect(passwordProblem(`${'mấtkhẩ'.normalize('NFD')}x`)).toMatch(/ít nhất 8/);
    expect(passwordProblem('mậtkhẩux')).toBeNull();
    expect(passwordProblem(`${'x'.repeat(PASSWORD_MAX_LENGTH - 1)}y`)).toBeNull();
    expect(passwordProblem(`${'x'.repeat(PASSWORD_MAX_LENGTH)}y`)).toMatch(/dài quá 128/);
  });

  it('refuses common passwords whatever their case or diacritics', () => {
    for (const p of [
      '12345678',
      'password',
      'PASSWORD1',
      'Mật khẩu 123'.replace(/ /g, ''),
      'anhyeuem',
      'Hải Phòng 123'.replace(/ /g, ''),
    ]) {
      expect(passwordProblem(p), p).toMatch(/quá phổ biến/);
    }
  });

  it('refuses one character repeated and passwords that contain the username', () => {
    expect(passwordProblem('zzzzzzzzzz')).toMatch(/lặp lại/);
    expect(passwordProblem('vhxh.binhgiang2026', { username: 'vhxh.binhgiang' })).toMatch(/tên đăng nhập/);
    expect(passwordProblem('VHXH.BinhGiang!!', { username: 'vhxh.binhgiang' })).toMatch(/tên đăng nhập/);
    expect(passwordProblem('một câu khác hẳn', { username: 'vhxh.binhgiang' })).toBeNull();
  });
});
