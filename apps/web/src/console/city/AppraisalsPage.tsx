import { App, Button, Flex, Form, Input, Modal, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../api/client';
import { useSession } from '../auth/session';
import { can } from '../permissions';
import { QueryError } from '../shared/feedback';
import { formatDateTime } from '../shared/format';
import { PageHeader } from '../shared/PageHeader';
import { useDocumentTitle } from '../shared/useDocumentTitle';
import { useAppraisals, useReturnAssessment } from './api';
import { KIND_LABELS, levelText, thisYear, useSearchParamsPatch, YearSelect } from './ui';

/** The form to send a submitted file back for more material, with the written request. */
export function ReturnModal({ assessmentId, onClose }: { assessmentId: string | null; onClose: () => void }) {
  const { message } = App.useApp();
  const send = useReturnAssessment();
  const [form] = Form.useForm<{ request: string }>();
  return (
    <Modal
      open={assessmentId !== null}
      title="Trả hồ sơ để bổ sung"
      okText="Trả hồ sơ"
      cancelText="Hủy"
      confirmLoading={send.isPending}
      onCancel={onClose}
      onOk={async () => {
        const { request } = await form.validateFields();
        try {
          await send.mutateAsync({ params: { id: assessmentId! }, body: { request } });
          message.success('Đã trả hồ sơ; xã nhận được yêu cầu bổ sung.');
          form.resetFields();
          onClose();
        } catch (e) {
          message.error(errorMessage(e));
        }
      }}
    >
      <Form form={form} layout="vertical">
        <Form.Item
          name="request"
          label="Yêu cầu bổ sung"
          rules={[{ required: true, whitespace: true, message: 'Hãy ghi rõ tài liệu cần bổ sung.' }]}
        >
          <Input.TextArea rows={4} maxLength={4000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Files sent to the city: when, on time or late, their level, rounds; return or open to recognise. */
export function AppraisalsPage() {
  useDocumentTitle('Thẩm định hồ sơ');
  const me = useSession();
  const [params, patch] = useSearchParamsPatch();
  const year = Number(params.get('year') ?? thisYear());
  const status = (params.get('status') ?? undefined) as 'submitted' | 'returned' | 'recognised' | undefined;
  const onTime = (params.get('onTime') ?? undefined) as 'yes' | 'no' | undefined;
  const q = params.get('q') ?? undefined;
  const list = useAppraisals({ year, status, onTime, q });
  const [returning, setReturning] = useState<string | null>(null);
  const set = (k: string, v: string | number | undefined) => patch({ [k]: v });
  const manage = can(me, 'city.manage');
  return (
    <>
      <PageHeader
        title="Thẩm định hồ sơ tự đánh giá"
        subtitle="Hồ sơ xã đã gửi thành phố (hạn trước ngày 12/11)"
      />
      <Flex gap={12} wrap style={{ marginBottom: 12 }}>
        <YearSelect value={year} onChange={(v) => set('year', v)} />
        <Select
          aria-label="Trạng thái hồ sơ"
          allowClear
          placeholder="Trạng thái"
          style={{ width: 200 }}
          value={status}
          onChange={(v) => set('status', v)}
          options={[
            { value: 'submitted', label: 'Chờ thẩm định' },
            { value: 'returned', label: 'Đã trả để bổ sung' },
            { value: 'recognised', label: 'Đã công nhận' },
          ]}
        />
        <Select
          aria-label="Hạn gửi"
          allowClear
          placeholder="Đúng hạn / muộn"
          style={{ width: 170 }}
          value={onTime}
          onChange={(v) => set('onTime', v)}
          options={[
            { value: 'yes', label: 'Gửi đúng hạn' },
            { value: 'no', label: 'Gửi muộn' },
          ]}
        />
        <Input.Search
          aria-label="Tìm xã"
          placeholder="Tìm tên xã (không cần dấu)"
          allowClear
          defaultValue={q}
          style={{ width: 240 }}
          onSearch={(v) => set('q', v)}
        />
      </Flex>
      {list.error ? <QueryError error={list.error} onRetry={() => list.refetch()} /> : null}
      <Table
        rowKey="assessmentId"
        size="small"
        loading={list.isFetching}
        dataSource={list.data ?? []}
        pagination={{ pageSize: 50 }}
        columns={[
          {
            title: 'Xã, phường, đặc khu',
            render: (_, r) => (
              <Link to={`/city/communes/${r.communeId}?year=${r.year}`}>{r.communeName}</Link>
            ),
          },
          { title: 'Loại', render: (_, r) => KIND_LABELS[r.kind] },
          { title: 'Năm', dataIndex: 'year' },
          { title: 'Trạng thái', render: (_, r) => <Tag>{r.statusLabel}</Tag> },
          {
            title: 'Gửi lúc',
            render: (_, r) =>
              r.submittedAt ? (
                <>
                  {formatDateTime(r.submittedAt)}{' '}
                  {r.submittedOnTime === false ? (
                    <Tag color="red">Muộn</Tag>
                  ) : r.submittedOnTime ? (
                    <Tag color="green">Đúng hạn</Tag>
                  ) : null}
                </>
              ) : (
                '—'
              ),
          },
          { title: 'Đăng ký', render: (_, r) => levelText(r.registeredLevel) },
          { title: 'Điểm', dataIndex: 'total' },
          { title: 'Mức tự đánh giá', render: (_, r) => levelText(r.selfLevel) },
          { title: 'Công nhận', render: (_, r) => levelText(r.recognisedLevel) },
          {
            title: 'Số lần trả',
            render: (_, r) => (r.openRequest ? `${r.rounds} (đang chờ: ${r.openRequest})` : r.rounds),
          },
          {
            title: '',
            render: (_, r) => (
              <Flex gap={8}>
                <Link to={`/assessments/${r.assessmentId}`}>Mở hồ sơ</Link>
                {manage && r.status === 'submitted' ? (
                  <Button size="small" danger onClick={() => setReturning(r.assessmentId)}>
                    Trả để bổ sung
                  </Button>
                ) : null}
              </Flex>
            ),
          },
        ]}
      />
      <ReturnModal assessmentId={returning} onClose={() => setReturning(null)} />
    </>
  );
}
