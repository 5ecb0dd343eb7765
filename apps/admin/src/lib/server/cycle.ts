import type { User } from "@sukoyaka/core"

/**
 * Which of the open cycle's tasks the home page lists, as the dashboard's query asks them: for an
 * admin the late and due-soon reviews of every agency, for an editor its own agencies' reviews still
 * to do ("your tasks"); none for a viewer.
 */
export const taskQueryFor = (user: User | null | undefined): { standing?: string; mine?: "true" } => {
  if (!user || user.role === "viewer") return {}
  return user.role === "admin" ? { standing: "late,dueSoon" } : { standing: "late,dueSoon,open", mine: "true" }
}

/** The lists the home page shows: none for a viewer, nor while no cycle is open (the API's `tasks: null`). */
export const cycleLists = <C, T>(
  user: User | null | undefined,
  tasks: { readonly cycle: C; readonly today: string; readonly tasks: T } | null
) =>
  !user || user.role === "viewer" || tasks === null
    ? null
    : { role: user.role, cycle: tasks.cycle, today: tasks.today, tasks: tasks.tasks }
