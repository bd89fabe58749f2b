import type { EndpointBody } from '@cqtt/contract/endpoint';
import { type Assessment, assessments, type YearTable } from '@cqtt/contract/villages';
import { VILLAGE_MODEL_ITEMS } from '@cqtt/domain/villages/villages';
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSend } from '../../api/queries';
import type { Field } from '../shared/register/fields';
import { RegisterEditor, RegisterFormModal } from '../shared/register/RegisterFormModal';

const CHANGES = [assessments.yearTable];
type AssessmentBody = EndpointBody<typeof assessments.create>;

/** A village's results of the year: entered first, changed until Phòng VH-XH has reviewed them. */
export function EnterModal({
  row,
  year,
  communeId,
  onClose,
}: {
  row: YearTable['villages'][number];
  year: number;
  communeId?: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const a = row.assessment;
  const title = t('villages.enterTitle', { village: row.village.name, year });
  const fields: Field<AssessmentBody>[] = [
    { name: 'households', label: t('villages.households'), kind: 'number', required: true, span: 8 },
    {
      name: 'culturalFamilies',
      label: t('villages.culturalFamilies'),
      kind: 'number',
      required: true,
      span: 8,
    },
    {
      name: 'modelItems',
      label: t('villages.modelItemsLong'),
      kind: 'checkboxes',
      options: VILLAGE_MODEL_ITEMS.map((i) => ({ value: i.key, label: i.label })),
    },
    { name: 'proposeTitle', label: t('villages.proposeTitle'), kind: 'checkbox' },
    { name: 'note', label: t('villages.note'), kind: 'textarea', rows: 2 },
  ];
  return (
    <RegisterEditor<AssessmentBody, typeof assessments.create, typeof assessments.update>
      create={assessments.create}
      update={assessments.update}
      invalidates={CHANGES}
      editing={a ?? 'new'}
      communeId={communeId}
      extra={{ villageId: row.village.id, year }}
      titles={[title, title]}
      fields={fields}
      defaults={{ modelItems: [], proposeTitle: false }}
      onClose={onClose}
    />
  );
}

/** Phòng VH-XH's decision on the title, with the reason when the figures fall short. */
export function ReviewModal({ assessment, onClose }: { assessment: Assessment; onClose: () => void }) {
  const { t } = useTranslation();
  const review = useSend(assessments.review, { invalidates: CHANGES });
  const fields: Field<EndpointBody<typeof assessments.review>>[] = [
    {
      name: 'titleAchieved',
      label: t('villages.result'),
      kind: 'radio',
      options: [
        { value: true, label: 'Thôn văn hóa' },
        { value: false, label: t('villages.notAchieved') },
      ],
    },
    { name: 'note', label: t('villages.reviewNote'), kind: 'textarea', rows: 2 },
  ];
  return (
    <RegisterFormModal
      title={t('villages.reviewTitle', { village: assessment.village.name })}
      width={520}
      fields={fields}
      row={null}
      defaults={{
        titleAchieved: assessment.titleAchieved ?? assessment.meetsTitle,
        note: assessment.reviewNote,
      }}
      pending={review.isPending}
      intro={
        <Alert
          type={assessment.meetsTitle ? 'success' : 'warning'}
          showIcon
          title={assessment.meetsTitle ? t('villages.meets') : t('villages.doesNotMeet')}
          style={{ marginBottom: 12 }}
        />
      }
      save={(body, callbacks) => review.mutate({ params: { id: assessment.id }, body }, callbacks)}
      onClose={onClose}
    />
  );
}
