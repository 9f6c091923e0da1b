import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { listOf } from '../../../domain/common.js';
import { apiTokenSchema, userSchema, type apiTokenInput, type userInput, type userUpdate } from '../../../domain/organisation.js';
import type { Role } from '../../../domain/roles.js';
import { get, send, sendNoContent } from '../../api/client.js';

export type UserInput = z.infer<typeof userInput>;
export type UserUpdate = z.infer<typeof userUpdate>;
export type ApiToken = z.infer<typeof apiTokenSchema>;
const issuedToken = apiTokenSchema.extend({ token: z.string() });
export type IssuedToken = z.infer<typeof issuedToken>;

export interface UserFilter {
  q?: string;
  role?: Role;
  limit: number;
  offset: number;
}

export const userKeys = {
  all: ['users'] as const,
  list: (filter: UserFilter) => ['users', 'list', filter] as const,
  one: (id: number) => ['users', 'one', id] as const,
  tokens: (id: number) => ['users', 'tokens', id] as const,
};

export function useUsers(filter: UserFilter, isEnabled = true) {
  return useQuery({
    queryKey: userKeys.list(filter),
    queryFn: ({ signal }) => get('/api/v1/users', listOf(userSchema), { ...filter }, signal),
    placeholderData: keepPreviousData,
    enabled: isEnabled,
  });
}

export function useUser(id: number) {
  return useQuery({
    queryKey: userKeys.one(id),
    queryFn: ({ signal }) => get(`/api/v1/users/${id}`, userSchema, undefined, signal),
  });
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UserInput) => send('POST', '/api/v1/users', body, userSchema),
    onSuccess: async (user) => {
      queryClient.setQueryData(userKeys.one(user.id), user);
      await queryClient.invalidateQueries({ queryKey: userKeys.all, predicate: (q) => q.queryKey[1] === 'list' });
    },
  });
}

export function useUpdateUser(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UserUpdate) => send('PATCH', `/api/v1/users/${id}`, body, userSchema),
    onSuccess: async (user) => {
      queryClient.setQueryData(userKeys.one(id), user);
      await queryClient.invalidateQueries({ queryKey: userKeys.all, predicate: (q) => q.queryKey[1] === 'list' });
    },
  });
}

export function useApiTokens(userId: number) {
  return useQuery({
    queryKey: userKeys.tokens(userId),
    queryFn: ({ signal }) => get(`/api/v1/users/${userId}/tokens`, z.object({ items: z.array(apiTokenSchema) }), undefined, signal),
    select: (data) => data.items,
  });
}

export function useIssueToken(userId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: z.infer<typeof apiTokenInput>) => send('POST', `/api/v1/users/${userId}/tokens`, body, issuedToken),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.tokens(userId) }),
  });
}

export function useRevokeToken(userId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (tokenId: number) => sendNoContent('DELETE', `/api/v1/users/${userId}/tokens/${tokenId}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.tokens(userId) }),
  });
}
