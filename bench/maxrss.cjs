// Preloaded (`node -r bench/maxrss.cjs ...`) into every process the bench times:
// at exit, prints the process's peak resident memory on stderr, so the bench
// can compare each reader's memory with the floor's without any tool beyond node.
process.on('exit', () => {
  process.stderr.write(`\nbench-maxrss-kb=${process.resourceUsage().maxRSS}\n`);
});
