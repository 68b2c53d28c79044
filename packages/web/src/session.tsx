/** The signed-in key and project, kept in localStorage, shared through context. */
import { createContext, useContext } from "react";
import type { Api } from "./api/client.js";
import type { Me } from "./api/types.js";

export interface SessionState {
  api: Api;
  me: Me | null;
  signOut(): void;
  switchProject(id: string): void;
}

export const AuthContext = createContext<SessionState | null>(null);

export function useAuth(): SessionState {
  const s = useContext(AuthContext);
  if (!s) throw new Error("useAuth outside the signed-in app");
  return s;
}

export const STORAGE = { key: "hh.apiKey", project: "hh.projectId", theme: "hh.theme" } as const;
