import { HomeOverview } from '../features/home/HomeOverview.js';

export function HomePage() {
  return <HomeOverview />;
}
