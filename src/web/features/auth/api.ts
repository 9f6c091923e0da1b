import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { meResponse, signInResponse, type SignInBody } from '../../../domain/auth.js';
import type { changePasswordBody } from '../../../domain/auth.js';
import { get, send, sendNoContent, setCsrfToken } from '../../api/client.js';

export const meKey = ['me'] as const;

/** The signed-in user, their CSRF token and services; the token is kept for every later change. */
export function useMe() {
  return useQuery({
    queryKey: meKey,
    queryFn: async ({ signal }) => {
      const me = await get('/api/v1/me', meResponse, undefined, signal);
      setCsrfToken(me.csrfToken);
      return me;
    },
    staleTime: 5 * 60_000,
    retry: false,
  });
}

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SignInBody) => send('POST', '/api/v1/auth/sign-in', body, signInResponse),
    onSuccess: (result) => {
      // Another person may have used this browser: forget everything cached for them.
      queryClient.clear();
      setCsrfToken(result.csrfToken);
    },
  });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => sendNoContent('POST', '/api/v1/auth/sign-out'),
    onSettled: () => {
      setCsrfToken(null);
      queryClient.clear();
    },
  });
}

export function useChangePassword() {
  return useMutation({
    mutationFn: (body: z.infer<typeof changePasswordBody>) => sendNoContent('POST', '/api/v1/auth/password', body),
  });
}
