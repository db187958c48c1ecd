// How busy the machine was besides the bench: other processes' share of every core during a run, from /proc (Linux), so figures taken on a shared machine say so.
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';

/** Jiffies every core spent busy since boot: /proc/stat's first line, less idle and iowait. */
function busyJiffies(): number {
  const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = fields as number[];
  return user! + nice! + system! + irq! + softirq! + steal!;
}

/** Jiffies a process and its threads spent on the CPU since it started (utime + stime of /proc/PID/stat). */
function processJiffies(pid: number): number {
  // The command name may hold spaces: fields are counted from after its closing parenthesis.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/**
 * Starts counting; `stop()` answers the share of the machine's CPU (0 to 1, every core counted)
 * that processes other than these spent busy meanwhile. Our processes must still be running at stop.
 */
export function cpuBesides(pids: number[]): { stop: () => number } {
  const ours = () => pids.reduce((sum, pid) => sum + processJiffies(pid), 0);
  const started = { busy: busyJiffies(), ours: ours(), at: performance.now() };
  return {
    stop() {
      const seconds = (performance.now() - started.at) / 1000;
      const others = busyJiffies() - started.busy - (ours() - started.ours);
      return Math.max(0, others / 100 / seconds / cpus().length);
    },
  };
}
