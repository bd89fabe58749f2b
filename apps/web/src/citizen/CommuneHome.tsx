import { Link } from 'react-router';
import { useCommune } from './commune';
import { HOME_ACTIONS, HOME_SECTIONS } from './sections';

const KIND: Record<string, string> = { xa: 'xã', phuong: 'phường', dac_khu: 'đặc khu' };

export default function CommuneHome() {
  const commune = useCommune();
  return (
    <>
      <h1 className="c-title">{commune.name}</h1>
      <p className="c-muted">
        Trang thông tin dành cho người dân của {KIND[commune.kind] ?? 'xã'} về mô hình "Chính quyền thân
        thiện".
      </p>
      {HOME_ACTIONS.length > 0 && (
        <nav aria-label="Người dân có thể" className="c-actions">
          {HOME_ACTIONS.map((a) => (
            <Link key={a.key} to={a.path} className="c-action">
              <strong>{a.label}</strong>
              <span>{a.description}</span>
            </Link>
          ))}
        </nav>
      )}
      {HOME_SECTIONS.map(({ key, Component }) => (
        <Component key={key} />
      ))}
    </>
  );
}
