import * as city from '@cqtt/contract/city';
import type { FastifyReply } from 'fastify';
import { countQueries } from '../db/query-count.ts';
import { attachmentHeader } from '../files/service.ts';
import { implement } from '../http/route.ts';
import { appraisalQueue } from './appraisal-queue.ts';
import { listRounds, resubmitAssessment, returnAssessment } from './appraisal-rounds.ts';
import { cityHome } from './city-home.ts';
import { getCityYear, saveCityYear } from './city-year.ts';
import { communePage } from './commune-page.ts';
import { compareCommunes } from './compare-communes.ts';
import { cityReportDocx, communesXlsx } from './exports.ts';
import { publicCity } from './public-city.ts';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Answers the work's result and says how many SQL statements it took (`x-query-count`). */
async function counted<T>(reply: FastifyReply, work: () => Promise<T>): Promise<T> {
  const { result, queries } = await countQueries(work);
  reply.header('x-query-count', String(queries));
  return result;
}

function file(reply: FastifyReply, type: string, f: { name: string; bytes: Buffer }) {
  reply.header('content-type', type).header('content-disposition', attachmentHeader(f.name));
  return f.bytes;
}

/** HTTP of the city's workspace: the contract's endpoints bound to the use cases. */
export const cityRoutes = [
  implement(city.communes, {
    handler: ({ ctx, query, reply }) => counted(reply, () => compareCommunes(ctx, query)),
  }),
  implement(city.home, {
    handler: ({ ctx, query, reply }) => counted(reply, () => cityHome(ctx, query.year)),
  }),
  implement(city.communesXlsx, {
    handler: async ({ ctx, query, reply }) => file(reply, XLSX, await communesXlsx(ctx, query)),
  }),
  implement(city.reportDocx, {
    handler: async ({ ctx, query, reply }) => file(reply, DOCX, await cityReportDocx(ctx, query.year)),
  }),
  implement(city.commune, {
    handler: ({ ctx, params, query, reply }) => counted(reply, () => communePage(ctx, params.id, query.year)),
  }),
  implement(city.appraisals, { handler: ({ ctx, query }) => appraisalQueue(ctx, query) }),
  implement(city.returnAssessment, {
    handler: ({ ctx, params, body }) => returnAssessment(ctx, params.id, body.request),
  }),
  implement(city.resubmit, { handler: ({ ctx, params, body }) => resubmitAssessment(ctx, params.id, body) }),
  implement(city.rounds, { handler: ({ ctx, params }) => listRounds(ctx, params.id) }),
  implement(city.cityYear.get, { handler: ({ ctx, params }) => getCityYear(ctx, params.year) }),
  implement(city.cityYear.save, { handler: ({ ctx, params, body }) => saveCityYear(ctx, params.year, body) }),
  implement(city.publicCity, {
    handler: ({ ctx, params, query }) => publicCity(ctx, params.code, query.year),
  }),
];
