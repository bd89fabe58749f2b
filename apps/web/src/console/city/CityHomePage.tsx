import { Alert, Card, Col, Flex, List, Progress, Row, Statistic, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { QueryError } from '../shared/feedback';
import { PageHeader } from '../shared/PageHeader';
import { useDocumentTitle } from '../shared/useDocumentTitle';
import { useCityHome } from './api';
import { pct, thisYear, YearSelect } from './ui';

/** Sở Nội vụ's home: the year at a glance, levels against the city's targets, who is behind. */
export function CityHomePage() {
  useDocumentTitle('Năm nay của thành phố');
  const [year, setYear] = useState(thisYear());
  const home = useCityHome(year);
  const h = home.data;
  const stat = (title: string, value: number | undefined, to?: string) => (
    <Col xs={12} md={8} xl={4} key={title}>
      <Card size="small">
        <Statistic
          title={to ? <Link to={to}>{title}</Link> : title}
          value={value ?? 0}
          loading={home.isLoading}
        />
      </Card>
    </Col>
  );
  return (
    <>
      <PageHeader
        title={`Các xã, phường, đặc khu năm ${year}`}
        subtitle="Đăng ký mức độ (trước 15/02), tự đánh giá (trước 12/11), thẩm định và công nhận"
        extra={<YearSelect value={year} onChange={setYear} />}
      />
      {home.error ? <QueryError error={home.error} onRetry={() => home.refetch()} /> : null}
      <Row gutter={[12, 12]}>
        {stat('Tổng số đơn vị', h?.stages.communes, `/city/communes?year=${year}`)}
        {stat('Đăng ký đúng hạn', h?.stages.registeredOnTime)}
        {stat('Đăng ký muộn', h?.stages.registeredLate)}
        {stat('Chưa đăng ký', h?.stages.notRegistered, `/city/communes?year=${year}&stage=not_registered`)}
        {stat('Chưa mở hồ sơ', h?.stages.notOpened)}
        {stat('Đang tự chấm', h?.stages.inProgress)}
        {stat('Gửi hồ sơ đúng hạn', h?.stages.submittedOnTime, `/city/appraisals?year=${year}`)}
        {stat('Gửi hồ sơ muộn', h?.stages.submittedLate, `/city/appraisals?year=${year}`)}
        {stat('Quá hạn chưa gửi', h?.stages.notSubmittedOverdue)}
        {stat('Trả lại để bổ sung', h?.stages.returned, `/city/appraisals?year=${year}&status=returned`)}
        {stat('Đang thẩm định', h?.stages.appraising)}
        {stat('Đã công nhận', h?.stages.recognised)}
      </Row>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} lg={10}>
          <Card title="Mức độ được công nhận so với chỉ tiêu" loading={home.isLoading}>
            <Typography.Paragraph type="secondary">
              {(h?.levels ?? [])
                .map(
                  (l) => `${l.level === 0 ? 'Chưa đạt / chưa công nhận' : `Mức ${l.level}`}: ${l.communes}`,
                )
                .join(' · ')}
            </Typography.Paragraph>
            {h?.gaps.map((g) => (
              <div key={g.level} style={{ marginBottom: 12 }} data-testid={`gap-${g.level}`}>
                <Flex justify="space-between">
                  <span>
                    Mức {g.level} trở lên: {g.reached} đơn vị ({pct(g.share)})
                  </span>
                  <span>
                    {g.target === null
                      ? 'chưa đặt chỉ tiêu'
                      : g.missing
                        ? `chỉ tiêu ${pct(g.target)}, còn thiếu ${g.missing}`
                        : `chỉ tiêu ${pct(g.target)}: đạt`}
                  </span>
                </Flex>
                <Progress
                  percent={Math.round((g.share ?? 0) * 1000) / 10}
                  success={g.target === null ? undefined : { percent: 0 }}
                  status={g.target !== null && (g.missing ?? 0) > 0 ? 'exception' : 'normal'}
                  aria-label={`Mức ${g.level} trở lên`}
                />
              </div>
            ))}
            <Link to="/city/settings">Đặt chỉ tiêu của thành phố</Link>
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card title={`Cảnh báo (${h?.alerts.length ?? 0})`} loading={home.isLoading}>
            {h && h.alerts.length === 0 ? <Alert type="success" message="Không có đơn vị nào chậm." /> : null}
            <List
              size="small"
              dataSource={h?.alerts ?? []}
              renderItem={(a) => (
                <List.Item>
                  <Link to={`/city/communes/${a.communeId}?year=${year}`}>{a.text}</Link>
                </List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}
