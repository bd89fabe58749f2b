import { PASSWORD_MAX_LENGTH, ROLES, TOKEN_DEFAULT_DAYS, TOKEN_MAX_DAYS, TOKEN_SCOPES } from '@cqtt/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineRoute, idParams, pageQuery, registerRoute, text } from '../http/route.ts';
import { resolveCommuneId } from '../org/scope.ts';
import * as service from './service.ts';
import * as store from './store.ts';
import * as tokens from './tokens.ts';

const User = z.object({
  id: z.uuid(),
  username: z.string(),
  fullName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  communeId: z.uuid().nullable(),
  unitId: z.uuid().nullable(),
  unitName: z.string().nullable(),
  /** A village head's village (role «village»): the one whose results he enters. */
  villageId: z.uuid().nullable(),
  villageName: z.string().nullable(),
  roles: z.array(z.string()),
  isActive: z.boolean(),
  /** An integration's account: no password, acts only through its tokens. */
  serviceAccount: z.boolean(),
  lastLoginAt: z.string().nullable(),
});
const username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{3,50}$/, 'Tên đăng nhập gồm 3-50 ký tự: chữ không dấu, chữ số, dấu chấm, gạch ngang.');
const email = z.union([z.email().max(200), z.literal('')]).nullable();
const phone = z
  .string()
  .trim()
  .regex(/^[0-9+ .()-]{0,20}$/, 'Số điện thoại chỉ gồm chữ số, dấu cách và + . ( ) -, tối đa 20 ký tự.')
  .nullable();
const roles = z.array(z.enum(ROLES)).min(1).max(ROLES.length);
const password = z
  .string()
  .min(1)
  .max(PASSWORD_MAX_LENGTH * 4);

export function usersRoutes(app: FastifyInstance) {
  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/api/users',
      tag: 'users',
      summary: 'Danh sách người dùng (quản trị)',
      access: { permission: 'users.manage' },
      query: z.strictObject({
        communeId: z.uuid().optional(),
        q: z.string().trim().max(100).optional(),
        ...pageQuery,
      }),
      response: z.object({ items: z.array(User), total: z.number() }),
      handler: async ({ ctx, query }) => {
        const communeId = query.communeId
          ? await resolveCommuneId(ctx.db, ctx.actor!, query.communeId)
          : undefined;
        const { items, total } = await store.listUsers(ctx.db, ctx.actor!, { ...query, communeId });
        return { items: items.map(service.userView), total };
      },
    }),
  );

  registerRoute(
    app,
    defineRoute({
      method: 'POST',
      url: '/api/users',
      tag: 'users',
      summary: 'Tạo người dùng',
      access: { permission: 'users.manage' },
      body: z.strictObject({
        username,
        fullName: text(200),
        email: email.optional(),
        phone: phone.optional(),
        communeId: z.uuid().nullable().optional(),
        unitId: z.uuid().nullable().optional(),
        villageId: z.uuid().nullable().optional(),
        roles,
        password,
      }),
      response: User,
      status: 201,
      example: {
        username: 'nv.tuphap',
        fullName: 'Nguyễn Văn Tư',
        email: 'tu@example.vn',
        roles: ['focal'],
        password: 'mot-mat-khau-kho-doan',
      },
      handler: ({ ctx, body }) => service.createUser(ctx, body),
    }),
  );

  registerRoute(
    app,
    defineRoute({
      method: 'PATCH',
      url: '/api/users/:id',
      tag: 'users',
      summary: 'Sửa thông tin, vai trò, đơn vị hoặc khóa người dùng',
      access: { permission: 'users.manage' },
      params: idParams,
      body: z.strictObject({
        fullName: text(200).optional(),
        email: email.optional(),
        phone: phone.optional(),
        unitId: z.uuid().nullable().optional(),
        villageId: z.uuid().nullable().optional(),
        roles: roles.optional(),
        isActive: z.boolean().optional(),
      }),
      response: User,
      example: { fullName: 'Nguyễn Văn Tư', roles: ['focal'] },
      handler: ({ ctx, params, body }) => service.updateUser(ctx, params.id, body),
    }),
  );

  registerRoute(
    app,
    defineRoute({
      method: 'POST',
      url: '/api/users/:id/password',
      tag: 'users',
      summary: 'Đặt lại mật khẩu (người dùng phải đổi khi đăng nhập lần sau)',
      access: { permission: 'users.manage' },
      params: idParams,
      body: z.strictObject({ newPassword: password }),
      example: { newPassword: 'mot-mat-khau-kho-doan' },
      handler: ({ ctx, params, body }) => service.resetPassword(ctx, params.id, body.newPassword),
    }),
  );

  registerRoute(
    app,
    defineRoute({
      method: 'POST',
      url: '/api/service-accounts',
      tag: 'users',
      summary: 'Tạo tài khoản dịch vụ cho phần mềm kết nối (không đăng nhập được, chỉ dùng mã truy cập API)',
      access: { permission: 'users.manage' },
      body: z.strictObject({
        username,
        fullName: text(200),
        communeId: z.uuid().optional(),
        unitId: z.uuid().nullable().optional(),
        roles,
      }),
      response: User,
      status: 201,
      example: { username: 'motcua.binhgiang', fullName: 'Hệ thống một cửa', roles: ['focal'] },
      handler: ({ ctx, body }) => service.createServiceAccount(ctx, body),
    }),
  );

  const Token = z.object({
    id: z.uuid(),
    name: z.string(),
    userId: z.uuid(),
    username: z.string(),
    serviceAccount: z.boolean(),
    createdBy: z.string(),
    scopes: z.array(z.string()),
    expiresAt: z.string(),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
    revokedReason: z.string().nullable(),
  });

  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/api/tokens',
      tag: 'users',
      summary: 'Các mã truy cập API đã cấp: của ai, quyền gì, hết hạn khi nào',
      access: { permission: 'tokens.manage' },
      response: z.array(Token),
      handler: ({ ctx }) => tokens.listTokens(ctx),
    }),
  );

  registerRoute(
    app,
    defineRoute({
      method: 'POST',
      url: '/api/tokens',
      tag: 'users',
      summary:
        'Cấp mã truy cập API cho chính mình hoặc cho một tài khoản dịch vụ, với quyền và hạn dùng (mã chỉ hiện một lần)',
      access: { permission: 'tokens.manage' },
      body: z.strictObject({
        name: text(100),
        scopes: z.array(z.string().trim().min(1).max(60)).min(1).max(TOKEN_SCOPES.length).optional(),
        expiresInDays: z.number().int().min(1).max(TOKEN_MAX_DAYS).optional(),
        serviceAccountId: z.uuid().optional(),
      }),
      response: z.object({
        id: z.uuid(),
        name: z.string(),
        token: z.string(),
        scopes: z.array(z.string()),
        expiresAt: z.string(),
      }),
      status: 201,
      example: { name: 'Hệ thống một cửa', scopes: ['read'], expiresInDays: TOKEN_DEFAULT_DAYS },
      handler: ({ ctx, body }) => tokens.issueToken(ctx, body),
    }),
  );

  registerRoute(
    app,
    defineRoute({
      method: 'DELETE',
      url: '/api/tokens/:id',
      tag: 'users',
      summary: 'Thu hồi mã truy cập API',
      access: { permission: 'tokens.manage' },
      params: idParams,
      handler: ({ ctx, params }) => tokens.revokeToken(ctx, params.id),
    }),
  );
}
