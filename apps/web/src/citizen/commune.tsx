import { createContext, type ReactNode, useContext } from 'react';
import { Outlet, useParams } from 'react-router';
import { useLoad } from './useLoad';

export interface PublicCommune {
  code: string;
  name: string;
  kind: 'xa' | 'phuong' | 'dac_khu';
  city: { code: string; name: string };
}

const CommuneContext = createContext<PublicCommune | null>(null);

/** The commune of the page (from /p/:communeCode), for every citizens' page under it. */
export function useCommune(): PublicCommune {
  const commune = useContext(CommuneContext);
  if (!commune) throw new Error('useCommune outside <CommuneLayout>');
  return commune;
}

/** Header with the commune's name, the page, and a footer; loads the commune once. */
export function CommuneLayout() {
  const { communeCode = '' } = useParams();
  const [load, retry] = useLoad<PublicCommune>(`/api/public/communes/${encodeURIComponent(communeCode)}`);
  if (load.state === 'loading') return <Shell title="Chính quyền thân thiện" busy />;
  if (load.state === 'error')
    return (
      <Shell title="Chính quyền thân thiện">
        <div className="c-card c-error" role="alert">
          <p>{load.status === 404 ? 'Không tìm thấy xã, phường, đặc khu này.' : load.message}</p>
          {load.status !== 404 && (
            <button type="button" className="c-button" onClick={retry}>
              Thử lại
            </button>
          )}
        </div>
      </Shell>
    );
  const commune = load.data;
  return (
    <CommuneContext.Provider value={commune}>
      <Shell title={`UBND ${commune.name}`} subtitle={commune.city.name} home={`/p/${commune.code}`}>
        <Outlet />
      </Shell>
    </CommuneContext.Provider>
  );
}

function Shell(props: {
  title: string;
  subtitle?: string;
  home?: string;
  busy?: boolean;
  children?: ReactNode;
}) {
  return (
    <div className="c-page">
      <header className="c-header">
        {props.home ? (
          <a href={props.home} className="c-header-title">
            {props.title}
          </a>
        ) : (
          <span className="c-header-title">{props.title}</span>
        )}
        {props.subtitle && <span className="c-header-sub">{props.subtitle}</span>}
        <span className="c-header-motto">Chính quyền thân thiện, vì Nhân dân phục vụ</span>
      </header>
      <main className="c-main" aria-busy={props.busy || undefined}>
        {props.busy ? <p className="c-muted">Đang tải…</p> : props.children}
      </main>
    </div>
  );
}
