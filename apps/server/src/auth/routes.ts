import { PASSWORD_MAX_LENGTH } from '@cqtt/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineRoute, registerRoute } from '../http/route.ts';
import { loadMe, MeResponse } from './me.ts';
import * as service from './service.ts';
import { SESSION_COOKIE } from './tokens.ts';

export function authRoutes(app: FastifyInstance) {
  registerRoute(
    app,
    defineRoute({
      method: 'POST',
      url: '/api/auth/login',
      tag: 'auth',
      summary: 'Đăng nhập bằng tên đăng nhập và mật khẩu; đặt cookie phiên',
      access: 'public',
      noCsrf: true,
      body: z.strictObject({
        username: z.string().trim().min(1).max(100),
        password: z
          .string()
          .min(1)
          .max(PASSWORD_MAX_LENGTH * 4),
      }),
      response: MeResponse,
      example: { username: 'vhxh.binhgiang', password: 'mat-khau-cua-ban' },
      handler: async ({ ctx, body, req, reply }) => {
        const { sessionToken, actor } = await service
          .login(ctx, { ...body, previousSessionToken: req.cookies[SESSION_COOKIE] })
          .catch((error: unknown) => {
            // JSON log lines: a newline in the username stays inside its string
            req.log.warn(
              { username: body.username, code: (error as { code?: string }).code },
              'login refused',
            );
            throw error;
          });
        reply.setCookie(SESSION_COOKIE, sessionToken, {
          httpOnly: true,
          sameSite: 'lax',
          secure: ctx.config.secureCookies,
          path: '/',
          maxAge: ctx.config.sessionHours * 3600,
        });
        return loadMe(ctx.db, actor, ctx.config.readOnly);
      },
    }),
  );

  registerRoute(
    app,
    defineRoute({
      method: 'POST',
      url: '/api/auth/logout',
      tag: 'auth',
      summary: 'Đăng xuất, hủy phiên',
      access: 'user',
      beforePasswordChange: true,
      handler: async ({ ctx, reply }) => {
        await service.logout(ctx);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
      },
    }),
  );

  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/api/me',
      tag: 'auth',
      summary: 'Người dùng đang đăng nhập: vai trò, xã, đơn vị, mã CSRF',
      access: 'user',
      response: MeResponse,
      handler: ({ ctx }) => loadMe(ctx.db, ctx.actor!, ctx.config.readOnly),
    }),
  );

  registerRoute(
    app,
    defineRoute({
      method: 'POST',
      url: '/api/me/password',
      tag: 'auth',
      summary:
        'Đổi mật khẩu của chính mình (giới hạn số lần nhập sai như khi đăng nhập; sai quá nhiều lần thì phiên kết thúc)',
      access: 'user',
      beforePasswordChange: true,
      body: z.strictObject({
        currentPassword: z
          .string()
          .min(1)
          .max(PASSWORD_MAX_LENGTH * 4),
        newPassword: z
          .string()
          .min(1)
          .max(PASSWORD_MAX_LENGTH * 4),
      }),
      example: { currentPassword: 'mat-khau-hien-tai', newPassword: 'mot-cau-mat-khau-moi-dai' },
      handler: async ({ ctx, body, req, reply }) => {
        await service.changeOwnPassword(ctx, body).catch((error: unknown) => {
          const code = (error as { code?: string }).code;
          if (code !== 'validation_error')
            req.log.warn({ username: ctx.actor!.username, code }, 'password check refused');
          if (code === 'session_ended') reply.clearCookie(SESSION_COOKIE, { path: '/' });
          throw error;
        });
      },
    }),
  );
}
