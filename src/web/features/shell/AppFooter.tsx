/** The footer: what Lantern is, and where the API is described. */
export function AppFooter() {
  return (
    <footer className="app-footer">
      <div className="width-container app-footer__inner">
        <p>Lantern: safeguarding that learns.</p>
        <p>
          <a href="/api/docs">API documentation</a>
        </p>
      </div>
    </footer>
  );
}
