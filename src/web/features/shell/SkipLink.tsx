/** The first thing a keyboard user reaches: jump past the header and navigation. */
export function SkipLink() {
  return <a className="skip-link" href="#main-content">Skip to main content</a>;
}
