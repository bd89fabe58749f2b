import { allIndicators } from '@cqtt/domain';
import type { Kysely } from 'kysely';
import { type DemoCommunes, demoUserId } from '../capability.ts';
import type { DB } from '../db/schema.ts';

/**
 * The city's demo: Phường Hồng Bàng sent its 2026 self-assessment on 10/11 (waiting for the city's
 * appraisal), Đặc khu Cát Hải never registered (the city's home names it), Hải Phòng aims at every
 * commune at level 3 or above in 2026 and publishes the levels and SIPAS (Bình Giang's official
 * SIPAS 2026 is the indices' demo).
 */
export async function seedCityDemo(db: Kysely<DB>, communes: DemoCommunes) {
  const hongbang = communes.hongbang!;
  const set = await db
    .selectFrom('criteria_sets')
    .select(['id', 'definition'])
    .where('city_id', '=', hongbang.cityId)
    .orderBy('version', 'desc')
    .executeTakeFirst();
  // The ministry's demo account: reads every city (role national), with the demo password.
  const snv = await db
    .selectFrom('users')
    .select(['password_hash', 'city_id'])
    .where('username', '=', 'snv.haiphong')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('users')
    .values({
      city_id: snv.city_id,
      commune_id: null,
      unit_id: null,
      username: 'bnv.quocgia',
      full_name: 'Cán bộ Bộ Nội vụ (xem cả nước)',
      email: 'bnv.quocgia@demo.cqtt.local',
      phone: null,
      password_hash: snv.password_hash,
      roles: ['national'],
      is_demo: true,
      updated_at: new Date(),
    })
    .execute();
  if (!set) return;
  const coordinator = await demoUserId(db, 'vhxh.hongbang');
  const city = await demoUserId(db, 'snv.haiphong');
  const opened = new Date('2026-10-02T02:00:00Z');
  const submitted = new Date('2026-11-10T03:00:00Z');
  const assessment = await db
    .insertInto('assessments')
    .values({
      commune_id: hongbang.id,
      year: 2026,
      criteria_set_id: set.id,
      status: 'submitted',
      submitted_at: submitted,
      created_by: coordinator,
      updated_at: submitted,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const steps: [string, string, Date][] = [
    ['open', 'self_scoring', opened],
    ['consolidate', 'consolidated', new Date('2026-11-03T02:00:00Z')],
    ['finish_review', 'reviewed', new Date('2026-11-05T02:00:00Z')],
    ['approve', 'approved', new Date('2026-11-07T02:00:00Z')],
    ['submit', 'submitted', submitted],
  ];
  await db
    .insertInto('assessment_events')
    .values(
      steps.map(([action, status, at]) => ({
        commune_id: hongbang.id,
        assessment_id: assessment.id,
        action,
        status,
        actor_id: coordinator,
        actor_name: 'Phòng Văn hóa - Xã hội phường Hồng Bàng',
        at,
      })),
    )
    .execute();
  // Most indicators at 85% of their points: a total the sample set's level 2 asks for.
  const indicators = allIndicators(set.definition);
  await db
    .insertInto('assessment_scores')
    .values(
      indicators.map(({ indicator }) => ({
        commune_id: hongbang.id,
        assessment_id: assessment.id,
        indicator_code: indicator.code,
        self_points: Math.round(indicator.maxPoints * 0.85),
        self_note: 'Có minh chứng kèm theo hồ sơ.',
        self_by: coordinator,
        self_at: opened,
        measure_value: null,
        measure_figures: null,
        proposed_points: null,
        review_points: null,
        review_reason: null,
        review_by: null,
        review_at: null,
        city_points: null,
        city_reason: null,
        city_by: null,
        city_at: null,
      })),
    )
    .execute();
  await db
    .insertInto('city_years')
    .values({
      city_id: hongbang.cityId,
      year: 2026,
      level_targets: JSON.stringify({ '3': 10_000 }),
      satisfaction_alert: 9000,
      overdue_feedback_alert: 0,
      overdue_tasks_alert: 0,
      publish_levels: true,
      publish_sipas: true,
      publish_par_index: false,
      publish_satisfaction: false,
      updated_by: city,
      updated_at: new Date('2026-01-15T02:00:00Z'),
    })
    .execute();
}
