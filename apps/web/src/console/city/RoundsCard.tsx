import { Alert, App, Button, Card, Form, Input, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { useSession } from '../auth/session';
import { can } from '../permissions';
import { formatDateTime } from '../shared/format';
import { ReturnModal } from './AppraisalsPage';
import { useResubmit, useRounds } from './api';

/**
 * On an assessment's page: the city's requests for more material and the commune's answers, every
 * round; the city returns a submitted file from here, the commune answers and sends it again.
 */
export function RoundsCard({
  a,
  onChanged,
}: {
  a: { id: string; status: string; communeId: string };
  onChanged?: () => void;
}) {
  const me = useSession();
  const { message } = App.useApp();
  const rounds = useRounds(a.id);
  const resubmit = useResubmit();
  const [returning, setReturning] = useState(false);
  const [form] = Form.useForm<{ answer: string }>();
  const list = rounds.data ?? [];
  const isCommune = me.commune?.id === a.communeId;
  const mayReturn = !me.commune && can(me, 'city.manage') && a.status === 'submitted';
  const mayAnswer = isCommune && can(me, 'city.resubmit') && a.status === 'returned';
  if (list.length === 0 && !mayReturn) return null;
  const open = list.find((r) => r.answer === null);
  return (
    <Card title="Yêu cầu bổ sung của thành phố" style={{ marginBottom: 16 }} data-testid="rounds">
      {open && isCommune ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={`Sở Nội vụ trả hồ sơ để bổ sung (lần ${open.round})`}
          description={open.request}
        />
      ) : null}
      <Timeline
        items={list.map((r) => ({
          color: r.answer ? 'green' : 'orange',
          children: (
            <>
              <Typography.Text strong>
                Lần {r.round} — {r.requestedBy}, {formatDateTime(r.requestedAt)}
              </Typography.Text>
              <div>{r.request}</div>
              {r.answer ? (
                <div>
                  <Typography.Text type="secondary">
                    Xã trả lời ({r.answeredBy}, {formatDateTime(r.answeredAt)}):
                  </Typography.Text>{' '}
                  {r.answer}
                </div>
              ) : (
                <Typography.Text type="warning">Chờ xã bổ sung</Typography.Text>
              )}
            </>
          ),
        }))}
      />
      {mayAnswer ? (
        <Form
          form={form}
          layout="vertical"
          onFinish={async ({ answer }) => {
            try {
              await resubmit.mutateAsync({ params: { id: a.id }, body: { answer } });
              message.success('Đã gửi lại hồ sơ cho thành phố.');
              form.resetFields();
              onChanged?.();
            } catch (e) {
              message.error(errorMessage(e));
            }
          }}
        >
          <Form.Item
            name="answer"
            label="Trả lời yêu cầu bổ sung"
            rules={[{ required: true, whitespace: true, message: 'Hãy trả lời yêu cầu của thành phố.' }]}
          >
            <Input.TextArea rows={3} maxLength={4000} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={resubmit.isPending}>
            Gửi lại hồ sơ
          </Button>
        </Form>
      ) : null}
      {mayReturn ? (
        <Button danger onClick={() => setReturning(true)}>
          Trả để bổ sung
        </Button>
      ) : null}
      <ReturnModal
        assessmentId={returning ? a.id : null}
        onClose={() => {
          setReturning(false);
          onChanged?.();
        }}
      />
    </Card>
  );
}
