// autocannon setupRequest (runs in its worker): every request is a new rating with its own
// client id and its own dossier code, as a queue of citizens at the counters would send. Only a
// code the commune holds counts as one, so a bench seeds the dossiers <prefix>-1, -2, … first:
// BENCH_DOSSIER_PREFIX=W gives BENCH-W-n (bench/satisfaction.ts), BENCH_RATING_PREFIX=P gives
// P-n (bench/run.ts, which counts what a run stored by its prefix). One worker per run, so the
// count is the worker's own.
const { randomUUID } = require('node:crypto');

const prefix = process.env.BENCH_DOSSIER_PREFIX
  ? `BENCH-${process.env.BENCH_DOSSIER_PREFIX}`
  : process.env.BENCH_RATING_PREFIX || 'BENCH-X';
let n = 0;

module.exports = (req) => {
  const id = randomUUID();
  req.body = JSON.stringify({
    communeCode: 'HP-BINHGIANG',
    clientId: id,
    dossierCode: `${prefix}-${++n}`,
    score: 1 + (id.charCodeAt(0) % 5),
    channel: 'qr',
  });
  return req;
};
