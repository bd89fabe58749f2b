/**
 * Summarises a V8 CPU profile (`node --cpu-prof` writes *.cpuprofile) without a viewer:
 * self time by function and by place (a package of node_modules, a file of ours, node's own
 * code, the garbage collector, idle), and total time (self + callees) of the functions that
 * take most. `npx tsx bench/profile-summary.ts FILE.cpuprofile [top=25]`
 *
 * Used by `bench/profile.ts`; the findings are in bench/README.md.
 */
import { readFileSync } from 'node:fs';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileSummary {
  totalMs: number;
  /** Time the main thread had nothing to do. */
  idleMs: number;
  byPlace: { place: string; selfMs: number; share: number }[];
  bySelf: { frame: string; selfMs: number; share: number }[];
  byTotal: { frame: string; totalMs: number; share: number }[];
}

/** Where a frame's code lives: a package, one of our folders, node itself, or V8's pseudo frames. */
export function placeOf(url: string, functionName: string): string {
  if (!url) {
    if (functionName === '(garbage collector)') return '(garbage collector)';
    if (functionName === '(idle)') return '(idle)';
    if (functionName === '(program)') return '(program: V8 and native)';
    return `(native) ${functionName || 'anonymous'}`;
  }
  if (url.startsWith('node:')) return url;
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + '/node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  const ours = url.match(/\/(apps\/server\/src\/.*|packages\/[^/]+\/src\/.*)$/);
  if (ours) return ours[1]!.replace(/\?.*$/, '');
  return url;
}

function frameName(f: CallFrame): string {
  const place = placeOf(f.url, f.functionName);
  if (!f.url) return place;
  return `${f.functionName || '(anonymous)'} ${place}:${f.lineNumber + 1}`;
}

export function summarise(profile: CpuProfile, top = 25): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfUs = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i]!;
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  let totalUs = 0;
  let idleUs = 0;
  const place = new Map<string, number>();
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const node = byId.get(id)!;
    totalUs += us;
    if (node.callFrame.functionName === '(idle)') idleUs += us;
    const p = placeOf(node.callFrame.url, node.callFrame.functionName);
    place.set(p, (place.get(p) ?? 0) + us);
    const f = frameName(node.callFrame);
    self.set(f, (self.get(f) ?? 0) + us);
    // total: every distinct frame on this sample's stack gets the time once
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const name = frameName(byId.get(at)!.callFrame);
      if (seen.has(name)) continue;
      seen.add(name);
      total.set(name, (total.get(name) ?? 0) + us);
    }
  }
  const busyUs = totalUs - idleUs;
  const rank = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]);
  const share = (us: number) => (busyUs > 0 ? us / busyUs : 0);
  return {
    totalMs: totalUs / 1000,
    idleMs: idleUs / 1000,
    byPlace: rank(place)
      .filter(([p]) => p !== '(idle)')
      .slice(0, top)
      .map(([p, us]) => ({ place: p, selfMs: us / 1000, share: share(us) })),
    bySelf: rank(self)
      .filter(([f]) => f !== '(idle)')
      .slice(0, top)
      .map(([frame, us]) => ({ frame, selfMs: us / 1000, share: share(us) })),
    byTotal: rank(total)
      .filter(([f]) => !f.startsWith('(root)') && f !== '(idle)' && !f.startsWith('(native) (root)'))
      .slice(0, top)
      .map(([frame, us]) => ({ frame, totalMs: us / 1000, share: share(us) })),
  };
}

export function printSummary(s: ProfileSummary, title: string, requests?: number): void {
  const busy = s.totalMs - s.idleMs;
  const perRequest = requests
    ? `, ${((busy * 1000) / requests).toFixed(0)} µs of main-thread CPU per request`
    : '';
  console.log(
    `\n${title}: ${(s.totalMs / 1000).toFixed(1)} s profiled, busy ${(busy / 1000).toFixed(1)} s (${((busy / s.totalMs) * 100).toFixed(0)}%)${perRequest}`,
  );
  const pct = (x: number) => `${(x * 100).toFixed(1).padStart(5)}%`;
  console.log('  self time by place:');
  for (const r of s.byPlace.slice(0, 15)) console.log(`    ${pct(r.share)}  ${r.place}`);
  console.log('  self time by function:');
  for (const r of s.bySelf.slice(0, 20)) console.log(`    ${pct(r.share)}  ${r.frame}`);
  console.log('  total time (self + callees):');
  for (const r of s.byTotal.slice(0, 25)) console.log(`    ${pct(r.share)}  ${r.frame}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: tsx bench/profile-summary.ts FILE.cpuprofile [top]');
    process.exit(2);
  }
  const top = Number(process.argv[3] ?? 25);
  printSummary(summarise(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, top), file);
}
