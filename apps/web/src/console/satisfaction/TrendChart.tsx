import { formatPeriod, formatShare } from '../shared/format';
import type { IndexGroup } from './api';

/** A small SVG line of the index per period, with the target as a dashed line. No chart library. */
export function TrendChart({
  points,
  target,
  label,
}: {
  points: IndexGroup[];
  /** The plan's target of the period, or null when the plan sets none (no line then). */
  target: number | null;
  label: string;
}) {
  const w = 640;
  const h = 180;
  const pad = 28;
  const usable = points.filter((p) => p.index !== null);
  if (usable.length === 0) return null;
  const x = (i: number) =>
    pad + (points.length === 1 ? (w - 2 * pad) / 2 : (i * (w - 2 * pad)) / (points.length - 1));
  const y = (v: number) => h - pad - v * (h - 2 * pad);
  const path = points
    .map((p, i) => (p.index === null ? null : `${x(i)},${y(p.index)}`))
    .filter(Boolean)
    .join(' ');
  return (
    <svg viewBox={`0 0 ${w} ${h}`} role="img" aria-label={label} style={{ width: '100%', maxWidth: w }}>
      <line x1={pad} x2={w - pad} y1={y(0)} y2={y(0)} stroke="#d9d9d9" />
      <line x1={pad} x2={w - pad} y1={y(1)} y2={y(1)} stroke="#f0f0f0" />
      {target === null ? null : (
        <line x1={pad} x2={w - pad} y1={y(target)} y2={y(target)} stroke="#faad14" strokeDasharray="6 4" />
      )}
      <text x={2} y={y(1) + 4} fontSize="10">
        100%
      </text>
      {target === null ? null : (
        <text x={2} y={y(target) + 4} fontSize="10" fill="#ad6800">
          {formatShare(target)}
        </text>
      )}
      <polyline points={path} fill="none" stroke="#0b5cad" strokeWidth="2" />
      {points.map((p, i) =>
        p.index === null ? null : (
          <g key={p.key ?? i}>
            <circle cx={x(i)} cy={y(p.index)} r="3.5" fill="#0b5cad">
              <title>{`${formatPeriod(p.label)}: ${formatShare(p.index)} (${p.satisfied}/${p.ratings})`}</title>
            </circle>
            {(points.length <= 12 || i % Math.ceil(points.length / 12) === 0) && (
              <text x={x(i)} y={h - 8} fontSize="10" textAnchor="middle">
                {formatPeriod(p.label)}
              </text>
            )}
          </g>
        ),
      )}
    </svg>
  );
}
