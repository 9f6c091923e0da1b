import type { ReactNode } from 'react';
import { assuranceLabels, mdcColours, variationLabels } from './spcWords.js';
import type { AssuranceIcon as Assurance, VariationIcon as Variation } from './types.js';

const ink = '#1b1f23';

interface IconFrameProps {
  colour: string;
  label: string;
  /** Show the words beside the icon (otherwise they are for screen readers only). */
  isLabelShown?: boolean;
  size?: number;
  children: ReactNode;
}

function IconFrame({ colour, label, isLabelShown = false, size = 32, children }: IconFrameProps) {
  return (
    <span className="spc-icon">
      <svg className="spc-icon__graphic" width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
        <circle cx="16" cy="16" r="15" fill={colour} stroke={ink} strokeOpacity="0.35" strokeWidth="1" />
        {children}
      </svg>
      <span className={isLabelShown ? 'spc-icon__label' : 'visually-hidden'}>{label}</span>
    </span>
  );
}

function Letter({ children, fill, y = 21 }: { children: string; fill: string; y?: number }) {
  return (
    <text x="16" y={y} textAnchor="middle" fontSize="14" fontWeight="700" fontFamily="system-ui, Arial, sans-serif" fill={fill}>{children}</text>
  );
}

const upArrow = (fill: string) => <path d="M16 4 L20.5 9 H11.5 Z" fill={fill} />;
const downArrow = (fill: string) => <path d="M16 28 L20.5 23 H11.5 Z" fill={fill} />;

/** The Making Data Count variation icon for the latest point, with its meaning in words. */
export function VariationIcon({ icon, isLabelShown, size }: { icon: Variation; isLabelShown?: boolean; size?: number }) {
  const label = variationLabels[icon];
  if (icon === 'common_cause') {
    return (
      <IconFrame colour={mdcColours.common} label={label} isLabelShown={isLabelShown} size={size}>
        <path d="M6 16 H26" stroke={ink} strokeWidth="1.5" />
        {[9, 16, 23].map((x) => <circle key={x} cx={x} cy="16" r="2.5" fill={ink} />)}
      </IconFrame>
    );
  }
  const [kind, side] = icon.split('_') as ['improvement' | 'concern' | 'neutral', 'high' | 'low'];
  const fill = kind === 'neutral' ? '#ffffff' : ink;
  return (
    <IconFrame colour={mdcColours[kind]} label={label} isLabelShown={isLabelShown} size={size}>
      {side === 'high' ? upArrow(fill) : downArrow(fill)}
      <Letter fill={fill} y={side === 'high' ? 24 : 18.5}>{side === 'high' ? 'H' : 'L'}</Letter>
    </IconFrame>
  );
}

/** The Making Data Count assurance icon (target against the limits), with its meaning in words. */
export function AssuranceIcon({ icon, isLabelShown, size }: { icon: Assurance; isLabelShown?: boolean; size?: number }) {
  const label = assuranceLabels[icon];
  if (icon === 'hit_and_miss') {
    return (
      <IconFrame colour={mdcColours.common} label={label} isLabelShown={isLabelShown} size={size}>
        <path d="M7 17 C10 11, 13 11, 16 16 S22 21, 25 15" fill="none" stroke={ink} strokeWidth="2.5" strokeLinecap="round" />
      </IconFrame>
    );
  }
  return (
    <IconFrame colour={icon === 'pass' ? mdcColours.improvement : mdcColours.concern} label={label} isLabelShown={isLabelShown} size={size}>
      <Letter fill={ink}>{icon === 'pass' ? 'P' : 'F'}</Letter>
    </IconFrame>
  );
}
