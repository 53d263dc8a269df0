// Preloaded (`node -r bench/usage.cjs ...`) into every process the bench times
// for more than its wall time: at exit, prints on stderr the process's peak
// resident memory and the CPU time it used (user + system, every thread, from
// the exec on: getrusage covers Node's own start too). CPU time barely depends
// on how busy the machine is, so a loaded machine still shows whether a target
// is met; no tool beyond node is needed.
process.on('exit', () => {
  const { maxRSS, userCPUTime, systemCPUTime } = process.resourceUsage();
  process.stderr.write(
    `\nbench-maxrss-kb=${maxRSS}\nbench-cpu-us=${userCPUTime + systemCPUTime}\n`,
  );
});
