// Preloaded (`node --require`) into a service process when a benchmark runs with
// BENCH_MEMORY_LIMIT_MIB (see serviceEnv in bench/lib.mjs): before the app loads, the process moves
// itself into a memory cgroup of that size, as the container's memory limit would hold it; past the
// limit the kernel kills it (OOM), which fails the run. The heap flag comes with it in NODE_OPTIONS.
// Needs a writable cgroup memory controller (v2 with `memory` enabled, or v1), i.e. root here.
'use strict';
const { existsSync, mkdirSync, readFileSync, writeFileSync } = require('node:fs');
const path = require('node:path');

const limitMib = Number(process.env.BENCH_MEMORY_LIMIT_MIB);
if (!Number.isInteger(limitMib) || limitMib <= 0) throw new Error(`BENCH_MEMORY_LIMIT_MIB must be a whole number of MiB, not ${process.env.BENCH_MEMORY_LIMIT_MIB}`);
const bytes = String(limitMib * 1024 * 1024);

function cgroupV2() {
  for (const mount of ['/sys/fs/cgroup', '/sys/fs/cgroup/unified']) {
    const controllers = path.join(mount, 'cgroup.controllers');
    if (existsSync(controllers) && readFileSync(controllers, 'utf8').split(/\s+/).includes('memory')) {
      return { dir: path.join(mount, `pathwise-bench-${process.pid}`), limitFile: 'memory.max', swapFile: 'memory.swap.max' };
    }
  }
  return undefined;
}

function cgroupV1() {
  const mount = '/sys/fs/cgroup/memory';
  if (!existsSync(path.join(mount, 'memory.limit_in_bytes'))) return undefined;
  return { dir: path.join(mount, `pathwise-bench-${process.pid}`), limitFile: 'memory.limit_in_bytes' };
}

const group = cgroupV2() ?? cgroupV1();
if (!group) throw new Error('no writable cgroup memory controller: a memory-limited benchmark cannot run here');
mkdirSync(group.dir, { recursive: true });
writeFileSync(path.join(group.dir, group.limitFile), bytes);
// Swap would let a process past its limit instead of being killed; containers run without it.
if (group.swapFile && existsSync(path.join(group.dir, group.swapFile))) writeFileSync(path.join(group.dir, group.swapFile), '0');
writeFileSync(path.join(group.dir, 'cgroup.procs'), String(process.pid));
// The empty group is removed by whoever ran the benchmark (bench:memory sweeps them).
