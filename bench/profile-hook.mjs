// Loaded with `node --import ./bench/profile-hook.mjs` by bench/profile.ts: the first SIGUSR2
// starts V8's CPU profiler in this process, the next one stops it and writes the profile to
// $CQTT_PROFILE_DIR/<n>.cpuprofile, then prints "profile written <file>" on stderr. So a
// profile covers exactly the load, not the start (module loading, migrations, demo data).
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';

const dir = process.env.CQTT_PROFILE_DIR ?? '.';
const session = new Session();
session.connect();
let running = false;
let n = 0;

const post = (method, params) =>
  new Promise((resolve, reject) =>
    session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result))),
  );

process.on('SIGUSR2', async () => {
  if (!running) {
    running = true;
    await post('Profiler.enable');
    await post('Profiler.setSamplingInterval', { interval: 250 });
    await post('Profiler.start');
    process.stderr.write('profile started\n');
    return;
  }
  running = false;
  const { profile } = await post('Profiler.stop');
  const file = join(dir, `${++n}.cpuprofile`);
  writeFileSync(file, JSON.stringify(profile));
  process.stderr.write(`profile written ${file}\n`);
});
