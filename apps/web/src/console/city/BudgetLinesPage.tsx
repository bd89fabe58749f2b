import { type CityBudgetLine, cityFunds } from '@cqtt/contract/budget';
import {
  App,
  Button,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../api/client';
import { useCall, useSend } from '../../api/queries';
import { useSession } from '../auth/session';
import { can } from '../permissions';
import { EmptyState, QueryError } from '../shared/feedback';
import { formatDate, formatDateTime, formatNumber } from '../shared/format';
import { PageHeader } from '../shared/PageHeader';
import { useDocumentTitle } from '../shared/useDocumentTitle';
import { thisYear, useSearchParamsPatch, YearSelect } from './ui';

const STATUS_COLORS: Record<string, string> = { proposed: 'gold', approved: 'green', refused: 'red' };
const dong = (v: number | null) => (v === null ? '—' : `${formatNumber(v)} đ`);

/** The city's answer to one line: fund it (with the amount) or not (with the reason). */
function DecideModal({ line, onClose }: { line: CityBudgetLine | null; onClose: () => void }) {
  const { message } = App.useApp();
  const decide = useSend(cityFunds.decide, { invalidates: [cityFunds.list] });
  const [form] = Form.useForm<{ decision: 'approve' | 'refuse'; approvedAmount?: number; reason?: string }>();
  const decision = Form.useWatch('decision', form);
  return (
    <Modal
      open={line !== null}
      destroyOnHidden
      title={line ? `Dòng ${line.number}: ${line.content}` : ''}
      okText="Ghi quyết định"
      cancelText="Hủy"
      confirmLoading={decide.isPending}
      onCancel={onClose}
      onOk={async () => {
        const values = await form.validateFields();
        try {
          await decide.mutateAsync({
            params: { id: line!.id },
            body:
              values.decision === 'approve'
                ? { decision: 'approve', approvedAmount: values.approvedAmount }
                : { decision: 'refuse', reason: values.reason },
          });
          message.success(
            values.decision === 'approve'
              ? 'Đã ghi: thành phố bố trí kinh phí cho dòng này.'
              : 'Đã ghi: thành phố không bố trí, xã thấy lý do.',
          );
          onClose();
        } catch (e) {
          message.error(errorMessage(e));
        }
      }}
    >
      {line ? (
        <Typography.Paragraph type="secondary">
          {line.commune.name} đề nghị {dong(line.amount)} (năm {line.year}
          {line.city.proposal
            ? `, tờ trình số ${line.city.proposal.number} ngày ${formatDate(line.city.proposal.issuedOn)}`
            : ''}
          ).
        </Typography.Paragraph>
      ) : null}
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ decision: 'approve', approvedAmount: line?.amount }}
      >
        <Form.Item name="decision" label="Quyết định">
          <Radio.Group
            options={[
              { value: 'approve', label: 'Bố trí kinh phí' },
              { value: 'refuse', label: 'Không bố trí' },
            ]}
          />
        </Form.Item>
        {decision === 'refuse' ? (
          <Form.Item
            name="reason"
            label="Lý do không bố trí"
            rules={[{ required: true, whitespace: true, message: 'Hãy nêu lý do để xã biết.' }]}
          >
            <Input.TextArea rows={3} maxLength={2000} showCount />
          </Form.Item>
        ) : (
          <Form.Item
            name="approvedAmount"
            label="Số kinh phí bố trí (đồng)"
            rules={[{ required: true, message: 'Hãy nhập số kinh phí bố trí.' }]}
          >
            <InputNumber<number>
              min={0}
              step={1_000_000}
              style={{ width: '100%' }}
              formatter={(v) => (v === undefined || v === null ? '' : formatNumber(Number(v)))}
              parser={(v) => Number((v ?? '').replace(/\D/g, ''))}
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

/**
 * The lines of budget the communes asked the city to fund, by their issued tờ trình (plan task
 * 8): the city funds each (with the amount) or refuses it (with the reason the commune reads on
 * its budget page). Filters by year, status and commune; paged.
 */
export function CityBudgetLinesPage() {
  useDocumentTitle('Kinh phí các xã đề nghị');
  const me = useSession();
  const [params, patch] = useSearchParamsPatch();
  const year = Number(params.get('year') ?? thisYear());
  const status = (params.get('status') ?? 'proposed') as 'proposed' | 'approved' | 'refused' | 'all';
  const [page, setPage] = useState({ page: 1, pageSize: 50 });
  const list = useCall(
    cityFunds.list,
    { query: { year, ...(status === 'all' ? {} : { status }), ...page } },
    { keepPrevious: true },
  );
  const [deciding, setDeciding] = useState<CityBudgetLine | null>(null);
  const mayDecide = can(me, 'budget.approve_city');
  const set = (k: string, v: string | number) => {
    patch({ [k]: v });
    setPage((p) => ({ ...p, page: 1 }));
  };
  return (
    <>
      <PageHeader
        title="Kinh phí các xã đề nghị thành phố"
        subtitle="Các dòng kinh phí xã đề nghị ngân sách thành phố bố trí bằng tờ trình đã ban hành"
      />
      <Flex gap={12} wrap style={{ marginBottom: 12 }}>
        <YearSelect value={year} onChange={(v) => set('year', v)} />
        <Select
          aria-label="Trạng thái"
          value={status}
          style={{ width: 220 }}
          onChange={(v) => set('status', v)}
          options={[
            { value: 'proposed', label: 'Chờ thành phố xem xét' },
            { value: 'approved', label: 'Đã bố trí' },
            { value: 'refused', label: 'Không bố trí' },
            { value: 'all', label: 'Tất cả' },
          ]}
        />
      </Flex>
      {list.error ? <QueryError error={list.error} onRetry={() => list.refetch()} /> : null}
      <Table<CityBudgetLine>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: <EmptyState description="Không có dòng kinh phí nào theo bộ lọc này" /> }}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: list.data?.total ?? 0,
          showTotal: (total) => `${formatNumber(total)} dòng`,
          onChange: (p, ps) => setPage({ page: ps === page.pageSize ? p : 1, pageSize: ps }),
        }}
        columns={[
          {
            title: 'Xã, phường, đặc khu',
            width: 200,
            render: (_, l) => (
              <Link to={`/city/communes/${l.commune.id}?year=${l.year}`}>{l.commune.name}</Link>
            ),
          },
          {
            title: 'Nội dung',
            render: (_, l) => (
              <>
                <div>
                  {l.number}. {l.content}
                </div>
                {l.city.proposal ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    Tờ trình số {l.city.proposal.number} ngày {formatDate(l.city.proposal.issuedOn)}
                  </Typography.Text>
                ) : null}
              </>
            ),
          },
          { title: 'Đề nghị', align: 'right', width: 150, render: (_, l) => dong(l.amount) },
          {
            title: 'Thành phố',
            width: 260,
            render: (_, l) => (
              <>
                <Tag color={STATUS_COLORS[l.city.status]}>{l.city.statusLabel}</Tag>
                {l.city.status === 'approved' ? <div>{dong(l.approvedAmount)}</div> : null}
                {l.city.reason ? <div style={{ whiteSpace: 'pre-wrap' }}>{l.city.reason}</div> : null}
                {l.city.decidedAt ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {[l.city.decidedBy?.fullName, formatDateTime(l.city.decidedAt)]
                      .filter(Boolean)
                      .join(' · ')}
                  </Typography.Text>
                ) : null}
              </>
            ),
          },
          ...(mayDecide
            ? [
                {
                  title: 'Thao tác',
                  key: 'actions',
                  width: 130,
                  render: (_: unknown, l: CityBudgetLine) =>
                    l.city.status === 'proposed' ? (
                      <Button size="small" type="primary" onClick={() => setDeciding(l)}>
                        Quyết định
                      </Button>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
      <DecideModal line={deciding} onClose={() => setDeciding(null)} />
    </>
  );
}
