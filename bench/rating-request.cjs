// autocannon setupRequest (runs in its worker): every request is a new rating with its own
// client id and its own dossier code, as a queue of citizens at the counters would send. Only a
// code the commune holds counts as one, so the bench seeds dossiers BENCH-<prefix>-1, -2, … and
// names the prefix of each run in BENCH_DOSSIER_PREFIX (one worker per run, so the count is
// the worker's own).
const { randomUUID } = require('node:crypto');

const prefix = process.env.BENCH_DOSSIER_PREFIX ?? 'X';
let n = 0;

module.exports = (req) => {
  const id = randomUUID();
  req.body = JSON.stringify({
    communeCode: 'HP-BINHGIANG',
    clientId: id,
    dossierCode: `BENCH-${prefix}-${++n}`,
    score: 1 + (id.charCodeAt(0) % 5),
    channel: 'qr',
  });
  return req;
};
