/**
 * Issue #14 finding 10 (RELIABILITY 30): a file is readable by exactly who may read the record it
 * belongs to. As found: files were checked by commune only, so a village head and Văn phòng
 * downloaded a citizen's feedback attachment whose feedback they may not open, and MTTQ and the
 * city, who must not see the sender's contact, could too. The walk below checks every kind of
 * record that holds files (and every column of the database that names one) against the record's
 * own read route, for every demo account. (The registry is imported inside the walks, so that
 * the attack itself also runs against code that predates it.)
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, communeIdOf, createTestApp, login, type TestApp } from './harness.ts';

let t: TestApp;
let binhGiang: string;
let vhxh: Client;

const ACCOUNTS = [
  'admin',
  'vhxh.binhgiang',
  'ttpvhcc.binhgiang',
  'vpub.binhgiang',
  'mttq.binhgiang',
  'bxdd.binhgiang',
  'chutich.binhgiang',
  'kinhte.binhgiang',
  'ttdvsnc.binhgiang',
  'thon1.binhgiang',
  'snv.haiphong',
  'vhxh.hongbang',
  'snv.hanoi',
];

const pdf = (label: string) =>
  Buffer.from(
    `%PDF-1.4\n% ${label}\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n`,
    'latin1',
  );

function multipart(parts: { name: string; value?: string; file?: { bytes: Buffer; filename: string } }[]) {
  const boundary = `----cqtt${randomUUID()}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    chunks.push(
      Buffer.from(
        p.file
          ? `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"; filename="${p.file.filename}"\r\nContent-Type: application/pdf\r\n\r\n`
          : `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"\r\n\r\n`,
      ),
      p.file ? p.file.bytes : Buffer.from(p.value ?? ''),
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function upload(client: Client, label: string): Promise<string> {
  const { payload, contentType } = multipart([
    { name: 'file', file: { bytes: pdf(label), filename: `${label}.pdf` } },
  ]);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/files',
    headers: { cookie: client.cookie!, 'x-csrf-token': client.csrfToken!, 'content-type': contentType },
    payload,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

const clients = new Map<string, Client>();
async function as(username: string) {
  let c = clients.get(username);
  if (!c) {
    c = await login(t.app, username);
    clients.set(username, c);
  }
  return c;
}

async function unitId(code: string) {
  const u = await t.database.db
    .selectFrom('units')
    .select('id')
    .where('commune_id', '=', binhGiang)
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
  return u.id;
}

/** A citizen's feedback with a scanned letter, assigned to Phòng Kinh tế. */
async function citizensAttachment() {
  const { payload, contentType } = multipart([
    { name: 'communeCode', value: 'HP-BINHGIANG' },
    { name: 'categoryCode', value: 'ha-tang' },
    { name: 'content', value: 'Đơn kiến nghị về đường thôn, kèm bản chụp đơn có chữ ký và số điện thoại.' },
    { name: 'name', value: 'Phạm Văn Kiến' },
    { name: 'phone', value: '0977000111' },
    { name: 'allowPublish', value: 'false' },
    { name: 'files', file: { bytes: pdf('don-kien-nghi'), filename: 'don-kien-nghi.pdf' } },
  ]);
  const sent = await t.app.inject({
    method: 'POST',
    url: '/api/public/feedback',
    headers: { 'content-type': contentType },
    payload,
    remoteAddress: `10.33.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
  });
  expect(sent.statusCode, sent.body).toBe(201);
  const item = (await vhxh.get(`/api/feedback?q=${sent.json().trackingCode}`)).json().items[0];
  expect(
    (await vhxh.post(`/api/feedback/${item.id}/assign`, { unitId: await unitId('KT') })).statusCode,
  ).toBe(200);
  const detail = (await vhxh.get(`/api/feedback/${item.id}`)).json();
  expect(detail.files).toHaveLength(1);
  return { itemId: item.id as string, fileId: detail.files[0].id as string };
}

beforeAll(async () => {
  t = await createTestApp();
  binhGiang = await communeIdOf(t.database, 'HP-BINHGIANG');
  vhxh = await as('vhxh.binhgiang');
});
afterAll(() => t.close());

describe('a citizen’s attachment (issue #14, 10)', () => {
  it('as found: the village head, Văn phòng, MTTQ and the city downloaded it; now only those who handle the feedback do', async () => {
    const { itemId, fileId } = await citizensAttachment();
    const expected: Record<string, number> = {
      'thon1.binhgiang': 404,
      'vpub.binhgiang': 404,
      'mttq.binhgiang': 404,
      'snv.haiphong': 404,
      'ttpvhcc.binhgiang': 404,
      'vhxh.hongbang': 404,
      'vhxh.binhgiang': 200,
      'chutich.binhgiang': 200,
      admin: 200,
      // the unit the feedback is assigned to
      'kinhte.binhgiang': 200,
    };
    for (const [username, status] of Object.entries(expected)) {
      const res = await (await as(username)).get(`/api/files/${fileId}`);
      expect(res.statusCode, `${username} downloads the citizen's attachment`).toBe(status);
    }
    // MTTQ and the city see the feedback, and that it has a file, but not the file
    for (const username of ['mttq.binhgiang', 'snv.haiphong']) {
      const detail = (await (await as(username)).get(`/api/feedback/${itemId}`)).json();
      expect(detail.files, username).toEqual([]);
      expect(detail.filesWithheld, username).toBe(1);
    }
  });

  it('cannot be attached to a record the whole commune reads', async () => {
    const { fileId } = await citizensAttachment();
    const route = t.app.cqttRoutes.find((r) => r.method === 'POST' && r.url === '/api/outreach-activities')!;
    const res = await vhxh.post('/api/outreach-activities', {
      ...(route.example as object),
      fileIds: [fileId],
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.message).toMatch(/người dân/);
  });

  it('a file no record holds yet is its uploader’s alone', async () => {
    const fileId = await upload(vhxh, 'chua-gan');
    expect((await vhxh.get(`/api/files/${fileId}`)).statusCode).toBe(200);
    for (const username of ['chutich.binhgiang', 'admin', 'snv.haiphong', 'thon1.binhgiang'])
      expect((await (await as(username)).get(`/api/files/${fileId}`)).statusCode, username).toBe(404);
  });
});

describe('every file is readable by exactly who may read its record (RELIABILITY 30)', () => {
  it('every column of the database that names a file belongs to a declared kind of record', async () => {
    const { FILE_HOLDERS } = await import('../src/files/refs.ts');
    const columns = await sql<{ table_name: string; column_name: string }>`
      select table_name, column_name from information_schema.columns
      where table_schema = current_schema()
        and (column_name in ('file_id', 'file_ids') or column_name like '%\_file\_id' or column_name like '%\_file\_ids')
      order by table_name, column_name
    `.execute(t.database.db);
    expect(columns.rows.map((c) => `${c.table_name}.${c.column_name}`).sort()).toEqual(
      FILE_HOLDERS.map((k) => `${k.table}.${k.column}`).sort(),
    );
  });

  it('walks every kind for every account: the file downloads exactly when the record’s own route shows it', async () => {
    const { FILE_HOLDERS } = await import('../src/files/refs.ts');
    const db = t.database.db;
    const file = async (label: string) => upload(vhxh, label);
    const year = 2026;
    const task = await db
      .selectFrom('plan_tasks')
      .select('id')
      .where('commune_id', '=', binhGiang)
      .executeTakeFirstOrThrow();
    const q = `communeId=${binhGiang}`;
    /** For each kind: a record holding a new file, and the record's own read route. */
    const fixtures: Record<string, () => Promise<{ fileId: string; url: string }>> = {
      feedback_item: async () => {
        const { itemId, fileId } = await citizensAttachment();
        return { fileId, url: `/api/feedback/${itemId}` };
      },
      progress_note: async () => {
        const fileId = await file('tien-do');
        await db
          .insertInto('progress_notes')
          .values({ commune_id: binhGiang, task_id: task.id, year, note: 'Tiến độ', file_ids: [fileId] })
          .execute();
        return { fileId, url: `/api/tasks/${task.id}/notes?year=${year}` };
      },
      assessment_score: async () => {
        const fileId = await file('cham-diem');
        const assessment = await db
          .selectFrom('assessments as a')
          .innerJoin('criteria_sets as s', 's.id', 'a.criteria_set_id')
          .select(['a.id', 's.definition'])
          .where('a.commune_id', '=', binhGiang)
          .executeTakeFirstOrThrow();
        const definition = assessment.definition as {
          groups: { criteria: { indicators: { code: string }[] }[] }[];
        };
        const indicator = definition.groups[0]!.criteria[0]!.indicators[0]!.code;
        await db
          .insertInto('assessment_scores')
          .values({
            commune_id: binhGiang,
            assessment_id: assessment.id,
            indicator_code: indicator,
            self_points: 100,
            self_note: 'Minh chứng',
            file_ids: [fileId],
            self_at: new Date(),
          })
          .onConflict((oc) =>
            oc
              .columns(['commune_id', 'assessment_id', 'indicator_code'])
              .doUpdateSet({ file_ids: [fileId], self_points: 100, self_at: new Date() }),
          )
          .execute();
        return { fileId, url: `/api/assessments/${assessment.id}` };
      },
      budget_spending: async () => {
        const fileId = await file('chung-tu-chi');
        const estimate = await db
          .insertInto('budget_estimates')
          .values({ commune_id: binhGiang, year: 2031, title: 'Dự toán thử tệp', updated_at: new Date() })
          .returning('id')
          .executeTakeFirstOrThrow();
        const line = await db
          .insertInto('budget_lines')
          .values({
            commune_id: binhGiang,
            estimate_id: estimate.id,
            number: 1,
            content: 'Dòng',
            amount: 1000,
            source: 'commune',
            approved_amount: 1000,
            updated_at: new Date(),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await db
          .insertInto('budget_spendings')
          .values({
            commune_id: binhGiang,
            line_id: line.id,
            spent_on: '2031-01-02',
            amount: 10,
            content: 'Chi',
            file_ids: [fileId],
          })
          .execute();
        return { fileId, url: `/api/budgets/${estimate.id}` };
      },
      outreach_document: async () => {
        const fileId = await file('van-ban');
        const doc = await db
          .insertInto('outreach_documents')
          .values({
            commune_id: binhGiang,
            title: 'Văn bản thử tệp',
            file_id: fileId,
            updated_at: new Date(),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        return { fileId, url: `/api/outreach-documents/${doc.id}` };
      },
      outreach_activity: async () => {
        const fileId = await file('anh-hoi-nghi');
        const a = await db
          .insertInto('outreach_activities')
          .values({
            commune_id: binhGiang,
            kind: 'conference',
            title: 'Hội nghị thử tệp',
            held_on: '2026-03-01',
            file_ids: [fileId],
            updated_at: new Date(),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        return { fileId, url: `/api/outreach-activities/${a.id}` };
      },
      good_example: async () => {
        const fileId = await file('guong-dien-hinh');
        await db
          .insertInto('good_examples')
          .values({
            commune_id: binhGiang,
            kind: 'good',
            year: 2030,
            subject: 'Thôn thử',
            title: 'Cách làm hay thử tệp',
            file_ids: [fileId],
            updated_at: new Date(),
          })
          .execute();
        return { fileId, url: `/api/good-examples?${q}&year=2030` };
      },
      village_assessment: async () => {
        const fileId = await file('bien-ban-thon');
        const village = await db
          .selectFrom('villages')
          .select('id')
          .where('commune_id', '=', binhGiang)
          .executeTakeFirstOrThrow();
        await db
          .insertInto('village_assessments')
          .values({
            commune_id: binhGiang,
            village_id: village.id,
            year: 2030,
            households: 10,
            cultural_families: 8,
            file_ids: [fileId],
            updated_at: new Date(),
          })
          .execute();
        return { fileId, url: `/api/village-assessments?${q}&year=2030` };
      },
      reward: async () => {
        const fileId = await file('thanh-tich');
        const r = await db
          .insertInto('rewards')
          .values({
            commune_id: binhGiang,
            year: 2026,
            nominee_kind: 'individual',
            nominee_name: 'Cá nhân thử tệp',
            achievements: 'Thành tích',
            file_ids: [fileId],
            updated_at: new Date(),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        return { fileId, url: `/api/rewards/${r.id}` };
      },
      assessment_round: async () => {
        const fileId = await file('bo-sung');
        const a = await db
          .selectFrom('assessments')
          .select('id')
          .where('commune_id', '=', binhGiang)
          .executeTakeFirstOrThrow();
        await db
          .insertInto('assessment_rounds')
          .values({
            commune_id: binhGiang,
            assessment_id: a.id,
            round: 90,
            request: 'Bổ sung minh chứng',
            requested_by_name: 'Sở Nội vụ',
            answer: 'Đã bổ sung',
            answered_by_name: 'Văn hóa - Xã hội',
            answered_at: new Date(),
            file_ids: [fileId],
          })
          .execute();
        return { fileId, url: `/api/assessments/${a.id}/rounds` };
      },
      supervision_entry: async () => {
        const fileId = await file('bien-ban-giam-sat');
        const e = await db
          .insertInto('supervision_entries')
          .values({
            commune_id: binhGiang,
            body: 'front',
            kind: 'supervision',
            year: 2026,
            subject: 'Giám sát thử tệp',
            held_on: '2026-05-01',
            findings: 'Kết quả',
            file_ids: [fileId],
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        return { fileId, url: `/api/supervision-entries/${e.id}` };
      },
      supervision_answer: async () => {
        const fileId = await file('van-ban-tra-loi');
        const e = await db
          .insertInto('supervision_entries')
          .values({
            commune_id: binhGiang,
            body: 'party',
            kind: 'critique',
            year: 2026,
            subject: 'Phản biện thử tệp',
            held_on: '2026-05-01',
            findings: 'Ý kiến',
            answer: 'Đã tiếp thu',
            answered_on: '2026-05-10',
            answer_file_ids: [fileId],
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        return { fileId, url: `/api/supervision-entries/${e.id}` };
      },
      issued_document: async () => {
        const fileId = await file('van-ban');
        const d = await db
          .insertInto('documents')
          .values({
            commune_id: binhGiang,
            kind: 'yearly-report',
            year: 2025,
            status: 'issued',
            symbol: 'BC-UBND',
            subject: 'Báo cáo thử tệp',
            register_year: 2025,
            number: 900,
            issued_on: '2025-12-20',
            signer_name: 'Người ký',
            signer_title: 'Chủ tịch',
            file_id: fileId,
            sha256: '0'.repeat(64),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        return { fileId, url: `/api/documents/${d.id}` };
      },
    };
    expect(Object.keys(fixtures).sort(), 'a fixture for every kind of record that holds files').toEqual(
      FILE_HOLDERS.map((k) => k.kind).sort(),
    );
    let readable = 0;
    let refused = 0;
    for (const [kind, make] of Object.entries(fixtures)) {
      const { fileId, url } = await make();
      for (const username of ACCOUNTS) {
        const client = await as(username);
        const record = await client.get(url);
        const shows = record.statusCode === 200 && record.body.includes(fileId);
        const download = await client.get(`/api/files/${fileId}`);
        expect(
          download.statusCode,
          `${kind}: ${username} ${shows ? 'reads' : 'may not read'} ${url} (${record.statusCode})`,
        ).toBe(shows ? 200 : 404);
        if (shows) readable++;
        else refused++;
      }
    }
    // the walk saw both sides
    expect(readable).toBeGreaterThan(20);
    expect(refused).toBeGreaterThan(20);
  });
});
