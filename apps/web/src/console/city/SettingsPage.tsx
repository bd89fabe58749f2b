import { App, Button, Card, Checkbox, Col, Form, InputNumber, Row, Space, Table } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../api/client';
import { useSession } from '../auth/session';
import { useIndices } from '../indices/api';
import { can } from '../permissions';
import { formatPercent } from '../shared/format';
import { PageHeader } from '../shared/PageHeader';
import { useDocumentTitle } from '../shared/useDocumentTitle';
import { useCityHome, useCityYear, useSaveCityYear } from './api';
import { thisYear, YearSelect } from './ui';

interface Values {
  /** Share aimed at, by level (as many levels as the criteria sets in effect define). */
  share?: Record<string, number | null | undefined>;
  satisfactionAlert?: number | null;
  overdueFeedbackAlert: number;
  overdueTasksAlert: number;
  publish: string[];
}

/** The city's year: share of communes aimed at each level, alert thresholds, what the public sees, official indices. */
export function CitySettingsPage() {
  useDocumentTitle('Chỉ tiêu, công khai');
  const me = useSession();
  const { message } = App.useApp();
  const [year, setYear] = useState(thisYear());
  const settings = useCityYear(year);
  // the levels in use this year: those the criteria sets define, beyond four when they do
  const levels = useCityHome(year).data?.levelsInUse ?? [1, 2, 3, 4];
  const indices = useIndices({ year });
  const save = useSaveCityYear();
  const [form] = Form.useForm<Values>();
  const manage = can(me, 'city.manage');
  useEffect(() => {
    const s = settings.data;
    if (!s) return;
    form.setFieldsValue({
      share: Object.fromEntries(s.targets.map((t) => [String(t.level), t.share])),
      satisfactionAlert: s.satisfactionAlert,
      overdueFeedbackAlert: s.overdueFeedbackAlert,
      overdueTasksAlert: s.overdueTasksAlert,
      publish: Object.entries(s.publish)
        .filter(([, v]) => v)
        .map(([k]) => k),
    });
  }, [settings.data, form]);
  return (
    <>
      <PageHeader
        title={`Chỉ tiêu và công khai năm ${year}`}
        subtitle="Tỷ lệ xã đạt từng mức, ngưỡng cảnh báo, số liệu trang công khai, kết quả SIPAS và PAR INDEX"
        extra={<YearSelect value={year} onChange={setYear} />}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title="Chỉ tiêu, ngưỡng cảnh báo, công khai" loading={settings.isLoading}>
            <Form
              form={form}
              layout="vertical"
              disabled={!manage}
              onFinish={async (v) => {
                const targets = levels
                  .map((level) => ({ level, share: v.share?.[String(level)] }))
                  .filter((t): t is { level: number; share: number } => typeof t.share === 'number');
                try {
                  await save.mutateAsync({
                    params: { year },
                    body: {
                      targets,
                      satisfactionAlert: v.satisfactionAlert ?? null,
                      overdueFeedbackAlert: v.overdueFeedbackAlert ?? 0,
                      overdueTasksAlert: v.overdueTasksAlert ?? 0,
                      publish: {
                        levels: v.publish.includes('levels'),
                        sipas: v.publish.includes('sipas'),
                        parIndex: v.publish.includes('parIndex'),
                        satisfaction: v.publish.includes('satisfaction'),
                      },
                    },
                  });
                  message.success('Đã lưu chỉ tiêu của thành phố.');
                } catch (e) {
                  message.error(errorMessage(e));
                }
              }}
            >
              <Space wrap>
                {levels.map((level) => (
                  <Form.Item
                    key={level}
                    name={['share', String(level)]}
                    label={`Đạt mức ${level} trở lên (%)`}
                  >
                    <InputNumber min={0} max={100} step={5} style={{ width: 150 }} />
                  </Form.Item>
                ))}
              </Space>
              <Space wrap>
                <Form.Item name="satisfactionAlert" label="Cảnh báo khi hài lòng dưới (%)">
                  <InputNumber min={0} max={100} style={{ width: 150 }} />
                </Form.Item>
                <Form.Item name="overdueFeedbackAlert" label="Phản ánh quá hạn nhiều hơn">
                  <InputNumber min={0} style={{ width: 150 }} />
                </Form.Item>
                <Form.Item name="overdueTasksAlert" label="Nhiệm vụ quá hạn nhiều hơn">
                  <InputNumber min={0} style={{ width: 150 }} />
                </Form.Item>
              </Space>
              <Form.Item name="publish" label="Trang công khai của thành phố hiển thị">
                <Checkbox.Group
                  options={[
                    { value: 'levels', label: 'Mức độ được công nhận' },
                    { value: 'sipas', label: 'SIPAS' },
                    { value: 'parIndex', label: 'PAR INDEX' },
                    { value: 'satisfaction', label: 'Chỉ số hài lòng đo trên cqtt' },
                  ]}
                />
              </Form.Item>
              {manage ? (
                <Button type="primary" htmlType="submit" loading={save.isPending}>
                  Lưu
                </Button>
              ) : null}
            </Form>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card
            title="Kết quả SIPAS, PAR INDEX chính thức"
            extra={
              can(me, 'indices.manage') ? (
                <Link to={`/official-indices?year=${year}`}>Nhập, sửa, nhập từ Excel</Link>
              ) : null
            }
          >
            <Table
              size="small"
              rowKey="id"
              loading={indices.isLoading}
              dataSource={indices.data ?? []}
              pagination={{ pageSize: 20 }}
              columns={[
                { title: 'Xã', dataIndex: 'communeName' },
                { title: 'Chỉ số', render: (_, r) => (r.kind === 'sipas' ? 'SIPAS' : 'PAR INDEX') },
                { title: 'Giá trị', render: (_, r) => formatPercent(r.value, 2) },
                { title: 'Hạng', render: (_, r) => r.rank ?? '—' },
                { title: 'Quyết định', dataIndex: 'decision' },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}
