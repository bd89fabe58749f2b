import type { PublicCity } from '@cqtt/contract/city';
import { useParams, useSearchParams } from 'react-router';
import { useLoad } from './useLoad';

const KIND: Record<string, string> = { xa: 'Xã', phuong: 'Phường', dac_khu: 'Đặc khu' };
const level = (v: number | null) => (v === null ? '—' : v === 0 ? 'Chưa đạt' : `Mức ${v}`);
const pct = (v: number | null) => (v === null ? '—' : `${String(v).replace('.', ',')}%`);
const share = (v: number | null) =>
  v === null ? '—' : `${String(Math.round(v * 1000) / 10).replace('.', ',')}%`;

/**
 * The public page of a city (/p/city/<city code>): each commune's recognised level and the indices
 * the city chose to publish for the year. Light like the communes' pages; nothing personal.
 */
export default function CityPage() {
  const { cityCode = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const year = params.get('nam');
  const [load, retry] = useLoad<PublicCity>(
    `/api/public/cities/${encodeURIComponent(cityCode)}${year ? `?year=${encodeURIComponent(year)}` : ''}`,
  );
  const data = load.state === 'ready' ? load.data : null;
  return (
    <div className="c-page">
      <header className="c-header">
        <span className="c-header-title">{data ? data.name : 'Chính quyền thân thiện'}</span>
        <span className="c-header-sub">
          Kết quả mô hình “Chính quyền thân thiện” của các xã, phường, đặc khu
        </span>
      </header>
      <main className="c-main" aria-busy={load.state === 'loading' || undefined}>
        {load.state === 'loading' ? <p className="c-muted">Đang tải…</p> : null}
        {load.state === 'error' ? (
          <div className="c-card c-error" role="alert">
            <p>{load.status === 404 ? 'Không tìm thấy thành phố này.' : load.message}</p>
            {load.status !== 404 && (
              <button type="button" className="c-button" onClick={retry}>
                Thử lại
              </button>
            )}
          </div>
        ) : null}
        {data ? (
          <>
            <h1 className="c-title">Năm {data.year}</h1>
            {data.years.length > 1 ? (
              <div className="c-field">
                <label htmlFor="c-city-year">Chọn năm</label>
                <select
                  id="c-city-year"
                  value={data.year}
                  onChange={(e) => setParams({ nam: e.target.value }, { replace: true })}
                >
                  {data.years.map((y) => (
                    <option key={y} value={y}>
                      {y}
                    </option>
                  ))}
                </select>
              </div>
            ) : null}
            <div className="c-card c-table-wrap">
              <table className="c-table">
                <caption className="c-muted">
                  {data.communes.length} xã, phường, đặc khu
                  {data.shows.levels ? '' : ' (thành phố chưa công bố mức độ của năm này)'}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Đơn vị</th>
                    {data.shows.levels ? <th scope="col">Mức độ được công nhận</th> : null}
                    {data.shows.sipas ? <th scope="col">SIPAS</th> : null}
                    {data.shows.parIndex ? <th scope="col">PAR INDEX</th> : null}
                    {data.shows.satisfaction ? <th scope="col">Hài lòng (đo trên cqtt)</th> : null}
                  </tr>
                </thead>
                <tbody>
                  {data.communes.map((c) => (
                    <tr key={c.code}>
                      <th scope="row">
                        <a href={`/p/${c.code}`}>{c.name}</a>
                        <span className="c-muted"> · {KIND[c.kind]}</span>
                      </th>
                      {data.shows.levels ? (
                        <td>
                          {level(c.recognisedLevel)}
                          {c.decisionNumber ? (
                            <span className="c-muted"> (QĐ {c.decisionNumber})</span>
                          ) : null}
                        </td>
                      ) : null}
                      {data.shows.sipas ? <td>{pct(c.sipas)}</td> : null}
                      {data.shows.parIndex ? <td>{pct(c.parIndex)}</td> : null}
                      {data.shows.satisfaction ? <td>{share(c.satisfaction)}</td> : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        ) : null}
      </main>
    </div>
  );
}
