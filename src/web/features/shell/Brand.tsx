import { Link } from 'react-router';

/** The Lantern name and mark, linking home. */
export function Brand() {
  return (
    <Link className="brand" to="/">
      <svg className="brand__mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
        <path d="M12 5h8v3h-8z" fill="currentColor" />
        <path d="M10 9h12l-1 15H11z" fill="currentColor" />
        <path d="M13.2 12.5h5.6l-.6 8h-4.4z" fill="#0b3a5c" />
        <path d="M9 25h14v2.5H9z" fill="currentColor" />
      </svg>
      <span className="brand__name">Lantern</span>
    </Link>
  );
}
