export const FACES = [
  { score: 1, label: 'Rất không hài lòng' },
  { score: 2, label: 'Không hài lòng' },
  { score: 3, label: 'Bình thường' },
  { score: 4, label: 'Hài lòng' },
  { score: 5, label: 'Rất hài lòng' },
] as const;

export function percent(index: number | null): string {
  return index === null ? 'chưa có dữ liệu' : `${(index * 100).toFixed(1).replace('.', ',')}%`;
}
