import type { EndpointBody } from '@cqtt/contract/endpoint';
import { type Reward, rewards } from '@cqtt/contract/rewards';
import { NOMINEE_KIND_LABELS, NOMINEE_KINDS, REWARD_FORMS } from '@cqtt/domain/rewards/rewards';
import { useTranslation } from 'react-i18next';
import { useSend } from '../../api/queries';
import type { Field } from '../shared/register/fields';
import { RegisterEditor, RegisterFormModal } from '../shared/register/RegisterFormModal';

export type RewardDialog = { kind: 'nominate' } | { kind: 'edit' | 'comment' | 'decide'; reward: Reward };

type NominationBody = EndpointBody<typeof rewards.create>;
type DecisionBody = EndpointBody<typeof rewards.decide>;
const CHANGES = [rewards.list];

/** A nomination (new, or changed before a decision), MTTQ's comment, or the leader's decision. */
export function RewardDialogs({
  dialog,
  year,
  communeId,
  onClose,
}: {
  dialog: RewardDialog;
  year: number;
  communeId?: string;
  onClose: () => void;
}) {
  if (dialog.kind === 'comment') return <CommentModal reward={dialog.reward} onClose={onClose} />;
  if (dialog.kind === 'decide') return <DecideModal reward={dialog.reward} onClose={onClose} />;
  return (
    <NominateModal
      year={year}
      communeId={communeId}
      reward={dialog.kind === 'edit' ? dialog.reward : null}
      onClose={onClose}
    />
  );
}

function NominateModal({
  year,
  communeId,
  reward,
  onClose,
}: {
  year: number;
  communeId?: string;
  reward: Reward | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const fields: Field<NominationBody>[] = [
    {
      name: 'nomineeKind',
      label: t('rewards.nomineeKind'),
      kind: 'radio',
      options: NOMINEE_KINDS.map((k) => ({ value: k, label: NOMINEE_KIND_LABELS[k] })),
    },
    { name: 'nomineeName', label: t('rewards.nomineeName'), kind: 'text', required: true },
    { name: 'nomineePosition', label: t('rewards.position'), kind: 'text' },
    { name: 'achievements', label: t('rewards.achievements'), kind: 'textarea', rows: 4, required: true },
    { name: 'fileIds', label: t('rewards.evidence'), kind: 'files' },
  ];
  return (
    <RegisterEditor<NominationBody, typeof rewards.create, typeof rewards.update>
      create={rewards.create}
      update={rewards.update}
      invalidates={CHANGES}
      editing={reward ?? 'new'}
      communeId={communeId}
      extra={{ year }}
      titles={[t('rewards.nominate'), t('rewards.editTitle', { name: reward?.nomineeName })]}
      fields={fields}
      defaults={{ nomineeKind: 'individual', fileIds: [] }}
      onClose={onClose}
    />
  );
}

function CommentModal({ reward, onClose }: { reward: Reward; onClose: () => void }) {
  const { t } = useTranslation();
  const send = useSend(rewards.comment, { invalidates: CHANGES });
  return (
    <RegisterFormModal<EndpointBody<typeof rewards.comment>>
      title={`${t('rewards.comment')}: ${reward.nomineeName}`}
      width={520}
      fields={[{ name: 'comment', label: t('rewards.mttqComment'), kind: 'textarea', required: true }]}
      row={{ comment: reward.mttqComment }}
      pending={send.isPending}
      save={(body, callbacks) => send.mutate({ params: { id: reward.id }, body }, callbacks)}
      onClose={onClose}
    />
  );
}

function DecideModal({ reward, onClose }: { reward: Reward; onClose: () => void }) {
  const { t } = useTranslation();
  const send = useSend(rewards.decide, { invalidates: CHANGES });
  const awarding = (v: Record<string, unknown>) => v.award !== false;
  const fields: Field<DecisionBody>[] = [
    {
      name: 'award',
      label: '',
      kind: 'radio',
      options: [
        { value: true, label: t('rewards.award') },
        { value: false, label: t('rewards.decline') },
      ],
    },
    {
      name: 'form',
      label: t('rewards.form'),
      kind: 'suggest',
      options: REWARD_FORMS.map((f) => ({ value: f, label: f })),
      visible: awarding,
    },
    {
      name: 'decisionNumber',
      label: t('rewards.decisionNumber'),
      kind: 'text',
      placeholder: '125/QĐ-UBND',
      visible: awarding,
    },
    { name: 'decisionDate', label: t('rewards.decisionDate'), kind: 'date', visible: awarding },
    { name: 'note', label: t('rewards.note'), kind: 'textarea', rows: 2 },
  ];
  return (
    <RegisterFormModal<DecisionBody>
      title={`${t('rewards.decide')}: ${reward.nomineeName}`}
      width={520}
      fields={fields}
      row={null}
      defaults={{ award: true, form: REWARD_FORMS[0] }}
      pending={send.isPending}
      save={(body, callbacks) => send.mutate({ params: { id: reward.id }, body }, callbacks)}
      onClose={onClose}
    />
  );
}
