import { clamp01, strengthText } from './format.js';

/** "Strong (0.92)" in words, with a bar beside it that only repeats what the words say. */
export function Strength({ value }: { value: number }) {
  return (
    <span className="pattern-strength">
      <span className="pattern-strength__text">{strengthText(value)}</span>
      <span className="pattern-strength__bar" aria-hidden="true">
        <span className="pattern-strength__fill" style={{ width: `${Math.round(clamp01(value) * 100)}%` }} />
      </span>
    </span>
  );
}
