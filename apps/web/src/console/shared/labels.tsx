import { Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { ROLES } from '../../api/types';
import { foldVietnamese } from './text';

const ROLE_COLORS: Record<string, string> = {
  admin: 'red',
  leader: 'gold',
  coordinator: 'blue',
  focal: 'cyan',
  supervisor: 'purple',
  party: 'volcano',
  village: 'green',
  city: 'geekblue',
};

/** Role keys in display order, with their labels, for selects. */
export function useRoleOptions(allowed: readonly string[] = ROLES) {
  const { t } = useTranslation();
  return allowed.map((r) => ({ value: r, label: t(`roles.${r}`, { defaultValue: r }) }));
}

export function useLabels() {
  const { t } = useTranslation();
  return {
    role: (r: string) => t(`roles.${r}`, { defaultValue: r }),
    kind: (k: string) => t(`communeKind.${k}`, { defaultValue: k }),
    /** "Xã Bình Giang": the kind before the name, unless the name already starts with it. */
    communeTitle: (kind: string, name: string) => {
      const viKind = t(`communeKind.${kind}`, { lng: 'vi', defaultValue: '' });
      if (viKind && foldVietnamese(name).startsWith(`${foldVietnamese(viKind)} `)) return name;
      return t('org.communeTitle', { kind: t(`communeKind.${kind}`, { defaultValue: kind }), name });
    },
  };
}

export function RoleTags({ roles }: { roles: readonly string[] }) {
  const { role } = useLabels();
  const { t } = useTranslation();
  if (roles.length === 0) return <span className="cqtt-muted">{t('common.none')}</span>;
  return (
    <Space size={[0, 4]} wrap>
      {roles.map((r) => (
        <Tag key={r} color={ROLE_COLORS[r] ?? 'default'} className="cqtt-role-tag">
          {role(r)}
        </Tag>
      ))}
    </Space>
  );
}

export function KindTag({ kind }: { kind: string }) {
  const { kind: label } = useLabels();
  const color = kind === 'phuong' ? 'blue' : kind === 'dac_khu' ? 'magenta' : 'green';
  return <Tag color={color}>{label(kind)}</Tag>;
}

export function ActiveTag({ active }: { active: boolean }) {
  const { t } = useTranslation();
  return active ? (
    <Tag color="success">{t('common.active')}</Tag>
  ) : (
    <Tag color="default">{t('common.inactive')}</Tag>
  );
}
