import { Link } from 'react-router';
import { PageHeader } from '../components/PageHeader.js';

export function NotFoundPage() {
  return (
    <>
      <PageHeader title="Page not found" />
      <p>If you typed the web address, check it is correct. If you followed a link, the page may have moved.</p>
      <p><Link to="/">Go to your start page</Link></p>
    </>
  );
}
