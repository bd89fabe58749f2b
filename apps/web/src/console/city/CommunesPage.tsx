import { FileExcelOutlined, FileWordOutlined } from '@ant-design/icons';
import type { CommuneRow, CommuneYear, SortKey } from '@cqtt/contract/city';
import {
  App,
  Button,
  Card,
  Flex,
  Input,
  Radio,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tooltip,
} from 'antd';
import { Link } from 'react-router';
import { errorMessage } from '../../api/client';
import { QueryError } from '../shared/feedback';
import { formatNumber, formatPercent } from '../shared/format';
import { PageHeader } from '../shared/PageHeader';
import { useDocumentTitle } from '../shared/useDocumentTitle';
import { downloadCommunes, downloadReport, useCityHome, useCommunesView } from './api';
import {
  KIND_LABELS,
  levelText,
  pct,
  StageTag,
  thisYear,
  useSearchParamsPatch,
  YEARS,
  YearSelect,
} from './ui';

const STAGES: [CommuneYear['stage'], string][] = [
  ['not_registered', 'Chưa đăng ký mức độ'],
  ['registered', 'Đã đăng ký, chưa mở hồ sơ'],
  ['assessing', 'Đang tự đánh giá'],
  ['submitted', 'Đã gửi, chờ thẩm định'],
  ['returned', 'Trả lại, chờ bổ sung'],
  ['appraising', 'Đang thẩm định'],
  ['recognised', 'Đã công nhận'],
];

/** One year's figures of a commune, as the trend table of a range shows them. */
function TrendTable({ years }: { years: CommuneYear[] }) {
  return (
    <Table
      size="small"
      pagination={false}
      rowKey="year"
      aria-label="Xu hướng qua các năm"
      dataSource={years}
      columns={[
        { title: 'Năm', dataIndex: 'year' },
        { title: 'Đăng ký', render: (_, y) => levelText(y.registeredLevel) },
        { title: 'Tự đánh giá', render: (_, y) => levelText(y.selfLevel) },
        { title: 'Công nhận', render: (_, y) => levelText(y.recognisedLevel) },
        { title: 'Điểm', render: (_, y) => y.total ?? '—' },
        { title: 'Hài lòng', render: (_, y) => pct(y.satisfaction.index) },
        { title: 'Phản ánh đúng hạn', render: (_, y) => pct(y.feedback.onTimeShare) },
        { title: 'Nhiệm vụ đúng hạn', render: (_, y) => pct(y.tasksOnTimeShare) },
      ]}
    />
  );
}

/** The communes side by side: one year or a range, any column sorted, filters, ranks, trend, exports. */
export function CommunesPage() {
  useDocumentTitle('Các xã cạnh nhau');
  const { message } = App.useApp();
  const [params, set] = useSearchParamsPatch();
  const get = (k: string) => params.get(k) ?? undefined;
  const range = params.has('from');
  const year = Number(get('year') ?? thisYear());
  // the level filter offers every level in use (beyond four when the criteria sets define more)
  const levels = useCityHome(range ? Number(get('to') ?? thisYear()) : year).data?.levelsInUse ?? [
    1, 2, 3, 4,
  ];
  const query = {
    ...(range ? { from: Number(get('from')), to: Number(get('to') ?? thisYear()) } : { year }),
    kind: get('kind') as CommuneRow['kind'] | undefined,
    stage: get('stage') as CommuneYear['stage'] | undefined,
    level: get('level') === undefined ? undefined : Number(get('level')),
    levelOf: get('levelOf') as 'recognised' | 'self' | 'registered' | undefined,
    q: get('q'),
    sort: get('sort') as SortKey | undefined,
    order: get('order') as 'asc' | 'desc' | undefined,
  };
  const view = useCommunesView(query);
  // The sorted column as the address says (the server's default: total, highest first).
  const sortKey = query.sort ?? 'total';
  const sortOrder = query.order ?? (sortKey === 'name' || sortKey === 'feedbackOverdue' ? 'asc' : 'desc');
  const sorted = (key: SortKey) =>
    sortKey === key ? (sortOrder === 'asc' ? ('ascend' as const) : ('descend' as const)) : null;
  const columns: TableColumnsType<CommuneRow> = [
    // the rank and the commune stay pinned while the figures scroll beside them: fifteen
    // figures side by side are wider than a laptop by design (e2e/walk.e2e.ts)
    { title: 'Hạng', dataIndex: 'rank', width: 64, fixed: 'left', render: (r) => r ?? '—' },
    {
      title: 'Xã, phường, đặc khu',
      key: 'name',
      width: 200,
      fixed: 'left',
      sorter: true,
      sortOrder: sorted('name'),
      render: (_, r) => <Link to={`/city/communes/${r.communeId}?year=${r.year}`}>{r.communeName}</Link>,
    },
    { title: 'Loại', render: (_, r) => KIND_LABELS[r.kind] },
    { title: 'Bước', render: (_, r) => <StageTag stage={r.stage} label={r.stageLabel} /> },
    {
      title: 'Đăng ký',
      key: 'registeredLevel',
      sorter: true,
      sortOrder: sorted('registeredLevel'),
      render: (_, r) => (
        <Tooltip title={r.registeredOnTime === false ? 'Đăng ký sau 15/02' : undefined}>
          {levelText(r.registeredLevel)}
          {r.registeredOnTime === false ? ' (muộn)' : ''}
        </Tooltip>
      ),
    },
    {
      title: 'Tự đánh giá',
      key: 'selfLevel',
      sorter: true,
      sortOrder: sorted('selfLevel'),
      render: (_, r) => levelText(r.selfLevel),
    },
    {
      title: 'Công nhận',
      key: 'recognisedLevel',
      sorter: true,
      sortOrder: sorted('recognisedLevel'),
      render: (_, r) => levelText(r.recognisedLevel),
    },
    {
      title: 'Tổng điểm',
      key: 'total',
      sorter: true,
      sortOrder: sorted('total'),
      render: (_, r) => r.total ?? '—',
    },
    {
      title: 'Hài lòng',
      key: 'satisfaction',
      sorter: true,
      sortOrder: sorted('satisfaction'),
      render: (_, r) => (
        <Tooltip
          title={r.satisfaction.elements.map((e) => `${e.name}: ${pct(e.index)} (${e.answers})`).join(' · ')}
        >
          {pct(r.satisfaction.index)} <small>({formatNumber(r.satisfaction.answers)} câu)</small>
        </Tooltip>
      ),
    },
    {
      title: 'Tại quầy',
      key: 'counter',
      sorter: true,
      sortOrder: sorted('counter'),
      render: (_, r) => `${pct(r.counter.index)} (${formatNumber(r.counter.ratings)})`,
    },
    {
      title: 'Phản ánh: nhận / trả lời / đúng hạn',
      key: 'feedbackOnTime',
      sorter: true,
      sortOrder: sorted('feedbackOnTime'),
      render: (_, r) =>
        `${r.feedback.received} / ${r.feedback.answered} / ${r.feedback.answeredOnTime} (${pct(r.feedback.onTimeShare)})`,
    },
    {
      title: 'Nhiệm vụ đúng hạn',
      key: 'tasksOnTime',
      sorter: true,
      sortOrder: sorted('tasksOnTime'),
      render: (_, r) => pct(r.tasksOnTimeShare),
    },
    {
      title: 'Tuyên truyền (thôn)',
      key: 'outreach',
      sorter: true,
      sortOrder: sorted('outreach'),
      render: (_, r) =>
        `${r.outreach.activities} (${r.outreach.coveredVillages}/${r.outreach.activeVillages})`,
    },
    {
      title: 'Đã chi / dự toán',
      key: 'budgetSpent',
      sorter: true,
      sortOrder: sorted('budgetSpent'),
      render: (_, r) => pct(r.budget.spentShare),
    },
    {
      title: 'SIPAS',
      key: 'sipas',
      sorter: true,
      sortOrder: sorted('sipas'),
      render: (_, r) => formatPercent(r.official.sipas, 2),
    },
  ];
  const exportQuery = { ...query };
  return (
    <>
      <PageHeader
        title="Các xã, phường, đặc khu cạnh nhau"
        subtitle="Mọi số liệu là số liệu của chính xã trong cùng năm"
        extra={
          <Space wrap>
            <Button
              icon={<FileExcelOutlined />}
              onClick={() => downloadCommunes(exportQuery).catch((e) => message.error(errorMessage(e)))}
            >
              Tải bảng (XLSX)
            </Button>
            <Button
              icon={<FileWordOutlined />}
              onClick={() =>
                downloadReport(range ? Number(get('to') ?? thisYear()) : year).catch((e) =>
                  message.error(errorMessage(e)),
                )
              }
            >
              Báo cáo tổng hợp (DOCX)
            </Button>
          </Space>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Flex gap={12} wrap align="center">
          <Radio.Group
            value={range ? 'range' : 'year'}
            onChange={(e) =>
              e.target.value === 'range'
                ? set({ year: undefined, from: 2026, to: Math.min(Math.max(thisYear(), 2026), 2030) })
                : set({ from: undefined, to: undefined, year: thisYear() })
            }
            optionType="button"
            options={[
              { value: 'year', label: 'Một năm' },
              { value: 'range', label: 'Nhiều năm' },
            ]}
          />
          {range ? (
            <>
              <Select
                aria-label="Từ năm"
                value={Number(get('from'))}
                style={{ width: 110 }}
                onChange={(v) => set({ from: v })}
                options={YEARS.map((y) => ({ value: y, label: `Từ ${y}` }))}
              />
              <Select
                aria-label="Đến năm"
                value={Number(get('to') ?? thisYear())}
                style={{ width: 110 }}
                onChange={(v) => set({ to: v })}
                options={YEARS.map((y) => ({ value: y, label: `Đến ${y}` }))}
              />
            </>
          ) : (
            <YearSelect value={year} onChange={(v) => set({ year: v })} />
          )}
          <Select
            aria-label="Loại đơn vị"
            allowClear
            placeholder="Xã, phường, đặc khu"
            style={{ width: 170 }}
            value={query.kind}
            onChange={(v) => set({ kind: v })}
            options={Object.entries(KIND_LABELS).map(([value, label]) => ({ value, label }))}
          />
          <Select
            aria-label="Bước"
            allowClear
            placeholder="Bước trong năm"
            style={{ width: 220 }}
            value={query.stage}
            onChange={(v) => set({ stage: v })}
            options={STAGES.map(([value, label]) => ({ value, label }))}
          />
          <Select
            aria-label="Lọc theo mức"
            style={{ width: 150 }}
            value={query.levelOf ?? 'recognised'}
            onChange={(v) => set({ levelOf: v === 'recognised' ? undefined : v })}
            options={[
              { value: 'recognised', label: 'Mức công nhận' },
              { value: 'self', label: 'Mức tự đánh giá' },
              { value: 'registered', label: 'Mức đăng ký' },
            ]}
          />
          <Select
            aria-label="Mức"
            allowClear
            placeholder="Mức"
            style={{ width: 120 }}
            value={query.level}
            onChange={(v) => set({ level: v })}
            options={[0, ...levels].map((l) => ({ value: l, label: levelText(l) }))}
          />
          <Input.Search
            aria-label="Tìm xã"
            placeholder="Tìm tên xã (không cần dấu)"
            allowClear
            defaultValue={query.q}
            style={{ width: 240 }}
            onSearch={(v) => set({ q: v })}
          />
        </Flex>
      </Card>
      {view.error ? <QueryError error={view.error} onRetry={() => view.refetch()} /> : null}
      <Table<CommuneRow>
        rowKey="communeId"
        size="small"
        className="cqtt-wide-table"
        scroll={{ x: 1600 }}
        loading={view.isFetching}
        dataSource={view.data?.items ?? []}
        columns={columns}
        sortDirections={['descend', 'ascend']}
        pagination={{ pageSize: 50, showSizeChanger: true, showTotal: (n) => `${n} đơn vị` }}
        expandable={{
          expandedRowRender: (r) => <TrendTable years={r.years} />,
          expandRowByClick: false,
          rowExpandable: () => true,
        }}
        onChange={(_p, _f, sorter) => {
          const s = Array.isArray(sorter) ? sorter[0] : sorter;
          if (!s?.order) set({ sort: undefined, order: undefined });
          else set({ sort: String(s.columnKey), order: s.order === 'ascend' ? 'asc' : 'desc' });
        }}
      />
    </>
  );
}
