import { readdirSync, readFileSync } from 'node:fs';

/** Linux /proc readings of the server process. */

function parentOf(pid: number): number | undefined {
  try {
    // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may hold spaces and parentheses, so read after the last ")".
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

function childrenOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((candidate) => parentOf(candidate) === pid);
}

export function commandLine(pid: number): string {
  return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
}

/**
 * The process that actually serves: startServer spawns tsx's CLI, which runs `script` in a child node process
 * of its own (and that one starts an esbuild service). Returns the deepest descendant of `pid`, itself
 * included, whose command line runs `script`.
 */
export function servingProcess(pid: number, script = 'server/main.ts'): number {
  let found = pid;
  let level = [pid];
  for (let depth = 0; depth < 6 && level.length > 0; depth++) {
    const runsScript = level.filter((candidate) => {
      try {
        return commandLine(candidate).includes(script);
      } catch {
        return false;
      }
    });
    if (runsScript.length > 0) found = runsScript[0]!;
    level = level.flatMap(childrenOf);
  }
  return found;
}

/** Resident and peak resident memory of a process, in bytes, from /proc/<pid>/status. */
export function memory(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => {
    const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status);
    if (!match) throw new Error(`/proc/${pid}/status has no ${name}`);
    return Number(match[1]) * 1024;
  };
  return { rss: field('VmRSS'), hwm: field('VmHWM') };
}
