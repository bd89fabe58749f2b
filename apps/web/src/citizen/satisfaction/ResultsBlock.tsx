import { useCommune } from '../commune';
import { useLoad } from '../useLoad';
import { percent } from './faces';
import './satisfaction.css';

interface Satisfaction {
  from: string;
  to: string;
  responses: number;
  overall: number | null;
  elements: { key: string; name: string; answers: number; satisfied: number; index: number | null }[];
  counter: { ratings: number; satisfied: number; index: number | null };
}

const vnDate = (d: string) => d.split('-').reverse().join('/');

/** The commune's satisfaction over the last 12 months, on its public home page. */
export default function ResultsBlock() {
  const commune = useCommune();
  const [load] = useLoad<Satisfaction>(
    `/api/public/communes/${encodeURIComponent(commune.code)}/satisfaction`,
  );
  if (load.state !== 'ready') return null;
  const s = load.data;
  return (
    <section className="c-card" aria-labelledby="s-results-title">
      <h2 id="s-results-title">Mức độ hài lòng của người dân</h2>
      <p className="c-muted">
        12 tháng gần nhất ({vnDate(s.from)} - {vnDate(s.to)}), theo phiếu khảo sát 5 yếu tố.
      </p>
      <p>
        Chỉ số hài lòng chung: <span className="s-big">{percent(s.overall)}</span>{' '}
        <span className="c-muted">({s.responses} phiếu)</span>
      </p>
      <ul className="s-bars">
        {s.elements.map((e) => (
          <li key={e.key}>
            <div>
              {e.name}: <strong>{percent(e.index)}</strong>
              {e.answers > 0 && (
                <span className="c-muted">
                  {' '}
                  ({e.satisfied}/{e.answers} câu trả lời hài lòng)
                </span>
              )}
            </div>
            <div className="s-bar" aria-hidden="true">
              <span style={{ width: `${(e.index ?? 0) * 100}%` }} />
            </div>
          </li>
        ))}
      </ul>
      <p>
        Đánh giá nhanh tại quầy: <strong>{percent(s.counter.index)}</strong> hài lòng{' '}
        <span className="c-muted">({s.counter.ratings} lượt)</span>
      </p>
    </section>
  );
}
