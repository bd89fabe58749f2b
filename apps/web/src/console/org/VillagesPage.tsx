import type { EndpointBody } from '@cqtt/contract/endpoint';
import { communes, type Village, villages } from '@cqtt/contract/org';
import { useTranslation } from 'react-i18next';
import { ReferencePage } from '../shared/register/ReferencePage';
import { VillagesTable } from './tables';

/** The commune's villages (thôn, tổ dân phố): the reference list outreach and assessments point to. */
export default function VillagesPage() {
  const { t } = useTranslation();
  return (
    <ReferencePage<Village, EndpointBody<typeof villages.create>>
      list={villages.list}
      create={villages.create}
      update={villages.update}
      invalidates={[communes.list]}
      texts={{
        title: t('nav.villages'),
        subtitle: t('org.villagesSubtitle'),
        add: t('org.addVillage'),
        edit: t('org.editVillage'),
        search: t('org.searchVillage'),
        empty: t('org.noVillages'),
        created: t('org.villageCreated'),
        saved: t('org.villageSaved'),
        deactivateTitle: t('org.deactivateVillageTitle'),
        deactivateText: (name) => t('org.deactivateVillageText', { name }),
        deactivated: t('org.villageDeactivated'),
        reactivated: t('org.villageReactivated'),
      }}
      fields={() => [
        {
          name: 'name',
          label: t('org.villageName'),
          kind: 'text',
          required: true,
          requiredMessage: t('org.villageNameRequired'),
          placeholder: t('org.villageNamePlaceholder'),
          max: 200,
        },
        { name: 'headName', label: t('org.headName'), kind: 'text', max: 200 },
        { name: 'households', label: t('org.households'), kind: 'number', span: 12 },
      ]}
      searchIn={(v) => [v.name, v.headName]}
      table={(rows, loading, actions, empty) => (
        <VillagesTable villages={rows} loading={loading} actions={actions} emptyText={empty} />
      )}
    />
  );
}
