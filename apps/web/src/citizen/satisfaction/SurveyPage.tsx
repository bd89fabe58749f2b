import { type FormEvent, useId, useState } from 'react';
import { Link } from 'react-router';
import { publicErrorMessage, publicPost } from '../api';
import { useCommune } from '../commune';
import { useLoad } from '../useLoad';
import { FACES } from './faces';
import { newId } from './queue';
import './satisfaction.css';

interface Questionnaire {
  id: string;
  version: number;
  title: string;
  elements: { key: string; name: string; questions: { key: string; text: string }[] }[];
}

/** The five-element questionnaire (SIPAS style); every question is optional. */
export default function SurveyPage() {
  const commune = useCommune();
  const [load] = useLoad<Questionnaire>(
    `/api/public/communes/${encodeURIComponent(commune.code)}/questionnaire`,
  );
  const [answers, setAnswers] = useState<Record<string, number>>({});
  const [dossierCode, setDossierCode] = useState('');
  const [clientId] = useState(newId);
  const [state, setState] = useState<{ kind: 'idle' | 'busy' | 'done' } | { kind: 'error'; message: string }>(
    {
      kind: 'idle',
    },
  );
  const dossierId = useId();

  if (load.state === 'loading') return <p className="c-muted">Đang tải phiếu khảo sát…</p>;
  if (load.state === 'error')
    return (
      <div className="c-card c-error" role="alert">
        <p>{load.status === 404 ? 'Xã chưa có phiếu khảo sát.' : load.message}</p>
      </div>
    );
  const q = load.data;

  if (state.kind === 'done')
    return (
      <section className="c-card c-ok" aria-live="polite">
        <h1 className="c-title">Xin cảm ơn ông/bà!</h1>
        <p>Phiếu khảo sát đã được ghi nhận. Ý kiến của ông/bà giúp chính quyền phục vụ tốt hơn.</p>
        <Link to={`/p/${commune.code}`}>Về trang của {commune.name}</Link>
      </section>
    );

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (Object.keys(answers).length === 0) {
      setState({ kind: 'error', message: 'Vui lòng trả lời ít nhất một câu hỏi.' });
      return;
    }
    setState({ kind: 'busy' });
    try {
      await publicPost(`/api/public/surveys/${q.id}/responses`, {
        communeCode: commune.code,
        clientId,
        answers,
        ...(dossierCode.trim() ? { dossierCode: dossierCode.trim() } : {}),
      });
      setState({ kind: 'done' });
    } catch (err) {
      setState({ kind: 'error', message: publicErrorMessage(err) });
    }
  }

  return (
    <form onSubmit={submit} aria-labelledby="s-survey-title">
      <h1 id="s-survey-title" className="c-title">
        {q.title}
      </h1>
      <p className="c-muted">Câu nào ông/bà không rõ thì có thể bỏ qua. Phiếu không ghi họ tên.</p>
      <div className="c-field">
        <label htmlFor={dossierId}>Mã hồ sơ trên giấy hẹn (không bắt buộc)</label>
        <input
          id={dossierId}
          value={dossierCode}
          maxLength={40}
          onChange={(e) => setDossierCode(e.target.value)}
        />
      </div>
      {q.elements.map((element, i) => (
        <section key={element.key} className="c-card" aria-labelledby={`el-${element.key}`}>
          <h2 id={`el-${element.key}`}>
            {i + 1}. {element.name}
          </h2>
          {element.questions.map((question) => (
            <fieldset key={question.key} className="s-question">
              <legend>{question.text}</legend>
              <div className="s-scale">
                {FACES.map((f) => (
                  <label key={f.score}>
                    <input
                      type="radio"
                      name={question.key}
                      value={f.score}
                      checked={answers[question.key] === f.score}
                      onChange={() => setAnswers((a) => ({ ...a, [question.key]: f.score }))}
                    />
                    {f.label}
                  </label>
                ))}
              </div>
            </fieldset>
          ))}
        </section>
      ))}
      {state.kind === 'error' && (
        <div className="c-card c-error" role="alert">
          <p>{state.message}</p>
        </div>
      )}
      <button type="submit" className="c-button" disabled={state.kind === 'busy'}>
        {state.kind === 'busy' ? 'Đang gửi…' : 'Gửi phiếu khảo sát'}
      </button>
    </form>
  );
}
