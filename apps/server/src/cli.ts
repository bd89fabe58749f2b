import { createWriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { COMMUNE_KINDS, passwordProblem } from '@cqtt/domain';
import { recordAudit } from './audit/service.ts';
import { hashPassword } from './auth/passwords.ts';
import { loadConfig } from './config.ts';
import { backupSql, restoreFile, tableChecksums } from './db/backup.ts';
import { type Database, openDatabase } from './db/database.ts';
import { migrate } from './db/migrate.ts';
import { isEmpty, PLAN_UNITS, seedDemo } from './demo/seed.ts';
import { type FilesReport, moveFilesToDatabase, verifyFiles } from './files/backup.ts';
import { databaseFileStore } from './files/store.ts';

const HELP = `cqtt — công cụ dòng lệnh của nền tảng Chính quyền thân thiện

Cơ sở dữ liệu: DATABASE_URL (PostgreSQL) hoặc DATA_DIR (PGlite, mặc định ./data).

  cqtt migrate                      áp dụng các migration còn thiếu
  cqtt seed-demo                    tạo dữ liệu demo (xã Bình Giang…) nếu cơ sở dữ liệu trống
  cqtt add-city --code HP --name "Thành phố Hải Phòng"
  cqtt add-commune --city HP --code MA_XA --name "Xã Bình Giang" --kind xa|phuong|dac_khu
                                    thêm xã/phường/đặc khu cùng 7 cơ quan, đơn vị theo kế hoạch
  cqtt create-admin --city HP [--commune MA_XA] --username ten --full-name "Họ tên"
                                    tạo quản trị viên (mật khẩu lấy từ CQTT_ADMIN_PASSWORD)
  cqtt backup FILE                  sao lưu toàn bộ dữ liệu, cả các tệp đính kèm, ra một tệp SQL
                                    (một thời điểm nhất quán; in số dòng và mã kiểm tra của từng bảng)
  cqtt restore FILE                 khôi phục tệp SQL vào một cơ sở dữ liệu trống
  cqtt verify-files                 kiểm tra mọi tệp đính kèm còn đủ và không bị sửa (sha256)
  cqtt files-to-database [DIR]      chuyển các tệp đính kèm của phiên bản cũ từ thư mục (mặc định
                                    FILES_DIR) vào cơ sở dữ liệu; chạy lại nhiều lần vẫn an toàn
  cqtt checksums [--files]          số dòng và mã kiểm tra của từng bảng; --files: thêm sha256 của
                                    từng tệp đính kèm, tính lại từ nội dung đã lưu
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

const FILES_OPTION_GONE =
  'Các tệp đính kèm nay nằm trong cơ sở dữ liệu: bản sao lưu đã có chúng, không cần --files. ' +
  'Tệp của phiên bản cũ còn trong thư mục: chạy cqtt files-to-database trước khi sao lưu.';

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
      files: { type: 'boolean' },
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
        await seedDemo(database.db, loadConfig().demoPassword, { files: databaseFileStore(database.db) });
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
                kind: u.kind,
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
      if (values.files) fail(FILES_OPTION_GONE);
      const started = Date.now();
      await withDatabase(async (database) => {
        const out = createWriteStream(file);
        let tables: Awaited<ReturnType<typeof tableChecksums>> = {};
        for await (const chunk of backupSql(database, { onChecksums: (sums) => (tables = sums) })) {
          if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
        }
        await new Promise<void>((resolve, reject) =>
          out.end((error?: Error | null) => (error ? reject(error) : resolve())),
        );
        console.log(JSON.stringify({ file, seconds: (Date.now() - started) / 1000, tables }, null, 2));
      });
      return;
    }
    case 'restore': {
      const file = positionals[0] ?? fail('Cần tên tệp: cqtt restore FILE');
      if (values.files) fail(FILES_OPTION_GONE);
      const started = Date.now();
      await withDatabase(
        async (database) => {
          await restoreFile(database, file);
          const tables = await tableChecksums(database);
          const files = await verifyFiles(database.db);
          console.log(
            JSON.stringify({ file, seconds: (Date.now() - started) / 1000, tables, files }, null, 2),
          );
          failOnFileProblems(files);
        },
        { migrate: false },
      );
      return;
    }
    case 'verify-files': {
      await withDatabase(async (database) => {
        const files = await verifyFiles(database.db);
        console.log(JSON.stringify(files, null, 2));
        failOnFileProblems(files);
      });
      return;
    }
    case 'files-to-database': {
      const dir = positionals[0] ?? loadConfig().filesDir;
      await withDatabase(async (database) => {
        const files = await moveFilesToDatabase(database.db, dir);
        console.log(JSON.stringify({ from: dir, ...files }, null, 2));
        failOnFileProblems(files);
        if (files.missing.length === 0 && files.corrupt.length === 0)
          console.log(
            `Mọi tệp đính kèm đã ở trong cơ sở dữ liệu. Có thể xoá thư mục ${dir} sau khi đã có một bản sao lưu mới (cqtt backup).`,
          );
      });
      return;
    }
    case 'checksums': {
      await withDatabase(async (database) => {
        const tables = await tableChecksums(database);
        if (!values.files) return console.log(JSON.stringify(tables, null, 2));
        const { checksums, ...files } = await verifyFiles(database.db, { checksums: true });
        console.log(JSON.stringify({ tables, files: checksums, problems: files }, null, 2));
        failOnFileProblems(files);
      });
      return;
    }
    default:
      console.log(HELP);
      if (command && command !== 'help' && command !== '--help') process.exit(2);
  }
}
