// autocannon setupRequest (runs in its worker): every request is a new rating with its own
// client id and dossier code, as a queue of citizens at the counters would send.
const { randomUUID } = require('node:crypto');

module.exports = (req) => {
  const id = randomUUID();
  req.body = JSON.stringify({
    communeCode: 'HP-BINHGIANG',
    clientId: id,
    dossierCode: `BENCH-${id.slice(0, 23)}`,
    score: 1 + (id.charCodeAt(0) % 5),
    channel: 'qr',
  });
  return req;
};
