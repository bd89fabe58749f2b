import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useUnits } from '../org/api';
import { useParam, YearPicker } from '../plans/ui';
import { CommunePicker, CommuneRequired } from '../shared/CommunePicker';
import { PageHeader } from '../shared/PageHeader';
import { FilterBar } from '../shared/register/FilterBar';
import { useDocumentTitle } from '../shared/useDocumentTitle';
import { ActivitiesTab } from './ActivitiesTab';
import { ConductTab } from './ConductTab';
import { CoverageTab } from './CoverageTab';
import { ExamplesTab } from './ExamplesTab';
import { useOutreachFilters } from './filters';
import { LibraryTab } from './LibraryTab';

export default function OutreachPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('outreach.title'));
  const f = useOutreachFilters();
  const [tab, setTab] = useParam('tab');
  const units = useUnits(f.scope.communeId, f.scope.ready);
  return (
    <>
      <PageHeader
        title={t('outreach.title')}
        subtitle={t('outreach.subtitle')}
        extra={
          <>
            {f.scope.cityLevel ? (
              <CommunePicker value={f.scope.communeId} onChange={f.scope.setCommuneId} />
            ) : null}
            <YearPicker value={f.year} onChange={f.setYear} />
          </>
        }
      />
      <CommuneRequired scope={f.scope}>
        <FilterBar
          marginBottom={8}
          search={{ label: t('outreach.search'), value: f.q, onChange: f.setQ }}
          selects={[
            {
              label: t('outreach.unit'),
              placeholder: t('outreach.allUnits'),
              value: f.unitId,
              onChange: f.setUnitId,
              options: (units.data ?? []).map((u) => ({ value: u.id, label: u.name })),
              width: 240,
            },
          ]}
        />
        <Tabs
          activeKey={tab ?? 'activities'}
          onChange={(k) => setTab(k === 'activities' ? undefined : k)}
          items={[
            { key: 'activities', label: t('outreach.tabActivities'), children: <ActivitiesTab f={f} /> },
            { key: 'coverage', label: t('outreach.tabCoverage'), children: <CoverageTab f={f} /> },
            { key: 'library', label: t('outreach.tabLibrary'), children: <LibraryTab f={f} /> },
            { key: 'examples', label: t('outreach.tabExamples'), children: <ExamplesTab f={f} /> },
            { key: 'conduct', label: t('outreach.tabConduct'), children: <ConductTab f={f} /> },
          ]}
        />
      </CommuneRequired>
    </>
  );
}
