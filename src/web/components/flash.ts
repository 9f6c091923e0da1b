import { useLocation } from 'react-router';

/** Navigation state that carries a one-line confirmation to the next page ("Person added"). */
export interface FlashState {
  flash: string;
}

export const withFlash = (flash: string): { state: FlashState } => ({ state: { flash } });

/** The confirmation the previous page left for this one, if any. */
export function useFlash(): string | null {
  const state = useLocation().state as Partial<FlashState> | null;
  const flash = state?.flash;
  return typeof flash === 'string' ? flash : null;
}
