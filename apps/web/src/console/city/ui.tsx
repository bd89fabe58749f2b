import type { CommuneYear } from '@cqtt/contract/city';
import { Select, Tag } from 'antd';
import { useSearchParams } from 'react-router';
import { formatShare } from '../shared/format';

/** Small pieces the city's pages share. */

export const pct = (v: number | null | undefined) => formatShare(v);

export const levelText = (v: number | null | undefined) =>
  v === null || v === undefined ? '—' : v === 0 ? 'Chưa đạt' : `Mức ${v}`;

const STAGE_COLORS: Record<CommuneYear['stage'], string> = {
  not_registered: 'red',
  registered: 'default',
  assessing: 'processing',
  submitted: 'gold',
  returned: 'orange',
  appraising: 'purple',
  recognised: 'green',
};

export function StageTag({ stage, label }: { stage: CommuneYear['stage']; label: string }) {
  return <Tag color={STAGE_COLORS[stage]}>{label}</Tag>;
}

export const KIND_LABELS: Record<string, string> = { xa: 'Xã', phuong: 'Phường', dac_khu: 'Đặc khu' };

const THIS_YEAR = new Date().getFullYear();
export const YEARS = Array.from({ length: 10 }, (_, i) => 2022 + i).filter(
  (y) => y <= Math.max(THIS_YEAR, 2030),
);

export function YearSelect({
  value,
  onChange,
  label = 'Năm',
}: {
  value: number;
  onChange: (year: number) => void;
  label?: string;
}) {
  return (
    <Select
      aria-label={label}
      value={value}
      onChange={onChange}
      style={{ width: 120 }}
      options={YEARS.map((y) => ({ value: y, label: `Năm ${y}` }))}
    />
  );
}

export const thisYear = () => new Date().getFullYear();

/**
 * The page's filters live in its address: `set({ year: 2027, q: undefined })` writes them (an
 * empty or undefined value removes the key) without adding a history entry.
 */
export function useSearchParamsPatch() {
  const [params, setParams] = useSearchParams();
  const set = (patch: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    setParams(next, { replace: true });
  };
  return [params, set] as const;
}
