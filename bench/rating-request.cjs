// autocannon setupRequest (runs in its worker): every request is a new rating with its own
// client id and dossier code, as a queue of citizens at the counters would send. The dossier
// codes of one measured run share BENCH_RATING_PREFIX, so the run counts what it stored.
const { randomUUID } = require('node:crypto');

const prefix = process.env.BENCH_RATING_PREFIX || 'BENCH';

module.exports = (req) => {
  const id = randomUUID();
  req.body = JSON.stringify({
    communeCode: 'HP-BINHGIANG',
    clientId: id,
    dossierCode: `${prefix}-${id.slice(0, 23)}`,
    score: 1 + (id.charCodeAt(0) % 5),
    channel: 'qr',
  });
  return req;
};
