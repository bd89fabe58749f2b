import { type BudgetLine, type Estimate, estimates } from '@cqtt/contract/budget';
import type { EndpointBody } from '@cqtt/contract/endpoint';
import { BUDGET_SOURCE_LABELS, BUDGET_SOURCES, formatVnd, spendingProblem } from '@cqtt/domain/budget/budget';
import { Alert, Form, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSend } from '../../api/queries';
import type { Field } from '../shared/register/fields';
import { RegisterFormModal } from '../shared/register/RegisterFormModal';
import { CHANGES } from './EstimateCard';

export type BudgetDialog =
  | { kind: 'line' }
  | { kind: 'approve' }
  | { kind: 'return' }
  | { kind: 'spend'; line: BudgetLine };

/** The dialogs of an estimate's card: a new line, the leader's approval or return, a spending. */
export function BudgetDialogs({
  dialog,
  budget,
  onClose,
}: {
  dialog: BudgetDialog;
  budget: Estimate;
  onClose: () => void;
}) {
  switch (dialog.kind) {
    case 'line':
      return <LineModal budget={budget} onClose={onClose} />;
    case 'approve':
      return <ApproveModal budget={budget} onClose={onClose} />;
    case 'return':
      return <ReturnModal budget={budget} onClose={onClose} />;
    case 'spend':
      return <SpendModal budget={budget} line={dialog.line} onClose={onClose} />;
  }
}

function LineModal({ budget, onClose }: { budget: Estimate; onClose: () => void }) {
  const { t } = useTranslation();
  const add = useSend(estimates.addLine, { invalidates: CHANGES });
  const fields: Field<EndpointBody<typeof estimates.addLine>>[] = [
    { name: 'content', label: t('budget.content'), kind: 'textarea', rows: 2, required: true },
    { name: 'amount', label: t('budget.amountVnd'), kind: 'money', required: true },
    {
      name: 'source',
      label: t('budget.source'),
      kind: 'select',
      required: true,
      options: BUDGET_SOURCES.map((s) => ({ value: s, label: BUDGET_SOURCE_LABELS[s] })),
    },
    { name: 'note', label: t('budget.note'), kind: 'text' },
  ];
  return (
    <RegisterFormModal
      title={t('budget.addLine')}
      width={520}
      fields={fields}
      row={null}
      defaults={{ source: 'commune' }}
      pending={add.isPending}
      save={(body, callbacks) => add.mutate({ params: { id: budget.id }, body }, callbacks)}
      onClose={onClose}
    />
  );
}

/**
 * One field per line the commune funds, filled with its estimated amount; the approved amounts go
 * together. A line the city budget funds is the city's to approve (after the tờ trình), not here.
 */
function ApproveModal({ budget, onClose }: { budget: Estimate; onClose: () => void }) {
  const { t } = useTranslation();
  const own = budget.lines.filter((l) => l.source !== 'city');
  const approve = useSend(estimates.approve, { invalidates: CHANGES });
  type Values = Record<string, number> & { note?: string };
  const fields: Field<Values>[] = [
    ...own.map(
      (l): Field<Values> => ({
        name: `line_${l.id}`,
        label: `${l.number}. ${l.content} (${t('budget.estimated').toLowerCase()} ${formatVnd(l.amount)})`,
        kind: 'money',
        required: true,
      }),
    ),
    { name: 'note', label: t('budget.decisionNote'), kind: 'textarea', rows: 2 },
  ];
  return (
    <RegisterFormModal<Values>
      title={t('budget.approve')}
      okText={t('budget.approve')}
      width={720}
      fields={fields}
      row={null}
      defaults={Object.fromEntries(own.map((l) => [`line_${l.id}`, l.amount]))}
      pending={approve.isPending}
      save={(v, callbacks) =>
        approve.mutate(
          {
            params: { id: budget.id },
            body: {
              lines: own.map((l) => ({ lineId: l.id, approvedAmount: Number(v[`line_${l.id}`]) })),
              note: v.note || undefined,
            },
          },
          callbacks,
        )
      }
      onClose={onClose}
    />
  );
}

function ReturnModal({ budget, onClose }: { budget: Estimate; onClose: () => void }) {
  const { t } = useTranslation();
  const back = useSend(estimates.return, { invalidates: CHANGES });
  return (
    <RegisterFormModal<EndpointBody<typeof estimates.return>>
      title={t('budget.return')}
      okText={t('budget.return')}
      width={520}
      fields={[{ name: 'reason', label: t('budget.returnReason'), kind: 'textarea', required: true }]}
      row={null}
      pending={back.isPending}
      save={(body, callbacks) => back.mutate({ params: { id: budget.id }, body }, callbacks)}
      onClose={onClose}
    />
  );
}

type SpendingBody = EndpointBody<typeof estimates.addSpending>;

/** A spending over what remains of the line needs a reason (packages/domain budget), asked before sending. */
function SpendModal({ budget, line, onClose }: { budget: Estimate; line: BudgetLine; onClose: () => void }) {
  const { t } = useTranslation();
  const spend = useSend(estimates.addSpending, { invalidates: CHANGES });
  const over = (v: Record<string, unknown>) =>
    typeof v.amount === 'number' &&
    v.amount > 0 &&
    spendingProblem({ approvedAmount: line.approvedAmount, spent: line.spent }, v.amount) !== null;
  const fields: Field<SpendingBody>[] = [
    { name: 'spentOn', label: t('budget.spentOn'), kind: 'date', required: true, span: 12 },
    { name: 'amount', label: t('budget.amountVnd'), kind: 'money', required: true },
    { name: 'content', label: t('budget.content'), kind: 'text', required: true },
    {
      name: 'overReason',
      label: t('budget.overReason'),
      kind: 'textarea',
      rows: 2,
      required: over,
      requiredMessage: t('budget.overReasonRequired'),
    },
    { name: 'fileIds', label: t('budget.documents'), kind: 'files' },
  ];
  return (
    <RegisterFormModal<SpendingBody>
      title={t('budget.spendOn', { line: `${line.number}. ${line.content}` })}
      fields={fields}
      row={null}
      defaults={{ fileIds: [] }}
      pending={spend.isPending}
      savedMessage={t('budget.spendingSaved')}
      intro={
        <Typography.Paragraph type="secondary">
          {t('budget.lineRemaining', {
            approved: formatVnd(line.approvedAmount ?? 0),
            remaining: formatVnd(line.remaining),
          })}
        </Typography.Paragraph>
      }
      save={(body, callbacks) =>
        spend.mutate(
          { params: { id: line.id }, body: { ...body, overReason: body.overReason || undefined } },
          callbacks,
        )
      }
      onClose={onClose}
    >
      <OverWarning over={over} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {budget.title}
      </Typography.Text>
    </RegisterFormModal>
  );
}

function OverWarning({ over }: { over: (v: Record<string, unknown>) => boolean }) {
  const { t } = useTranslation();
  const values = (Form.useWatch([], Form.useFormInstance()) ?? {}) as Record<string, unknown>;
  return over(values) ? (
    <Alert type="warning" showIcon title={t('budget.overWarning')} style={{ marginBottom: 12 }} />
  ) : null;
}
