import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';

export type MachineInfo = { cpus: number; cpuModel: string; node: string; platform: string; memoryGb: number };

/** The machine figures are measured on: core count, CPU model (from /proc/cpuinfo when there is one), Node. */
export function machineInfo(): MachineInfo {
  let cpuModel = os.cpus()[0]?.model ?? 'unknown';
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8').split('\n').find((l) => l.startsWith('model name'));
    if (line) cpuModel = line.split(':')[1]!.trim();
  } catch {
    // not Linux: os.cpus() is good enough
  }
  let cpus = os.availableParallelism();
  try {
    cpus = Number(execFileSync('nproc', { encoding: 'utf8' }).trim()) || cpus;
  } catch {
    // no nproc: availableParallelism() is the same figure
  }
  return { cpus, cpuModel, node: process.version, platform: `${process.platform}-${process.arch}`, memoryGb: Math.round(os.totalmem() / 2 ** 30) };
}

/** `uptime`'s load averages (1, 5, 15 minutes): how busy the machine was while measuring. */
export function loadAverage(): string {
  return os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(', ');
}

/** The 1-minute load average alone, printed beside each figure the bench takes. */
export function oneMinuteLoad(): number {
  return os.loadavg()[0]!;
}

/**
 * Waits (at most `maxMs`) until the 1-minute load average is below `below`, so figures are taken on a
 * quiet machine (the house rule) even right after other work, such as CI's test steps. Returns the load
 * average it stopped at and whether it got there.
 */
export async function waitForQuietMachine({ below = 1.5, maxMs = 180_000, pollMs = 5_000 }: { below?: number; maxMs?: number; pollMs?: number } = {}) {
  const deadline = Date.now() + maxMs;
  while (oneMinuteLoad() >= below && Date.now() < deadline) await new Promise((r) => setTimeout(r, pollMs));
  return { quiet: oneMinuteLoad() < below, loadAverage: loadAverage() };
}
