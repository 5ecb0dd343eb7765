/**
 * A progress bar on stderr for long work; on a non-terminal (CI, a pipe) one line per step
 * instead, so that logs stay readable.
 */
export const progress = (label: string) => {
  const tty = process.stderr.isTTY === true
  let lastLine = -1
  return {
    update: (done: number, total: number) => {
      if (total <= 0) return
      const share = Math.min(1, done / total)
      if (tty) {
        const width = 30
        const filled = Math.round(share * width)
        process.stderr.write(`\r${label} [${"█".repeat(filled)}${"░".repeat(width - filled)}] ${done}/${total}`)
        if (done >= total) process.stderr.write("\n")
      } else {
        const decile = Math.floor(share * 10)
        if (decile !== lastLine) {
          lastLine = decile
          process.stderr.write(`${label}: ${done}/${total}\n`)
        }
      }
    },
    step: (text: string) => process.stderr.write(`${label}: ${text}\n`)
  }
}
