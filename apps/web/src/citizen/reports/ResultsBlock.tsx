import { useCommune } from '../commune';
import { useLoad } from '../useLoad';

interface PublicResults {
  year: number;
  plan: {
    title: string;
    periodFrom: number;
    periodTo: number | null;
    document: { fullNumber: string; issuedOn: string; signer: string; url: string } | null;
    objectives: { year: number; sentence: string }[];
  } | null;
  levels: {
    year: number;
    targetLevel: number | null;
    recognisedLevel: number | null;
    decisionNumber: string | null;
  }[];
  satisfaction: { index: number | null; responses: number; target: number | null };
  indices: { year: number; kind: string; kindLabel: string; value: number }[];
}

const day = (iso: string) => iso.split('-').reverse().join('/');
const percent = (v: number) => `${String(Math.round(v * 1000) / 10).replace('.', ',')}%`;

/**
 * The commune's commitments, for citizens: the plan as it was issued (downloadable), the level the
 * city recognised each year against the plan's target, and this year's satisfaction against its
 * target.
 */
export default function ResultsBlock() {
  const commune = useCommune();
  const [load] = useLoad<PublicResults>(`/api/public/communes/${encodeURIComponent(commune.code)}/results`);
  if (load.state !== 'ready' || !load.data.plan) return null;
  const { plan, levels, satisfaction, year, indices } = load.data;
  const recognised = levels.filter((l) => l.recognisedLevel !== null);
  return (
    <section className="c-card" aria-labelledby="c-plan-title" data-testid="public-plan">
      <h2 id="c-plan-title">Kế hoạch và kết quả thực hiện</h2>
      <p>
        <strong>{plan.title}</strong>
      </p>
      {plan.document ? (
        <p className="c-muted">
          Kế hoạch số {plan.document.fullNumber} ngày {day(plan.document.issuedOn)} ({plan.document.signer}).{' '}
          <a href={plan.document.url} download>
            Tải kế hoạch đã ban hành
          </a>
        </p>
      ) : (
        <p className="c-muted">Kế hoạch chưa được ban hành trên hệ thống.</p>
      )}
      {plan.objectives.length > 0 && (
        <>
          <h3>Mục tiêu</h3>
          <ul>
            {plan.objectives.map((o) => (
              <li key={o.year}>{o.sentence}</li>
            ))}
          </ul>
        </>
      )}
      <h3>Mức độ được thành phố công nhận</h3>
      {recognised.length === 0 ? (
        <p className="c-muted">Chưa có năm nào được công nhận.</p>
      ) : (
        <ul className="c-list">
          {recognised.map((l) => (
            <li key={l.year}>
              Năm {l.year}: mức độ {l.recognisedLevel}
              {l.targetLevel !== null ? ` (mục tiêu mức độ ${l.targetLevel})` : ''}
              {l.decisionNumber ? ` · Quyết định số ${l.decisionNumber}` : ''}
            </li>
          ))}
        </ul>
      )}
      <h3>Sự hài lòng năm {year}</h3>
      <p>
        {satisfaction.index === null
          ? 'Chưa có phiếu khảo sát trong năm.'
          : `${percent(satisfaction.index)} người dân hài lòng (${satisfaction.responses} phiếu)`}
        {satisfaction.target !== null ? ` · chỉ tiêu ${percent(satisfaction.target)}` : ''}
      </p>
      {indices.length > 0 && (
        <>
          <h3>Chỉ số do thành phố công bố</h3>
          <ul className="c-list">
            {indices.map((i) => (
              <li key={`${i.kind}-${i.year}`}>
                {i.kindLabel} năm {i.year}: {String(i.value).replace('.', ',')}%
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
