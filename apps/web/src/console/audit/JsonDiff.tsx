import { Switch, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function show(v: unknown): string {
  if (v === undefined) return '';
  return typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v, null, 2);
}

export interface DiffRow {
  key: string;
  before: unknown;
  after: unknown;
  changed: boolean;
  /** Present only on one side. */
  added: boolean;
  removed: boolean;
}

/** Field-by-field comparison of two audit snapshots (top-level keys; nested values compared as JSON). */
export function diffSnapshots(before: unknown, after: unknown): DiffRow[] {
  const b = isPlainObject(before) ? before : before === null || before === undefined ? {} : { value: before };
  const a = isPlainObject(after) ? after : after === null || after === undefined ? {} : { value: after };
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return keys.map((key) => {
    const inB = key in b;
    const inA = key in a;
    return {
      key,
      before: b[key],
      after: a[key],
      changed: JSON.stringify(b[key]) !== JSON.stringify(a[key]),
      added: !inB && inA,
      removed: inB && !inA,
    };
  });
}

export function JsonDiff({ before, after }: { before: unknown; after: unknown }) {
  const { t } = useTranslation();
  const [onlyChanged, setOnlyChanged] = useState(true);
  const rows = diffSnapshots(before, after);
  const changedCount = rows.filter((r) => r.changed).length;
  const visible = onlyChanged && changedCount > 0 ? rows.filter((r) => r.changed) : rows;
  const noBefore = before === null || before === undefined;
  const noAfter = after === null || after === undefined;

  if (rows.length === 0) {
    return <Typography.Text type="secondary">{t('audit.noSnapshot')}</Typography.Text>;
  }

  return (
    <div>
      <div style={{ marginBottom: 8, display: 'flex', alignItems: 'center', gap: 8, flexWrap: 'wrap' }}>
        <Typography.Text type="secondary">
          {t('audit.changedFields', { count: changedCount, total: rows.length })}
        </Typography.Text>
        {changedCount > 0 && changedCount < rows.length ? (
          <>
            <Switch size="small" checked={onlyChanged} onChange={setOnlyChanged} id="audit-only-changed" />
            <label htmlFor="audit-only-changed">{t('audit.onlyChanged')}</label>
          </>
        ) : null}
      </div>
      <table className="cqtt-diff">
        <thead>
          <tr>
            <th className="cqtt-diff-key">{t('audit.field')}</th>
            <th>{t('audit.before')}</th>
            <th>{t('audit.after')}</th>
          </tr>
        </thead>
        <tbody>
          {visible.map((r) => (
            <tr key={r.key} className={r.changed ? 'is-changed' : undefined}>
              <td className="cqtt-diff-key">{r.key}</td>
              <td className="cqtt-diff-before">
                {noBefore || r.added ? (
                  <span className="cqtt-muted">{noBefore ? t('audit.none') : t('audit.absent')}</span>
                ) : (
                  <pre>{show(r.before)}</pre>
                )}
              </td>
              <td className="cqtt-diff-after">
                {noAfter || r.removed ? (
                  <span className="cqtt-muted">{noAfter ? t('audit.none') : t('audit.absent')}</span>
                ) : (
                  <pre>{show(r.after)}</pre>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
