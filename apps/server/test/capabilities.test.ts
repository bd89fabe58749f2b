/**
 * The capability list and the contract hold together: names, measures and permissions are
 * each owned once, and every endpoint of the contract is served by a route bound to it (the
 * same schemas, not a copy).
 */
import { CONTRACTS, endpointsOf } from '@cqtt/contract';
import { PERMISSIONS } from '@cqtt/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAPABILITIES, MEASURES } from '../src/capabilities.ts';
import { createTestApp, type TestApp } from './harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const repeated = (list: string[]) => list.filter((x, i) => list.indexOf(x) !== i);

describe('the capability list', () => {
  it('names each capability, measure and permission once', () => {
    expect(repeated(CAPABILITIES.map((c) => c.name))).toEqual([]);
    expect(repeated(MEASURES.map((m) => m.key))).toEqual([]);
    const owned = CAPABILITIES.flatMap((c) => c.permissions ?? []);
    expect(repeated(owned)).toEqual([]);
    expect([...owned].sort()).toEqual(Object.keys(PERMISSIONS).sort());
  });

  it('serves every endpoint of the contract with the contract’s own schemas', () => {
    for (const [name, module] of Object.entries(CONTRACTS)) {
      for (const endpoint of endpointsOf(module)) {
        const route = t.app.cqttRoutes.find((r) => r.method === endpoint.method && r.url === endpoint.url);
        expect(route, `${name}: ${endpoint.method} ${endpoint.url}`).toBeDefined();
        expect(route!.query).toBe(endpoint.query);
        expect(route!.body).toBe(endpoint.body);
        expect(route!.response).toBe(endpoint.response);
        expect(route!.access).toEqual(endpoint.access);
      }
    }
  });

  it('registers each route once', () => {
    expect(repeated(t.app.cqttRoutes.map((r) => `${r.method} ${r.url}`))).toEqual([]);
  });
});
