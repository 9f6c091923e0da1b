import type { User } from '../../../domain/organisation.js';

/** Which services an account can see, in a few words. */
export function scopeText(user: Pick<User, 'role' | 'allServices' | 'services'>): string {
  if (user.role === 'commissioner') return 'Services its commissioner pays for';
  if (user.allServices) return 'All services';
  if (user.services.length === 0) return 'No services yet';
  return user.services.map((s) => s.name).join(', ');
}
