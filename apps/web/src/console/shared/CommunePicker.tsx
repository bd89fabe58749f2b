import { Select } from 'antd';
import { type ReactNode, useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useSession } from '../auth/session';
import { useCommunes } from '../org/api';
import { isCityLevel } from '../permissions';
import { EmptyState } from './feedback';
import { useLabels } from './labels';
import { foldVietnamese } from './text';

/**
 * Which commune a page works on. A commune user always works on their own commune
 * (`communeId` undefined: the server uses the caller's). A city-level user picks one,
 * kept in the `communeId` query parameter so the page can be bookmarked and shared.
 */
export function useCommuneScope() {
  const me = useSession();
  const cityLevel = isCityLevel(me);
  const [params, setParams] = useSearchParams();
  const picked = params.get('communeId') ?? undefined;
  const setCommuneId = useCallback(
    (id: string | undefined) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          if (id) next.set('communeId', id);
          else next.delete('communeId');
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );
  return {
    cityLevel,
    /** The commune id to send to the API (undefined for a commune user). */
    communeId: cityLevel ? picked : undefined,
    /** Whether there is a commune to show (always for a commune user). */
    ready: !cityLevel || Boolean(picked),
    setCommuneId,
  };
}

export function CommunePicker({
  id,
  value,
  onChange,
  allowClear = false,
  placeholder,
  width = 320,
}: {
  /** Set by Form.Item so that its label points at the select. */
  id?: string;
  value?: string;
  onChange?: (id: string | undefined) => void;
  allowClear?: boolean;
  placeholder?: string;
  width?: number | string;
}) {
  const { t } = useTranslation();
  const labels = useLabels();
  const communes = useCommunes();
  const options = (communes.data ?? []).map((c) => ({
    value: c.id,
    label: labels.communeTitle(c.kind, c.name),
    search: foldVietnamese(`${c.name} ${c.code}`),
  }));
  return (
    <Select
      id={id}
      aria-label={id ? undefined : t('org.pickCommune')}
      style={{ width, maxWidth: '100%' }}
      showSearch={{
        filterOption: (input, option) => Boolean(option?.search.includes(foldVietnamese(input))),
      }}
      allowClear={allowClear}
      placeholder={placeholder ?? t('org.pickCommunePlaceholder')}
      loading={communes.isLoading}
      options={options}
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      notFoundContent={t('org.noCommunes')}
    />
  );
}

/**
 * A page's body once its commune is known. Before a city account picks one, every page says the
 * same thing: choose a commune (not a blank table, "no activity" or "—").
 */
export function CommuneRequired({ scope, children }: { scope: { ready: boolean }; children: ReactNode }) {
  const { t } = useTranslation();
  return scope.ready ? children : <EmptyState description={t('org.pickCommuneFirst')} />;
}
