/**
 * What a process costs, read from /proc (Linux): CPU time (user + system, children it has
 * waited for included) and resident memory. Used to give each figure its CPU per request, which
 * depends far less on what else the machine runs than requests per second do.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // getconf CLK_TCK on Linux

/** CPU milliseconds of a process, with its reaped children; null when it is gone. */
export function cpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the command name may hold spaces: the fields start after the last ')'
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime, stime, cutime, cstime are fields 14-17 of stat, so 11-14 after the name
    const ticks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0);
    return (ticks * 1000) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

export function childPids(pid: number): number[] {
  const out: number[] = [];
  try {
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const file = `/proc/${pid}/task/${task}/children`;
      if (!existsSync(file)) continue;
      for (const c of readFileSync(file, 'utf8').trim().split(/\s+/)) if (c) out.push(Number(c));
    }
  } catch {
    // gone
  }
  return out;
}

/** CPU milliseconds of a process and all its live descendants (a PostgreSQL server and its backends). */
export function treeCpuMs(pid: number): number {
  let total = cpuMs(pid) ?? 0;
  for (const c of childPids(pid)) total += treeCpuMs(c);
  return total;
}

/** Resident memory (VmRSS) of a process in MB; null when it is gone. */
export function rssMb(pid: number): number | null {
  try {
    const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** The first descendant of pid whose command line contains `needle` (the server under `npm start`). */
export function findDescendant(pid: number, needle: string): number | null {
  for (const c of childPids(pid)) {
    try {
      if (readFileSync(`/proc/${c}/cmdline`, 'utf8').includes(needle)) return c;
    } catch {
      continue;
    }
    const deeper = findDescendant(c, needle);
    if (deeper) return deeper;
  }
  return null;
}
