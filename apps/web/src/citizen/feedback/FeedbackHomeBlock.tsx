import { Link } from 'react-router';
import { useCommune } from '../commune';
import { useLoad } from '../useLoad';
import { percent, viDate } from './format';
import './feedback.css';

interface Summary {
  year: number;
  received: number;
  answered: number;
  open: number;
  overdue: number;
  onTimeShare: number | null;
  published: { category: string; content: string; answer: string; answeredOn: string; onTime: boolean }[];
}

/** The commune's home page: this year's feedback figures and the answers citizens allowed to publish. */
export default function FeedbackHomeBlock() {
  const commune = useCommune();
  const [load] = useLoad<Summary>(`/api/public/communes/${commune.code}/feedback-summary`);
  if (load.state !== 'ready') return null;
  const s = load.data;
  return (
    <section className="c-card" aria-labelledby="fb-home">
      <h2 id="fb-home" style={{ marginTop: 0 }}>
        Phản ánh, kiến nghị năm {s.year}
      </h2>
      <div className="c-fb-stats">
        <div className="c-fb-stat">
          <strong>{s.received}</strong>đã tiếp nhận
        </div>
        <div className="c-fb-stat">
          <strong>{s.answered}</strong>đã trả lời
        </div>
        <div className="c-fb-stat">
          <strong>{percent(s.onTimeShare)}</strong>trả lời đúng hạn
        </div>
        <div className="c-fb-stat">
          <strong>{s.open}</strong>đang xử lý{s.overdue > 0 ? ` (${s.overdue} quá hạn)` : ''}
        </div>
      </div>
      {s.published.length > 0 && (
        <>
          <h3>Câu trả lời được công khai</h3>
          {s.published.map((p) => (
            <article key={`${p.answeredOn}-${p.content.slice(0, 60)}`} className="c-fb-published">
              <p className="c-fb-hint">
                {p.category} · trả lời ngày {viDate(p.answeredOn)}
                {p.onTime ? ' · đúng hạn' : ' · quá hạn'}
              </p>
              <p>
                <strong>Phản ánh:</strong> {p.content}
              </p>
              <p className="c-fb-answer">
                <strong>Trả lời:</strong> {p.answer}
              </p>
            </article>
          ))}
        </>
      )}
      <p>
        <Link to={`/p/${commune.code}/phan-anh`}>Gửi phản ánh, kiến nghị</Link>
      </p>
    </section>
  );
}
