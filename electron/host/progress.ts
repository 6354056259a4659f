/**
 * Plain progress for the admin command: a redrawn bar on a terminal, and a line
 * per step (and every tenth) when the output goes to a file or a scheduled task.
 */
export function createProgress(out: NodeJS.WriteStream = process.stdout): {
  update(step: string, done: number, total: number): void;
  finish(): void;
} {
  const tty = out.isTTY === true;
  let lastStep = '';
  let lastTenth = -1;
  let drawn = false;
  return {
    update(step, done, total) {
      const fraction = total > 0 ? Math.min(1, done / total) : 1;
      const percent = Math.floor(fraction * 100);
      if (tty) {
        const width = 30;
        const filled = Math.round(fraction * width);
        out.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(percent).padStart(3)}% ${step.padEnd(40).slice(0, 40)}`);
        drawn = true;
        return;
      }
      const tenth = Math.floor(percent / 10);
      if (step !== lastStep || tenth !== lastTenth) {
        out.write(`${String(percent).padStart(3)}% ${step}\n`);
        lastStep = step;
        lastTenth = tenth;
      }
    },
    finish() {
      if (tty && drawn) out.write('\n');
    },
  };
}
