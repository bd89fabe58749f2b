import type { ConductCode } from '@cqtt/contract/outreach';
import { useCallback, useEffect, useId, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useCommune } from '../commune';
import { useLoad } from '../useLoad';
import { FACES } from './faces';
import { flushPending, keepKioskKey, newId, pending, type SendResult, sendRating } from './queue';
import './satisfaction.css';

interface Counter {
  id: string;
  number: number;
  name: string;
  officials: { id: string; fullName: string; title: string }[];
}

function usePendingCount() {
  const [count, setCount] = useState(() => pending().length);
  useEffect(() => {
    const update = () => setCount(pending().length);
    const online = () => void flushPending().then(update);
    window.addEventListener('cqtt-pending', update);
    window.addEventListener('online', online);
    const timer = window.setInterval(online, 30_000);
    online();
    return () => {
      window.removeEventListener('cqtt-pending', update);
      window.removeEventListener('online', online);
      window.clearInterval(timer);
    };
  }, []);
  return count;
}

/** The kiosk page is an installable app: its manifest and service worker cover only itself. */
function useKioskApp(communeCode: string, enabled: boolean) {
  useEffect(() => {
    if (!enabled) return;
    const scope = `/p/${communeCode}/kiosk`;
    const link = document.createElement('link');
    link.rel = 'manifest';
    link.href = `/api/public/communes/${encodeURIComponent(communeCode)}/kiosk.webmanifest`;
    document.head.appendChild(link);
    if ('serviceWorker' in navigator) {
      navigator.serviceWorker.register('/kiosk-sw.js', { scope }).catch(() => undefined);
    }
    return () => link.remove();
  }, [communeCode, enabled]);
}

export default function RatePage({ kiosk = false }: { kiosk?: boolean }) {
  const commune = useCommune();
  const [search, setSearch] = useSearchParams();
  // the counter the QR code names (?quay=<id>); none: a rating for the service centre as a whole
  const counterId = search.get('quay');
  const [counters] = useLoad<Counter[]>(`/api/public/communes/${encodeURIComponent(commune.code)}/counters`);
  // the commune's own wording of the code; without it (offline) the form asks only for the face
  const [conduct] = useLoad<ConductCode>(
    `/api/public/communes/${encodeURIComponent(commune.code)}/conduct-code`,
  );
  const doneItems = conduct.state === 'ready' ? [...conduct.data.xin, ...conduct.data.luon] : [];
  const breachItems = conduct.state === 'ready' ? conduct.data.khong : [];
  const counter = counters.state === 'ready' ? counters.data.find((c) => c.id === counterId) : undefined;
  // a link that names a counter the centre does not have (a mistyped link, an old poster): the
  // citizen is told, and nothing is sent from it, neither to a counter nor to the centre
  const unknownCounter = counterId !== null && counters.state === 'ready' && !counter;
  // wait for the counters before a rating can go, so that it goes with its counter
  const counterPending = counterId !== null && counters.state === 'loading';
  const pendingCount = usePendingCount();
  useKioskApp(commune.code, kiosk);
  useEffect(() => {
    if (!kiosk || !search.has('may')) return;
    keepKioskKey(search.get('may'));
    const next = new URLSearchParams(search);
    next.delete('may');
    setSearch(next, { replace: true });
  }, [kiosk, search, setSearch]);

  const [dossierCode, setDossierCode] = useState('');
  const [officialId, setOfficialId] = useState('');
  const [details, setDetails] = useState(false);
  const [done, setDone] = useState<string[]>([]);
  const [breaches, setBreaches] = useState<string[]>([]);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<SendResult | null>(null);
  const ids = { dossier: useId(), official: useId(), comment: useId() };

  const reset = useCallback(() => {
    setDossierCode('');
    setOfficialId('');
    setDetails(false);
    setDone([]);
    setBreaches([]);
    setComment('');
    setResult(null);
  }, []);
  useEffect(() => {
    if (!kiosk || !result || result.kind === 'refused') return;
    const t = window.setTimeout(reset, 6000);
    return () => window.clearTimeout(t);
  }, [kiosk, result, reset]);

  async function rate(score: number) {
    setBusy(true);
    const r = await sendRating({
      communeCode: commune.code,
      clientId: newId(),
      score,
      channel: kiosk ? 'kiosk' : 'qr',
      ...(counter ? { counterId: counter.id } : {}),
      ...(officialId ? { officialId } : {}),
      ...(dossierCode.trim() ? { dossierCode: dossierCode.trim() } : {}),
      ...(done.length || breaches.length ? { conduct: { done, breaches } } : {}),
      ...(comment.trim() ? { comment: comment.trim() } : {}),
    });
    setBusy(false);
    setResult(r);
  }

  const toggle = (list: string[], set: (v: string[]) => void, key: string) =>
    set(list.includes(key) ? list.filter((k) => k !== key) : [...list, key]);

  const pendingNote =
    pendingCount > 0 ? (
      <p className="c-muted s-pending" role="status">
        Còn {pendingCount} đánh giá chờ gửi khi có mạng.
      </p>
    ) : null;

  if (unknownCounter) {
    return (
      <section aria-labelledby="s-rate-title">
        <h1 id="s-rate-title" className="c-title">
          Không tìm thấy quầy của mã QR này
        </h1>
        <div className="c-card c-error" role="alert">
          <p>
            Đường dẫn ông/bà vừa mở ghi một quầy không có ở Trung tâm Phục vụ hành chính công của{' '}
            {commune.name} (có thể tờ mã QR đã cũ hoặc đường dẫn bị gõ sai). Đánh giá qua đường dẫn này không
            được ghi nhận cho quầy nào.
          </p>
          <p>Ông/bà vui lòng báo cán bộ tại quầy để thay mã QR.</p>
        </div>
        <p>
          <Link to={`/p/${commune.code}/${kiosk ? 'kiosk' : 'danh-gia'}`}>
            Đánh giá chung cho Trung tâm, không theo quầy
          </Link>
        </p>
        {!kiosk && (
          <p>
            <Link to={`/p/${commune.code}/khao-sat`}>Hoặc trả lời phiếu khảo sát đầy đủ (5 yếu tố)</Link>
          </p>
        )}
      </section>
    );
  }

  if (result && result.kind !== 'refused') {
    return (
      <section className="c-card c-ok s-thanks" aria-live="polite">
        <h1 className="c-title">Xin cảm ơn ông/bà!</h1>
        <p>
          {result.kind === 'sent'
            ? 'Đánh giá của ông/bà đã được ghi nhận.'
            : 'Mạng đang gián đoạn: đánh giá đã được lưu trên máy và sẽ tự gửi khi có mạng.'}
        </p>
        {pendingNote}
        <p>
          <Link to={`/p/${commune.code}/khao-sat`}>
            Trả lời phiếu khảo sát đầy đủ (5 yếu tố, khoảng 2 phút)
          </Link>
        </p>
        <button type="button" className="c-button c-button-secondary" onClick={reset}>
          {kiosk ? 'Người tiếp theo đánh giá' : 'Đánh giá lần khác'}
        </button>
      </section>
    );
  }

  return (
    <section aria-labelledby="s-rate-title">
      <h1 id="s-rate-title" className="c-title">
        Ông/bà có hài lòng không?
      </h1>
      <p className="c-muted">
        {counter ? `Quầy số ${counter.number} - ${counter.name}. ` : ''}Chạm một mặt cười để gửi đánh giá.
        Không cần đăng nhập, không cần cho biết họ tên.
      </p>
      {pendingNote}
      {result?.kind === 'refused' && (
        <div className="c-card c-error" role="alert">
          <p>{result.message}</p>
        </div>
      )}
      <div className="c-field">
        <label htmlFor={ids.dossier}>Mã hồ sơ trên giấy hẹn (không bắt buộc)</label>
        <input
          id={ids.dossier}
          value={dossierCode}
          onChange={(e) => setDossierCode(e.target.value)}
          autoComplete="off"
          autoCapitalize="characters"
          maxLength={40}
          inputMode="text"
        />
      </div>
      {counter && counter.officials.length > 0 && (
        <div className="c-field">
          <label htmlFor={ids.official}>Cán bộ đã tiếp ông/bà (không bắt buộc)</label>
          <select id={ids.official} value={officialId} onChange={(e) => setOfficialId(e.target.value)}>
            <option value="">Không chọn</option>
            {counter.officials.map((o) => (
              <option key={o.id} value={o.id}>
                {o.fullName}
              </option>
            ))}
          </select>
        </div>
      )}
      <button
        type="button"
        className="s-link-button"
        aria-expanded={details}
        onClick={() => setDetails((d) => !d)}
      >
        {details ? 'Ẩn phần góp ý thêm' : 'Góp ý thêm về cán bộ (không bắt buộc)'}
      </button>
      {details && (
        <div className="c-card">
          {doneItems.length > 0 && (
            <>
              <fieldset className="s-checks">
                <legend>Cán bộ đã thực hiện «4 xin, 4 luôn»</legend>
                {doneItems.map((item) => (
                  <label key={item.key}>
                    <input
                      type="checkbox"
                      checked={done.includes(item.key)}
                      onChange={() => toggle(done, setDone, item.key)}
                    />{' '}
                    {item.label}
                  </label>
                ))}
              </fieldset>
              <fieldset className="s-checks">
                <legend>Cán bộ đã vi phạm điều nào trong «5 không»</legend>
                {breachItems.map((item) => (
                  <label key={item.key}>
                    <input
                      type="checkbox"
                      checked={breaches.includes(item.key)}
                      onChange={() => toggle(breaches, setBreaches, item.key)}
                    />{' '}
                    {item.label}
                  </label>
                ))}
              </fieldset>
            </>
          )}
          <div className="c-field">
            <label htmlFor={ids.comment}>Ý kiến khác</label>
            <textarea
              id={ids.comment}
              rows={3}
              maxLength={2000}
              value={comment}
              onChange={(e) => setComment(e.target.value)}
            />
          </div>
        </div>
      )}
      <fieldset className="s-faces" disabled={busy || counterPending}>
        <legend>Mức độ hài lòng (chạm để gửi)</legend>
        {FACES.map((f) => (
          <button
            key={f.score}
            type="button"
            className={`s-face s-face-${f.score}`}
            onClick={() => void rate(f.score)}
            aria-label={`${f.label} (mức ${f.score} trên 5), gửi đánh giá`}
          >
            <Face score={f.score} />
            <span className="s-face-label">{f.label}</span>
          </button>
        ))}
      </fieldset>
      {!kiosk && (
        <p>
          <Link to={`/p/${commune.code}/khao-sat`}>Hoặc trả lời phiếu khảo sát đầy đủ (5 yếu tố)</Link>
        </p>
      )}
    </section>
  );
}

/** A drawn face (no emoji font needed on cheap phones): the mouth bends with the score. */
function Face({ score }: { score: number }) {
  const bend = (score - 3) * 3;
  const colour = ['#c62828', '#ef6c00', '#9e9d24', '#558b2f', '#2e7d32'][score - 1];
  return (
    <svg className="s-emoji" viewBox="0 0 24 24" width="36" height="36" aria-hidden="true" focusable="false">
      <circle cx="12" cy="12" r="11" fill={colour} />
      <circle cx="8.5" cy="9.5" r="1.5" fill="#fff" />
      <circle cx="15.5" cy="9.5" r="1.5" fill="#fff" />
      {score === 1 && (
        <path d="M6 6.5l4 1.5M18 6.5l-4 1.5" stroke="#fff" strokeWidth="1.4" strokeLinecap="round" />
      )}
      <path
        d={score === 3 ? 'M7.5 16h9' : `M7 ${16 - bend / 2}Q12 ${16 + bend} 17 ${16 - bend / 2}`}
        stroke="#fff"
        strokeWidth="1.8"
        fill="none"
        strokeLinecap="round"
      />
    </svg>
  );
}

export function KioskPage() {
  return <RatePage kiosk />;
}
