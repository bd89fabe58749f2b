import { createWriteStream, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { COMMUNE_KINDS, passwordProblem } from '@cqtt/domain';
import { recordAudit } from './audit/service.ts';
import { hashPassword } from './auth/passwords.ts';
import { loadConfig } from './config.ts';
import { backupSql, restoreSql, tableChecksums } from './db/backup.ts';
import { type Database, openDatabase } from './db/database.ts';
import { migrate } from './db/migrate.ts';
import { isEmpty, PLAN_UNITS, seedDemo } from './demo/seed.ts';
import { copyFiles, type FilesReport, verifyFiles } from './files/backup.ts';
import { fileStoreAt } from './files/store.ts';

const HELP = `cqtt — công cụ dòng lệnh của nền tảng Chính quyền thân thiện

Cơ sở dữ liệu: DATABASE_URL (PostgreSQL) hoặc DATA_DIR (PGlite, mặc định ./data).

  cqtt migrate                      áp dụng các migration còn thiếu
  cqtt seed-demo                    tạo dữ liệu demo (xã Bình Giang…) nếu cơ sở dữ liệu trống
  cqtt add-city --code HP --name "Thành phố Hải Phòng"
  cqtt add-commune --city HP --code MA_XA --name "Xã Bình Giang" --kind xa|phuong|dac_khu
                                    thêm xã/phường/đặc khu cùng 7 cơ quan, đơn vị theo kế hoạch
  cqtt create-admin --city HP [--commune MA_XA] --username ten --full-name "Họ tên"
                                    tạo quản trị viên (mật khẩu lấy từ CQTT_ADMIN_PASSWORD)
  cqtt backup FILE [--files DIR]    sao lưu toàn bộ dữ liệu ra tệp SQL; với --files, chép thêm các tệp
                                    đính kèm (FILES_DIR) sang DIR, chỉ những tệp mới, có kiểm tra sha256
  cqtt restore FILE [--files DIR]   khôi phục tệp SQL vào một cơ sở dữ liệu trống; với --files, chép các
                                    tệp đính kèm từ DIR về FILES_DIR
  cqtt verify-files                 kiểm tra mọi tệp đính kèm còn đủ và không bị sửa (sha256)
  cqtt checksums                    số dòng và mã kiểm tra của từng bảng
`;

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

async function withDatabase<T>(run: (database: Database) => Promise<T>, options: { migrate?: boolean } = {}) {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    if (options.migrate !== false) await migrate(database);
    return await run(database);
  } finally {
    await database.close();
  }
}

const system = { actor: null, requestId: 'cli', ip: 'local' };

/** Missing or damaged uploaded files make the command fail (exit 1) after its report. */
function failOnFileProblems(files: FilesReport | undefined) {
  if (!files || (files.missing.length === 0 && files.corrupt.length === 0)) return;
  console.error(
    `Có ${files.missing.length} tệp bị thiếu và ${files.corrupt.length} tệp bị hỏng (xem danh sách ở trên).`,
  );
  process.exitCode = 1;
}

export async function main(argv: string[]) {
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      code: { type: 'string' },
      name: { type: 'string' },
      city: { type: 'string' },
      commune: { type: 'string' },
      kind: { type: 'string' },
      username: { type: 'string' },
      'full-name': { type: 'string' },
      files: { type: 'string' },
    },
  });
  switch (command) {
    case 'migrate': {
      const applied = await withDatabase(migrate, { migrate: false });
      console.log(
        applied.length ? `Đã áp dụng: ${applied.join(', ')}` : 'Cơ sở dữ liệu đã ở phiên bản mới nhất.',
      );
      return;
    }
    case 'seed-demo': {
      await withDatabase(async (database) => {
        if (!(await isEmpty(database.db))) fail('Cơ sở dữ liệu đã có dữ liệu; không tạo dữ liệu demo.');
        await seedDemo(database.db, loadConfig().demoPassword, { files: fileStoreAt(loadConfig().filesDir) });
        console.log('Đã tạo dữ liệu demo.');
      });
      return;
    }
    case 'add-city': {
      if (!values.code || !values.name) fail('Cần --code và --name.');
      await withDatabase(async ({ db }) => {
        await db.transaction().execute(async (trx) => {
          const city = await trx
            .insertInto('cities')
            .values({ code: values.code!, name: values.name! })
            .returning('id')
            .executeTakeFirstOrThrow();
          await recordAudit(
            trx,
            system,
            {
              action: 'cities.create',
              entityType: 'city',
              entityId: city.id,
              communeId: null,
              after: values,
            },
            'cli',
          );
        });
        console.log(`Đã thêm ${values.name}.`);
      });
      return;
    }
    case 'add-commune': {
      const kind = values.kind as (typeof COMMUNE_KINDS)[number];
      if (!values.city || !values.code || !values.name || !COMMUNE_KINDS.includes(kind))
        fail('Cần --city, --code, --name và --kind (xa, phuong hoặc dac_khu).');
      await withDatabase(async ({ db }) => {
        const city = await db
          .selectFrom('cities')
          .select('id')
          .where('code', '=', values.city!)
          .executeTakeFirst();
        if (!city) fail(`Không có thành phố mã ${values.city}.`);
        await db.transaction().execute(async (trx) => {
          const commune = await trx
            .insertInto('communes')
            .values({ city_id: city.id, code: values.code!, name: values.name!, kind })
            .returning('id')
            .executeTakeFirstOrThrow();
          await trx
            .insertInto('units')
            .values(
              PLAN_UNITS.map((u) => ({
                commune_id: commune.id,
                code: u.code,
                name: u.name,
                description: u.description,
                updated_at: new Date(),
              })),
            )
            .execute();
          await recordAudit(
            trx,
            system,
            {
              action: 'communes.create',
              entityType: 'commune',
              entityId: commune.id,
              communeId: commune.id,
              after: values,
            },
            'cli',
          );
        });
        console.log(`Đã thêm ${values.name} cùng ${PLAN_UNITS.length} cơ quan, đơn vị.`);
      });
      return;
    }
    case 'create-admin': {
      const password = process.env.CQTT_ADMIN_PASSWORD ?? '';
      if (!values.city || !values.username || !values['full-name'])
        fail(
          'Cần --city, --username và --full-name; mật khẩu đặt trong biến môi trường CQTT_ADMIN_PASSWORD.',
        );
      const problem = passwordProblem(password, { username: values.username });
      if (problem) fail(`CQTT_ADMIN_PASSWORD: ${problem}`);
      await withDatabase(async ({ db }) => {
        const city = await db
          .selectFrom('cities')
          .select('id')
          .where('code', '=', values.city!)
          .executeTakeFirst();
        if (!city) fail(`Không có thành phố mã ${values.city}.`);
        const commune = values.commune
          ? await db
              .selectFrom('communes')
              .select('id')
              .where('code', '=', values.commune)
              .where('city_id', '=', city.id)
              .executeTakeFirst()
          : null;
        if (values.commune && !commune)
          fail(`Không có xã mã ${values.commune} trong thành phố ${values.city}.`);
        const hash = await hashPassword(password);
        await db.transaction().execute(async (trx) => {
          const user = await trx
            .insertInto('users')
            .values({
              city_id: city.id,
              commune_id: commune?.id ?? null,
              unit_id: null,
              username: values.username!.toLowerCase(),
              full_name: values['full-name']!,
              email: null,
              phone: null,
              password_hash: hash,
              roles: ['admin'],
              updated_at: new Date(),
            })
            .returning(['id', 'username', 'roles', 'commune_id'])
            .executeTakeFirstOrThrow();
          await recordAudit(
            trx,
            system,
            {
              action: 'users.create',
              entityType: 'user',
              entityId: user.id,
              communeId: user.commune_id,
              after: user,
            },
            'cli',
          );
        });
        console.log(`Đã tạo quản trị viên ${values.username}.`);
      });
      return;
    }
    case 'backup': {
      const file = positionals[0] ?? fail('Cần tên tệp: cqtt backup FILE');
      const started = Date.now();
      await withDatabase(async (database) => {
        const out = createWriteStream(file);
        for await (const chunk of backupSql(database)) {
          if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
        }
        await new Promise<void>((resolve, reject) =>
          out.end((error?: Error | null) => (error ? reject(error) : resolve())),
        );
        const sums = await tableChecksums(database);
        const files = values.files
          ? await copyFiles(database.db, loadConfig().filesDir, values.files)
          : undefined;
        console.log(
          JSON.stringify({ file, seconds: (Date.now() - started) / 1000, tables: sums, files }, null, 2),
        );
        failOnFileProblems(files);
      });
      return;
    }
    case 'restore': {
      const file = positionals[0] ?? fail('Cần tên tệp: cqtt restore FILE');
      const started = Date.now();
      await withDatabase(
        async (database) => {
          await restoreSql(database, readFileSync(file, 'utf8'));
          const sums = await tableChecksums(database);
          const files = values.files
            ? await copyFiles(database.db, values.files, loadConfig().filesDir)
            : undefined;
          console.log(
            JSON.stringify({ file, seconds: (Date.now() - started) / 1000, tables: sums, files }, null, 2),
          );
          failOnFileProblems(files);
        },
        { migrate: false },
      );
      return;
    }
    case 'verify-files': {
      await withDatabase(async (database) => {
        const files = await verifyFiles(database.db, loadConfig().filesDir);
        console.log(JSON.stringify(files, null, 2));
        failOnFileProblems(files);
      });
      return;
    }
    case 'checksums': {
      await withDatabase(async (database) =>
        console.log(JSON.stringify(await tableChecksums(database), null, 2)),
      );
      return;
    }
    default:
      console.log(HELP);
      if (command && command !== 'help' && command !== '--help') process.exit(2);
  }
}
