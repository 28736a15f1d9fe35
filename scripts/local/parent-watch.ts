/**
 * Notices when the process that started this one has gone: an orphan is re-parented (to init or a
 * subreaper), so its parent pid changes. Node has no parent-death signal, so this polls; the timer
 * never keeps the process alive.
 */
export function watchParent(onGone: () => void, intervalMs = 250): () => void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    onGone();
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
