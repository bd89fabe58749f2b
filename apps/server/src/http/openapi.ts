import { z } from 'zod';
import { type AnyRoute, requiredTokenScope } from './route.ts';

const ErrorEnvelope = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string' },
        message: { type: 'string', description: 'Câu thông báo tiếng Việt cho người dùng' },
        details: {},
      },
    },
  },
};

function schemaOf(schema: z.ZodType, io: 'input' | 'output') {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  delete json.$schema;
  return json;
}

function parametersOf(schema: z.ZodType | undefined, where: 'path' | 'query') {
  if (!schema) return [];
  const json = schemaOf(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    schema: s,
  }));
}

/** OpenAPI 3.1 from the same zod schemas that validate the requests. */
export function buildOpenApi(routes: AnyRoute[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.url.replace(/:([A-Za-z]+)/g, '{$1}');
    const status = String(route.status ?? (route.response ? 200 : 204));
    paths[path] ??= {};
    const tokenScope = route.access === 'public' ? null : requiredTokenScope(route);
    const rules = [
      ...(route.access !== 'public' && route.access !== 'user'
        ? [`Quyền cần có: ${route.access.permission}.`]
        : []),
      ...(route.scope === 'city' ? ['Chỉ tài khoản cấp thành phố (dữ liệu chung của thành phố).'] : []),
      ...(route.access === 'public'
        ? []
        : [
            tokenScope
              ? `Mã truy cập API cần quyền «${tokenScope}».`
              : 'Không dùng được bằng mã truy cập API.',
          ]),
    ];
    paths[path][route.method.toLowerCase()] = {
      summary: route.summary,
      tags: [route.tag],
      security:
        route.access === 'public' ? [] : [{ session: [] }, ...(tokenScope ? [{ bearer: [tokenScope] }] : [])],
      ...(rules.length ? { description: rules.join(' ') } : {}),
      parameters: [...parametersOf(route.params, 'path'), ...parametersOf(route.query, 'query')],
      ...(route.body
        ? {
            requestBody: {
              required: true,
              content: {
                'application/json': { schema: schemaOf(route.body, 'input'), example: route.example },
              },
            },
          }
        : {}),
      responses: {
        [status]: route.response
          ? {
              description: 'Thành công',
              content: { 'application/json': { schema: schemaOf(route.response, 'output') } },
            }
          : { description: 'Thành công, không có nội dung' },
        '4XX': { description: 'Lỗi do yêu cầu', content: { 'application/json': { schema: ErrorEnvelope } } },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'cqtt — Chính quyền thân thiện',
      version: '0.1.0',
      description:
        'API của nền tảng thực hiện mô hình "Chính quyền thân thiện". Ghi bằng cookie phiên cần tiêu đề x-csrf-token; tích hợp dùng mã truy cập (Authorization: Bearer).',
    },
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'cqtt_session' },
        bearer: { type: 'http', scheme: 'bearer' },
      },
    },
    paths,
  };
}
