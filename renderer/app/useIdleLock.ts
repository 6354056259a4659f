import { useEffect } from 'react';
import { lockNow } from './session-store';

const ACTIVITY = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;

/** Locks the screen after the clinic's idle time; the main process enforces the same limit. */
export function useIdleLock(minutes: number, active: boolean): void {
  useEffect(() => {
    if (!active) return;
    let timer = window.setTimeout(() => void lockNow(), minutes * 60_000);
    const reset = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => void lockNow(), minutes * 60_000);
    };
    for (const event of ACTIVITY) window.addEventListener(event, reset, { passive: true });
    return () => {
      window.clearTimeout(timer);
      for (const event of ACTIVITY) window.removeEventListener(event, reset);
    };
  }, [minutes, active]);
}
