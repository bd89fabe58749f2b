import { type FormEvent, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { publicErrorMessage, publicPost } from '../api';
import { useCommune } from '../commune';
import { useLoad } from '../useLoad';
import { viDate, viDateTime } from './format';
import './feedback.css';

interface Tracked {
  trackingCode: string;
  commune: { code: string; name: string };
  category: string;
  status: string;
  statusLabel: string;
  receivedOn: string;
  deadline: string;
  overdue: boolean;
  history: { status: string; statusLabel: string; at: string }[];
  answer?: string;
  answeredOn?: string | null;
  mergedInto?: { status: string; statusLabel: string; answer?: string; answeredOn?: string };
  rating: 'satisfied' | 'unsatisfied' | null;
  canRate: boolean;
}

/** Theo dõi phản ánh bằng mã: status, history, answer, and the one rating. */
export default function TrackFeedback() {
  const { code } = useParams();
  const commune = useCommune();
  const navigate = useNavigate();
  const [typed, setTyped] = useState(code ?? '');
  const go = (e: FormEvent) => {
    e.preventDefault();
    const c = typed.trim().toUpperCase();
    if (c) navigate(`/p/${commune.code}/phan-anh/theo-doi/${encodeURIComponent(c)}`);
  };
  return (
    <>
      <h1 className="c-title">Theo dõi phản ánh</h1>
      <form className="c-card" onSubmit={go}>
        <div className="c-field">
          <label htmlFor="fb-code">Mã theo dõi</label>
          <input
            id="fb-code"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            placeholder="PA-XXXXX-XXXXX"
            autoCapitalize="characters"
            autoComplete="off"
            spellCheck={false}
          />
        </div>
        <button type="submit" className="c-button">
          Xem
        </button>
      </form>
      {code && <TrackedItem key={code} code={code} />}
    </>
  );
}

function TrackedItem({ code }: { code: string }) {
  const [load, reload] = useLoad<Tracked>(`/api/public/feedback/${encodeURIComponent(code)}`);
  const [rated, setRated] = useState<Tracked | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  if (load.state === 'loading') return <p className="c-muted">Đang tải…</p>;
  if (load.state === 'error')
    return (
      <div className="c-card c-error" role="alert">
        <p>
          {load.status === 404
            ? 'Không tìm thấy phản ánh với mã này. Vui lòng kiểm tra lại mã.'
            : load.message}
        </p>
        {load.status !== 404 && (
          <button type="button" className="c-button" onClick={reload}>
            Thử lại
          </button>
        )}
      </div>
    );
  const item = rated ?? load.data;
  const rate = async (rating: 'satisfied' | 'unsatisfied') => {
    setBusy(true);
    setError('');
    try {
      setRated(
        await publicPost<Tracked>(`/api/public/feedback/${encodeURIComponent(code)}/rating`, { rating }),
      );
    } catch (err) {
      setError(publicErrorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="c-card" aria-labelledby="fb-tracked">
      <h2 id="fb-tracked" className="c-fb-code">
        {item.trackingCode}
      </h2>
      <p>
        <span className={`c-fb-status${item.overdue ? ' c-fb-status-late' : ''}`}>{item.statusLabel}</span>
        {item.overdue && <span className="c-field-error"> · Đã quá hạn trả lời</span>}
      </p>
      <p className="c-muted">
        {item.category} · gửi ngày {viDate(item.receivedOn)} · hạn trả lời {viDate(item.deadline)}
      </p>
      {item.mergedInto && (
        <div>
          <p>
            Phản ánh này trùng nội dung và được xử lý cùng một phản ánh khác; tình trạng:{' '}
            <strong>{item.mergedInto.statusLabel}</strong>.
          </p>
          {item.mergedInto.answer !== undefined && (
            <div className="c-card c-ok">
              <h3 style={{ marginTop: 0 }}>Trả lời của UBND xã</h3>
              <p className="c-fb-answer">{item.mergedInto.answer}</p>
              {item.mergedInto.answeredOn && (
                <p className="c-muted">Ngày trả lời {viDate(item.mergedInto.answeredOn)}</p>
              )}
            </div>
          )}
        </div>
      )}
      {item.answer !== undefined && (
        <div className="c-card c-ok">
          <h3 style={{ marginTop: 0 }}>
            {item.status === 'rejected'
              ? 'Lý do không thụ lý'
              : item.status === 'routed_out'
                ? 'Hướng dẫn của UBND xã'
                : 'Trả lời của UBND xã'}
          </h3>
          <p className="c-fb-answer" data-testid="answer">
            {item.answer}
          </p>
          {item.answeredOn && <p className="c-fb-hint">Ngày {viDate(item.answeredOn)}</p>}
        </div>
      )}
      {item.canRate && (
        <div>
          <p>
            <strong>Ông/bà có hài lòng với câu trả lời không?</strong> (chỉ đánh giá một lần)
          </p>
          <div className="c-fb-row">
            <button type="button" className="c-button" disabled={busy} onClick={() => rate('satisfied')}>
              Hài lòng
            </button>
            <button
              type="button"
              className="c-button c-button-secondary"
              disabled={busy}
              onClick={() => rate('unsatisfied')}
            >
              Chưa hài lòng
            </button>
          </div>
        </div>
      )}
      {item.rating && (
        <p role="status">
          Ông/bà đã đánh giá: <strong>{item.rating === 'satisfied' ? 'Hài lòng' : 'Chưa hài lòng'}</strong>.
          Xin cảm ơn ông/bà!
        </p>
      )}
      {error && (
        <div className="c-card c-error" role="alert">
          <p>{error}</p>
        </div>
      )}
      <h3>Quá trình xử lý</h3>
      <ol className="c-fb-history">
        {item.history.map((h) => (
          <li key={`${h.at}-${h.status}`}>
            {h.statusLabel}
            <time dateTime={h.at}>{viDateTime(h.at)}</time>
          </li>
        ))}
      </ol>
    </section>
  );
}
