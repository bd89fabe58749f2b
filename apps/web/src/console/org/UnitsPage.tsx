import type { EndpointBody } from '@cqtt/contract/endpoint';
import { communes, type Unit, units } from '@cqtt/contract/org';
import { UNIT_KINDS } from '@cqtt/domain/org/roles';
import { useTranslation } from 'react-i18next';
import { ReferencePage } from '../shared/register/ReferencePage';
import { UnitsTable } from './tables';

/** Same rule as the server: capitals without diacritics, digits, underscore; at most 20. */
const UNIT_CODE_PATTERN = /^[A-Z0-9_]{1,20}$/;

/** The commune's units (cơ quan, đơn vị): the reference list tasks, budgets and rewards point to. */
export default function UnitsPage() {
  const { t } = useTranslation();
  return (
    <ReferencePage<Unit, EndpointBody<typeof units.create>>
      list={units.list}
      create={units.create}
      update={units.update}
      invalidates={[communes.list]}
      texts={{
        title: t('nav.units'),
        subtitle: t('org.unitsSubtitle'),
        add: t('org.addUnit'),
        edit: t('org.editUnit'),
        search: t('org.searchUnit'),
        empty: t('org.noUnits'),
        created: t('org.unitCreated'),
        saved: t('org.unitSaved'),
        deactivateTitle: t('org.deactivateUnitTitle'),
        deactivateText: (name) => t('org.deactivateUnitText', { name }),
        deactivated: t('org.unitDeactivated'),
        reactivated: t('org.unitReactivated'),
      }}
      fields={(editing) => [
        {
          name: 'code',
          label: t('org.unitCode'),
          kind: 'text',
          required: true,
          requiredMessage: t('org.unitCodeRequired'),
          disabled: editing,
          extra: editing ? t('org.codeFixed') : t('org.unitCodeHint'),
          normalize: (v) => v?.toUpperCase().replace(/\s+/g, ''),
          ...(editing ? {} : { pattern: { test: UNIT_CODE_PATTERN, message: t('org.unitCodeInvalid') } }),
        },
        {
          name: 'name',
          label: t('org.unitName'),
          kind: 'text',
          required: true,
          requiredMessage: t('org.unitNameRequired'),
          max: 200,
        },
        {
          name: 'kind',
          label: t('org.unitKind'),
          kind: 'select',
          options: UNIT_KINDS.map((k) => ({ value: k, label: t(`org.unitKinds.${k}`) })),
        },
        { name: 'description', label: t('org.description'), kind: 'textarea', max: 1000 },
      ]}
      searchIn={(u) => [u.name, u.code, u.description, t(`org.unitKinds.${u.kind}`)]}
      table={(rows, loading, actions, empty) => (
        <UnitsTable units={rows} loading={loading} actions={actions} emptyText={empty} />
      )}
    />
  );
}
