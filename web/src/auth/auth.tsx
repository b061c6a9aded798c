import { createContext, useContext, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Role } from '../../../core/enums.ts';
import { api, ApiError } from '../api/client.ts';
import type { Me } from '../api/types.ts';

interface AuthState {
  me: Me | null;
  isLoading: boolean;
  hasRole(...roles: Role[]): boolean;
  logIn(login: string, password: string): Promise<void>;
  logOut(): Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const { data, isLoading } = useQuery({
    queryKey: ['me'],
    queryFn: async () => {
      try {
        return await api.get<Me>('/api/auth/me');
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
  const me = data ?? null;
  // Another user's cached data must not show after a switch; the `me` query stays, observed by this provider.
  const forgetOtherUsersData = () => client.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
  const state: AuthState = {
    me,
    isLoading,
    hasRole: (...roles) => Boolean(me?.roles.some((g) => roles.includes(g.role))),
    async logIn(login, password) {
      const result = await api.post<{ user: Me }>('/api/auth/login', { login, password });
      forgetOtherUsersData();
      client.setQueryData(['me'], result.user);
    },
    async logOut() {
      await api.post('/api/auth/logout');
      forgetOtherUsersData();
      client.setQueryData(['me'], null);
    },
  };
  return <AuthContext.Provider value={state}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}
