import type { PublicOutreach } from '@cqtt/contract/outreach';
import { useCommune } from '../commune';
import { useLoad } from '../useLoad';

function day(iso: string) {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/** The conduct slogans of the counters and the latest activities the commune made public. */
export default function OutreachBlock() {
  const commune = useCommune();
  const [load, retry] = useLoad<PublicOutreach>(
    `/api/public/communes/${encodeURIComponent(commune.code)}/outreach`,
  );
  if (load.state === 'loading') return null;
  if (load.state === 'error')
    return (
      <section className="c-card c-error" role="alert">
        <p>{load.message}</p>
        <button type="button" className="c-button c-button-secondary" onClick={retry}>
          Thử lại
        </button>
      </section>
    );
  const { slogans, activities } = load.data;
  return (
    <>
      <section className="c-card c-slogans" aria-labelledby="c-slogans-title">
        <h2 id="c-slogans-title">{slogans.title}</h2>
        <p className="c-muted">Cán bộ, công chức của xã cam kết khi phục vụ người dân:</p>
        <h3>4 xin</h3>
        <ul>
          {slogans.xin.map((s) => (
            <li key={s.key}>{s.label}</li>
          ))}
        </ul>
        <h3>4 luôn</h3>
        <ul>
          {slogans.luon.map((s) => (
            <li key={s.key}>{s.label}</li>
          ))}
        </ul>
        <h3>5 không</h3>
        <ul>
          {slogans.khong.map((s) => (
            <li key={s.key}>{s.label}</li>
          ))}
        </ul>
      </section>
      {activities.length > 0 && (
        <section className="c-card" aria-labelledby="c-outreach-title">
          <h2 id="c-outreach-title">Hoạt động tuyên truyền</h2>
          <ul className="c-list">
            {activities.map((a) => (
              <li key={a.id}>
                <strong>{a.title}</strong>
                <span className="c-muted">
                  {day(a.heldOn)} · {a.kindLabel}
                  {a.place ? ` · ${a.place}` : ''}
                  {a.audience ? ` · ${a.audience.toLocaleString('vi-VN')} người` : ''}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
