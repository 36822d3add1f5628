/**
 * Runs `callback` in a task after the browser has painted the next frame: a timeout posted from
 * an animation frame callback runs once that frame is drawn. Returns a function that cancels it.
 */
export function afterNextPaint(callback: () => void): () => void {
  let timeout: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => {
    timeout = setTimeout(callback, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timeout);
  };
}
