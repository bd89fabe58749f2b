/**
 * Folds Vietnamese text for search: lower case, no diacritics, đ -> d, spaces
 * collapsed. "Thôn Văn Hóa" and "thon van hoa" fold to the same string.
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
