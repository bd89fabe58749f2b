import { Card, Col, Descriptions, Row, Table, Tag, Timeline, Typography } from 'antd';
import { Link, useParams, useSearchParams } from 'react-router';
import { QueryError } from '../shared/feedback';
import { formatDate, formatDateTime, formatNumber, formatPercent } from '../shared/format';
import { PageHeader } from '../shared/PageHeader';
import { useDocumentTitle } from '../shared/useDocumentTitle';
import { useCityCommune } from './api';
import { KIND_LABELS, levelText, pct, StageTag, thisYear, YearSelect } from './ui';

const TASK_STATUS: Record<string, [string, string]> = {
  done: ['Hoàn thành', 'green'],
  overdue: ['Quá hạn', 'red'],
  in_progress: ['Đang thực hiện', 'processing'],
  not_started: ['Chưa thực hiện', 'default'],
};

/** A commune as the city reads it: objectives 2026-2030, the year's tasks, file, satisfaction, feedback. */
export function CityCommunePage() {
  const { communeId } = useParams();
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year') ?? thisYear());
  const page = useCityCommune(communeId, year);
  const c = page.data;
  useDocumentTitle(c?.communeName ?? 'Xã');
  const f = c?.figures;
  return (
    <>
      <PageHeader
        title={c ? `${c.communeName} (${c.communeCode})` : 'Xã, phường, đặc khu'}
        subtitle={c ? `${KIND_LABELS[c.kind]} · ${c.cityName} · chỉ xem` : undefined}
        extra={
          <YearSelect value={year} onChange={(y) => setParams({ year: String(y) }, { replace: true })} />
        }
      />
      {page.error ? <QueryError error={page.error} onRetry={() => page.refetch()} /> : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title="Mục tiêu và kết quả 2026-2030" loading={page.isLoading}>
            <Table
              size="small"
              pagination={false}
              rowKey="year"
              aria-label="Mục tiêu và kết quả 2026-2030"
              dataSource={c?.objectives ?? []}
              columns={[
                { title: 'Năm', dataIndex: 'year' },
                { title: 'Mục tiêu kế hoạch', render: (_, o) => levelText(o.planLevel) },
                { title: 'Đăng ký', render: (_, o) => levelText(o.registeredLevel) },
                { title: 'Tự đánh giá', render: (_, o) => levelText(o.selfLevel) },
                { title: 'Công nhận', render: (_, o) => levelText(o.recognisedLevel) },
                { title: 'Điểm', render: (_, o) => o.total ?? '—' },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={`Hồ sơ tự đánh giá năm ${year}`} loading={page.isLoading}>
            {f ? (
              <Descriptions column={1} size="small">
                <Descriptions.Item label="Bước">
                  <StageTag stage={f.stage} label={f.stageLabel} />
                </Descriptions.Item>
                <Descriptions.Item label="Đăng ký mức">
                  {levelText(f.registeredLevel)}
                  {f.registeredOnTime === false ? ' (muộn)' : ''}
                </Descriptions.Item>
                <Descriptions.Item label="Gửi thành phố">
                  {f.submittedAt
                    ? `${formatDateTime(f.submittedAt)}${f.submittedOnTime === false ? ' (muộn)' : ''}`
                    : '—'}
                </Descriptions.Item>
                <Descriptions.Item label="Điểm, mức">
                  {f.total ?? '—'} / {f.maxTotal ?? '—'} · {levelText(f.selfLevel)}
                </Descriptions.Item>
                <Descriptions.Item label="Công nhận">
                  {levelText(f.recognisedLevel)}
                  {f.decisionNumber
                    ? ` — Quyết định số ${f.decisionNumber} ngày ${formatDate(f.decisionDate)}`
                    : ''}
                </Descriptions.Item>
                {f.groups.map((g) => (
                  <Descriptions.Item key={g.code} label={`Nhóm ${g.code}`}>
                    {g.points} / {g.maxPoints}
                  </Descriptions.Item>
                ))}
              </Descriptions>
            ) : null}
            {f?.assessmentId ? (
              <Link to={`/assessments/${f.assessmentId}`}>Mở hồ sơ: điểm từng chỉ tiêu, minh chứng</Link>
            ) : (
              <Typography.Text type="secondary">Xã chưa mở hồ sơ tự đánh giá năm {year}.</Typography.Text>
            )}
            {c && c.rounds.length > 0 ? (
              <Timeline
                style={{ marginTop: 16 }}
                items={c.rounds.map((r) => ({
                  children: (
                    <>
                      <b>Lần {r.round}</b> ({formatDateTime(r.requestedAt)}): {r.request}
                      <br />
                      {r.answer
                        ? `Xã trả lời (${formatDateTime(r.answeredAt)}): ${r.answer}`
                        : 'Chờ xã bổ sung'}
                    </>
                  ),
                }))}
              />
            ) : null}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title="Sự hài lòng" loading={page.isLoading}>
            {f ? (
              <Descriptions column={1} size="small">
                <Descriptions.Item label="Chỉ số chung (phiếu 5 yếu tố)">
                  {pct(f.satisfaction.index)} — {formatNumber(f.satisfaction.answers)} câu trả lời,{' '}
                  {formatNumber(f.satisfaction.responses)} phiếu
                </Descriptions.Item>
                {f.satisfaction.elements.map((e) => (
                  <Descriptions.Item key={e.key} label={e.name}>
                    {pct(e.index)} ({formatNumber(e.answers)})
                  </Descriptions.Item>
                ))}
                <Descriptions.Item label="Đánh giá tại quầy">
                  {pct(f.counter.index)} ({formatNumber(f.counter.ratings)} lượt)
                </Descriptions.Item>
                <Descriptions.Item label="SIPAS, PAR INDEX chính thức">
                  {formatPercent(f.official.sipas, 2)} · {formatPercent(f.official.parIndex, 2)}
                </Descriptions.Item>
              </Descriptions>
            ) : null}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title="Phản ánh, tuyên truyền, kinh phí" loading={page.isLoading}>
            {f ? (
              <Descriptions column={1} size="small">
                <Descriptions.Item label="Phản ánh nhận">{f.feedback.received}</Descriptions.Item>
                <Descriptions.Item label="Đã trả lời (đúng hạn)">
                  {f.feedback.answered} ({f.feedback.answeredOnTime}) — {pct(f.feedback.onTimeShare)}
                </Descriptions.Item>
                <Descriptions.Item label="Quá hạn chưa trả lời">{f.feedback.overdue}</Descriptions.Item>
                <Descriptions.Item label="Hoạt động tuyên truyền">
                  {f.outreach.activities}, {f.outreach.coveredVillages}/{f.outreach.activeVillages} thôn
                </Descriptions.Item>
                <Descriptions.Item label="Kinh phí đã chi / dự toán duyệt">
                  {formatNumber(f.budget.spent)} / {formatNumber(f.budget.approved)} đồng (
                  {pct(f.budget.spentShare)})
                </Descriptions.Item>
              </Descriptions>
            ) : null}
          </Card>
        </Col>
        <Col span={24}>
          <Card
            title={`Nhiệm vụ năm ${year} (đúng hạn ${f ? `${f.tasks.onTime}/${f.tasks.due}` : '—'}, quá hạn ${f?.tasks.overdue ?? '—'})`}
            loading={page.isLoading}
          >
            <Table
              size="small"
              rowKey="taskNumber"
              aria-label="Nhiệm vụ trong năm"
              pagination={false}
              dataSource={c?.tasks ?? []}
              columns={[
                { title: 'TT', dataIndex: 'taskNumber', width: 50 },
                { title: 'Nhiệm vụ', dataIndex: 'content' },
                { title: 'Chủ trì', dataIndex: 'leadUnit' },
                { title: 'Hạn', render: (_, t) => (t.dueDate ? formatDate(t.dueDate) : 'Thường xuyên') },
                {
                  title: 'Tình trạng',
                  render: (_, t) => {
                    const [label, color] = TASK_STATUS[t.status] ?? [t.status, 'default'];
                    return <Tag color={color}>{label}</Tag>;
                  },
                },
                { title: 'Hoàn thành', render: (_, t) => formatDate(t.completedOn) || '—' },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}
